// The station's request/response layer over a real pseudo-terminal: the test
// plays the device on the master side with a device-role wrapper and scripts
// its answers (late, repeated, foreign, missing).
#include "PseudoTerminal.h"
#include "protocol/Exchanger.h"
#include "protocol/NodeHostCodec.h"
#include "transport/Link.h"
#include "transport/SerialPortOpener.h"
#include "transport/WrapperFactory.h"

#include <QElapsedTimer>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace prov;
using namespace prov::protocol;
using namespace prov::transport;
using prov::test::PseudoTerminal;

namespace {

/// What the scripted device does with one request: answer bytes (possibly
/// several messages, possibly none).
using Script = std::function<QList<QByteArray>(const Request &request, int attempt)>;

QByteArray okAnswer(const Request &r)
{
    Response resp = Response::withStatus(r.opcode, r.tag, DeviceStatus::Ok);
    if (r.opcode == Opcode::NodeIdentify)
        resp.node.nodeId = 0xCAFE0001;
    return NodeHostCodec::encodeResponse(resp);
}

struct Harness
{
    std::unique_ptr<Link> station;
    std::unique_ptr<Link> device;
    std::unique_ptr<Exchanger> exchanger;
    Script script;
    QHash<quint16, int> attempts; ///< by tag
    QList<QByteArray> requests;

    bool init(ClientOptions options = {})
    {
        auto pty = PseudoTerminal::create();
        if (!pty.ok())
            return false;
        auto port = SerialPortOpener::open(pty.value()->slavePath(), 115200);
        if (!port.ok())
            return false;
        station = std::make_unique<Link>(std::unique_ptr<QIODevice>(std::move(port).value().release()),
            createWrapper(WrapperKind::None, Wrapper::Role::Station));
        device = std::make_unique<Link>(std::unique_ptr<QIODevice>(std::move(pty).value().release()),
            createWrapper(WrapperKind::None, Wrapper::Role::Device));
        QObject::connect(device.get(), &Link::messageReceived, device.get(), [this](const Message &m) {
            requests.append(m.payload);
            Result<Request> r = NodeHostCodec::decodeRequest(m.payload);
            if (!r.ok())
                return;
            const int attempt = attempts[r->tag]++;
            for (const QByteArray &answer : script(*r, attempt))
                device->send(Message {m.channel, answer});
        });
        station->open();
        device->open();
        options.responseTimeoutMs = 150;
        exchanger = std::make_unique<Exchanger>(station.get(), Channel::Node, options);
        return true;
    }

    Result<Response> run(Request request, QElapsedTimer *clock = nullptr)
    {
        std::optional<Result<Response>> result;
        QObject context;
        if (clock)
            clock->start();
        exchanger->exchange(std::move(request), &context, [&](const Result<Response> &r) { result = r; });
        QElapsedTimer waited;
        waited.start();
        while (!result && waited.elapsed() < 10000)
            QTest::qWait(5);
        if (!result)
            return makeError(ResultCode::UnknownError, QStringLiteral("test: the callback never ran"));
        return *result;
    }
};

} // namespace

class TestExchanger : public QObject
{
    Q_OBJECT

private slots:
    void answerIsMatchedByTag();
    void tagsAreDistinctAndSequential();
    void lostAnswerIsRequestedAgainWithTheSameBytes();
    void lateAndForeignAnswersAreDropped();
    void lateAnswerIsNotTakenForTheNextRequest();
    void wrongOpcodeIsInvalid();
    void undecodableAnswerWithOurTagIsInvalid();
    void silenceFailsWithTheChannelsCode_data();
    void silenceFailsWithTheChannelsCode();
    void severalInFlightAreAnsweredInOrder();
    void cancelledRequestNeverCallsBack();
    void linkFailureFailsPending();
    void aRequestAfterTheLinkFailedFailsAtOnce();
};

void TestExchanger::answerIsMatchedByTag()
{
    Harness h;
    h.script = [](const Request &r, int) {
        return QList<QByteArray> {okAnswer(r)};
    };
    QVERIFY(h.init());
    const Result<Response> r = h.run(Request::simple(Opcode::NodeIdentify, 0));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
    QCOMPARE(r->node.nodeId, 0xCAFE0001u);
    QCOMPARE(h.requests.size(), 1);
}

void TestExchanger::tagsAreDistinctAndSequential()
{
    Harness h;
    h.script = [](const Request &r, int) {
        return QList<QByteArray> {okAnswer(r)};
    };
    QVERIFY(h.init());
    QList<quint16> tags;
    for (int i = 0; i < 3; ++i) {
        const Result<Response> r = h.run(Request::simple(Opcode::Lock, 0));
        QVERIFY(r.ok());
        tags << r->tag;
    }
    QCOMPARE(quint16(tags[1] - tags[0]), quint16(1));
    QCOMPARE(quint16(tags[2] - tags[1]), quint16(1));
}

void TestExchanger::lostAnswerIsRequestedAgainWithTheSameBytes()
{
    Harness h;
    // The first answer is lost on the line; the repeat is answered.
    h.script = [](const Request &r, int attempt) {
        return attempt == 0 ? QList<QByteArray> {} : QList<QByteArray> {okAnswer(r)};
    };
    QVERIFY(h.init());
    const Result<Response> r = h.run(Request::simple(Opcode::Reset, 0));
    QVERIFY(r.ok());
    QCOMPARE(h.requests.size(), 2);
    QCOMPARE(h.requests[1], h.requests[0]); // same tag, same bytes: the device can tell it is a repeat
    QCOMPARE(h.exchanger->resends(), 1u);
}

void TestExchanger::lateAndForeignAnswersAreDropped()
{
    Harness h;
    h.script = [](const Request &r, int) {
        Response stale = Response::withStatus(r.opcode, quint16(r.tag - 7), DeviceStatus::Busy);
        Response otherOp = Response::withStatus(Opcode::Lock, quint16(r.tag + 100), DeviceStatus::Ok);
        return QList<QByteArray> {
            NodeHostCodec::encodeResponse(stale), NodeHostCodec::encodeResponse(otherOp), okAnswer(r)};
    };
    QVERIFY(h.init());
    const Result<Response> r = h.run(Request::simple(Opcode::NodeIdentify, 0));
    QVERIFY(r.ok());
    QCOMPARE(r->status, DeviceStatus::Ok);
    QCOMPARE(h.exchanger->droppedAnswers(), 2u);
}

void TestExchanger::lateAnswerIsNotTakenForTheNextRequest()
{
    // The device is slow: each answer leaves 250 ms after its request, the
    // station resends after 150 ms. The first request is completed by the
    // (late) answer to its first attempt; the answer to its retry arrives
    // while the next request of the same opcode waits, and must not be taken
    // for that one's answer.
    Harness h;
    quint32 nextNodeId = 0xA0;
    QList<quint16> tags;
    h.script = [&h, &nextNodeId, &tags](const Request &r, int attempt) {
        if (attempt == 0)
            tags << r.tag;
        Response resp = Response::withStatus(r.opcode, r.tag, DeviceStatus::Ok);
        resp.node.nodeId = nextNodeId + quint32(tags.indexOf(r.tag)); // 0xA0 first, 0xA1 second
        const QByteArray bytes = NodeHostCodec::encodeResponse(resp);
        QTimer::singleShot(250, h.device.get(), [&h, bytes] { h.device->send(Message {Channel::Node, bytes}); });
        return QList<QByteArray> {};
    };
    ClientOptions options;
    options.retries = 1;
    QVERIFY(h.init(options));
    const Result<Response> first = h.run(Request::simple(Opcode::NodeIdentify, 0));
    QVERIFY(first.ok());
    QCOMPARE(first->node.nodeId, 0xA0u);
    QCOMPARE(h.exchanger->resends(), 1u);
    const Result<Response> second = h.run(Request::simple(Opcode::NodeIdentify, 0));
    QVERIFY2(second.ok(), qPrintable(second.ok() ? QString() : second.error().toString()));
    QCOMPARE(second->node.nodeId, 0xA1u); // its own answer, not the first one's repeat
    QCOMPARE(second->tag, tags.value(1));
    QVERIFY(h.exchanger->droppedAnswers() >= 1u);
}

void TestExchanger::wrongOpcodeIsInvalid()
{
    Harness h;
    h.script = [](const Request &r, int) {
        return QList<QByteArray> {
            NodeHostCodec::encodeResponse(Response::withStatus(Opcode::Lock, r.tag, DeviceStatus::Ok))};
    };
    QVERIFY(h.init());
    const Result<Response> r = h.run(Request::simple(Opcode::NodeIdentify, 0));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ResultCode::NodeUnexpectedError);
    QVERIFY2(
        r.error().message.contains(QStringLiteral("answered Lock to NodeIdentify")), qPrintable(r.error().message));
}

void TestExchanger::undecodableAnswerWithOurTagIsInvalid()
{
    Harness h;
    h.script = [](const Request &r, int) {
        QByteArray bad = okAnswer(r);
        bad.append('\x00'); // one byte too many
        return QList<QByteArray> {bad};
    };
    QVERIFY(h.init());
    const Result<Response> r = h.run(Request::simple(Opcode::Lock, 0));
    QCOMPARE(r.error().code, ResultCode::NodeUnexpectedError);
}

void TestExchanger::silenceFailsWithTheChannelsCode_data()
{
    QTest::addColumn<int>("retries");
    QTest::newRow("no retries") << 0;
    QTest::newRow("two retries") << 2;
}

void TestExchanger::silenceFailsWithTheChannelsCode()
{
    QFETCH(int, retries);
    Harness h;
    h.script = [](const Request &, int) {
        return QList<QByteArray> {};
    };
    ClientOptions options;
    options.retries = retries;
    QVERIFY(h.init(options));
    QElapsedTimer clock;
    const Result<Response> r = h.run(Request::simple(Opcode::NodeIdentify, 0), &clock);
    QCOMPARE(r.error().code, ResultCode::NodeMessageFailed);
    QVERIFY2(r.error().message.contains(QStringLiteral("after %1 attempts").arg(retries + 1)),
        qPrintable(r.error().message));
    QCOMPARE(h.requests.size(), retries + 1);
    QVERIFY(clock.elapsed() >= 150 * (retries + 1));
    // The host channel of the same line has its own code.
    Exchanger host(h.station.get(), Channel::Host, options);
    std::optional<Result<Response>> result;
    QObject context;
    host.exchange(
        Request::simple(Opcode::HostIdentify, 0), &context, [&](const Result<Response> &x) { result = x; }, 50);
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000);
    QCOMPARE(result->error().code, ResultCode::HostUnreachable);
}

void TestExchanger::severalInFlightAreAnsweredInOrder()
{
    Harness h;
    h.script = [](const Request &r, int) {
        return QList<QByteArray> {okAnswer(r)};
    };
    QVERIFY(h.init());
    QList<int> order;
    QObject context;
    for (int i = 0; i < 5; ++i)
        h.exchanger->exchange(Request::simple(Opcode::Lock, 0), &context, [&order, i](const Result<Response> &r) {
            if (r.ok())
                order << i;
        });
    QTRY_COMPARE(order.size(), 5);
    QCOMPARE(order, (QList<int> {0, 1, 2, 3, 4}));
    QCOMPARE(h.requests.size(), 5); // sent back to back, not one after the other's answer
}

void TestExchanger::cancelledRequestNeverCallsBack()
{
    Harness h;
    h.script = [](const Request &r, int) {
        return QList<QByteArray> {okAnswer(r)};
    };
    QVERIFY(h.init());
    bool called = false;
    QObject context;
    const quint64 id = h.exchanger->exchange(
        Request::simple(Opcode::Lock, 0), &context, [&](const Result<Response> &) { called = true; });
    h.exchanger->cancel(id);
    QTRY_COMPARE(h.requests.size(), 1);
    QTest::qWait(200);
    QVERIFY(!called);
    // A gone context is the same as a cancel.
    {
        QObject shortLived;
        h.exchanger->exchange(
            Request::simple(Opcode::Lock, 0), &shortLived, [&](const Result<Response> &) { called = true; });
    }
    QTest::qWait(200);
    QVERIFY(!called);
}

void TestExchanger::linkFailureFailsPending()
{
    Harness h;
    h.script = [](const Request &, int) {
        return QList<QByteArray> {};
    };
    ClientOptions options;
    options.retries = 5;
    QVERIFY(h.init(options));
    std::optional<Result<Response>> result;
    QObject context;
    h.exchanger->exchange(
        Request::simple(Opcode::Lock, 0), &context, [&](const Result<Response> &r) { result = r; }, 5000);
    QTRY_COMPARE(h.requests.size(), 1);
    h.device.reset(); // the other end goes away: the station's port sees a hang-up
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 5000);
    QCOMPARE(result->error().code, ResultCode::NodeMessageFailed);
}

void TestExchanger::aRequestAfterTheLinkFailedFailsAtOnce()
{
    // The port dies between two exchanges: the next request says why at once,
    // not "no answer after 6 attempts" once its resends have run out.
    Harness h;
    h.script = [](const Request &r, int) {
        return QList<QByteArray> {okAnswer(r)};
    };
    ClientOptions options;
    options.retries = 5;
    QVERIFY(h.init(options));
    QVERIFY(h.run(Request::simple(Opcode::NodeIdentify, 0)).ok());
    QString why;
    QObject::connect(
        h.station.get(), &Link::failed, h.station.get(), [&why](const prov::Error &e) { why = e.toString(); });
    h.device.reset();
    QTRY_VERIFY_WITH_TIMEOUT(!why.isEmpty(), 5000);

    const Result<Response> after = h.run(Request::simple(Opcode::Lock, 0));
    QVERIFY(!after.ok());
    QCOMPARE(after.error().code, ResultCode::NodeMessageFailed);
    QVERIFY2(after.error().message.contains(why), qPrintable(after.error().message));
    QVERIFY2(!after.error().message.contains(QLatin1String("attempts")), qPrintable(after.error().message));
    QCOMPARE(h.requests.size(), 1);
}

QTEST_GUILESS_MAIN(TestExchanger)
#include "tst_exchanger.moc"
