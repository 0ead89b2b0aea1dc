// `opt_psem` end to end: a station (PSEM client) and a meter (responder) over an
// in-memory line, including the C12.18 link layer's ACK/NAK, retries and
// duplicate detection under loss.
#include "WrapperPipe.h"

#include "transport/OptPsemWrapper.h"
#include "transport/Psem.h"
#include "transport/PsemPacket.h"

#include <QSignalSpy>
#include <QTest>

using namespace prov::transport;
using prov::test::WrapperPipe;

namespace {

WrapperOptions options(const QByteArray &password = QByteArrayLiteral("meter-pw"))
{
    WrapperOptions o;
    o.baudRate = 100000000; // in memory
    o.psemPassword = password;
    o.psemResponseTimeoutMs = 60;
    o.psemInterCharTimeoutMs = 20;
    o.psemPollIntervalMs = 2;
    o.psemKeepAliveMs = 50;
    o.psemChannelTrafficTimeoutMs = 2000;
    return o;
}

QList<Message> messagesOf(const QSignalSpy &spy)
{
    QList<Message> out;
    for (const auto &args : spy)
        out.append(args.at(0).value<Message>());
    return out;
}

struct Pair
{
    Pair(const WrapperOptions &stationOptions, const WrapperOptions &meterOptions, quint32 seed = 1)
        : station(Wrapper::Role::Station, stationOptions)
        , meter(Wrapper::Role::Device, meterOptions)
        , pipe(&this->station, &this->meter, seed)
    {
        // The meter answers every tunnelled request, on the same channel.
        QObject::connect(&this->meter, &Wrapper::messageReceived, &this->meter, [this](const Message &m) {
            this->meter.sendMessage(Message {m.channel, "re:" + m.payload});
        });
    }
    OptPsemWrapper station;
    OptPsemWrapper meter;
    WrapperPipe pipe;
};

} // namespace

class TestOptPsemWrapper : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sessionStartsWithVectorPackets();
    void tunnelRoundTripBothChannels();
    void multiPacketMessages();
    void wrongPasswordFails();
    void stopLogsOffAndTerminates();
    void retransmissionUnderLoss_data();
    void retransmissionUnderLoss();
    void bitErrorsNakedAndRepeated();
    void duplicatePacketsDropped();
    void silentMeterFailsAfterRetries();
    void channelTrafficTimeoutEndsMeterSession();
    void staleInputBeforeIdentifyIsDrained();
    void answerToAnotherRequestIsDroppedAndWaitedPast();
};

void TestOptPsemWrapper::initTestCase()
{
    qRegisterMetaType<Message>();
    qRegisterMetaType<prov::Error>();
}

void TestOptPsemWrapper::sessionStartsWithVectorPackets()
{
    // With the vector's proposal (1024-byte packets, 128 packets, 9600 baud)
    // the first two packets are exactly those of c1218.md (from public
    // implementations): Identify, then Negotiate with the toggle set.
    WrapperOptions o = options();
    o.psemPacketSize = 1024;
    o.psemMaxPackets = 128;
    o.psemBaudCode = 6;
    WrapperOptions m = options();
    m.psemMaxPackets = 128;
    m.baudRate = 9600;
    Pair p(o, m);
    QList<QByteArray> fromStation;
    QList<QByteArray> fromMeter;
    connect(&p.station, &Wrapper::bytesToWrite, this, [&](const QByteArray &b) { fromStation.append(b); });
    connect(&p.meter, &Wrapper::bytesToWrite, this, [&](const QByteArray &b) { fromMeter.append(b); });
    QSignalSpy ready(&p.station, &Wrapper::ready);
    p.meter.start();
    p.station.start();
    QTRY_COMPARE(ready.size(), 1);
    QVERIFY(fromStation.size() >= 4);
    QCOMPARE(fromStation.at(0).toHex(),
        QByteArray("ee00000000012013"
                   "10"));
    QCOMPARE(fromStation.at(1).toHex(), QByteArray("06")); // ACK of the Identify reply
    QCOMPARE(fromStation.at(2).toHex(),
        QByteArray("ee00200000056104008006c2"
                   "29"));
    QCOMPARE(fromMeter.at(0).toHex(), QByteArray("06"));
    QCOMPARE(fromMeter.at(1).toHex(),
        QByteArray("ee00000000050000010000c6"
                   "b5"));
    QCOMPARE(fromMeter.at(3).toHex(),
        QByteArray("ee00200000050004008006"
                   "3583"));
    QCOMPARE(p.station.packetSize(), quint16(1024));
    QCOMPARE(p.station.maxPackets(), quint8(128));
    QCOMPARE(p.meter.responder()->state(), PsemResponder::State::Secured);
}

void TestOptPsemWrapper::tunnelRoundTripBothChannels()
{
    Pair p(options(), options());
    QSignalSpy ready(&p.station, &Wrapper::ready);
    QSignalSpy atStation(&p.station, &Wrapper::messageReceived);
    QSignalSpy atMeter(&p.meter, &Wrapper::messageReceived);
    p.meter.start();
    p.station.start();
    // Sent before the session is up: waits for it.
    p.station.sendMessage(Message {Channel::Node, "identify"});
    p.station.sendMessage(Message {Channel::Host, QByteArray()});
    QTRY_COMPARE(ready.size(), 1);
    QTRY_COMPARE(atStation.size(), 2);
    QCOMPARE(messagesOf(atMeter), (QList<Message> {{Channel::Node, "identify"}, {Channel::Host, {}}}));
    QCOMPARE(messagesOf(atStation), (QList<Message> {{Channel::Node, "re:identify"}, {Channel::Host, "re:"}}));
    // An unsolicited message from the meter arrives with the keep-alive poll.
    p.meter.sendMessage(Message {Channel::Host, "event"});
    QTRY_COMPARE(atStation.size(), 3);
    QCOMPARE(messagesOf(atStation).at(2), (Message {Channel::Host, "event"}));
}

void TestOptPsemWrapper::multiPacketMessages()
{
    WrapperOptions o = options();
    o.psemPacketSize = 256; // 248 data bytes a packet
    o.psemMaxPackets = 20;
    WrapperOptions m = options();
    m.psemMaxPackets = 20;
    Pair p(o, m);
    QSignalSpy atStation(&p.station, &Wrapper::messageReceived);
    QSignalSpy atMeter(&p.meter, &Wrapper::messageReceived);
    p.meter.start();
    p.station.start();
    const QByteArray big(OptPsemWrapper::kMaxMessage - 3, '\xee'); // the reply adds "re:"
    p.station.sendMessage(Message {Channel::Node, big});
    QTRY_COMPARE(atStation.size(), 1);
    QCOMPARE(messagesOf(atMeter).at(0).payload, big);
    QCOMPARE(messagesOf(atStation).at(0).payload, "re:" + big);
    QCOMPARE(p.station.packetSize(), quint16(256));
    // 4101 bytes of Write request in 248-byte packets: 17 packets.
    QVERIFY(p.meter.counters().framesReceived >= 17);
}

void TestOptPsemWrapper::wrongPasswordFails()
{
    Pair p(options("guess"), options("meter-pw"));
    QSignalSpy failed(&p.station, &Wrapper::failed);
    QSignalSpy ready(&p.station, &Wrapper::ready);
    p.meter.start();
    p.station.start();
    QTRY_COMPARE(failed.size(), 1);
    const auto error = failed.at(0).at(0).value<prov::Error>();
    QCOMPARE(error.code, prov::ResultCode::DeviceUnreachable);
    QVERIFY2(error.message.contains(QLatin1String("refused the password")), qPrintable(error.message));
    QVERIFY(!error.message.contains(QLatin1String("guess"))); // never the password itself
    QCOMPARE(ready.size(), 0);
}

void TestOptPsemWrapper::stopLogsOffAndTerminates()
{
    Pair p(options(), options());
    QSignalSpy ready(&p.station, &Wrapper::ready);
    QSignalSpy finished(&p.station, &Wrapper::finished);
    p.meter.start();
    p.station.start();
    QTRY_COMPARE(ready.size(), 1);
    QCOMPARE(p.meter.responder()->state(), PsemResponder::State::Secured);
    p.station.stop();
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(p.meter.responder()->state(), PsemResponder::State::Base);
    // And a new session works after it.
    p.station.start();
    QTRY_COMPARE(ready.size(), 2);
}

void TestOptPsemWrapper::retransmissionUnderLoss_data()
{
    QTest::addColumn<double>("dropRate");
    QTest::addColumn<quint32>("seed");
    QTest::newRow("10% lost, seed 1") << 0.10 << 1u;
    QTest::newRow("20% lost, seed 2") << 0.20 << 2u;
}

void TestOptPsemWrapper::retransmissionUnderLoss()
{
    QFETCH(double, dropRate);
    QFETCH(quint32, seed);
    WrapperOptions o = options();
    o.psemMaxRetries = 8; // beyond C12.18's 3, so the test is about repair, not luck
    Pair p(o, o, seed);
    p.pipe.setDropRate(dropRate);
    QSignalSpy atStation(&p.station, &Wrapper::messageReceived);
    QSignalSpy atMeter(&p.meter, &Wrapper::messageReceived);
    QSignalSpy failed(&p.station, &Wrapper::failed);
    p.meter.start();
    p.station.start();
    QList<Message> sent;
    for (int i = 0; i < 15; ++i)
        sent.append(Message {i % 2 ? Channel::Host : Channel::Node, QByteArray(i * 37, char('a' + i))});
    for (const Message &m : sent)
        p.station.sendMessage(m);
    QTRY_VERIFY_WITH_TIMEOUT(atStation.size() == sent.size() || !failed.isEmpty(), 30000);
    QVERIFY2(
        failed.isEmpty(), qPrintable(failed.isEmpty() ? QString() : failed.at(0).at(0).value<prov::Error>().message));
    QCOMPARE(messagesOf(atMeter), sent); // each once, in order: no duplicate writes
    QVERIFY(p.pipe.writesDropped() > 0);
    QVERIFY(p.station.counters().retransmissions + p.meter.counters().retransmissions > 0);
}

void TestOptPsemWrapper::bitErrorsNakedAndRepeated()
{
    WrapperOptions o = options();
    o.psemMaxRetries = 8;
    Pair p(o, o, 5);
    p.pipe.setBitErrorRate(3e-4);
    QSignalSpy atStation(&p.station, &Wrapper::messageReceived);
    QSignalSpy atMeter(&p.meter, &Wrapper::messageReceived);
    QSignalSpy failed(&p.station, &Wrapper::failed);
    p.meter.start();
    p.station.start();
    QList<Message> sent;
    for (int i = 0; i < 10; ++i)
        sent.append(Message {Channel::Node, QByteArray(200, char(i))});
    for (const Message &m : sent)
        p.station.sendMessage(m);
    QTRY_COMPARE_WITH_TIMEOUT(atStation.size(), sent.size(), 30000);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(messagesOf(atMeter), sent);
    QVERIFY(p.pipe.bitsFlipped() > 0);
    QVERIFY(p.station.counters().checksumErrors + p.meter.counters().checksumErrors > 0);
}

void TestOptPsemWrapper::duplicatePacketsDropped()
{
    Pair p(options(), options());
    QSignalSpy ready(&p.station, &Wrapper::ready);
    p.meter.start();
    p.station.start();
    QTRY_COMPARE(ready.size(), 1);
    // From now on the line repeats every packet from the station (as when an ACK is lost).
    p.pipe.setFilter([](WrapperPipe::Direction d, const QByteArray &bytes) {
        return d == WrapperPipe::Direction::AToB && bytes.size() > 1 ? bytes + bytes : bytes;
    });
    QSignalSpy atMeter(&p.meter, &Wrapper::messageReceived);
    QSignalSpy atStation(&p.station, &Wrapper::messageReceived);
    for (int i = 0; i < 5; ++i)
        p.station.sendMessage(Message {Channel::Node, QByteArray::number(i)});
    QTRY_COMPARE(atStation.size(), 5);
    QCOMPARE(atMeter.size(), 5); // each write processed once
    QVERIFY(p.meter.counters().duplicates >= 5);
}

void TestOptPsemWrapper::silentMeterFailsAfterRetries()
{
    WrapperOptions o = options();
    OptPsemWrapper station(Wrapper::Role::Station, o);
    QSignalSpy written(&station, &Wrapper::bytesToWrite);
    QSignalSpy failed(&station, &Wrapper::failed);
    station.start();
    QTRY_COMPARE(failed.size(), 1);
    // The Identify packet and C12.18's 3 repetitions of it.
    QCOMPARE(written.size(), 4);
    for (const auto &args : written)
        QCOMPARE(args.at(0).toByteArray().toHex(), QByteArray("ee0000000001201310"));
    QVERIFY(failed.at(0).at(0).value<prov::Error>().message.contains(QLatin1String("4 attempts")));
    QCOMPARE(station.counters().retransmissions, 3u);
}

void TestOptPsemWrapper::channelTrafficTimeoutEndsMeterSession()
{
    WrapperOptions m = options();
    m.psemChannelTrafficTimeoutMs = 80;
    WrapperOptions s = options();
    s.psemKeepAliveMs = 10000; // the station stays silent after logon
    Pair p(s, m);
    QSignalSpy ready(&p.station, &Wrapper::ready);
    p.meter.start();
    p.station.start();
    QTRY_COMPARE(ready.size(), 1);
    QCOMPARE(p.meter.responder()->state(), PsemResponder::State::Secured);
    QTRY_COMPARE(p.meter.responder()->state(), PsemResponder::State::Base);
    QVERIFY(p.meter.counters().timeouts >= 1);
}

QTEST_GUILESS_MAIN(TestOptPsemWrapper)
namespace {

/// The meter's answer to Identify (C12.18 version 1.0, no features) as a
/// packet with the given toggle: what an interrupted session leaves on the line.
QByteArray staleIdentifyAnswer(bool toggle)
{
    PsemPacket packet;
    packet.ctrl = toggle ? psem::kCtrlToggle : 0;
    packet.data = QByteArray::fromHex("0000010000");
    return packet.encode();
}

} // namespace

void TestOptPsemWrapper::staleInputBeforeIdentifyIsDrained()
{
    Pair p(options(), options());
    QSignalSpy ready(&p.station, &Wrapper::ready);
    QSignalSpy failed(&p.station, &Wrapper::failed);
    p.meter.start();
    p.station.start();
    // Arrives before the station's Identify is answered; taken for its answer,
    // the real one would then meet the Negotiate.
    p.station.feed(staleIdentifyAnswer(false));
    QTRY_COMPARE(ready.size(), 1);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(p.meter.responder()->state(), PsemResponder::State::Secured);
}

void TestOptPsemWrapper::answerToAnotherRequestIsDroppedAndWaitedPast()
{
    Pair p(options(), options());
    // A stale Identify answer (other toggle, so no duplicate) reaches the
    // station just before the meter's answer to Negotiate.
    int meterPackets = 0;
    p.pipe.setFilter([&meterPackets](WrapperPipe::Direction d, const QByteArray &bytes) {
        if (d != WrapperPipe::Direction::BToA || bytes.size() <= 1 || ++meterPackets != 2)
            return bytes;
        return staleIdentifyAnswer(true) + bytes;
    });
    QSignalSpy ready(&p.station, &Wrapper::ready);
    QSignalSpy failed(&p.station, &Wrapper::failed);
    p.meter.start();
    p.station.start();
    QTRY_COMPARE(ready.size(), 1);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(meterPackets >= 2, true);
    QVERIFY(p.station.counters().framingErrors >= 1); // the stale answer, dropped
    QCOMPARE(p.station.packetSize(), options().psemPacketSize);
}

#include "tst_optpsemwrapper.moc"
