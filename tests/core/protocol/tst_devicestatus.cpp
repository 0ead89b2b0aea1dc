#include "protocol/DeviceStatus.h"

#include <QTest>

using namespace prov;
using namespace prov::protocol;
using prov::transport::Channel;

class TestDeviceStatus : public QObject
{
    Q_OBJECT

private slots:
    void mapsOntoContractCodes_data();
    void mapsOntoContractCodes();
    void unknownStatusIsUnexpected();
    void exchangeFailures();
    void errorNamesStatusAndOperation();
};

void TestDeviceStatus::mapsOntoContractCodes_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("nodeCode");
    QTest::addColumn<int>("hostCode");
    // The table of docs/protocol/node-host-protocol.md, "Status codes", with the
    // numbers of docs/contracts/cli.md.
    QTest::newRow("ok") << 0x00 << 0 << 0;
    QTest::newRow("unknown command") << 0x01 << 37 << 69;
    QTest::newRow("malformed") << 0x02 << 37 << 69;
    QTest::newRow("version") << 0x03 << 39 << 69;
    QTest::newRow("busy") << 0x04 << 37 << 69;
    QTest::newRow("not allowed") << 0x05 << 37 << 69;
    QTest::newRow("wrong hardware") << 0x10 << 40 << 72;
    QTest::newRow("calibration") << 0x11 << 41 << 72;
    QTest::newRow("config rejected") << 0x12 << 42 << 76;
    QTest::newRow("image too large") << 0x13 << 43 << 75;
    QTest::newRow("image crc") << 0x14 << 43 << 75;
    QTest::newRow("config crc") << 0x15 << 44 << 76;
    QTest::newRow("no transfer") << 0x16 << 37 << 69;
    QTest::newRow("offset") << 0x17 << 37 << 69;
    QTest::newRow("incomplete") << 0x18 << 37 << 69;
    QTest::newRow("flash") << 0x19 << 37 << 69;
    QTest::newRow("slot") << 0x20 << 37 << 69;
    QTest::newRow("key not set") << 0x21 << 38 << 70;
    QTest::newRow("hardware failure") << 0x30 << 37 << 72;
    QTest::newRow("meter link") << 0x31 << 164 << 164;
}

void TestDeviceStatus::mapsOntoContractCodes()
{
    QFETCH(int, status);
    QFETCH(int, nodeCode);
    QFETCH(int, hostCode);
    const auto s = static_cast<DeviceStatus>(status);
    QVERIFY(isKnownStatus(static_cast<quint8>(status)));
    QCOMPARE(static_cast<int>(resultCodeFor(s, Channel::Node)), nodeCode);
    QCOMPARE(static_cast<int>(resultCodeFor(s, Channel::Host)), hostCode);
    QVERIFY(ResultCatalogue::isKnown(nodeCode));
    QVERIFY(ResultCatalogue::isKnown(hostCode));
    QVERIFY(!statusName(s).startsWith(QStringLiteral("status 0x")));
}

void TestDeviceStatus::unknownStatusIsUnexpected()
{
    int known = 0;
    for (int v = 0; v < 256; ++v) {
        if (isKnownStatus(static_cast<quint8>(v))) {
            ++known;
            continue;
        }
        const auto s = static_cast<DeviceStatus>(v);
        QCOMPARE(resultCodeFor(s, Channel::Node), ResultCode::NodeUnexpectedError);
        QCOMPARE(resultCodeFor(s, Channel::Host), ResultCode::HostUnexpectedError);
        QVERIFY(statusName(s).startsWith(QStringLiteral("status 0x")));
    }
    QCOMPARE(known, 20); // every row of the data table above, and no other
}

void TestDeviceStatus::exchangeFailures()
{
    QCOMPARE(resultCodeFor(ExchangeFailure::NoAnswer, Channel::Node), ResultCode::NodeMessageFailed);
    QCOMPARE(resultCodeFor(ExchangeFailure::NoAnswer, Channel::Host), ResultCode::HostUnreachable);
    QCOMPARE(resultCodeFor(ExchangeFailure::InvalidResponse, Channel::Node), ResultCode::NodeUnexpectedError);
    QCOMPARE(resultCodeFor(ExchangeFailure::InvalidResponse, Channel::Host), ResultCode::HostUnexpectedError);
    QCOMPARE(resultCodeFor(ExchangeFailure::VerificationFailed, Channel::Node), ResultCode::NodeVerificationFailed);
    QCOMPARE(resultCodeFor(ExchangeFailure::VerificationFailed, Channel::Host), ResultCode::HostVerificationFailed);
}

void TestDeviceStatus::errorNamesStatusAndOperation()
{
    const Error e = statusError(DeviceStatus::MeterLinkDown, Channel::Host, QStringLiteral("MeterLinkCheck"));
    QCOMPARE(e.code, ResultCode::ApplicationLinkFailure);
    QVERIFY2(e.message.contains(QStringLiteral("meter link down")), qPrintable(e.message));
    QVERIFY2(e.message.contains(QStringLiteral("0x31")), qPrintable(e.message));
    QVERIFY2(e.message.contains(QStringLiteral("MeterLinkCheck")), qPrintable(e.message));
    QVERIFY2(e.message.contains(QStringLiteral("host")), qPrintable(e.message));
}

QTEST_GUILESS_MAIN(TestDeviceStatus)
#include "tst_devicestatus.moc"
