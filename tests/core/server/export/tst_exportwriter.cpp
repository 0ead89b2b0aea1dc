#include "StoreTestSupport.h"
#include "TestPackages.h"
#include "TestSupport.h"

#include "server/export/ExportWriter.h"
#include "server/store/EscrowStore.h"

#include <QBuffer>
#include <QRegularExpression>
#include <QTest>
#include <QUuid>
#include <QXmlStreamReader>

#include <memory>

using namespace prov;
using namespace prov::server;

namespace {

struct ExportedDevice
{
    QXmlStreamAttributes attributes;
    QString rootKey;
    QXmlStreamAttributes rootKeyAttributes;
    QList<QXmlStreamAttributes> apps;
};

struct ParsedExport
{
    QXmlStreamAttributes root;
    QXmlStreamAttributes selection;
    QList<ExportedDevice> devices;
    QString error;
};

ParsedExport parseExport(const QByteArray &xml)
{
    ParsedExport parsed;
    QXmlStreamReader reader(xml);
    while (reader.readNextStartElement()) {
        if (reader.name() == u"deviceKeys") {
            parsed.root = reader.attributes();
            continue; // descend
        }
        if (reader.name() == u"selection") {
            parsed.selection = reader.attributes();
            reader.skipCurrentElement();
        } else if (reader.name() == u"device") {
            ExportedDevice device;
            device.attributes = reader.attributes();
            while (reader.readNextStartElement()) {
                if (reader.name() == u"nodeRootKey") {
                    device.rootKeyAttributes = reader.attributes();
                    device.rootKey = reader.readElementText();
                } else {
                    device.apps.append(reader.attributes());
                    reader.skipCurrentElement();
                }
            }
            parsed.devices.append(device);
        } else {
            reader.skipCurrentElement();
        }
    }
    if (reader.hasError())
        parsed.error = reader.errorString();
    return parsed;
}

QString nodeIdsOf(const ParsedExport &parsed)
{
    QStringList ids;
    for (const ExportedDevice &device : parsed.devices)
        ids.append(device.attributes.value(QLatin1String("nodeId")).toString());
    return ids.join(u',');
}

} // namespace

class TestExportWriter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void initTestCase_data() { PROV_BOTH_ENGINES(); }
    void init();
    void cleanup();

    void fullExportValidatesAndDecrypts();
    void filtersSelectTheNewestRecordPerNode_data();
    void filtersSelectTheNewestRecordPerNode();
    void nodesWhoseLatestRecordIsNotDoneAreLeftOutAndNamed();
    void emptyExportIsValid();
    void streamInSmallStepsEqualsTheFile();
    void badRequestsAreRefused_data();
    void badRequestsAreRefused();
    void countAndRowsComeFromOneSnapshot();
    void largeExportCrossesCursorBatches();
    void utcSecondsAreFormattedLikeQDateTime_data();
    void utcSecondsAreFormattedLikeQDateTime();

private:
    void upload(quint32 node, quint32 batch, qint64 secondsAfterT0, const QByteArray &rootKey, bool done = true,
        ConfigId config = ConfigId(0x45), const QList<EscrowApp> &apps = {});
    [[nodiscard]] QByteArray encryptForKms(const QByteArray &key) const;
    [[nodiscard]] QByteArray decryptWithKms(const QByteArray &blob) const;
    [[nodiscard]] QString exportToFile(const ExportRequest &request, QString *error);
    [[nodiscard]] QString validate(const QString &path) const;

    QString m_kmsPem;
    QString m_kmsPublicPem;
    crypto::RsaPublicKey m_kms;
    QTemporaryDir m_keys;
    QDateTime m_t0 = QDateTime(QDate(2026, 11, 20), QTime(9, 0, 0), Qt::UTC);
    QHash<quint32, QByteArray> m_expectedKeys; ///< node -> the root key its export must decrypt to
    QHash<QByteArray, QByteArray> m_blobs; ///< root key -> its OAEP blob (openssl is slow to start)
    std::unique_ptr<test::ScratchStore> m_scratch;
    std::unique_ptr<ServerStore> m_store;
};

void TestExportWriter::initTestCase()
{
    // The KMS key pair is made by the openssl command, as the network operator would.
    m_kmsPem = m_keys.filePath(QStringLiteral("kms.pem"));
    m_kmsPublicPem = m_keys.filePath(QStringLiteral("kms_key.pub.pem"));
    auto generated = test::runProcess(test::opensslProgram(),
        {QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("RSA"), QStringLiteral("-pkeyopt"),
            QStringLiteral("rsa_keygen_bits:2048"), QStringLiteral("-out"), m_kmsPem});
    QVERIFY2(generated.exitCode == 0, generated.stdErr.constData());
    auto pub = test::runProcess(test::opensslProgram(),
        {QStringLiteral("pkey"), QStringLiteral("-in"), m_kmsPem, QStringLiteral("-pubout"), QStringLiteral("-out"),
            m_kmsPublicPem});
    QVERIFY2(pub.exitCode == 0, pub.stdErr.constData());
    auto key = crypto::RsaPublicKey::fromPem(test::readFile(m_kmsPublicPem));
    QVERIFY2(key, qPrintable(key ? QString() : key.error().message));
    m_kms = key.value();
}

void TestExportWriter::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_scratch = std::make_unique<test::ScratchStore>(engine);
    if (m_scratch->isSkipped())
        QSKIP(qPrintable(m_scratch->skipReason()));
    QVERIFY2(m_scratch->error().isEmpty(), qPrintable(m_scratch->error()));
    auto store = m_scratch->open();
    QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
    m_store = std::move(store.value());
    m_expectedKeys.clear();

    PackageStore::ImportOptions options;
    options.actor = QStringLiteral("cli:test");
    for (quint64 config : {quint64(0x45), quint64(0x46)}) {
        test::PackageSpec spec;
        spec.configId = config;
        spec.apps = QStringList {QStringLiteral("emcm"), QStringLiteral("meter")};
        if (config == 0x45)
            spec.aliases = QStringList {QStringLiteral("82JX570141")};
        auto imported = m_store->packages().import(
            test::makeVerifiedPackage(spec, m_kms, m_scratch->scratchDir() + QStringLiteral("/q%1").arg(config)),
            options);
        QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().message));
    }

    const auto key = [](char fill) {
        return QByteArray(16, fill);
    };
    upload(0x00010001, 1000, 0, key('a'));
    upload(0x00010002, 1002, 3600, key('b')); // replaced below
    upload(0x00010002, 1003, 7200, key('B'));
    upload(0x0001FFFF, 1005, 86400, key('c'), true, ConfigId(0x45),
        {{QStringLiteral("emcm"), QStringLiteral("0A1B2C3D"), QStringLiteral("00FF"), QStringLiteral("AB")},
            {QStringLiteral("meter"), QStringLiteral("1234"), QString(), QString()}});
    upload(0x00020001, 1000, 0, key('d'), false); // never verified: not exported
    // A station whose clock is fast, then one whose clock is slow: the record
    // that reached the server last is the node's key, whatever the clocks said.
    upload(0x00000005, 1000, 600, key('E'));
    upload(0x00000005, 1000, 300, key('e'));
    upload(0x00010001, 1000, 0, key('x'), true, ConfigId(0x46)); // another configuration
    m_expectedKeys.insert(0x00010001, key('a'));
    m_expectedKeys.insert(0x00010002, key('B'));
    m_expectedKeys.insert(0x0001FFFF, key('c'));
    m_expectedKeys.insert(0x00000005, key('e'));
}

void TestExportWriter::cleanup()
{
    m_store.reset();
    m_scratch.reset();
}

QByteArray TestExportWriter::encryptForKms(const QByteArray &key) const
{
    auto result = test::runProcess(test::opensslProgram(),
        {QStringLiteral("pkeyutl"), QStringLiteral("-encrypt"), QStringLiteral("-pubin"), QStringLiteral("-inkey"),
            m_kmsPublicPem, QStringLiteral("-pkeyopt"), QStringLiteral("rsa_padding_mode:oaep"),
            QStringLiteral("-pkeyopt"), QStringLiteral("rsa_oaep_md:sha256"), QStringLiteral("-pkeyopt"),
            QStringLiteral("rsa_mgf1_md:sha256")},
        key);
    return result.exitCode == 0 ? result.stdOut : QByteArray();
}

QByteArray TestExportWriter::decryptWithKms(const QByteArray &blob) const
{
    // Exactly the command of device-keys.md.
    auto result = test::runProcess(test::opensslProgram(),
        {QStringLiteral("pkeyutl"), QStringLiteral("-decrypt"), QStringLiteral("-inkey"), m_kmsPem,
            QStringLiteral("-pkeyopt"), QStringLiteral("rsa_padding_mode:oaep"), QStringLiteral("-pkeyopt"),
            QStringLiteral("rsa_oaep_md:sha256"), QStringLiteral("-pkeyopt"), QStringLiteral("rsa_mgf1_md:sha256")},
        blob);
    return result.exitCode == 0 ? result.stdOut : QByteArray("decryption failed: ") + result.stdErr;
}

void TestExportWriter::upload(quint32 node, quint32 batch, qint64 secondsAfterT0, const QByteArray &rootKey, bool done,
    ConfigId config, const QList<EscrowApp> &apps)
{
    EscrowRecord record;
    record.uuid = QUuid::createUuid();
    record.nodeId = NodeId(node);
    record.configId = config;
    record.revision = 1;
    record.batch = BatchNumber(batch);
    record.station = QStringLiteral("line1-st3");
    record.nodeType = QStringLiteral("UNODE");
    record.nodeVersion = QStringLiteral("1.2.3.4");
    // Milliseconds on purpose: the export writes whole seconds.
    record.provisionedAt = m_t0.addSecs(secondsAfterT0).addMSecs(secondsAfterT0 == 0 ? 500 : 0);
    record.state = done ? EscrowState::Done : EscrowState::Pending;
    if (!m_blobs.contains(rootKey))
        m_blobs.insert(rootKey, encryptForKms(rootKey));
    const QByteArray blob = m_blobs.value(rootKey);
    QCOMPARE(blob.size(), 256);
    record.nodeRootKey = blob;
    record.kmsFingerprint = m_kms.fingerprint();
    record.apps = apps;
    auto receipt = m_store->escrow().upload(record, QStringLiteral("station:line1-st3"));
    QVERIFY2(receipt, qPrintable(receipt ? QString() : receipt.error().message));
}

QString TestExportWriter::exportToFile(const ExportRequest &request, QString *error)
{
    const QString path = m_scratch->scratchDir()
        + QStringLiteral("/device_keys-%1.xml").arg(QUuid::createUuid().toString(QUuid::Id128));
    auto summary = ExportWriter::writeFile(*m_store, request, path, QStringLiteral("cli:test"));
    if (!summary) {
        *error = summary.error().toString();
        return {};
    }
    return path;
}

QString TestExportWriter::validate(const QString &path) const
{
    auto result = test::runProcess(QStringLiteral("xmllint"),
        {QStringLiteral("--noout"), QStringLiteral("--schema"), test::schemaPath(QStringLiteral("device_keys.xsd")),
            path});
    return result.exitCode == 0 ? QString() : QString::fromUtf8(result.stdErr + result.stdOut);
}

void TestExportWriter::fullExportValidatesAndDecrypts()
{
    ExportRequest request;
    request.configId = QStringLiteral("0x45");
    QString error;
    const QString path = exportToFile(request, &error);
    QVERIFY2(!path.isEmpty(), qPrintable(error));
    const QString invalid = validate(path);
    QVERIFY2(invalid.isEmpty(), qPrintable(invalid));

    const QByteArray xml = test::readFile(path);
    QVERIFY(
        xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<deviceKeys formatVersion=\"1\" exportedAt=\""));
    const ParsedExport parsed = parseExport(xml);
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QCOMPARE(parsed.root.value(QLatin1String("count")).toString(), QStringLiteral("4"));
    QCOMPARE(parsed.devices.size(), 4);
    QCOMPARE(nodeIdsOf(parsed), QStringLiteral("0x00000005,0x00010001,0x00010002,0x0001FFFF"));
    static const QRegularExpression utcSeconds(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$"));
    QVERIFY(utcSeconds.match(parsed.root.value(QLatin1String("exportedAt"))).hasMatch());
    QCOMPARE(parsed.root.value(QLatin1String("generator")).toString(), ExportStream::generator());
    QCOMPARE(parsed.selection.size(), 1); // only what was asked
    QCOMPARE(parsed.selection.value(QLatin1String("provConfigId")).toString(), QStringLiteral("0x0000000000000045"));

    for (const ExportedDevice &device : parsed.devices) {
        const quint32 node = device.attributes.value(QLatin1String("nodeId")).toString().mid(2).toUInt(nullptr, 16);
        QVERIFY(utcSeconds.match(device.attributes.value(QLatin1String("provisionedAt"))).hasMatch());
        QCOMPARE(
            device.attributes.value(QLatin1String("provConfigId")).toString(), QStringLiteral("0x0000000000000045"));
        QCOMPARE(device.rootKeyAttributes.value(QLatin1String("kmsKey")).toString(), m_kms.fingerprint());
        const QByteArray plain = decryptWithKms(QByteArray::fromBase64(device.rootKey.toLatin1()));
        QCOMPARE(plain, m_expectedKeys.value(node));
    }
    const ExportedDevice &first = parsed.devices.at(1);
    QCOMPARE(first.attributes.value(QLatin1String("provisionedAt")).toString(), QStringLiteral("2026-11-20T09:00:00Z"));
    QCOMPARE(first.attributes.value(QLatin1String("batch")).toString(), QStringLiteral("1000"));
    QCOMPARE(first.attributes.value(QLatin1String("station")).toString(), QStringLiteral("line1-st3"));
    QVERIFY(first.apps.isEmpty());
    const ExportedDevice &withApps = parsed.devices.at(3);
    QCOMPARE(withApps.apps.size(), 2);
    QCOMPARE(withApps.apps.at(0).value(QLatin1String("name")).toString(), QStringLiteral("emcm"));
    QCOMPARE(withApps.apps.at(0).value(QLatin1String("id")).toString(), QStringLiteral("0A1B2C3D"));
    QCOMPARE(withApps.apps.at(0).value(QLatin1String("extra")).toString(), QStringLiteral("AB"));
    QCOMPARE(withApps.apps.at(1).value(QLatin1String("name")).toString(), QStringLiteral("meter"));
    QVERIFY(!withApps.apps.at(1).hasAttribute(QLatin1String("key")));
    QVERIFY(!withApps.apps.at(1).hasAttribute(QLatin1String("extra")));

    auto entries = m_store->audit().latest(1);
    QVERIFY(entries);
    QCOMPARE(entries->at(0).action, QStringLiteral("export"));
    QVERIFY2(entries->at(0).detail.endsWith(QLatin1String("; 4 devices, 1 left out (latest record not done)")),
        qPrintable(entries->at(0).detail));
}

void TestExportWriter::filtersSelectTheNewestRecordPerNode_data()
{
    QTest::addColumn<QString>("alias");
    QTest::addColumn<QString>("batches");
    QTest::addColumn<QString>("nodeIds");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("expected");
    QTest::newRow("alias") << QStringLiteral("82JX570141") << QString() << QString() << QString() << QString()
                           << QStringLiteral("0x00000005,0x00010001,0x00010002,0x0001FFFF");
    // 0x00010002 was in batch 1002 once, but its newest provisioning is batch 1003.
    QTest::newRow("replaced batch") << QString() << QStringLiteral("1002") << QString() << QString() << QString()
                                    << QString();
    QTest::newRow("batch ranges") << QString() << QStringLiteral("999, 1003-1005") << QString() << QString()
                                  << QString() << QStringLiteral("0x00010002,0x0001FFFF");
    QTest::newRow("node range") << QString() << QString() << QStringLiteral("0x00010000-0x0001FFFF") << QString()
                                << QString() << QStringLiteral("0x00010001,0x00010002,0x0001FFFF");
    QTest::newRow("node list, hex without 0x") << QString() << QString() << QStringLiteral("5,0x0001ffff") << QString()
                                               << QString() << QStringLiteral("0x00000005,0x0001FFFF");
    QTest::newRow("to is exclusive") << QString() << QString() << QString() << QStringLiteral("2026-11-20T10:00:00Z")
                                     << QStringLiteral("2026-11-21T09:00:00Z") << QStringLiteral("0x00010002");
    QTest::newRow("from is inclusive") << QString() << QString() << QString() << QStringLiteral("2026-11-21T09:00:00Z")
                                       << QString() << QStringLiteral("0x0001FFFF");
    QTest::newRow("offset converted") << QString() << QString() << QString() << QString()
                                      << QStringLiteral("2026-11-20T11:00:01+02:00") << QStringLiteral("0x00010001");
    QTest::newRow("everything") << QStringLiteral("82JX570141") << QStringLiteral("1000-1005")
                                << QStringLiteral("0x00000001-0x00010001") << QStringLiteral("2026-11-20")
                                << QStringLiteral("2026-11-22") << QStringLiteral("0x00000005,0x00010001");
}

void TestExportWriter::filtersSelectTheNewestRecordPerNode()
{
    QFETCH(QString, alias);
    QFETCH(QString, batches);
    QFETCH(QString, nodeIds);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, expected);
    ExportRequest request;
    if (alias.isEmpty())
        request.configId = QStringLiteral("0x0000000000000045");
    else
        request.configAlias = alias;
    request.batches = batches;
    request.nodeIds = nodeIds;
    request.from = from;
    request.to = to;
    QString error;
    const QString path = exportToFile(request, &error);
    QVERIFY2(!path.isEmpty(), qPrintable(error));
    const QString invalid = validate(path);
    QVERIFY2(invalid.isEmpty(), qPrintable(invalid));
    const ParsedExport parsed = parseExport(test::readFile(path));
    QCOMPARE(nodeIdsOf(parsed), expected);
    QCOMPARE(parsed.root.value(QLatin1String("count")).toString(), QString::number(parsed.devices.size()));
    // The selection element records what was asked.
    QCOMPARE(parsed.selection.value(QLatin1String("batches")).toString(), batches.trimmed());
    QCOMPARE(parsed.selection.value(QLatin1String("nodeIds")).toString(), nodeIds.trimmed());
    QCOMPARE(parsed.selection.hasAttribute(QLatin1String("from")), !from.isEmpty());
    QCOMPARE(parsed.selection.hasAttribute(QLatin1String("to")), !to.isEmpty());
    if (to == u"2026-11-20T11:00:01+02:00")
        QCOMPARE(parsed.selection.value(QLatin1String("to")).toString(), QStringLiteral("2026-11-20T09:00:01Z"));
    if (from == u"2026-11-20")
        QCOMPARE(parsed.selection.value(QLatin1String("from")).toString(), QStringLiteral("2026-11-20T00:00:00Z"));
    for (const ExportedDevice &device : parsed.devices) {
        const quint32 node = device.attributes.value(QLatin1String("nodeId")).toString().mid(2).toUInt(nullptr, 16);
        QCOMPARE(decryptWithKms(QByteArray::fromBase64(device.rootKey.toLatin1())), m_expectedKeys.value(node));
    }
}

void TestExportWriter::nodesWhoseLatestRecordIsNotDoneAreLeftOutAndNamed()
{
    // 0x00010001 is provisioned again, its run killed before verification (pending);
    // 0x0001FFFF again, its run failed after the key was written (failed). The
    // devices may hold the new keys: their old done keys must not be exported.
    upload(0x00010001, 1000, 9000, QByteArray(16, 'p'), false);
    upload(0x0001FFFF, 1005, 9000, QByteArray(16, 'f'), false);
    auto history = m_store->escrow().history(NodeId(0x0001FFFF));
    QVERIFY(history && !history->isEmpty());
    auto failed = m_store->escrow().confirm(history->at(0).uuid, {}, QStringLiteral("line1-st3"), EscrowState::Failed);
    QVERIFY2(failed, qPrintable(failed ? QString() : failed.error().message));
    QCOMPARE(failed->state, EscrowState::Failed);

    ExportRequest request;
    request.configId = QStringLiteral("0x45");
    const QString path = m_scratch->scratchDir() + QStringLiteral("/left-out.xml");
    auto summary = ExportWriter::writeFile(*m_store, request, path, QStringLiteral("cli:test"));
    QVERIFY2(summary, qPrintable(summary ? QString() : summary.error().message));
    const QString invalid = validate(path);
    QVERIFY2(invalid.isEmpty(), qPrintable(invalid));
    const ParsedExport parsed = parseExport(test::readFile(path));
    QCOMPARE(nodeIdsOf(parsed), QStringLiteral("0x00000005,0x00010002"));
    QCOMPARE(summary->devices, 2);
    QStringList named;
    for (const ExportLeftOut &node : std::as_const(summary->leftOut))
        named << QStringLiteral("%1 %2").arg(NodeId(node.nodeId).toString(), node.state);
    QCOMPARE(named,
        QStringList({QStringLiteral("0x00010001 pending"), QStringLiteral("0x0001FFFF failed"),
            QStringLiteral("0x00020001 pending")}));
    // The same nodes, read on their own (the HTTP side's list).
    ExportRequest again = request;
    auto selection = ExportSelection::resolve(again, m_store->packages());
    QVERIFY(selection);
    auto listed = ExportRowReader::leftOutOf(m_store->database(), selection.value());
    QVERIFY(listed);
    QCOMPARE(listed->size(), 3);
    // The incomplete view names the same nodes.
    auto incomplete = m_store->escrow().incomplete(ConfigId(0x45));
    QVERIFY(incomplete);
    QCOMPARE(incomplete->size(), 3);
    QCOMPARE(incomplete->at(1).state, EscrowState::Failed);
}

void TestExportWriter::emptyExportIsValid()
{
    ExportRequest request;
    request.configId = QStringLiteral("0x45");
    request.nodeIds = QStringLiteral("0xFFFFFFFF");
    QString error;
    const QString path = exportToFile(request, &error);
    QVERIFY2(!path.isEmpty(), qPrintable(error));
    const QString invalid = validate(path);
    QVERIFY2(invalid.isEmpty(), qPrintable(invalid));
    const ParsedExport parsed = parseExport(test::readFile(path));
    QCOMPARE(parsed.root.value(QLatin1String("count")).toString(), QStringLiteral("0"));
    QVERIFY(parsed.devices.isEmpty());
}

void TestExportWriter::streamInSmallStepsEqualsTheFile()
{
    ExportRequest request;
    request.configId = QStringLiteral("0x45");
    auto selection = ExportSelection::resolve(request, m_store->packages());
    QVERIFY(selection);
    const QDateTime at(QDate(2026, 11, 21), QTime(10, 0), Qt::UTC);
    QByteArray whole;
    {
        auto stream = ExportStream::open(m_store->database(), selection.value(), at);
        QVERIFY(stream);
        QBuffer buffer(&whole);
        buffer.open(QIODevice::WriteOnly);
        auto done = stream.value()->writeMore(&buffer, qint64(1) << 40);
        QVERIFY(done && done.value());
    }
    QByteArray pieces;
    int calls = 0;
    {
        auto stream = ExportStream::open(m_store->database(), selection.value(), at);
        QVERIFY(stream);
        QCOMPARE(stream.value()->count(), qint64(4));
        QBuffer buffer(&pieces);
        buffer.open(QIODevice::WriteOnly);
        for (;;) {
            const qint64 before = pieces.size();
            auto done = stream.value()->writeMore(&buffer, 1);
            QVERIFY(done);
            ++calls;
            QVERIFY(pieces.size() > before);
            if (done.value())
                break;
        }
        QVERIFY(stream.value()->atEnd());
        QCOMPARE(stream.value()->bytesWritten(), qint64(pieces.size()));
    }
    QCOMPARE(calls, 5); // one device per call, then the end
    QCOMPARE(pieces, whole);
    QVERIFY(whole.contains("exportedAt=\"2026-11-21T10:00:00Z\""));
    // Exactly the layout of device-keys.md.
    QVERIFY2(whole.contains(
                 "  <device nodeId=\"0x00010001\" provConfigId=\"0x0000000000000045\" revision=\"1\" batch=\"1000\""
                 " nodeType=\"UNODE\" nodeVersion=\"1.2.3.4\" provisionedAt=\"2026-11-20T09:00:00Z\""
                 " station=\"line1-st3\">\n    <nodeRootKey alg=\"RSA-OAEP-SHA256\" kmsKey=\"sha256:"),
        whole.constData());
}

void TestExportWriter::badRequestsAreRefused_data()
{
    QTest::addColumn<QString>("configId");
    QTest::addColumn<QString>("alias");
    QTest::addColumn<QString>("batches");
    QTest::addColumn<QString>("nodeIds");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("message");
    QTest::newRow("neither") << QString() << QString() << QString() << QString() << QString() << QString()
                             << QStringLiteral("exactly one of");
    QTest::newRow("both") << QStringLiteral("0x45") << QStringLiteral("82JX570141") << QString() << QString()
                          << QString() << QString() << QStringLiteral("exactly one of");
    QTest::newRow("unknown id") << QStringLiteral("0x47") << QString() << QString() << QString() << QString()
                                << QString() << QStringLiteral("no configuration 0x0000000000000047");
    QTest::newRow("unknown alias") << QString() << QStringLiteral("NOPE") << QString() << QString() << QString()
                                   << QString() << QStringLiteral("'NOPE'");
    QTest::newRow("inverted batches") << QStringLiteral("0x45") << QString() << QStringLiteral("10-5") << QString()
                                      << QString() << QString() << QStringLiteral("--batches");
    QTest::newRow("bad node id") << QStringLiteral("0x45") << QString() << QString() << QStringLiteral("0xZZ")
                                 << QString() << QString() << QStringLiteral("--node-ids");
    QTest::newRow("from after to") << QStringLiteral("0x45") << QString() << QString() << QString()
                                   << QStringLiteral("2026-11-21T00:00:00Z") << QStringLiteral("2026-11-20T00:00:00Z")
                                   << QStringLiteral("is not before");
    QTest::newRow("no zone") << QStringLiteral("0x45") << QString() << QString() << QString()
                             << QStringLiteral("2026-11-21T00:00:00") << QString() << QStringLiteral("no time zone");
    QTest::newRow("fractions") << QStringLiteral("0x45") << QString() << QString() << QString() << QString()
                               << QStringLiteral("2026-11-21T00:00:00.5Z") << QStringLiteral("whole seconds");
    QTest::newRow("not a date") << QStringLiteral("0x45") << QString() << QString() << QString()
                                << QStringLiteral("yesterday") << QString() << QStringLiteral("ISO 8601");
}

void TestExportWriter::badRequestsAreRefused()
{
    QFETCH(QString, configId);
    QFETCH(QString, alias);
    QFETCH(QString, batches);
    QFETCH(QString, nodeIds);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, message);
    const ExportRequest request {configId, alias, batches, nodeIds, from, to};
    const QString path = m_scratch->scratchDir() + QStringLiteral("/refused.xml");
    auto summary = ExportWriter::writeFile(*m_store, request, path, QStringLiteral("cli:test"));
    QVERIFY(!summary);
    QVERIFY2(summary.error().toString().contains(message), qPrintable(summary.error().toString()));
    QVERIFY(!QFile::exists(path));
}

void TestExportWriter::countAndRowsComeFromOneSnapshot()
{
    ExportRequest request;
    request.configId = QStringLiteral("0x45");
    auto selection = ExportSelection::resolve(request, m_store->packages());
    QVERIFY(selection);
    auto stream = ExportStream::open(m_store->database(), selection.value());
    QVERIFY(stream);
    QCOMPARE(stream.value()->count(), qint64(4));
    QByteArray xml;
    QBuffer buffer(&xml);
    buffer.open(QIODevice::WriteOnly);
    auto first = stream.value()->writeMore(&buffer, 1);
    QVERIFY(first && !first.value());
    // A station escrows two more nodes while the export is being drained.
    upload(0x00000001, 1000, 0, QByteArray(16, 'n'));
    upload(0x7FFFFFFF, 1000, 0, QByteArray(16, 'm'));
    for (;;) {
        auto done = stream.value()->writeMore(&buffer, 1);
        QVERIFY2(done, qPrintable(done ? QString() : done.error().message));
        if (done.value())
            break;
    }
    const ParsedExport parsed = parseExport(xml);
    QCOMPARE(parsed.devices.size(), 4);
    QCOMPARE(nodeIdsOf(parsed), QStringLiteral("0x00000005,0x00010001,0x00010002,0x0001FFFF"));
    // The next export sees them.
    QString error;
    const QString path = exportToFile(request, &error);
    QVERIFY2(!path.isEmpty(), qPrintable(error));
    QCOMPARE(parseExport(test::readFile(path)).devices.size(), 6);
}

void TestExportWriter::largeExportCrossesCursorBatches()
{
    // More rows than one PostgreSQL cursor fetch (2000), loaded with plain SQL.
    constexpr int kNodes = 4500;
    auto db = m_store->database().connection();
    QVERIFY(db);
    const QString blob = QString::fromLatin1(QByteArray(256, 'k').toBase64());
    QStringList values;
    for (int i = 0; i < kNodes; ++i) {
        values.append(QStringLiteral("('%1', %2, '0x0000000000000045', 1, 2000, 'bulk', 'UNODE', '1.2.3.4', %3, 'done',"
                                     " '%4', '%5', '', '{}', '', 'x', 'test', 0, 0)")
                          .arg(QUuid::createUuid().toString(QUuid::WithoutBraces))
                          .arg(0x40000000 + (i * 7919) % kNodes)
                          .arg(m_t0.toMSecsSinceEpoch())
                          .arg(blob, m_kms.fingerprint()));
    }
    QString error;
    QVERIFY2(test::execSql(*m_store,
                 QStringLiteral("INSERT INTO escrow (uuid, node_id, config_id, revision, batch, station, node_type,"
                                " node_version, provisioned_at, state, node_root_key, kms_fingerprint, apps,"
                                " verification_json, run_log, content_sha256, uploaded_by, received_at,"
                                " confirmed_at) VALUES ")
                     + values.join(u','),
                 &error),
        qPrintable(error));
    ExportRequest request;
    request.configId = QStringLiteral("0x45");
    request.batches = QStringLiteral("2000");
    const QString path = exportToFile(request, &error);
    QVERIFY2(!path.isEmpty(), qPrintable(error));
    const QString invalid = validate(path);
    QVERIFY2(invalid.isEmpty(), qPrintable(invalid));
    const ParsedExport parsed = parseExport(test::readFile(path));
    QCOMPARE(parsed.devices.size(), kNodes);
    QCOMPARE(parsed.root.value(QLatin1String("count")).toString(), QString::number(kNodes));
    quint32 previous = 0;
    for (int i = 0; i < parsed.devices.size(); ++i) {
        const quint32 node
            = parsed.devices.at(i).attributes.value(QLatin1String("nodeId")).toString().mid(2).toUInt(nullptr, 16);
        QCOMPARE(node, quint32(0x40000000 + i));
        QVERIFY(i == 0 || node > previous);
        previous = node;
    }
}

void TestExportWriter::utcSecondsAreFormattedLikeQDateTime_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::newRow("epoch") << qint64(0);
    QTest::newRow("contract example") << QDateTime(QDate(2026, 11, 20), QTime(9, 58, 1), Qt::UTC).toMSecsSinceEpoch();
    QTest::newRow("milliseconds truncate")
        << QDateTime(QDate(2026, 11, 20), QTime(9, 58, 1, 999), Qt::UTC).toMSecsSinceEpoch();
    QTest::newRow("leap day") << QDateTime(QDate(2028, 2, 29), QTime(23, 59, 59), Qt::UTC).toMSecsSinceEpoch();
    QTest::newRow("1 March 2100") << QDateTime(QDate(2100, 3, 1), QTime(0, 0, 0), Qt::UTC).toMSecsSinceEpoch();
    QTest::newRow("31 Dec 2399") << QDateTime(QDate(2399, 12, 31), QTime(12, 0, 0), Qt::UTC).toMSecsSinceEpoch();
    QTest::newRow("before 1970") << QDateTime(QDate(1969, 12, 31), QTime(23, 59, 59, 500), Qt::UTC).toMSecsSinceEpoch();
}

void TestExportWriter::utcSecondsAreFormattedLikeQDateTime()
{
    QFETCH_GLOBAL(QString, engine);
    if (engine != u"sqlite")
        QSKIP("no database involved");
    QFETCH(qint64, ms);
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    const QString expected = time.addMSecs(-time.time().msec()).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss'Z'"));
    QCOMPARE(ExportStream::formatUtcSeconds(ms), expected);
}

QTEST_GUILESS_MAIN(TestExportWriter)
#include "tst_exportwriter.moc"
