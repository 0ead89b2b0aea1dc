// Link over a real pseudo-terminal pair: the station opens the slave path with
// QSerialPort (as it would a USB adapter), the device side serves the master.
#include "FakeSerialPort.h"
#include "PseudoTerminal.h"
#include "transport/Link.h"
#include "transport/SerialPortOpener.h"
#include "transport/WrapperFactory.h"

#include <QSignalSpy>
#include <QTest>

using namespace prov::transport;
using prov::test::FakeSerialPort;
using prov::test::PseudoTerminal;

namespace {

/// A station link and a device link on the two ends of one pty.
struct PtyLinks
{
    std::unique_ptr<Link> station;
    std::unique_ptr<Link> device;
    QString path;
};

std::optional<PtyLinks> makeLinks(WrapperKind kind, const WrapperOptions &options = {})
{
    auto pty = PseudoTerminal::create();
    if (!pty.ok())
        return std::nullopt;
    PtyLinks links;
    links.path = pty.value()->slavePath();
    auto port = SerialPortOpener::open(links.path, 115200);
    if (!port.ok())
        return std::nullopt;
    links.station = std::make_unique<Link>(std::unique_ptr<QIODevice>(std::move(port).value().release()),
        createWrapper(kind, Wrapper::Role::Station, options));
    links.device = std::make_unique<Link>(std::unique_ptr<QIODevice>(std::move(pty).value().release()),
        createWrapper(kind, Wrapper::Role::Device, options));
    return links;
}

} // namespace

class TestLink : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void messagesBothWays_data();
    void messagesBothWays();
    void messagesSentBeforeReadyWaitForIt();
    void oversizedMessageFailsTheLink();
    void closeEndsTheSessionAndClosesAnOwnedDevice();
    void notOpenDeviceFails();
    void writeBacklogCapped();
    void peerClosingFailsLink();
    void bytesInPiecesMakeWholeMessages();
    void aStalledPortHoldsWritesUntilReleased();
    void aWriteThePortRefusesFailsTheLink();
    void aPortErrorFailsTheLinkButATimeoutDoesNot();

private:
    void addKinds();
};

void TestLink::initTestCase()
{
    qRegisterMetaType<Message>();
    qRegisterMetaType<prov::Error>();
}

void TestLink::addKinds()
{
    QTest::addColumn<int>("kind");
    QTest::newRow("none") << int(WrapperKind::None);
    QTest::newRow("orw") << int(WrapperKind::Orw);
    QTest::newRow("reliable") << int(WrapperKind::Reliable);
    QTest::newRow("opt_psem") << int(WrapperKind::OptPsem);
}

void TestLink::messagesBothWays_data()
{
    addKinds();
}

void TestLink::messagesBothWays()
{
    QFETCH(int, kind);
    auto links = makeLinks(WrapperKind(kind));
    QVERIFY(links);
    Link *device = links->device.get();
    // The device answers each message with its payload reversed, on the same channel.
    connect(device, &Link::messageReceived, device, [device](const Message &m) {
        QByteArray reversed = m.payload;
        std::reverse(reversed.begin(), reversed.end());
        device->send(Message {m.channel, reversed});
    });
    QSignalSpy ready(links->station.get(), &Link::ready);
    device->open();
    links->station->open();
    QTRY_COMPARE(ready.size(), 1);

    QSignalSpy received(links->station.get(), &Link::messageReceived);
    const QByteArray big = QByteArray(4000, 'a') + "z";
    links->station->send(Message {Channel::Node, big});
    links->station->send(Message {Channel::Host, QByteArray("abc")});
    QTRY_COMPARE(received.size(), 2);
    QList<Message> answers;
    for (const auto &args : received)
        answers.append(args.at(0).value<Message>());
    QVERIFY(answers.contains(Message {Channel::Node, QByteArray("z") + QByteArray(4000, 'a')}));
    QVERIFY(answers.contains(Message {Channel::Host, QByteArray("cba")}));

    const LinkCounters c = links->station->counters();
    if (kind == int(WrapperKind::None) || kind == int(WrapperKind::Orw)) {
        QCOMPARE(c.framesSent, 2u);
        QCOMPARE(c.framesReceived, 2u);
    } else { // segments, packets, session set-up and polls
        QVERIFY(c.framesSent > 2u);
        QVERIFY(c.framesReceived >= 2u);
    }
    QVERIFY(c.bytesWritten > 4000);
    QCOMPARE(c.bytesRead, links->device->counters().bytesWritten);
}

void TestLink::messagesSentBeforeReadyWaitForIt()
{
    // The PSEM wrapper needs its session (Identify, Negotiate, Logon) before a
    // message may go: what is sent earlier must arrive after it, in order.
    auto links = makeLinks(WrapperKind::OptPsem);
    QVERIFY(links);
    QSignalSpy seen(links->device.get(), &Link::messageReceived);
    QSignalSpy ready(links->station.get(), &Link::ready);
    links->station->send(Message {Channel::Host, QByteArray("first")});
    links->station->send(Message {Channel::Host, QByteArray("second")});
    links->device->open();
    links->station->open();
    QTRY_COMPARE(seen.size(), 2);
    QCOMPARE(ready.size(), 1);
    QCOMPARE(seen.at(0).at(0).value<Message>().payload, QByteArray("first"));
    QCOMPARE(seen.at(1).at(0).value<Message>().payload, QByteArray("second"));
}

void TestLink::oversizedMessageFailsTheLink()
{
    auto links = makeLinks(WrapperKind::Orw);
    QVERIFY(links);
    links->device->open();
    links->station->open();
    QTRY_VERIFY(links->station->isReady());
    QSignalSpy failed(links->station.get(), &Link::failed);
    const qsizetype limit = links->station->wrapper()->maxMessageSize();
    links->station->send(Message {Channel::Node, QByteArray(limit + 1, 'x')});
    QCOMPARE(failed.size(), 1);
    const auto error = failed.at(0).at(0).value<prov::Error>();
    QCOMPARE(error.code, prov::ResultCode::InternalError);
    QVERIFY2(error.message.contains(links->path) && error.message.contains(QString::number(limit)),
        qPrintable(error.message));
}

void TestLink::closeEndsTheSessionAndClosesAnOwnedDevice()
{
    auto links = makeLinks(WrapperKind::OptPsem);
    QVERIFY(links);
    QSignalSpy seen(links->device.get(), &Link::messageReceived);
    links->device->open();
    links->station->open();
    QTRY_VERIFY(links->station->isReady());
    QSignalSpy closed(links->station.get(), &Link::closed);
    links->station->close();
    QTRY_COMPARE(closed.size(), 1);
    QVERIFY(!links->station->isReady());
    QVERIFY(!links->station->device()->isOpen());
    // A message after close goes nowhere.
    links->station->send(Message {Channel::Host, QByteArray("late")});
    QTest::qWait(50);
    QCOMPARE(seen.size(), 0);
}

void TestLink::notOpenDeviceFails()
{
    auto pty = PseudoTerminal::create();
    QVERIFY(pty.ok());
    pty.value()->close();
    Link link(pty.value().get(), createWrapper(WrapperKind::Orw, Wrapper::Role::Station));
    link.setDescription(QStringLiteral("COM7"));
    QSignalSpy failed(&link, &Link::failed);
    link.open();
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(0).value<prov::Error>().message, QStringLiteral("port COM7 is not open"));
}

void TestLink::writeBacklogCapped()
{
    // Nobody reads the other end: the kernel's and Qt's buffers fill, then the
    // link's backlog; past 2 MB the link fails instead of growing.
    auto pty = PseudoTerminal::create();
    QVERIFY(pty.ok());
    auto port = SerialPortOpener::open(pty.value()->slavePath(), 115200);
    QVERIFY(port.ok());
    // The master side reads at most 1 MB into its own buffer and then stops,
    // as long as nobody calls read() on it.
    Link link(port.value().get(), createWrapper(WrapperKind::None, Wrapper::Role::Station));
    QSignalSpy failed(&link, &Link::failed);
    link.open();
    const Message chunk {Channel::Node, QByteArray(4096, 'x')};
    for (int i = 0; i < 1000 && failed.isEmpty(); ++i) {
        link.send(chunk);
        QCoreApplication::processEvents();
    }
    QTRY_COMPARE(failed.size(), 1);
    const auto error = failed.at(0).at(0).value<prov::Error>();
    QVERIFY2(error.message.contains(QLatin1String("does not take data")), qPrintable(error.message));
    QVERIFY(link.pendingWriteBytes() <= Link::kMaxWriteBacklog);
}

void TestLink::peerClosingFailsLink()
{
    auto links = makeLinks(WrapperKind::Orw);
    QVERIFY(links);
    links->device->open();
    links->station->open();
    QSignalSpy failed(links->station.get(), &Link::failed);
    links->device.reset(); // the simulator goes away: the master side closes
    QTRY_COMPARE(failed.size(), 1);
    const auto error = failed.at(0).at(0).value<prov::Error>();
    QCOMPARE(error.code, prov::ResultCode::DeviceUnreachable);
    QVERIFY2(error.message.contains(links->path), qPrintable(error.message));
}

void TestLink::bytesInPiecesMakeWholeMessages()
{
    // A USB adapter hands over a frame in pieces, late: the link still delivers it once, whole.
    FakeSerialPort port;
    QVERIFY(port.open(QIODevice::ReadWrite));
    Link link(&port, createWrapper(WrapperKind::None, Wrapper::Role::Station));
    QSignalSpy received(&link, &Link::messageReceived);
    link.open();
    auto device = createWrapper(WrapperKind::None, Wrapper::Role::Device);
    QByteArray frame;
    connect(device.get(), &Wrapper::bytesToWrite, this, [&frame](const QByteArray &bytes) { frame += bytes; });
    device->start();
    const Message message {Channel::Host, QByteArray("answer from the host")};
    device->sendMessage(message);
    QVERIFY(!frame.isEmpty());
    port.feed(frame, 20, 3);
    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(received.at(0).at(0).value<Message>(), message);
    QCOMPARE(link.counters().bytesRead, quint64(frame.size()));
}

void TestLink::aStalledPortHoldsWritesUntilReleased()
{
    FakeSerialPort port;
    QVERIFY(port.open(QIODevice::ReadWrite));
    Link link(&port, createWrapper(WrapperKind::None, Wrapper::Role::Station));
    QSignalSpy ready(&link, &Link::ready);
    link.open();
    QTRY_COMPARE(ready.size(), 1);
    port.setWritesStalled(true);
    link.send({Channel::Node, QByteArray("request")});
    QTest::qWait(20);
    QVERIFY(port.written().isEmpty());
    QVERIFY(port.bytesToWrite() > 0);
    port.setWritesStalled(false);
    QVERIFY(port.written().contains("request"));
    QCOMPARE(port.bytesToWrite(), 0);
}

void TestLink::aWriteThePortRefusesFailsTheLink()
{
    FakeSerialPort port(QStringLiteral("/dev/ttyUSB9"));
    QVERIFY(port.open(QIODevice::ReadWrite));
    Link link(&port, createWrapper(WrapperKind::None, Wrapper::Role::Station));
    QSignalSpy failed(&link, &Link::failed);
    link.open();
    port.failWrites(QStringLiteral("Input/output error"));
    link.send({Channel::Node, QByteArray("request")});
    QTRY_COMPARE(failed.size(), 1);
    const auto error = failed.at(0).at(0).value<prov::Error>();
    QCOMPARE(error.code, prov::ResultCode::DeviceUnreachable);
    QCOMPARE(error.message, QStringLiteral("cannot write to port /dev/ttyUSB9: Input/output error"));
    QVERIFY(port.written().isEmpty());
}

void TestLink::aPortErrorFailsTheLinkButATimeoutDoesNot()
{
    FakeSerialPort port(QStringLiteral("/dev/ttyUSB8"));
    QVERIFY(port.open(QIODevice::ReadWrite));
    Link link(&port, createWrapper(WrapperKind::Orw, Wrapper::Role::Station));
    QSignalSpy failed(&link, &Link::failed);
    link.open();
    port.raiseError(QSerialPort::TimeoutError, QStringLiteral("Operation timed out"));
    QCOMPARE(failed.size(), 0);
    port.raiseError(QSerialPort::ResourceError, QStringLiteral("No such device"));
    QCOMPARE(failed.size(), 1);
    const auto error = failed.at(0).at(0).value<prov::Error>();
    QCOMPARE(error.code, prov::ResultCode::DeviceUnreachable);
    QVERIFY2(error.message.contains(QStringLiteral("/dev/ttyUSB8 stopped working")), qPrintable(error.message));
    QVERIFY(error.message.contains(QStringLiteral("No such device")));
    // Nothing more goes to a failed port.
    link.send({Channel::Node, QByteArray("request")});
    QTest::qWait(20);
    QVERIFY(!port.written().contains("request"));
}

QTEST_GUILESS_MAIN(TestLink)
#include "tst_link.moc"
