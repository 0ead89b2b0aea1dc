// The simulated serial line: line-rate pacing, the wrong baud rate, bit errors
// and dropped bytes, and the kv2c's two ports onto one device.
#include "SimHarness.h"
#include "protocol/Crc32.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace prov;
using namespace prov::protocol;
using namespace prov::test;
using transport::WrapperKind;

namespace {
QString crcText(const QByteArray &data)
{
    return QString::number(crc32Of(data), 16).rightJustified(8, QLatin1Char('0')).toUpper();
}
} // namespace

class TestSimLine : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void bytesMoveAtLineRate_data();
    void bytesMoveAtLineRate();
    void wrongBaudRateGivesGarbage();
    void bitErrorsAreSurvived_data();
    void bitErrorsAreSurvived();
    void kv2cPortsShareOneDevice();

private:
    QTemporaryDir m_dir;
    SimProcess m_sim;
};

void TestSimLine::initTestCase()
{
    QString error;
    QVERIFY2(m_sim.start(
                 {QStringLiteral("--devices"), QStringLiteral("node:1,node:1@reliable,node:1,kv2c:1,node:1@reliable"),
                     QStringLiteral("--state-dir"), m_dir.path(), QStringLiteral("--flash-ms-per-kib"),
                     QStringLiteral("0"), QStringLiteral("--fault"), QStringLiteral("node#2:ber=2e-5,drop=1e-5"),
                     QStringLiteral("--fault"), QStringLiteral("node#3:ber=2e-5,drop=1e-5"),
                     QStringLiteral("--psem-password"), QStringLiteral("secret-password")},
                 &error),
        qPrintable(error));
    QCOMPARE(m_sim.ports().size(), 6);
}

void TestSimLine::cleanupTestCase()
{
    QCOMPARE(m_sim.stop(), 0);
}

void TestSimLine::bytesMoveAtLineRate_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("wrapper");
    QTest::newRow("none at 115200") << 0 << QStringLiteral("none");
    QTest::newRow("reliable at 115200") << 1 << QStringLiteral("reliable");
}

void TestSimLine::bytesMoveAtLineRate()
{
    QFETCH(int, index);
    QFETCH(QString, wrapper);
    const SimPort port = m_sim.port(QStringLiteral("node"), index);
    QCOMPARE(port.wrapper, wrapper);
    WrapperKind kind {};
    QVERIFY(transport::parseWrapperName(wrapper, &kind));
    Station station;
    QString error;
    QVERIFY2(station.open(port.path, 115200, kind, &error), qPrintable(error));
    const QByteArray image = testImage(23040, index); // 2 s at 115200
    const JobOutcome out
        = Station::run(station.node()->updateFirmware(image, HardwareType::Unode, FirmwareVersion(1, 1, 0, 0)));
    QVERIFY2(out.finished, qPrintable(out.error.toString()));
    const double floor = double(image.size()) / 11520.0;
    // Never faster than the line (the pacing), and not much slower (the window keeps it busy).
    QVERIFY2(
        out.seconds >= floor * 0.98, qPrintable(QStringLiteral("%1 s for a %2 s floor").arg(out.seconds).arg(floor)));
    QVERIFY2(
        out.seconds <= floor * 1.6, qPrintable(QStringLiteral("%1 s for a %2 s floor").arg(out.seconds).arg(floor)));
}

void TestSimLine::wrongBaudRateGivesGarbage()
{
    const SimPort port = m_sim.port(QStringLiteral("node"), 0);
    {
        Station station;
        QString error;
        ClientOptions options;
        options.responseTimeoutMs = 300;
        QVERIFY2(station.open(port.path, 9600, WrapperKind::None, &error, options), qPrintable(error));
        const JobOutcome out = Station::run(station.node()->identify());
        QVERIFY(!out.finished);
        QCOMPARE(out.error.code, ResultCode::NodeMessageFailed);
        // The device heard garbage, so it answered nothing that frames.
        QCOMPARE(station.link()->counters().framesReceived, 0u);
    }
    // The same port at the right speed works (QSerialPort restored the settings).
    Station station;
    QString error;
    QVERIFY2(station.open(port.path, 115200, WrapperKind::None, &error), qPrintable(error));
    QVERIFY(Station::run(station.node()->identify()).finished);
}

void TestSimLine::bitErrorsAreSurvived_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("index");
    QTest::newRow("none: go back to the lost block") << QStringLiteral("node") << 2;
    QTest::newRow("reliable: retransmissions") << QStringLiteral("node") << 3;
}

void TestSimLine::bitErrorsAreSurvived()
{
    QFETCH(QString, model);
    QFETCH(int, index);
    const SimPort port = m_sim.port(model, index);
    Station station;
    QString error;
    ClientOptions options;
    options.retries = 4;
    QVERIFY2(station.open(port, &error, options), qPrintable(error));
    // About 5 bit errors and 0.3 lost bytes expected for 30 KB at these rates.
    const QByteArray image = testImage(30000, 8);
    const JobOutcome out
        = Station::run(station.node()->updateFirmware(image, HardwareType::Unode, FirmwareVersion(6, 0, 0, 0)), 60000);
    QVERIFY2(out.finished, qPrintable(out.error.toString()));
    const transport::LinkCounters c = station.link()->counters();
    QVERIFY2(c.checksumErrors + c.framingErrors + c.retransmissions + quint64(out.blocksResent) > 0,
        "the noisy line caused no visible repair");
    const QJsonObject fw = SimProcess::readState(port)
                               .value(QStringLiteral("node"))
                               .toObject()
                               .value(QStringLiteral("firmware"))
                               .toObject();
    QCOMPARE(fw.value(QStringLiteral("crc32")).toString(), crcText(image));
    QCOMPARE(fw.value(QStringLiteral("version")).toString(), QStringLiteral("6.0.0.0"));
}

void TestSimLine::kv2cPortsShareOneDevice()
{
    const SimPort fixture = m_sim.port(QStringLiteral("kv2c"), 0, QStringLiteral("fixture"));
    const SimPort optical = m_sim.port(QStringLiteral("kv2c"), 0, QStringLiteral("optical"));
    QCOMPARE(fixture.baud, 115200);
    QCOMPARE(fixture.wrapper, QStringLiteral("orw"));
    QCOMPARE(optical.baud, 9600);
    QCOMPARE(optical.wrapper, QStringLiteral("opt_psem"));
    QCOMPARE(optical.nodeId, fixture.nodeId);
    QCOMPARE(optical.stateFile, fixture.stateFile);

    // PRETEST on the fixture: a factory configuration.
    {
        Station station;
        QString error;
        QVERIFY2(station.open(fixture.path, fixture.baud, WrapperKind::Orw, &error), qPrintable(error));
        QVERIFY(Station::run(
            station.node()->writeConfiguration(ConfigKind::Factory, 0x45, testImage(700), HardwareType::Unode))
                    .finished);
    }
    // CHECKCONFIG through the optical port at 9600 sees it; keys go in there.
    transport::WrapperOptions psem;
    psem.psemPassword = QByteArrayLiteral("secret-password");
    Station station;
    QString error;
    QVERIFY2(station.open(optical.path, optical.baud, WrapperKind::OptPsem, &error, {}, psem), qPrintable(error));
    const JobOutcome id = Station::run(station.node()->identify());
    QVERIFY2(id.finished, qPrintable(id.error.toString()));
    QCOMPARE(id.response.node.configKind, ConfigKind::Factory);
    QCOMPARE(id.response.node.configId, 0x45u);
    const JobOutcome host = Station::run(station.host()->identify());
    QVERIFY2(host.finished, qPrintable(host.error.toString()));
    QCOMPARE(host.response.host.emcmIdHex(), optical.emcmId);

    const crypto::SecretBytes key = crypto::SecretBytes::copyOf(QByteArray(16, 'q'));
    QVERIFY(Station::run(station.host()->writeAppKey(key)).finished);
    QVERIFY(Station::run(station.host()->verifyAppKey(key)).finished);
    // 2 KB of field configuration at 9600 through C12.18: at least its line time.
    const QByteArray field = testImage(2048, 3);
    const JobOutcome cfg
        = Station::run(station.node()->writeConfiguration(ConfigKind::Field, 0x45, field, HardwareType::Unode), 60000);
    QVERIFY2(cfg.finished, qPrintable(cfg.error.toString()));
    QVERIFY2(cfg.seconds >= 2048.0 / 960.0, qPrintable(QString::number(cfg.seconds)));
    const QJsonObject state = SimProcess::readState(optical);
    QCOMPARE(state.value(QStringLiteral("node"))
                 .toObject()
                 .value(QStringLiteral("config"))
                 .toObject()
                 .value(QStringLiteral("kind"))
                 .toString(),
        QStringLiteral("field"));
    QCOMPARE(state.value(QStringLiteral("host"))
                 .toObject()
                 .value(QStringLiteral("keys"))
                 .toObject()
                 .value(QStringLiteral("app"))
                 .toString(),
        QString::fromLatin1(QByteArray(16, 'q').toHex()));
}

QTEST_GUILESS_MAIN(TestSimLine)
#include "tst_simline.moc"
