// Provisioning steps against provstation-sim through the real transport: the
// simulator binary, its pseudo-terminals, QSerialPort, the station wrappers
// and the protocol clients. The state file is the oracle.
#include "SimHarness.h"
#include "domain/DeviceIds.h"
#include "protocol/Crc32.h"
#include "protocol/IdentityChecks.h"
#include "protocol/TransferJob.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace prov;
using namespace prov::protocol;
using namespace prov::test;
using transport::WrapperKind;

class TestSimProvisioning : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void identifiesNodeAndHost_data();
    void identifiesNodeAndHost();
    void firmwareUpdateLandsInDeviceMemory_data();
    void firmwareUpdateLandsInDeviceMemory();
    void interruptedUpdateResumes();
    void crcMismatchIsReported();
    void configurationsKeepTheirKind();
    void keysAreVerifiedWithoutReadBack();
    void lockAndReset();
    void meterLink();

private:
    QTemporaryDir m_dir;
    SimProcess m_sim;
};

void TestSimProvisioning::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    QVERIFY2(m_sim.start({QStringLiteral("--devices"), QStringLiteral("node:2,i210plus:2"),
                             QStringLiteral("--state-dir"), m_dir.path(), QStringLiteral("--flash-ms-per-kib"),
                             QStringLiteral("1"), QStringLiteral("--reset-ms"), QStringLiteral("200"),
                             QStringLiteral("--seed"), QStringLiteral("7")},
                 &error),
        qPrintable(error));
    QCOMPARE(m_sim.ports().size(), 4);
}

void TestSimProvisioning::cleanupTestCase()
{
    QCOMPARE(m_sim.stop(), 0);
}

void TestSimProvisioning::identifiesNodeAndHost_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("index");
    QTest::newRow("bare node over none") << QStringLiteral("node") << 0;
    QTest::newRow("i210plus over orw") << QStringLiteral("i210plus") << 0;
}

void TestSimProvisioning::identifiesNodeAndHost()
{
    QFETCH(QString, model);
    QFETCH(int, index);
    const SimPort port = m_sim.port(model, index);
    Station station;
    QString error;
    QVERIFY2(station.open(port, &error), qPrintable(error));

    const JobOutcome node = Station::run(station.node()->identify());
    QVERIFY2(node.finished, qPrintable(node.error.toString()));
    QCOMPARE(NodeId(node.response.node.nodeId).toString(), port.nodeId);
    QCOMPARE(node.response.node.hardwareType, HardwareType::Unode);
    QCOMPARE(node.response.node.firmwareVersion.toString(), QStringLiteral("1.0.0.0"));
    QVERIFY(checkNodeIdentity(node.response.node, HardwareType::Unode).ok());

    ClientOptions quick;
    quick.responseTimeoutMs = 300;
    quick.retries = 0;
    HostClient impatient(station.link(), quick);
    const JobOutcome host = Station::run(port.emcmId.isEmpty() ? impatient.identify() : station.host()->identify());
    if (port.emcmId.isEmpty()) {
        // A bare node has no host: nothing answers, which is "cannot talk to the host".
        QVERIFY(!host.finished);
        QCOMPARE(host.error.code, ResultCode::HostUnreachable);
        QVERIFY2(host.error.toString().contains(port.path), qPrintable(host.error.toString()));
    } else {
        QVERIFY2(host.finished, qPrintable(host.error.toString()));
        QCOMPARE(host.response.host.emcmIdHex(), port.emcmId);
        QVERIFY(host.response.host.hardwareOk());
        QVERIFY(HostClient::hardwareStatusError(host.response.host).ok());
    }
}

void TestSimProvisioning::firmwareUpdateLandsInDeviceMemory_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<bool>("host");
    QTest::newRow("node firmware over none") << QStringLiteral("node") << false;
    QTest::newRow("node firmware behind the eMCM") << QStringLiteral("i210plus") << false;
    QTest::newRow("eMCM firmware") << QStringLiteral("i210plus") << true;
}

void TestSimProvisioning::firmwareUpdateLandsInDeviceMemory()
{
    QFETCH(QString, model);
    QFETCH(bool, host);
    const SimPort port = m_sim.port(model, 0);
    Station station;
    QString error;
    QVERIFY2(station.open(port, &error), qPrintable(error));
    const QByteArray image = testImage(20000, host ? 2 : 1);
    DeviceClient *client = host ? static_cast<DeviceClient *>(station.host()) : station.node();
    const FirmwareVersion version(3, 1, 4, host ? 2 : 1);
    TransferJob *job = client->updateFirmware(image, host ? HardwareType::Emcm : HardwareType::Unode, version);
    QList<qint64> progress;
    connect(job, &ProtocolJob::progressed, this, [&progress](qint64 done, qint64) { progress.append(done); });
    const JobOutcome out = Station::run(job);
    QVERIFY2(out.finished, qPrintable(out.error.toString()));
    QCOMPARE(out.firstOffset, 0u);
    QVERIFY(progress.size() >= 20000 / 1024);
    QCOMPARE(progress.last(), 20000);

    const QJsonObject fw = SimProcess::readState(port)
                               .value(host ? QStringLiteral("host") : QStringLiteral("node"))
                               .toObject()
                               .value(QStringLiteral("firmware"))
                               .toObject();
    QCOMPARE(fw.value(QStringLiteral("version")).toString(), version.toString());
    QCOMPARE(fw.value(QStringLiteral("size")).toInt(), 20000);
    QCOMPARE(fw.value(QStringLiteral("crc32")).toString(),
        QString::number(crc32Of(image), 16).rightJustified(8, QLatin1Char('0')).toUpper());
    // And the device says so itself.
    if (host) {
        const JobOutcome id = Station::run(station.host()->identify());
        QCOMPARE(id.response.host.firmwareVersion, version);
    } else {
        const JobOutcome id = Station::run(station.node()->identify());
        QCOMPARE(id.response.node.firmwareVersion, version);
    }
}

void TestSimProvisioning::interruptedUpdateResumes()
{
    const SimPort port = m_sim.port(QStringLiteral("node"), 1);
    const QByteArray image = testImage(40000, 9);
    quint32 reached = 0;
    {
        Station station;
        QString error;
        QVERIFY2(station.open(port.path, port.baud, WrapperKind::None, &error), qPrintable(error));
        TransferJob *job = station.node()->updateFirmware(image, HardwareType::Unode, FirmwareVersion(4, 0, 0, 0));
        // The cable is pulled at about half way.
        connect(job, &ProtocolJob::progressed, job, [job, &reached](qint64 done, qint64 total) {
            if (done > total / 2 && !job->isDone()) {
                reached = quint32(done);
                job->abort();
            }
        });
        const JobOutcome out = Station::run(job, 20000);
        QVERIFY(!out.finished);
        QVERIFY(reached > 20000);
    }
    const QJsonObject transfer = SimProcess::readState(port)
                                     .value(QStringLiteral("node"))
                                     .toObject()
                                     .value(QStringLiteral("transfer"))
                                     .toObject();
    QCOMPARE(transfer.value(QStringLiteral("target")).toString(), QStringLiteral("firmware"));

    Station again;
    QString error;
    QVERIFY2(again.open(port.path, port.baud, WrapperKind::None, &error), qPrintable(error));
    const JobOutcome out
        = Station::run(again.node()->updateFirmware(image, HardwareType::Unode, FirmwareVersion(4, 0, 0, 0)));
    QVERIFY2(out.finished, qPrintable(out.error.toString()));
    // The device continued where it was, not from the start.
    QVERIFY2(out.firstOffset >= reached - 4 * 1024 && out.firstOffset < 40000,
        qPrintable(QStringLiteral("resumed at %1, had reached %2").arg(out.firstOffset).arg(reached)));
    const QJsonObject node = SimProcess::readState(port).value(QStringLiteral("node")).toObject();
    QCOMPARE(node.value(QStringLiteral("firmware")).toObject().value(QStringLiteral("version")).toString(),
        QStringLiteral("4.0.0.0"));
    QVERIFY(node.value(QStringLiteral("transfer")).isNull());
}

void TestSimProvisioning::crcMismatchIsReported()
{
    const SimPort port = m_sim.port(QStringLiteral("i210plus"), 1);
    Station station;
    QString error;
    QVERIFY2(station.open(port.path, port.baud, WrapperKind::Orw, &error), qPrintable(error));
    const QByteArray image = testImage(5000, 4);
    TransferInfo info;
    info.target = TransferTarget::Firmware;
    info.hardwareType = HardwareType::Unode;
    info.size = quint32(image.size());
    info.crc32 = crc32Of(image) ^ 0x00010000; // what a server would hand out for a damaged file
    info.version = FirmwareVersion(9, 9, 9, 9);
    const JobOutcome node = Station::run(new TransferJob(station.node()->exchanger(), info, image, station.node()));
    QVERIFY(!node.finished);
    QCOMPARE(node.error.code, ResultCode::NodeFirmwareUnavailable);
    QVERIFY2(node.error.message.contains(QStringLiteral("CRC")), qPrintable(node.error.message));

    info.hardwareType = HardwareType::Emcm;
    const JobOutcome host = Station::run(new TransferJob(station.host()->exchanger(), info, image, station.host()));
    QCOMPARE(host.error.code, ResultCode::HostFirmwareUnavailable);

    const QJsonObject state = SimProcess::readState(port);
    QCOMPARE(state.value(QStringLiteral("node"))
                 .toObject()
                 .value(QStringLiteral("firmware"))
                 .toObject()
                 .value(QStringLiteral("version")),
        QStringLiteral("1.0.0.0"));
}

void TestSimProvisioning::configurationsKeepTheirKind()
{
    const SimPort port = m_sim.port(QStringLiteral("i210plus"), 1);
    Station station;
    QString error;
    QVERIFY2(station.open(port.path, port.baud, WrapperKind::Orw, &error), qPrintable(error));
    const QByteArray factory = testImage(3000, 11);
    JobOutcome out
        = Station::run(station.node()->writeConfiguration(ConfigKind::Factory, 0x45, factory, HardwareType::Unode));
    QVERIFY2(out.finished, qPrintable(out.error.toString()));
    QJsonObject config = SimProcess::readState(port)
                             .value(QStringLiteral("node"))
                             .toObject()
                             .value(QStringLiteral("config"))
                             .toObject();
    QCOMPARE(config.value(QStringLiteral("kind")).toString(), QStringLiteral("factory"));
    QCOMPARE(config.value(QStringLiteral("configId")).toString(), QStringLiteral("0x0000000000000045"));
    QCOMPARE(config.value(QStringLiteral("sha256")).toString(),
        QString::fromLatin1(QCryptographicHash::hash(factory, QCryptographicHash::Sha256).toHex()));

    const QByteArray field = testImage(2500, 12);
    out = Station::run(station.node()->writeConfiguration(ConfigKind::Field, 0x45, field, HardwareType::Unode));
    QVERIFY2(out.finished, qPrintable(out.error.toString()));
    out = Station::run(station.host()->writeConfiguration(ConfigKind::Factory, 0x77, factory, HardwareType::Emcm));
    QVERIFY2(out.finished, qPrintable(out.error.toString()));

    const JobOutcome node = Station::run(station.node()->identify());
    QCOMPARE(node.response.node.configKind, ConfigKind::Field);
    QCOMPARE(node.response.node.configId, 0x45u);
    const JobOutcome host = Station::run(station.host()->identify());
    QCOMPARE(host.response.host.configKind, ConfigKind::Factory);
    QCOMPARE(host.response.host.configId, 0x77u);
    config = SimProcess::readState(port)
                 .value(QStringLiteral("node"))
                 .toObject()
                 .value(QStringLiteral("config"))
                 .toObject();
    QCOMPARE(config.value(QStringLiteral("kind")).toString(), QStringLiteral("field"));
}

void TestSimProvisioning::keysAreVerifiedWithoutReadBack()
{
    const SimPort port = m_sim.port(QStringLiteral("i210plus"), 0);
    Station station;
    QString error;
    QVERIFY2(station.open(port.path, port.baud, WrapperKind::Orw, &error), qPrintable(error));
    const auto key = [](char fill) {
        return crypto::SecretBytes::copyOf(QByteArray(16, fill));
    };

    // Nothing written yet: verification fails with the contract's code.
    JobOutcome out = Station::run(station.node()->verifyKey(KeySlot::NodeRoot, key('\x01')));
    QCOMPARE(out.error.code, ResultCode::NodeVerificationFailed);

    const QList<QPair<KeySlot, char>> nodeKeys
        = {{KeySlot::Gateway, '\x01'}, {KeySlot::CodeDownload, '\x02'}, {KeySlot::NodeRoot, '\x03'}};
    for (const auto &[slot, fill] : nodeKeys) {
        out = Station::run(station.node()->writeKey(slot, key(fill)));
        QVERIFY2(out.finished, qPrintable(out.error.toString()));
        out = Station::run(station.node()->verifyKey(slot, key(fill)));
        QVERIFY2(out.finished, qPrintable(out.error.toString()));
        // The answer is a CMAC, never the key.
        QVERIFY(!out.response.cmac.contains(QByteArray(16, fill)));
    }
    out = Station::run(station.node()->verifyKey(KeySlot::NodeRoot, key('\x04')));
    QCOMPARE(out.error.code, ResultCode::NodeVerificationFailed);

    out = Station::run(station.host()->writeAppKey(key('\x05')));
    QVERIFY2(out.finished, qPrintable(out.error.toString()));
    QVERIFY(Station::run(station.host()->verifyAppKey(key('\x05'))).finished);
    out = Station::run(station.host()->verifyAppKey(key('\x06')));
    QCOMPARE(out.error.code, ResultCode::HostVerificationFailed);

    // The device's memory (the oracle) holds exactly what was written.
    const QJsonObject state = SimProcess::readState(port);
    const QJsonObject nodeKeysJson
        = state.value(QStringLiteral("node")).toObject().value(QStringLiteral("keys")).toObject();
    QCOMPARE(
        nodeKeysJson.value(QStringLiteral("nodeRoot")).toString(), QString::fromLatin1(QByteArray(16, '\x03').toHex()));
    QCOMPARE(
        nodeKeysJson.value(QStringLiteral("gateway")).toString(), QString::fromLatin1(QByteArray(16, '\x01').toHex()));
    QCOMPARE(state.value(QStringLiteral("host"))
                 .toObject()
                 .value(QStringLiteral("keys"))
                 .toObject()
                 .value(QStringLiteral("app"))
                 .toString(),
        QString::fromLatin1(QByteArray(16, '\x05').toHex()));
}

void TestSimProvisioning::lockAndReset()
{
    const SimPort port = m_sim.port(QStringLiteral("node"), 0);
    Station station;
    QString error;
    QVERIFY2(station.open(port.path, port.baud, WrapperKind::None, &error), qPrintable(error));
    QVERIFY(Station::run(station.node()->lock()).finished);
    QVERIFY(
        SimProcess::readState(port).value(QStringLiteral("node")).toObject().value(QStringLiteral("locked")).toBool());
    QVERIFY(Station::run(station.node()->identify()).response.node.locked);

    const int resets = SimProcess::readState(port).value(QStringLiteral("resets")).toInt();
    QVERIFY(Station::run(station.node()->reset()).finished);
    // Booting (200 ms): a short request goes unanswered...
    ClientOptions quick;
    quick.responseTimeoutMs = 50;
    quick.retries = 0;
    NodeClient impatient(station.link(), quick);
    QCOMPARE(Station::run(impatient.identify()).error.code, ResultCode::NodeMessageFailed);
    // ...and the device is back afterwards, still locked.
    QTest::qWait(300);
    const JobOutcome id = Station::run(station.node()->identify());
    QVERIFY2(id.finished, qPrintable(id.error.toString()));
    QVERIFY(id.response.node.locked);
    QCOMPARE(SimProcess::readState(port).value(QStringLiteral("resets")).toInt(), resets + 1);
}

void TestSimProvisioning::meterLink()
{
    const SimPort port = m_sim.port(QStringLiteral("i210plus"), 0);
    Station station;
    QString error;
    QVERIFY2(station.open(port.path, port.baud, WrapperKind::Orw, &error), qPrintable(error));
    const JobOutcome out = Station::run(station.host()->checkMeterLink());
    QVERIFY2(out.finished, qPrintable(out.error.toString()));
    QCOMPARE(out.response.meterId,
        SimProcess::readState(port)
            .value(QStringLiteral("host"))
            .toObject()
            .value(QStringLiteral("meterId"))
            .toString());
    QVERIFY(out.response.meterId.startsWith(u'M'));
}

QTEST_GUILESS_MAIN(TestSimProvisioning)
#include "tst_simprovisioning.moc"
