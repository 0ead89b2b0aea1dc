// provstation-server backup and restore end to end: a real server on
// 127.0.0.1 takes escrow uploads while `backup` runs; the restored store's
// export holds every record acknowledged before the backup started, each one
// exactly as the source exports it, and its audit chain verifies. Restore
// refuses a damaged copy (naming the file) and a data directory a running
// server uses. SQLite, and PostgreSQL when configured (needs pg_dump/pg_restore).
#include "ApiTestSupport.h"
#include "StoreTestSupport.h"
#include "TestPackages.h"
#include "TestSupport.h"

#include "server/store/PgTools.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace prov;
using namespace prov::test;

namespace {

/// Posts escrow records one after another (two in flight) until stopped; remembers
/// the nodes the server acknowledged, in the order the answers arrived.
class EscrowStream : public QObject
{
public:
    EscrowStream(ApiServerFixture &server, QString kmsFingerprint)
        : m_server(server)
        , m_fingerprint(std::move(kmsFingerprint))
    { }

    void start()
    {
        for (int i = 0; i < 2; ++i)
            postNext();
    }
    void stop() { m_stopping = true; }
    [[nodiscard]] bool idle() const { return m_inFlight == 0; }
    [[nodiscard]] const QSet<QString> &acknowledged() const { return m_acknowledged; }
    [[nodiscard]] QString failure() const { return m_failure; }

private:
    void postNext()
    {
        // As NodeId::toString() writes it: "0x" and eight upper-case hex digits.
        const QString nodeId = QStringLiteral("0x")
            + QString::number(0x00020000 + m_next++, 16).toUpper().rightJustified(8, QLatin1Char('0'));
        const QJsonObject record {{QStringLiteral("uuid"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
            {QStringLiteral("nodeId"), nodeId}, {QStringLiteral("configId"), QStringLiteral("0x0000000000000045")},
            {QStringLiteral("revision"), 1}, {QStringLiteral("batch"), 1000},
            {QStringLiteral("station"), QStringLiteral("line1-st3")},
            {QStringLiteral("nodeType"), QStringLiteral("UNODE")},
            {QStringLiteral("nodeVersion"), QStringLiteral("1.2.3.4")},
            // The server refuses a record dated further than its clock limit from now.
            {QStringLiteral("provisionedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
            {QStringLiteral("state"), QStringLiteral("done")},
            {QStringLiteral("nodeRootKey"), QString::fromLatin1(QByteArray(256, char(m_next)).toBase64())},
            {QStringLiteral("kmsKey"), m_fingerprint},
            {QStringLiteral("apps"),
                QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("emcm")},
                    {QStringLiteral("id"), QStringLiteral("0A1B2C3D")}}}},
            {QStringLiteral("verification"), QJsonObject {}}, {QStringLiteral("runLog"), QStringLiteral("ok\n")}};
        QNetworkRequest request(QUrl(m_server.url(QStringLiteral("/api/v1/escrow"))));
        request.setRawHeader("Authorization", "Bearer " + m_server.stationToken);
        request.setRawHeader("Content-Type", "application/json");
        QNetworkReply *reply = m_nam.post(request, QJsonDocument(record).toJson(QJsonDocument::Compact));
        ++m_inFlight;
        connect(reply, &QNetworkReply::finished, this, [this, reply, nodeId] {
            --m_inFlight;
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status == 200)
                m_acknowledged.insert(nodeId);
            else if (m_failure.isEmpty())
                m_failure = QStringLiteral("escrow upload answered %1: %2")
                                .arg(status)
                                .arg(QString::fromUtf8(reply->readAll()));
            reply->deleteLater();
            if (!m_stopping && m_failure.isEmpty())
                postNext();
        });
    }

    ApiServerFixture &m_server;
    QString m_fingerprint;
    QNetworkAccessManager m_nam;
    QSet<QString> m_acknowledged;
    QString m_failure;
    int m_next = 0;
    int m_inFlight = 0;
    bool m_stopping = false;
};

/// nodeId -> the whole <device> element, as the export wrote it.
QHash<QString, QByteArray> devicesOf(const QByteArray &xml)
{
    static const QRegularExpression device(QStringLiteral("<device [^>]*nodeId=\"([^\"]+)\"[\\s\\S]*?</device>"));
    QHash<QString, QByteArray> devices;
    const QString text = QString::fromUtf8(xml);
    for (auto it = device.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        devices.insert(match.captured(1), match.captured(0).toUtf8());
    }
    return devices;
}

} // namespace

class TestServerBackup : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { PROV_BOTH_ENGINES(); }
    void init();
    void cleanup() { m_server.reset(); }

    void backupWhileEscrowStreamsInRestoresEveryAcknowledgedRecord();
    void damagedCopyIsRefusedNamingTheFile();

private:
    [[nodiscard]] ProcessResult cli(const QString &dataDir, const QStringList &arguments) const;
    [[nodiscard]] QStringList dbArguments() const;

    std::unique_ptr<QTemporaryDir> m_dir; // one per test function
    std::unique_ptr<ApiServerFixture> m_server;
};

void TestServerBackup::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<ApiServerFixture>(engine);
    if (m_server->isSkipped())
        QSKIP(qPrintable(m_server->skipReason()));
    if (engine == u"postgres"
        && (server::pgtools::find(QStringLiteral("pg_dump")).isEmpty()
            || server::pgtools::find(QStringLiteral("pg_restore")).isEmpty()))
        QSKIP("pg_dump or pg_restore is not installed (postgresql-client)");
    // Configuration 0x45 with its package files, through the store itself.
    {
        auto store = m_server->scratch().open();
        QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
        server::PackageStore::ImportOptions options;
        options.actor = QStringLiteral("cli:test");
        auto imported = store.value()->packages().import(
            makeVerifiedPackage({}, makeKmsKey().publicKey(), m_dir->filePath(QUuid::createUuid().toString())),
            options);
        QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().message));
    }
    // Plain HTTP on 127.0.0.1: say so where the server wants it said.
    const ProcessResult help = runProcess(binPath(QStringLiteral("provstation-server")), {QStringLiteral("--help")});
    QStringList extra;
    if (help.stdOut.contains("--insecure-http"))
        extra << QStringLiteral("--insecure-http");
    QVERIFY2(m_server->start(extra), qPrintable(m_server->error()));
}

QStringList TestServerBackup::dbArguments() const
{
    const QString url = m_server->scratch().databaseUrl();
    return url.isEmpty() ? QStringList() : QStringList {QStringLiteral("--db"), url};
}

ProcessResult TestServerBackup::cli(const QString &dataDir, const QStringList &arguments) const
{
    const QStringList globals = QStringList {QStringLiteral("--data-dir"), dataDir, QStringLiteral("--master-key-file"),
                                    m_server->scratch().masterKeyFile()}
        + dbArguments();
    return runProcess(binPath(QStringLiteral("provstation-server")), arguments + globals, {}, 120000);
}

void TestServerBackup::backupWhileEscrowStreamsInRestoresEveryAcknowledgedRecord()
{
    const ApiReply config
        = m_server->call("GET", QStringLiteral("/api/v1/configurations/0x45"), m_server->stationToken);
    QCOMPARE(config.status, 200);
    EscrowStream stream(*m_server,
        config.json().value(QStringLiteral("kmsPublicKey")).toObject().value(QStringLiteral("fingerprint")).toString());
    stream.start();
    QTRY_VERIFY_WITH_TIMEOUT(stream.acknowledged().size() >= 20 || !stream.failure().isEmpty(), 60000);
    QVERIFY2(stream.failure().isEmpty(), qPrintable(stream.failure()));

    // "Before the backup began": answered before the backup process was started.
    // The snapshot is taken later, so each of these must be in; records
    // committed while it runs may or may not be.
    const QSet<QString> before = stream.acknowledged();
    const QString copy = m_dir->filePath(QStringLiteral("copy"));
    QProcess backup;
    backup.start(binPath(QStringLiteral("provstation-server")),
        QStringList {QStringLiteral("backup"), copy, QStringLiteral("--data-dir"), m_server->scratch().dataDir(),
            QStringLiteral("--master-key-file"), m_server->scratch().masterKeyFile()}
            + dbArguments());
    QTRY_VERIFY_WITH_TIMEOUT(backup.state() == QProcess::NotRunning, 120000);
    const QSet<QString> whileRunning = stream.acknowledged();
    stream.stop();
    QTRY_VERIFY_WITH_TIMEOUT(stream.idle(), 60000);
    QVERIFY2(stream.failure().isEmpty(), qPrintable(stream.failure()));
    const QByteArray backupOut = backup.readAllStandardOutput();
    QVERIFY2(backup.exitCode() == 0, backup.readAllStandardError().constData());
    QVERIFY2(backupOut.contains("Master key: NOT in this backup"), backupOut.constData());
    QVERIFY2(backupOut.contains(m_server->scratch().masterKeyFile().toUtf8()), backupOut.constData());
    QVERIFY(!QFileInfo::exists(copy + QStringLiteral("/master.key")));
    qInfo("acknowledged: %lld before the backup, %lld when it ended, %lld in all", qint64(before.size()),
        qint64(whileRunning.size()), qint64(stream.acknowledged().size()));

    const QString sourceXml = m_dir->filePath(QStringLiteral("source.xml"));
    const ProcessResult exported = cli(m_server->scratch().dataDir(),
        {QStringLiteral("export"), QStringLiteral("--config-id"), QStringLiteral("0x45"), QStringLiteral("-o"),
            sourceXml});
    QVERIFY2(exported.exitCode == 0, exported.stdErr.constData());

    // The running server's data directory is in use: refused, even with --force.
    const ProcessResult inUse
        = cli(m_server->scratch().dataDir(), {QStringLiteral("restore"), copy, QStringLiteral("--force")});
    QVERIFY(inUse.exitCode != 0);
    QVERIFY2(inUse.stdErr.contains("is in use"), inUse.stdErr.constData());
    QCOMPARE(inUse.stdErr.count('\n'), 1);

    QCOMPARE(m_server->process().stop(), 0);
    if (!m_server->scratch().databaseUrl().isEmpty()) {
        // PostgreSQL restores into the schema it was dumped from: the source goes first.
        auto store = m_server->scratch().open();
        QVERIFY(store);
        const QString schema = store.value()->database().config().schema;
        QVERIFY(execSql(*store.value(), QStringLiteral("DROP SCHEMA %1 CASCADE").arg(schema)));
        QVERIFY(execSql(*store.value(), QStringLiteral("CREATE SCHEMA %1").arg(schema)));
    }
    const QString restoredDir = m_dir->filePath(QStringLiteral("restored"));
    const ProcessResult restored = cli(restoredDir, {QStringLiteral("restore"), copy});
    QVERIFY2(restored.exitCode == 0, restored.stdErr.constData());
    QVERIFY2(restored.stdOut.contains("the restored store opens with the key file"), restored.stdOut.constData());
    QVERIFY2(restored.stdOut.contains("holds what the backup's manifest lists"), restored.stdOut.constData());

    const QString restoredXml = m_dir->filePath(QStringLiteral("restored.xml"));
    const ProcessResult reexported = cli(restoredDir,
        {QStringLiteral("export"), QStringLiteral("--config-id"), QStringLiteral("0x45"), QStringLiteral("-o"),
            restoredXml});
    QVERIFY2(reexported.exitCode == 0, reexported.stdErr.constData());
    const QHash<QString, QByteArray> source = devicesOf(readFile(sourceXml));
    const QHash<QString, QByteArray> copyDevices = devicesOf(readFile(restoredXml));
    QCOMPARE(source.size(), stream.acknowledged().size());
    for (const QString &node : before)
        QVERIFY2(
            copyDevices.contains(node), qPrintable(node + QStringLiteral(" acknowledged before the backup is lost")));
    for (auto it = copyDevices.begin(); it != copyDevices.end(); ++it) {
        QVERIFY2(
            whileRunning.contains(it.key()), qPrintable(it.key() + QStringLiteral(" was not acknowledged in time")));
        QCOMPARE(it.value(), source.value(it.key())); // whole, byte for byte
    }

    const ProcessResult verified = cli(restoredDir, {QStringLiteral("audit"), QStringLiteral("verify")});
    QVERIFY2(verified.exitCode == 0, verified.stdErr.constData());
    QVERIFY2(verified.stdOut.contains("rows checked"), verified.stdOut.constData());
}

void TestServerBackup::damagedCopyIsRefusedNamingTheFile()
{
    const QString copy = m_dir->filePath(QStringLiteral("copy"));
    const ProcessResult made = cli(m_server->scratch().dataDir(), {QStringLiteral("backup"), copy});
    QVERIFY2(made.exitCode == 0, made.stdErr.constData());
    const ProcessResult again = cli(m_server->scratch().dataDir(), {QStringLiteral("backup"), copy});
    QVERIFY(again.exitCode != 0);
    QVERIFY2(again.stdErr.contains("is not empty"), again.stdErr.constData());

    QDirIterator files(copy + QStringLiteral("/files"), QDir::Files, QDirIterator::Subdirectories);
    QVERIFY(files.hasNext());
    const QString damaged = files.next();
    const QString relative = QDir(copy).relativeFilePath(damaged);
    QVERIFY(writeFile(damaged, readFile(damaged).replace('F', 'G')));
    const ProcessResult refused = cli(m_dir->filePath(QStringLiteral("restored")), {QStringLiteral("restore"), copy});
    QVERIFY(refused.exitCode != 0);
    QVERIFY2(refused.stdErr.contains(relative.toUtf8() + " has "), refused.stdErr.constData());
    QCOMPARE(refused.stdErr.count('\n'), 1);
    QVERIFY(!QFileInfo::exists(m_dir->filePath(QStringLiteral("restored"))));
}

QTEST_MAIN(TestServerBackup)
#include "tst_serverbackup.moc"
