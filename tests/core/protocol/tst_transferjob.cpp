// TransferJob against a scripted device over a real pseudo-terminal: what it
// does when the device's whole-image CRC-32 check fails at TransferEnd.
// Bytes damaged on the way (an orw frame that lost a byte passes its 8-bit sum
// 1 time in 256) are repaired by starting over once; a CRC the station itself
// got wrong (a damaged package) fails at once.
#include "PseudoTerminal.h"
#include "protocol/Crc32.h"
#include "protocol/Exchanger.h"
#include "protocol/NodeHostCodec.h"
#include "protocol/TransferJob.h"
#include "transport/Link.h"
#include "transport/SerialPortOpener.h"
#include "transport/WrapperFactory.h"

#include <QElapsedTimer>
#include <QTest>

using namespace prov;
using namespace prov::protocol;
using namespace prov::transport;
using prov::test::PseudoTerminal;

namespace {

/// A device that writes blocks in order into `flash` and checks the CRC-32 at
/// TransferEnd; `damageFirstImages` commits fail as if the bytes were damaged.
struct Device
{
    std::unique_ptr<Link> station;
    std::unique_ptr<Link> link;
    std::unique_ptr<Exchanger> exchanger;
    QByteArray flash;
    TransferInfo announced;
    int begins = 0;
    int ends = 0;
    int damageFirstImages = 0;

    bool init(ClientOptions options = {})
    {
        auto pty = PseudoTerminal::create();
        if (!pty.ok())
            return false;
        auto port = SerialPortOpener::open(pty.value()->slavePath(), 115200);
        if (!port.ok())
            return false;
        station = std::make_unique<Link>(std::unique_ptr<QIODevice>(std::move(port).value().release()),
            createWrapper(WrapperKind::Orw, Wrapper::Role::Station));
        link = std::make_unique<Link>(std::unique_ptr<QIODevice>(std::move(pty).value().release()),
            createWrapper(WrapperKind::Orw, Wrapper::Role::Device));
        QObject::connect(link.get(), &Link::messageReceived, link.get(), [this](const Message &m) {
            Result<Request> r = NodeHostCodec::decodeRequest(m.payload);
            if (r.ok())
                link->send(Message {m.channel, NodeHostCodec::encodeResponse(answer(*r))});
        });
        station->open();
        link->open();
        exchanger = std::make_unique<Exchanger>(station.get(), Channel::Node, options);
        return true;
    }

    Response answer(const Request &r)
    {
        Response resp = Response::withStatus(r.opcode, r.tag, DeviceStatus::Ok);
        switch (r.opcode) {
        case Opcode::TransferBegin:
            ++begins;
            announced = r.transfer;
            flash.clear();
            resp.offset = 0;
            resp.maxBlock = 512;
            break;
        case Opcode::TransferBlock:
            if (r.offset == quint32(flash.size()))
                flash.append(r.data);
            resp.offset = quint32(flash.size());
            break;
        case Opcode::TransferEnd:
            ++ends;
            if (crc32Of(flash) != announced.crc32 || damageFirstImages-- > 0) {
                resp = Response::withStatus(r.opcode, r.tag, DeviceStatus::ImageCrcMismatch);
                flash.clear();
            }
            break;
        default:
            resp = Response::withStatus(r.opcode, r.tag, DeviceStatus::UnknownCommand);
        }
        return resp;
    }

    /// Runs the job; the error (code Ok when it finished).
    Error run(TransferJob *job)
    {
        std::optional<Error> outcome;
        QObject::connect(job, &ProtocolJob::finished, job, [&] { outcome = Error {ResultCode::Success, {}, {}}; });
        QObject::connect(job, &ProtocolJob::failed, job, [&](const Error &e) { outcome = e; });
        QElapsedTimer t;
        t.start();
        while (!outcome && t.elapsed() < 20000)
            QTest::qWait(5);
        return outcome.value_or(makeError(ResultCode::UnknownError, QStringLiteral("test: no outcome")));
    }
};

TransferInfo firmwareInfo(const QByteArray &image)
{
    TransferInfo info;
    info.target = TransferTarget::Firmware;
    info.hardwareType = HardwareType::Unode;
    info.size = quint32(image.size());
    info.crc32 = crc32Of(image);
    info.version = FirmwareVersion(2, 0, 0, 1);
    return info;
}

QByteArray image(int size)
{
    QByteArray d(size, '\0');
    for (int i = 0; i < size; ++i)
        d[i] = char((i * 7 + 3) & 0xFF);
    return d;
}

} // namespace

class TestTransferJob : public QObject
{
    Q_OBJECT

private slots:
    void cleanTransferChecksOnce();
    void damagedOnTheWayStartsOverOnce();
    void damagedEveryTimeFails_data();
    void damagedEveryTimeFails();
    void wrongAnnouncedCrcFailsAtOnce();
};

void TestTransferJob::cleanTransferChecksOnce()
{
    Device d;
    QVERIFY(d.init());
    const QByteArray img = image(3000);
    auto *job = new TransferJob(d.exchanger.get(), firmwareInfo(img), img, nullptr);
    const Error e = d.run(job);
    QVERIFY2(e.code == ResultCode::Success, qPrintable(e.toString()));
    QCOMPARE(d.begins, 1);
    QCOMPARE(d.ends, 1);
    QCOMPARE(d.flash, img);
}

void TestTransferJob::damagedOnTheWayStartsOverOnce()
{
    Device d;
    d.damageFirstImages = 1;
    QVERIFY(d.init());
    const QByteArray img = image(3000);
    auto *job = new TransferJob(d.exchanger.get(), firmwareInfo(img), img, nullptr);
    int restarts = -1;
    connect(job, &ProtocolJob::finished, this, [&] { restarts = job->crcRestarts(); });
    const Error e = d.run(job);
    QVERIFY2(e.code == ResultCode::Success, qPrintable(e.toString()));
    QCOMPARE(restarts, 1);
    QCOMPARE(d.begins, 2); // the device discarded the transfer: a new begin at 0
    QCOMPARE(d.ends, 2);
    QCOMPARE(d.flash, img);
}

void TestTransferJob::damagedEveryTimeFails_data()
{
    QTest::addColumn<int>("allowedRestarts");
    QTest::newRow("default: one restart") << ClientOptions {}.crcMismatchRestarts;
    QTest::newRow("no restart") << 0;
    QTest::newRow("three restarts") << 3;
}

void TestTransferJob::damagedEveryTimeFails()
{
    QFETCH(int, allowedRestarts);
    Device d;
    d.damageFirstImages = 1000; // e.g. the simulator's flash-corrupt fault
    ClientOptions options;
    options.crcMismatchRestarts = allowedRestarts;
    QVERIFY(d.init(options));
    const QByteArray img = image(2000);
    const Error e = d.run(new TransferJob(d.exchanger.get(), firmwareInfo(img), img, nullptr));
    QCOMPARE(e.code, ResultCode::NodeFirmwareUnavailable);
    QCOMPARE(d.ends, allowedRestarts + 1);
}

void TestTransferJob::wrongAnnouncedCrcFailsAtOnce()
{
    // A damaged package: the CRC-32 it gives does not match its image. Sending
    // the same bytes again cannot help.
    Device d;
    QVERIFY(d.init());
    const QByteArray img = image(2000);
    TransferInfo info = firmwareInfo(img);
    info.crc32 ^= 0x00010000;
    const Error e = d.run(new TransferJob(d.exchanger.get(), info, img, nullptr));
    QCOMPARE(e.code, ResultCode::NodeFirmwareUnavailable);
    QCOMPARE(d.begins, 1);
    QCOMPARE(d.ends, 1);
}

QTEST_GUILESS_MAIN(TestTransferJob)
#include "tst_transferjob.moc"
