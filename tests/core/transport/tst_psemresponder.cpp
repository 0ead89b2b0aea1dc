// The meter side of PSEM, request by request; vectors from c1218.md
// (from public implementations).
#include "transport/Psem.h"
#include "transport/PsemResponder.h"

#include <QTest>

using namespace prov::transport;

namespace {

const QByteArray kPassword("sim-secret");

PsemResponder::Settings settings(quint8 maxPackets = 8)
{
    PsemResponder::Settings s;
    s.password = kPassword;
    s.maxPacketSize = 1024;
    s.maxPackets = maxPackets;
    s.baudRate = 9600;
    return s;
}

QByteArray logon()
{
    return QByteArray::fromHex("500002") + QByteArray("PROVSTATN ");
}

QByteArray security(const QByteArray &password)
{
    return QByteArray::fromHex("51") + PsemResponder::padPassword(password);
}

QByteArray writeTunnel(quint8 channel, const QByteArray &payload)
{
    QByteArray data(1, char(channel));
    data.append(payload);
    QByteArray request = QByteArray::fromHex("400801");
    psem::appendBe16(request, quint16(data.size()));
    request.append(data);
    request.append(char(psem::tableChecksum(data)));
    return request;
}

} // namespace

class TestPsemResponder : public QObject
{
    Q_OBJECT

private slots:
    void identifyAndNegotiateVectors();
    void partialReadVector();
    void standardTablesAfterLogonWithoutSecurity();
    void wrongPasswordIsIsc();
    void tunnelNeedsSecurity();
    void tunnelRoundTrip();
    void serviceSequenceEnforced();
    void malformedRequests_data();
    void malformedRequests();
    void tableChecksum();
    void responseQueueBounded();
    void oversizeResponseIsOnp();
};

void TestPsemResponder::identifyAndNegotiateVectors()
{
    PsemResponder meter(settings(128));
    // c1218.md: Identify reply 00 00 01 00 00; Negotiate 61 04 00 80 06 → 00 04 00 80 06.
    QCOMPARE(meter.handle(QByteArray::fromHex("20")).toHex(), QByteArray("0000010000"));
    quint16 size = 0;
    quint8 packets = 0;
    meter.onNegotiated = [&](quint16 s, quint8 p) {
        size = s;
        packets = p;
    };
    QCOMPARE(meter.handle(QByteArray::fromHex("6104008006")).toHex(), QByteArray("0004008006"));
    QCOMPARE(size, quint16(1024));
    QCOMPARE(packets, quint8(128));
    // A proposal above the meter's limits is cut down to them.
    PsemResponder small(settings(8));
    (void)small.handle(QByteArray::fromHex("20"));
    QCOMPARE(small.handle(QByteArray::fromHex("601000ff")).toHex(), QByteArray("0004000806"));
}

void TestPsemResponder::partialReadVector()
{
    PsemResponder meter(settings());
    meter.setTable(23, QByteArray::fromHex("fb1304024d891a00"));
    (void)meter.handle(QByteArray::fromHex("20"));
    QCOMPARE(meter.handle(logon()).toHex(), QByteArray("00"));
    // c1218.md: 3F 00 17 000000 0008 → 00 0008 FB13 0402 4D89 1A00 FC.
    QCOMPARE(meter.handle(QByteArray::fromHex("3f00170000000008")).toHex(), QByteArray("000008fb1304024d891a00fc"));
}

void TestPsemResponder::standardTablesAfterLogonWithoutSecurity()
{
    PsemResponder meter(settings());
    (void)meter.handle(QByteArray::fromHex("20"));
    QCOMPARE(meter.handle(QByteArray::fromHex("300001")).toHex(), QByteArray("0a")); // ISSS before Logon
    QCOMPARE(meter.handle(logon()).toHex(), QByteArray("00"));
    const QByteArray t1 = meter.handle(QByteArray::fromHex("300001"));
    QCOMPARE(quint8(t1[0]), psem::kOk);
    const quint16 count = psem::be16(t1, 1);
    QCOMPARE(count, quint16(meter.table(1).size()));
    QCOMPARE(t1.mid(3, count), meter.table(1));
    QCOMPARE(quint8(t1[3 + count]), psem::tableChecksum(meter.table(1)));
    const QByteArray t0 = meter.handle(QByteArray::fromHex("300000"));
    QCOMPARE(quint8(t0[0]), psem::kOk);
    // Partial read of table 1: the model, 8 bytes at offset 4.
    const QByteArray model = meter.handle(QByteArray::fromHex("3f00010000040008"));
    QCOMPARE(model.mid(3, 8), QByteArray("SIMMETER"));
    // Beyond the end: ONP; unknown table: IAR.
    QCOMPARE(meter.handle(QByteArray::fromHex("3f00010000200001")).toHex(), QByteArray("04"));
    QCOMPARE(meter.handle(QByteArray::fromHex("300007")).toHex(), QByteArray("05"));
}

void TestPsemResponder::wrongPasswordIsIsc()
{
    PsemResponder meter(settings());
    (void)meter.handle(QByteArray::fromHex("20"));
    (void)meter.handle(logon());
    QCOMPARE(meter.handle(security("wrong")).toHex(), QByteArray("03"));
    QCOMPARE(meter.state(), PsemResponder::State::LoggedOn);
    QCOMPARE(meter.handle(security(kPassword)).toHex(), QByteArray("00"));
    QCOMPARE(meter.state(), PsemResponder::State::Secured);
}

void TestPsemResponder::tunnelNeedsSecurity()
{
    PsemResponder meter(settings());
    int received = 0;
    meter.onTunnelMessage = [&](const Message &) {
        ++received;
    };
    (void)meter.handle(QByteArray::fromHex("20"));
    (void)meter.handle(logon());
    QCOMPARE(meter.handle(writeTunnel(0x47, "hello")).toHex(), QByteArray("03"));
    QCOMPARE(meter.handle(QByteArray::fromHex("300802")).toHex(), QByteArray("03"));
    QCOMPARE(received, 0);
}

void TestPsemResponder::tunnelRoundTrip()
{
    PsemResponder meter(settings());
    QList<Message> received;
    meter.onTunnelMessage = [&](const Message &m) {
        received.append(m);
    };
    (void)meter.handle(QByteArray::fromHex("20"));
    (void)meter.handle(logon());
    (void)meter.handle(security(kPassword));
    QCOMPARE(meter.handle(writeTunnel(0x47, "to node")).toHex(), QByteArray("00"));
    QCOMPARE(meter.handle(writeTunnel(0x00, QByteArray())).toHex(), QByteArray("00"));
    QCOMPARE(received, (QList<Message> {{Channel::Node, "to node"}, {Channel::Host, {}}}));
    // Unknown channel byte, partial write, writes to other tables: refused.
    QCOMPARE(meter.handle(writeTunnel(0x48, "x")).toHex(), QByteArray("05"));
    QCOMPARE(meter
                 .handle(QByteArray::fromHex("4000010001"
                                             "41"
                                             "bf"))
                 .toHex(),
        QByteArray("05"));
    // Empty response table, then FIFO order.
    QCOMPARE(meter.handle(QByteArray::fromHex("300802")).toHex(), QByteArray("00000000"));
    meter.queueTunnelMessage(Message {Channel::Host, "r1"});
    meter.queueTunnelMessage(Message {Channel::Node, "r2"});
    QCOMPARE(meter.handle(QByteArray::fromHex("300802")),
        QByteArray::fromHex("000003") + QByteArray::fromHex("00") + "r1"
            + char(psem::tableChecksum(QByteArray("\0r1", 3))));
    const QByteArray second = meter.handle(QByteArray::fromHex("300802"));
    QCOMPARE(second.mid(3, 3), QByteArray("\x47r2"));
    QCOMPARE(meter.queuedTunnelMessages(), 0);
}

void TestPsemResponder::serviceSequenceEnforced()
{
    PsemResponder meter(settings());
    QCOMPARE(meter.handle(logon()).toHex(), QByteArray("0a")); // before Identify
    QCOMPARE(meter.handle(QByteArray::fromHex("20")).toHex(), QByteArray("0000010000"));
    QCOMPARE(meter.handle(security(kPassword)).toHex(), QByteArray("0a")); // before Logon
    QCOMPARE(meter.handle(logon()).toHex(), QByteArray("00"));
    QCOMPARE(meter.handle(QByteArray::fromHex("6104008006")).toHex(), QByteArray("0a")); // Negotiate in session
    QCOMPARE(meter.handle(QByteArray::fromHex("7005")).toHex(), QByteArray("00")); // Wait
    QCOMPARE(meter.handle(QByteArray::fromHex("52")).toHex(), QByteArray("00")); // Logoff
    QCOMPARE(meter.state(), PsemResponder::State::Identified);
    bool ended = false;
    meter.onSessionEnded = [&] {
        ended = true;
    };
    QCOMPARE(meter.handle(QByteArray::fromHex("21")).toHex(), QByteArray("00")); // Terminate
    QVERIFY(ended);
    QCOMPARE(meter.state(), PsemResponder::State::Base);
    QCOMPARE(meter.handle(QByteArray::fromHex("99")).toHex(), QByteArray("0a"));
    (void)meter.handle(QByteArray::fromHex("20"));
    QCOMPARE(meter.handle(QByteArray::fromHex("99")).toHex(), QByteArray("02")); // SNS
}

void TestPsemResponder::malformedRequests_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("read without table") << QByteArray::fromHex("30");
    QTest::newRow("logon short") << QByteArray::fromHex("500002414243");
    QTest::newRow("negotiate truncated") << QByteArray::fromHex("6104");
    QTest::newRow("security short") << QByteArray::fromHex("5100");
    QTest::newRow("write count mismatch") << QByteArray::fromHex("40080100054700");
    QTest::newRow("wait without seconds") << QByteArray::fromHex("70");
}

void TestPsemResponder::malformedRequests()
{
    QFETCH(QByteArray, request);
    PsemResponder meter(settings());
    (void)meter.handle(QByteArray::fromHex("20"));
    (void)meter.handle(logon());
    (void)meter.handle(security(kPassword));
    const QByteArray response = meter.handle(request);
    QCOMPARE(response.toHex(), QByteArray("01")); // ERR
}

void TestPsemResponder::tableChecksum()
{
    // Two's complement of the byte sum: data + checksum sums to 0 mod 256.
    QCOMPARE(psem::tableChecksum(QByteArray::fromHex("fb1304024d891a00")), quint8(0xfc));
    QCOMPARE(psem::tableChecksum(QByteArray()), quint8(0));
    PsemResponder meter(settings());
    (void)meter.handle(QByteArray::fromHex("20"));
    (void)meter.handle(logon());
    (void)meter.handle(security(kPassword));
    QByteArray write = writeTunnel(0x47, "abc");
    write[write.size() - 1] = char(write[write.size() - 1] + 1);
    QCOMPARE(meter.handle(write).toHex(), QByteArray("01"));
}

void TestPsemResponder::responseQueueBounded()
{
    PsemResponder meter(settings());
    for (int i = 0; i < PsemResponder::kMaxQueuedResponses; ++i)
        QVERIFY(meter.queueTunnelMessage(Message {Channel::Node, QByteArray::number(i)}));
    QVERIFY(!meter.queueTunnelMessage(Message {Channel::Node, "last"}));
    QCOMPARE(meter.queuedTunnelMessages(), PsemResponder::kMaxQueuedResponses);
}

void TestPsemResponder::oversizeResponseIsOnp()
{
    PsemResponder meter(settings());
    (void)meter.handle(QByteArray::fromHex("20"));
    (void)meter.handle(logon());
    (void)meter.handle(security(kPassword));
    meter.setMaxResponseSize(56); // one 64-byte packet before Negotiate
    meter.queueTunnelMessage(Message {Channel::Node, QByteArray(60, 'x')});
    QCOMPARE(meter.handle(QByteArray::fromHex("300802")).toHex(), QByteArray("04"));
    QCOMPARE(meter.queuedTunnelMessages(), 1); // kept for a larger session
}

QTEST_GUILESS_MAIN(TestPsemResponder)
#include "tst_psemresponder.moc"
