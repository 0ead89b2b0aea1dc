// Every device fault of provstation-sim, provoked through the real transport,
// ends in the status and result code the station needs (docs/sim.md).
#include "SimHarness.h"
#include "protocol/Crc32.h"
#include "protocol/Exchanger.h"
#include "protocol/IdentityChecks.h"
#include "protocol/TransferJob.h"

#include <QTemporaryDir>
#include <QTest>

using namespace prov;
using namespace prov::protocol;
using namespace prov::test;

class TestSimFaults : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void silentDeviceDoesNotAnswer();
    void silentMeterAnswersOnNeitherChannel();
    void droppedBytesAreRepaired_data();
    void droppedBytesAreRepaired();
    void wrongHardwareType();
    void invalidCalibration();
    void failingHostHardware();
    void meterLinkDown();
    void resetDuringFirmwareUpdateIsSurvived();
    void corruptFlashFailsTheCrcCheck();

private:
    Station *open(const QString &model, int index);

    QTemporaryDir m_dir;
    SimProcess m_sim;
    std::vector<std::unique_ptr<Station>> m_stations;
};

void TestSimFaults::initTestCase()
{
    QString error;
    QVERIFY2(
        m_sim.start(
            {QStringLiteral("--devices"), QStringLiteral("node:3,i210plus:6,node:1@reliable"),
                QStringLiteral("--state-dir"), m_dir.path(), QStringLiteral("--flash-ms-per-kib"), QStringLiteral("1"),
                QStringLiteral("--reset-ms"), QStringLiteral("300"), QStringLiteral("--fault"),
                QStringLiteral("node#0:silent"), QStringLiteral("--fault"), QStringLiteral("node#1:wrong-hw"),
                QStringLiteral("--fault"), QStringLiteral("node#2:calibration=invalid"), QStringLiteral("--fault"),
                QStringLiteral("i210plus#0:hw-fail"), QStringLiteral("--fault"),
                QStringLiteral("i210plus#1:meter-link-down"), QStringLiteral("--fault"),
                QStringLiteral("i210plus#2:reset-during-fw=0.4"), QStringLiteral("--fault"),
                QStringLiteral("i210plus#3:flash-corrupt"), QStringLiteral("--fault"),
                QStringLiteral("i210plus#4:silent"), QStringLiteral("--fault"), QStringLiteral("i210plus#5:drop=3e-4"),
                QStringLiteral("--fault"), QStringLiteral("node#3:drop=3e-4")},
            &error),
        qPrintable(error));
}

void TestSimFaults::cleanupTestCase()
{
    m_stations.clear();
    QCOMPARE(m_sim.stop(), 0);
}

Station *TestSimFaults::open(const QString &model, int index)
{
    auto station = std::make_unique<Station>();
    ClientOptions options;
    options.responseTimeoutMs = 400;
    QString error;
    if (!station->open(m_sim.port(model, index), &error, options)) {
        qWarning("%s", qPrintable(error));
        return nullptr;
    }
    m_stations.push_back(std::move(station));
    return m_stations.back().get();
}

void TestSimFaults::silentDeviceDoesNotAnswer()
{
    Station *s = open(QStringLiteral("node"), 0);
    QVERIFY(s);
    const JobOutcome out = Station::run(s->node()->identify());
    QVERIFY(!out.finished);
    QCOMPARE(out.error.code, ResultCode::NodeMessageFailed);
    // The port exists and opens (the cable is there, the device is not).
    QVERIFY2(
        out.error.toString().contains(m_sim.port(QStringLiteral("node"), 0).path), qPrintable(out.error.toString()));
    QCOMPARE(s->link()->counters().bytesRead, 0u);
}

void TestSimFaults::silentMeterAnswersOnNeitherChannel()
{
    // An unplugged meter: the node is 36, the eMCM 68 (DeviceStatus.cpp's table).
    Station *s = open(QStringLiteral("i210plus"), 4);
    QVERIFY(s);
    const JobOutcome host = Station::run(s->host()->identify());
    QVERIFY(!host.finished);
    QCOMPARE(host.error.code, ResultCode::HostUnreachable);
    const JobOutcome node = Station::run(s->node()->identify());
    QCOMPARE(node.error.code, ResultCode::NodeMessageFailed);
    QCOMPARE(s->link()->counters().bytesRead, 0u);
}

void TestSimFaults::droppedBytesAreRepaired_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("index");
    QTest::newRow("orw: resent blocks") << QStringLiteral("i210plus") << 5;
    QTest::newRow("reliable: retransmitted frames") << QStringLiteral("node") << 3;
}

void TestSimFaults::droppedBytesAreRepaired()
{
    // drop=3e-4: about 12 bytes of a 40 KB image lost on the way to the
    // device, and some of the answers. Every loss breaks a frame; the station
    // sees it as silence or a gap and sends again; the image arrives whole. (A
    // broken orw frame passes its 8-bit sum 1 time in 256: the device's CRC-32
    // check at TransferEnd catches that and the station starts over once.)
    QFETCH(QString, model);
    QFETCH(int, index);
    const SimPort port = m_sim.port(model, index);
    Station station;
    ClientOptions options;
    options.retries = 6;
    QString error;
    QVERIFY2(station.open(port, &error, options), qPrintable(error));
    const QByteArray image = testImage(40000, index);
    const JobOutcome out = Station::run(
        station.node()->updateFirmware(image, HardwareType::Unode, FirmwareVersion(3, 0, 0, quint16(index))), 120000);
    QVERIFY2(out.finished, qPrintable(out.error.toString()));
    const quint64 repairs = station.link()->counters().retransmissions + station.node()->exchanger()->resends()
        + quint64(out.blocksResent) + quint64(out.resumes) + quint64(out.crcRestarts);
    QVERIFY2(repairs > 0, "no byte was lost: the fault did nothing");
    const QJsonObject fw = SimProcess::readState(port)
                               .value(QStringLiteral("node"))
                               .toObject()
                               .value(QStringLiteral("firmware"))
                               .toObject();
    QCOMPARE(fw.value(QStringLiteral("version")).toString(), QStringLiteral("3.0.0.%1").arg(index));
    QCOMPARE(fw.value(QStringLiteral("crc32")).toString(),
        QString::number(crc32Of(image), 16).rightJustified(8, QLatin1Char('0')).toUpper());
}

void TestSimFaults::wrongHardwareType()
{
    Station *s = open(QStringLiteral("node"), 1);
    QVERIFY(s);
    const JobOutcome id = Station::run(s->node()->identify());
    QVERIFY(id.finished);
    QCOMPARE(id.response.node.hardwareType, HardwareType::Enode);
    const Status check = checkNodeIdentity(id.response.node, HardwareType::Unode);
    QCOMPARE(check.error().code, ResultCode::NodeHardwareIncompatible);
    QVERIFY2(check.error().message.contains(QStringLiteral("ENODE")), qPrintable(check.error().message));
    // The device itself refuses an image for the type the package names.
    const JobOutcome fw
        = Station::run(s->node()->updateFirmware(testImage(2000), HardwareType::Unode, FirmwareVersion(2, 0, 0, 0)));
    QCOMPARE(fw.error.code, ResultCode::NodeHardwareIncompatible);
}

void TestSimFaults::invalidCalibration()
{
    Station *s = open(QStringLiteral("node"), 2);
    QVERIFY(s);
    const JobOutcome id = Station::run(s->node()->identify());
    QCOMPARE(id.response.node.calibration, CalibrationState::Invalid);
    QCOMPARE(
        checkNodeIdentity(id.response.node, HardwareType::Unode).error().code, ResultCode::NodeCalibrationIncompatible);
    const JobOutcome cfg
        = Station::run(s->node()->writeConfiguration(ConfigKind::Factory, 0x45, testImage(500), HardwareType::Unode));
    QCOMPARE(cfg.error.code, ResultCode::NodeCalibrationIncompatible);
}

void TestSimFaults::failingHostHardware()
{
    Station *s = open(QStringLiteral("i210plus"), 0);
    QVERIFY(s);
    const JobOutcome id = Station::run(s->host()->identify());
    QVERIFY(id.finished);
    QVERIFY(!id.response.host.hardwareOk());
    const Status hw = HostClient::hardwareStatusError(id.response.host);
    QCOMPARE(hw.error().code, ResultCode::HostHardwareFailure);
    QVERIFY2(hw.error().message.contains(id.response.host.emcmIdHex()), qPrintable(hw.error().message));
    const JobOutcome key = Station::run(s->host()->writeAppKey(crypto::SecretBytes::copyOf(QByteArray(16, 'k'))));
    QCOMPARE(key.error.code, ResultCode::HostHardwareFailure);
    // The node behind it is fine.
    QVERIFY(Station::run(s->node()->identify()).finished);
}

void TestSimFaults::meterLinkDown()
{
    Station *s = open(QStringLiteral("i210plus"), 1);
    QVERIFY(s);
    const JobOutcome out = Station::run(s->host()->checkMeterLink());
    QCOMPARE(out.error.code, ResultCode::ApplicationLinkFailure);
    QVERIFY2(out.error.message.contains(QStringLiteral("meter link down")), qPrintable(out.error.message));
    QCOMPARE(SimProcess::readState(m_sim.port(QStringLiteral("i210plus"), 1))
                 .value(QStringLiteral("host"))
                 .toObject()
                 .value(QStringLiteral("meterLink"))
                 .toString(),
        QStringLiteral("down"));
}

void TestSimFaults::resetDuringFirmwareUpdateIsSurvived()
{
    Station *s = open(QStringLiteral("i210plus"), 2);
    QVERIFY(s);
    const QByteArray image = testImage(30000, 5);
    const JobOutcome out
        = Station::run(s->node()->updateFirmware(image, HardwareType::Unode, FirmwareVersion(2, 2, 0, 0)));
    QVERIFY2(out.finished, qPrintable(out.error.toString()));
    // The device went away mid-image and the station had to send again: the
    // lost block itself (the exchanger's resend), blocks behind it, or a resume.
    const quint64 resends = s->node()->exchanger()->resends();
    QVERIFY2(out.blocksResent > 0 || out.resumes > 0 || resends > 0,
        qPrintable(QStringLiteral("resent %1, resumes %2, exchanger resends %3")
                       .arg(out.blocksResent)
                       .arg(out.resumes)
                       .arg(resends)));
    const QJsonObject state = SimProcess::readState(m_sim.port(QStringLiteral("i210plus"), 2));
    QCOMPARE(state.value(QStringLiteral("resets")).toInt(), 1);
    const QJsonObject fw = state.value(QStringLiteral("node")).toObject().value(QStringLiteral("firmware")).toObject();
    QCOMPARE(fw.value(QStringLiteral("version")).toString(), QStringLiteral("2.2.0.0"));
    QCOMPARE(fw.value(QStringLiteral("crc32")).toString(),
        QString::number(crc32Of(image), 16).rightJustified(8, QLatin1Char('0')).toUpper());
}

void TestSimFaults::corruptFlashFailsTheCrcCheck()
{
    Station *s = open(QStringLiteral("i210plus"), 3);
    QVERIFY(s);
    const JobOutcome node
        = Station::run(s->node()->updateFirmware(testImage(3000), HardwareType::Unode, FirmwareVersion(2, 0, 0, 0)));
    QCOMPARE(node.error.code, ResultCode::NodeFirmwareUnavailable);
    QCOMPARE(node.crcRestarts, 1); // the station tried once more: flash, not the line
    const JobOutcome host
        = Station::run(s->host()->updateFirmware(testImage(3000), HardwareType::Emcm, FirmwareVersion(2, 0, 0, 0)));
    QCOMPARE(host.error.code, ResultCode::HostFirmwareUnavailable);
    // Configurations are not affected.
    QVERIFY(Station::run(s->node()->writeConfiguration(ConfigKind::Factory, 1, testImage(100), HardwareType::Unode))
                .finished);
}

QTEST_GUILESS_MAIN(TestSimFaults)
#include "tst_simfaults.moc"
