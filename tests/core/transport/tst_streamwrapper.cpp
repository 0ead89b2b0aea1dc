// The stateless wrappers (`none`, `orw`) as Wrapper objects: both roles, over
// an in-memory line, with their inter-character timeout and counters.
#include "WrapperPipe.h"

#include "transport/WrapperFactory.h"

#include <QSignalSpy>
#include <QTest>

using namespace prov::transport;
using prov::test::WrapperPipe;

class TestStreamWrapper : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void roundTripBothChannels_data();
    void roundTripBothChannels();
    void quietLineAbandonsPartialFrame_data();
    void quietLineAbandonsPartialFrame();
    void corruptedFrameCountedNotDelivered_data();
    void corruptedFrameCountedNotDelivered();
    void oversizeMessageRefused_data();
    void oversizeMessageRefused();

private:
    void addKinds();
};

void TestStreamWrapper::init()
{
    qRegisterMetaType<Message>();
    qRegisterMetaType<prov::Error>();
}

void TestStreamWrapper::addKinds()
{
    QTest::addColumn<int>("kind");
    QTest::newRow("none") << int(WrapperKind::None);
    QTest::newRow("orw") << int(WrapperKind::Orw);
}

void TestStreamWrapper::roundTripBothChannels_data()
{
    addKinds();
}

void TestStreamWrapper::roundTripBothChannels()
{
    QFETCH(int, kind);
    auto station = createWrapper(WrapperKind(kind), Wrapper::Role::Station);
    auto device = createWrapper(WrapperKind(kind), Wrapper::Role::Device);
    QVERIFY(station && device);
    QCOMPARE(int(station->kind()), kind);
    WrapperPipe pipe(station.get(), device.get());
    pipe.setChunkSize(3);
    QSignalSpy stationReady(station.get(), &Wrapper::ready);
    station->start();
    QCOMPARE(stationReady.size(), 1);

    QSignalSpy atDevice(device.get(), &Wrapper::messageReceived);
    QSignalSpy atStation(station.get(), &Wrapper::messageReceived);
    QSignalSpy delivered(station.get(), &Wrapper::allMessagesDelivered);
    const Message toNode {Channel::Node, QByteArray("identify")};
    const Message toHost {Channel::Host, QByteArray(2000, '\x47')};
    station->sendMessage(toNode);
    station->sendMessage(toHost);
    QVERIFY(delivered.size() >= 1);
    QTRY_COMPARE(atDevice.size(), 2);
    QCOMPARE(atDevice.at(0).at(0).value<Message>(), toNode);
    QCOMPARE(atDevice.at(1).at(0).value<Message>(), toHost);

    const Message reply {Channel::Host, QByteArray::fromHex("00")};
    device->sendMessage(reply);
    QTRY_COMPARE(atStation.size(), 1);
    QCOMPARE(atStation.at(0).at(0).value<Message>(), reply);
    QCOMPARE(station->counters().framesSent, 2u);
    QCOMPARE(station->counters().framesReceived, 1u);
    QCOMPARE(device->counters().framesReceived, 2u);
    QCOMPARE(device->counters().bytesRead, station->counters().bytesWritten);
    QCOMPARE(station->counters().checksumErrors, 0u);
}

void TestStreamWrapper::quietLineAbandonsPartialFrame_data()
{
    addKinds();
}

void TestStreamWrapper::quietLineAbandonsPartialFrame()
{
    QFETCH(int, kind);
    WrapperOptions options;
    options.interCharTimeoutMs = 30;
    auto sender = createWrapper(WrapperKind(kind), Wrapper::Role::Station, options);
    auto receiver = createWrapper(WrapperKind(kind), Wrapper::Role::Device, options);
    QByteArray frame;
    connect(sender.get(), &Wrapper::bytesToWrite, this, [&frame](const QByteArray &b) { frame = b; });
    const Message message {Channel::Node, QByteArray("after the glitch")};
    sender->sendMessage(message);
    QVERIFY(!frame.isEmpty());

    QSignalSpy received(receiver.get(), &Wrapper::messageReceived);
    QSignalSpy problems(receiver.get(), &Wrapper::frameErrorOccurred);
    // A frame whose length got corrupted upwards: the receiver waits for bytes
    // that never come...
    QByteArray truncated = frame;
    truncated[kind == int(WrapperKind::Orw) ? 1 : 3] = char(0x0F);
    receiver->feed(truncated);
    QCOMPARE(received.size(), 0);
    // ...until the line has been quiet for the inter-character timeout.
    QTRY_VERIFY(problems.size() >= 1);
    receiver->feed(frame);
    QCOMPARE(received.size(), 1);
    QCOMPARE(received.at(0).at(0).value<Message>(), message);
    QVERIFY(receiver->counters().framingErrors >= 1);
}

void TestStreamWrapper::corruptedFrameCountedNotDelivered_data()
{
    addKinds();
}

void TestStreamWrapper::corruptedFrameCountedNotDelivered()
{
    QFETCH(int, kind);
    auto station = createWrapper(WrapperKind(kind), Wrapper::Role::Station);
    auto device = createWrapper(WrapperKind(kind), Wrapper::Role::Device);
    WrapperPipe pipe(station.get(), device.get());
    int writes = 0;
    // Flip one payload bit of the first frame only.
    pipe.setFilter([&writes](WrapperPipe::Direction, const QByteArray &bytes) {
        QByteArray out = bytes;
        if (writes++ == 0)
            out[5] = char(out[5] ^ 0x10);
        return out;
    });
    QSignalSpy received(device.get(), &Wrapper::messageReceived);
    station->sendMessage(Message {Channel::Node, QByteArray("first, corrupted")});
    station->sendMessage(Message {Channel::Node, QByteArray("second")});
    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(received.at(0).at(0).value<Message>().payload, QByteArray("second"));
    QCOMPARE(device->counters().checksumErrors, 1u);
}

void TestStreamWrapper::oversizeMessageRefused_data()
{
    addKinds();
}

void TestStreamWrapper::oversizeMessageRefused()
{
    QFETCH(int, kind);
    auto station = createWrapper(WrapperKind(kind), Wrapper::Role::Station);
    QSignalSpy failed(station.get(), &Wrapper::failed);
    QSignalSpy written(station.get(), &Wrapper::bytesToWrite);
    station->sendMessage(Message {Channel::Node, QByteArray(station->maxMessageSize() + 1, 'x')});
    QCOMPARE(failed.size(), 1);
    QCOMPARE(written.size(), 0);
    QVERIFY(failed.at(0).at(0).value<prov::Error>().message.contains(QStringLiteral("4097")));
}

QTEST_GUILESS_MAIN(TestStreamWrapper)
#include "tst_streamwrapper.moc"
