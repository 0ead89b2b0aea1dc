// The `reliable` wrapper end to end between a station and a device over an
// in-memory line that loses, corrupts and duplicates frames.
#include "WrapperPipe.h"

#include "transport/ReliableFramer.h"
#include "transport/ReliableWrapper.h"

#include <QSignalSpy>
#include <QTest>

using namespace prov::transport;
using prov::test::WrapperPipe;

namespace {

WrapperOptions fastOptions()
{
    WrapperOptions options;
    options.baudRate = 100000000; // in memory: no line time in the timeouts
    options.retransmitTimeoutMs = 40;
    options.interCharTimeoutMs = 20;
    options.maxRetransmissions = 30;
    options.windowSize = 8;
    options.segmentSize = 256;
    return options;
}

QList<Message> messagesOf(const QSignalSpy &spy)
{
    QList<Message> out;
    for (const auto &args : spy)
        out.append(args.at(0).value<Message>());
    return out;
}

QList<Message> someMessages(int count, quint32 seed)
{
    QRandomGenerator rng(seed);
    QList<Message> out;
    for (int i = 0; i < count; ++i) {
        QByteArray payload(rng.bounded(0, 1500), Qt::Uninitialized);
        for (char &c : payload)
            c = char(rng.bounded(256));
        out.append(Message {rng.bounded(2) ? Channel::Node : Channel::Host, payload});
    }
    return out;
}

/// A station and a device, started, with the pipe between them.
struct Pair
{
    explicit Pair(const WrapperOptions &options = fastOptions(), quint32 seed = 1)
        : station(Wrapper::Role::Station, options)
        , device(Wrapper::Role::Device, options)
        , pipe(&station, &device, seed)
    { }
    bool startAndWait()
    {
        QSignalSpy ready(&station, &Wrapper::ready);
        device.start();
        station.start();
        return ready.size() == 1 || ready.wait(5000);
    }
    ReliableWrapper station;
    ReliableWrapper device;
    WrapperPipe pipe;
};

} // namespace

class TestReliableWrapper : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sessionAndRoundTrip();
    void longMessageSegmented();
    void windowKeepsFramesInFlight();
    void retransmissionUnderLoss_data();
    void retransmissionUnderLoss();
    void bitErrorsDetectedAndRepaired();
    void duplicatesSuppressed();
    void unpluggedFailsAfterRetries();
    void deviceRestartLeadsToNewSession();
    void stationResetUnanswered();
    void timeoutIncludesLineTime();
};

void TestReliableWrapper::initTestCase()
{
    qRegisterMetaType<Message>();
    qRegisterMetaType<prov::Error>();
}

void TestReliableWrapper::sessionAndRoundTrip()
{
    Pair p;
    QVERIFY(p.startAndWait());
    QSignalSpy atDevice(&p.device, &Wrapper::messageReceived);
    QSignalSpy atStation(&p.station, &Wrapper::messageReceived);
    QSignalSpy delivered(&p.station, &Wrapper::allMessagesDelivered);
    const Message toNode {Channel::Node, QByteArray("identify")};
    const Message toHost {Channel::Host, QByteArray()};
    p.station.sendMessage(toNode);
    p.station.sendMessage(toHost);
    QTRY_COMPARE(atDevice.size(), 2);
    QCOMPARE(messagesOf(atDevice), (QList<Message> {toNode, toHost}));
    QTRY_VERIFY(delivered.size() >= 1);
    const Message reply {Channel::Host, QByteArray("ok")};
    p.device.sendMessage(reply);
    QTRY_COMPARE(atStation.size(), 1);
    QCOMPARE(messagesOf(atStation), QList<Message> {reply});
    QCOMPARE(p.station.counters().retransmissions, 0u);
    QCOMPARE(p.device.counters().framesReceived, 2u);
}

void TestReliableWrapper::longMessageSegmented()
{
    Pair p;
    QVERIFY(p.startAndWait());
    QSignalSpy atDevice(&p.device, &Wrapper::messageReceived);
    const Message big {Channel::Node, QByteArray(ReliableWrapper::kMaxMessage, '\x7e')};
    p.station.sendMessage(big);
    QTRY_COMPARE(atDevice.size(), 1);
    QCOMPARE(messagesOf(atDevice).at(0), big);
    // 65536 / 256 bytes a segment.
    QCOMPARE(p.device.counters().framesReceived, quint64(ReliableWrapper::kMaxMessage / 256));
}

void TestReliableWrapper::windowKeepsFramesInFlight()
{
    Pair p;
    QVERIFY(p.startAndWait());
    // No ACK comes back: exactly a window of frames goes out, then the sender waits.
    p.pipe.setBlocked(WrapperPipe::Direction::BToA, true);
    QSignalSpy written(&p.station, &Wrapper::bytesToWrite);
    for (int i = 0; i < 20; ++i)
        p.station.sendMessage(Message {Channel::Node, QByteArray(10, char(i))});
    QCOMPARE(written.size(), p.station.windowSize());
    p.pipe.setBlocked(WrapperPipe::Direction::BToA, false);
    QSignalSpy atDevice(&p.device, &Wrapper::messageReceived);
    QTRY_COMPARE_WITH_TIMEOUT(atDevice.size(), 20, 10000);
    for (int i = 0; i < 20; ++i)
        QCOMPARE(atDevice.at(i).at(0).value<Message>().payload, QByteArray(10, char(i)));
}

void TestReliableWrapper::retransmissionUnderLoss_data()
{
    QTest::addColumn<double>("dropRate");
    QTest::addColumn<quint32>("seed");
    QTest::newRow("10% lost, seed 1") << 0.10 << 1u;
    QTest::newRow("30% lost, seed 2") << 0.30 << 2u;
    QTest::newRow("30% lost, seed 3") << 0.30 << 3u;
}

void TestReliableWrapper::retransmissionUnderLoss()
{
    QFETCH(double, dropRate);
    QFETCH(quint32, seed);
    Pair p(fastOptions(), seed);
    QVERIFY(p.startAndWait());
    p.pipe.setDropRate(dropRate);
    p.pipe.setChunkSize(100);
    QSignalSpy atDevice(&p.device, &Wrapper::messageReceived);
    QSignalSpy atStation(&p.station, &Wrapper::messageReceived);
    QSignalSpy failed(&p.station, &Wrapper::failed);
    const QList<Message> up = someMessages(40, seed);
    const QList<Message> down = someMessages(40, seed + 100);
    for (int i = 0; i < up.size(); ++i) {
        p.station.sendMessage(up.at(i));
        p.device.sendMessage(down.at(i));
    }
    QTRY_COMPARE_WITH_TIMEOUT(atDevice.size(), up.size(), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(atStation.size(), down.size(), 30000);
    QCOMPARE(messagesOf(atDevice), up); // all, once, in order
    QCOMPARE(messagesOf(atStation), down);
    QCOMPARE(failed.size(), 0);
    QVERIFY(p.pipe.writesDropped() > 0);
    QVERIFY(p.station.counters().retransmissions > 0);
    QVERIFY(p.device.counters().retransmissions > 0);
}

void TestReliableWrapper::bitErrorsDetectedAndRepaired()
{
    Pair p(fastOptions(), 7);
    QVERIFY(p.startAndWait());
    p.pipe.setBitErrorRate(2e-4); // about one flipped bit per 2.4 frames of 256 bytes
    QSignalSpy atDevice(&p.device, &Wrapper::messageReceived);
    const QList<Message> up = someMessages(40, 11);
    for (const Message &m : up)
        p.station.sendMessage(m);
    QTRY_COMPARE_WITH_TIMEOUT(atDevice.size(), up.size(), 30000);
    QCOMPARE(messagesOf(atDevice), up);
    QVERIFY(p.pipe.bitsFlipped() > 10);
    QVERIFY(p.device.counters().checksumErrors + p.device.counters().framingErrors > 0);
}

void TestReliableWrapper::duplicatesSuppressed()
{
    Pair p;
    QVERIFY(p.startAndWait());
    // The line delivers every frame from the station twice.
    p.pipe.setFilter([](WrapperPipe::Direction d, const QByteArray &bytes) {
        return d == WrapperPipe::Direction::AToB ? bytes + bytes : bytes;
    });
    QSignalSpy atDevice(&p.device, &Wrapper::messageReceived);
    const QList<Message> up = someMessages(10, 5);
    for (const Message &m : up)
        p.station.sendMessage(m);
    QTRY_COMPARE(atDevice.size(), up.size());
    QTest::qWait(100); // late duplicates must not show up as messages
    QCOMPARE(messagesOf(atDevice), up);
    QVERIFY(p.device.counters().duplicates >= quint64(up.size()));
}

void TestReliableWrapper::unpluggedFailsAfterRetries()
{
    WrapperOptions options = fastOptions();
    options.maxRetransmissions = 3;
    Pair p(options);
    QVERIFY(p.startAndWait());
    p.pipe.setBlocked(WrapperPipe::Direction::AToB, true);
    QSignalSpy failed(&p.station, &Wrapper::failed);
    p.station.sendMessage(Message {Channel::Node, QByteArray("anyone?")});
    QTRY_COMPARE(failed.size(), 1);
    const auto error = failed.at(0).at(0).value<prov::Error>();
    QCOMPARE(error.code, prov::ResultCode::DeviceUnreachable);
    QVERIFY2(error.message.contains(QLatin1String("3 retransmissions")), qPrintable(error.message));
    QCOMPARE(p.station.counters().retransmissions, 3u);
}

void TestReliableWrapper::deviceRestartLeadsToNewSession()
{
    WrapperOptions options = fastOptions();
    ReliableWrapper station(Wrapper::Role::Station, options);
    auto device = std::make_unique<ReliableWrapper>(Wrapper::Role::Device, options);
    auto pipe = std::make_unique<WrapperPipe>(&station, device.get());
    QSignalSpy ready(&station, &Wrapper::ready);
    device->start();
    station.start();
    QTRY_COMPARE(ready.size(), 1);
    station.sendMessage(Message {Channel::Node, QByteArray("one")});
    station.sendMessage(Message {Channel::Node, QByteArray("two")});
    QTRY_VERIFY(station.counters().framesSent >= 2);
    QTest::qWait(50);

    // The simulator restarts: a fresh device that never saw the reset.
    pipe.reset();
    device = std::make_unique<ReliableWrapper>(Wrapper::Role::Device, options);
    pipe = std::make_unique<WrapperPipe>(&station, device.get());
    device->start();
    QSignalSpy atDevice(device.get(), &Wrapper::messageReceived);
    station.sendMessage(Message {Channel::Node, QByteArray("three")});
    // The fresh device asks for a reset; the station resets and says ready again.
    QTRY_COMPARE(ready.size(), 2);
    station.sendMessage(Message {Channel::Node, QByteArray("four")});
    QTRY_VERIFY(!atDevice.isEmpty());
    QCOMPARE(messagesOf(atDevice).constLast().payload, QByteArray("four"));
}

void TestReliableWrapper::stationResetUnanswered()
{
    WrapperOptions options = fastOptions();
    options.resetRetries = 2;
    ReliableWrapper station(Wrapper::Role::Station, options);
    QSignalSpy written(&station, &Wrapper::bytesToWrite);
    QSignalSpy failed(&station, &Wrapper::failed);
    station.start();
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(written.size(), 3); // the reset and two retries
    QVERIFY(failed.at(0).at(0).value<prov::Error>().message.contains(QLatin1String("session reset")));
}

void TestReliableWrapper::timeoutIncludesLineTime()
{
    WrapperOptions options;
    options.baudRate = 9600;
    options.windowSize = 4;
    options.segmentSize = 1000;
    options.retransmitTimeoutMs = 200;
    ReliableWrapper slow(Wrapper::Role::Station, options);
    // 4 frames of 1010 bytes at 960 bytes/s: 4208 ms, plus the base.
    QCOMPARE(slow.retransmitTimeoutMs(), 200 + 4 * 1010 * 10 * 1000 / 9600);
}

QTEST_GUILESS_MAIN(TestReliableWrapper)
#include "tst_reliablewrapper.moc"
