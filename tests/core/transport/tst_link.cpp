// Link over a real pseudo-terminal pair: the station opens the slave path with
// QSerialPort (as it would a USB adapter), the device side serves the master.
#include "transport/Link.h"
#include "transport/PseudoTerminal.h"
#include "transport/SerialPortOpener.h"
#include "transport/WrapperFactory.h"

#include <QSignalSpy>
#include <QTest>

using namespace prov::transport;

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
    void requestReply_data();
    void requestReply();
    void timeoutRetriesThenFails_data();
    void timeoutRetriesThenFails();
    void oneOutstandingRequestPerChannel();
    void lateReplyAfterTimeout_data();
    void lateReplyAfterTimeout();
    void unsolicitedMessage();
    void closeFailsOutstandingRequests();
    void notOpenDeviceFails();
    void writeBacklogCapped();
    void peerClosingFailsLink();

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

void TestLink::requestReply_data()
{
    addKinds();
}

void TestLink::requestReply()
{
    QFETCH(int, kind);
    auto links = makeLinks(WrapperKind(kind));
    QVERIFY(links);
    Link *device = links->device.get();
    // The device answers each request with its payload reversed, on the same channel.
    connect(device, &Link::messageReceived, device, [device](const Message &m) {
        QByteArray reversed = m.payload;
        std::reverse(reversed.begin(), reversed.end());
        device->send(Message {m.channel, reversed});
    });
    QSignalSpy ready(links->station.get(), &Link::ready);
    device->open();
    links->station->open();
    QTRY_COMPARE(ready.size(), 1);

    QSignalSpy replied(links->station.get(), &Link::replied);
    const QByteArray big = QByteArray(4000, 'a') + "z";
    const quint64 node = links->station->request(Message {Channel::Node, big}, 2000, 0);
    const quint64 host = links->station->request(Message {Channel::Host, QByteArray("abc")}, 2000, 0);
    QVERIFY(node != host);
    QTRY_COMPARE(replied.size(), 2);
    for (const auto &args : replied) {
        const auto id = args.at(0).toULongLong();
        const auto reply = args.at(1).value<Message>();
        if (id == node) {
            QCOMPARE(reply.channel, Channel::Node);
            QCOMPARE(reply.payload, QByteArray("z") + QByteArray(4000, 'a'));
        } else {
            QCOMPARE(id, host);
            QCOMPARE(reply, (Message {Channel::Host, QByteArray("cba")}));
        }
    }
    const LinkCounters c = links->station->counters();
    if (kind == int(WrapperKind::None) || kind == int(WrapperKind::Orw)) {
        QCOMPARE(c.framesSent, 2u);
        QCOMPARE(c.framesReceived, 2u);
    } else { // segments, packets, session set-up and polls
        QVERIFY(c.framesSent > 2u);
        QVERIFY(c.framesReceived >= 2u);
    }
    QCOMPARE(c.timeouts, 0u);
    QVERIFY(c.bytesWritten > 4000);
    QCOMPARE(c.bytesRead, links->device->counters().bytesWritten);
}

void TestLink::timeoutRetriesThenFails_data()
{
    addKinds();
}

void TestLink::timeoutRetriesThenFails()
{
    QFETCH(int, kind);
    auto links = makeLinks(WrapperKind(kind));
    QVERIFY(links);
    QSignalSpy seenByDevice(links->device.get(), &Link::messageReceived); // a device that never answers
    links->device->open();
    links->station->open();
    QSignalSpy failed(links->station.get(), &Link::requestFailed);
    QSignalSpy replied(links->station.get(), &Link::replied);
    const quint64 id = links->station->request(Message {Channel::Host, QByteArray("status?")}, 50, 2);
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(0).toULongLong(), id);
    const auto error = failed.at(0).at(1).value<prov::Error>();
    QCOMPARE(error.code, prov::ResultCode::DeviceUnreachable);
    QVERIFY2(error.message.contains(links->path), qPrintable(error.message));
    QVERIFY2(error.message.contains(QLatin1String("host channel")), qPrintable(error.message));
    QVERIFY2(error.message.contains(QLatin1String("50 ms")), qPrintable(error.message));
    QTRY_COMPARE(seenByDevice.size(), 3); // the first try and two retries
    QCOMPARE(links->station->counters().timeouts, 3u);
    QCOMPARE(links->station->counters().retransmissions, 2u);
    QCOMPARE(replied.size(), 0);
}

void TestLink::oneOutstandingRequestPerChannel()
{
    auto links = makeLinks(WrapperKind::None);
    QVERIFY(links);
    Link *device = links->device.get();
    QList<QByteArray> seen;
    // The device answers only when told to, so the test sees what is in flight.
    connect(device, &Link::messageReceived, device, [&seen](const Message &m) { seen.append(m.payload); });
    device->open();
    links->station->open();
    QSignalSpy replied(links->station.get(), &Link::replied);
    const quint64 first = links->station->request(Message {Channel::Node, QByteArray("1")}, 5000, 0);
    const quint64 second = links->station->request(Message {Channel::Node, QByteArray("2")}, 5000, 0);
    QTRY_COMPARE(seen.size(), 1);
    // "2" waits for the reply to "1"; give it every chance to be sent wrongly.
    QTest::qWait(50);
    QCOMPARE(seen.size(), 1);
    device->send(Message {Channel::Node, QByteArray("r1")});
    QTRY_COMPARE(seen.size(), 2);
    QCOMPARE(seen.at(1), QByteArray("2"));
    device->send(Message {Channel::Node, QByteArray("r2")});
    QTRY_COMPARE(replied.size(), 2);
    QCOMPARE(replied.at(0).at(0).toULongLong(), first);
    QCOMPARE(replied.at(0).at(1).value<Message>().payload, QByteArray("r1"));
    QCOMPARE(replied.at(1).at(0).toULongLong(), second);
}

void TestLink::lateReplyAfterTimeout_data()
{
    QTest::addColumn<bool>("withMatcher");
    QTest::newRow("reply matcher (request id echoed)") << true;
    QTest::newRow("no matcher: the next message is the reply") << false;
}

void TestLink::lateReplyAfterTimeout()
{
    // Request "a" times out; its answer comes late, while request "b" waits
    // for its own. The replies echo the request's first byte, as the node/host
    // protocol echoes its tag (NodeHostCodec::isResponseTo).
    QFETCH(bool, withMatcher);
    auto links = makeLinks(WrapperKind::None);
    QVERIFY(links);
    Link *device = links->device.get();
    QList<QByteArray> seen;
    connect(device, &Link::messageReceived, device, [&seen](const Message &m) { seen.append(m.payload); });
    if (withMatcher) {
        links->station->setReplyMatcher([](const Message &request, const Message &reply) {
            return reply.payload.startsWith(request.payload.left(1));
        });
    }
    device->open();
    links->station->open();
    QSignalSpy replied(links->station.get(), &Link::replied);
    QSignalSpy failed(links->station.get(), &Link::requestFailed);
    QSignalSpy unsolicited(links->station.get(), &Link::messageReceived);
    const quint64 a = links->station->request(Message {Channel::Node, QByteArray("a?")}, 60, 0);
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(0).toULongLong(), a);
    const quint64 b = links->station->request(Message {Channel::Node, QByteArray("b?")}, 5000, 0);
    QTRY_COMPARE(seen.size(), 2);
    device->send(Message {Channel::Node, QByteArray("a!")}); // late
    device->send(Message {Channel::Node, QByteArray("b!")});
    if (withMatcher) {
        QTRY_COMPARE(replied.size(), 1);
        QCOMPARE(replied.at(0).at(0).toULongLong(), b);
        QCOMPARE(replied.at(0).at(1).value<Message>().payload, QByteArray("b!"));
        QCOMPARE(unsolicited.size(), 1);
        QCOMPARE(unsolicited.at(0).at(0).value<Message>().payload, QByteArray("a!"));
    } else {
        // The weakness the matcher exists for.
        QTRY_COMPARE(unsolicited.size(), 1);
        QCOMPARE(replied.size(), 1);
        QCOMPARE(replied.at(0).at(1).value<Message>().payload, QByteArray("a!"));
    }
}

void TestLink::unsolicitedMessage()
{
    auto links = makeLinks(WrapperKind::Orw);
    QVERIFY(links);
    links->device->open();
    links->station->open();
    QSignalSpy received(links->station.get(), &Link::messageReceived);
    links->device->send(Message {Channel::Host, QByteArray("event")});
    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(received.at(0).at(0).value<Message>(), (Message {Channel::Host, QByteArray("event")}));
}

void TestLink::closeFailsOutstandingRequests()
{
    auto links = makeLinks(WrapperKind::None);
    QVERIFY(links);
    links->device->open();
    links->station->open();
    QSignalSpy failed(links->station.get(), &Link::requestFailed);
    QSignalSpy closed(links->station.get(), &Link::closed);
    links->station->request(Message {Channel::Node, QByteArray("1")}, 5000, 0);
    links->station->request(Message {Channel::Node, QByteArray("2")}, 5000, 0);
    links->station->close();
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(failed.size(), 2);
    QVERIFY(!links->station->device()->isOpen());
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
    QSignalSpy requestFailed(links->station.get(), &Link::requestFailed);
    links->station->request(Message {Channel::Node, QByteArray("x")}, 10000, 0);
    links->device.reset(); // the simulator goes away: the master side closes
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(requestFailed.size(), 1);
    const auto error = failed.at(0).at(0).value<prov::Error>();
    QCOMPARE(error.code, prov::ResultCode::DeviceUnreachable);
    QVERIFY2(error.message.contains(links->path), qPrintable(error.message));
}

QTEST_GUILESS_MAIN(TestLink)
#include "tst_link.moc"
