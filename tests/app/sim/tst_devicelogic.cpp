#include "DeviceLogic.h"
#include "protocol/Crc32.h"
#include "protocol/NodeHostCodec.h"
#include "transport/MeterIdentification.h"

#include <QTest>

using namespace prov;
using namespace prov::protocol;
using namespace prov::sim;
using transport::Channel;

namespace {

QByteArray hex(const char *spaced)
{
    return QByteArray::fromHex(QByteArray(spaced).replace(' ', ""));
}

DeviceState meter()
{
    DeviceState s;
    s.model = QStringLiteral("i210plus");
    s.nodeId = 0x1A2B3C4D;
    s.emcmId = hex("0011223344556677");
    s.meterId = QStringLiteral("M000000042");
    s.meterManufacturer = QStringLiteral("GE");
    s.meterModel = QStringLiteral("I210+");
    s.node.hardwareType = HardwareType::Unode;
    s.node.firmwareVersion = FirmwareVersion(1, 0, 0, 0);
    s.host.hardwareType = HardwareType::Emcm;
    s.host.firmwareVersion = FirmwareVersion(5, 0, 0, 0);
    s.appNames = QStringList {QStringLiteral("emcm")};
    return s;
}

QByteArray image(int size, int salt = 0)
{
    QByteArray d(size, '\0');
    for (int i = 0; i < size; ++i)
        d[i] = char((i * 31 + salt) & 0xFF);
    return d;
}

/// Drives a DeviceLogic the way a station would, one request at a time.
class Driver
{
public:
    Driver(DeviceState state, DeviceFaults faults = {}, int maxBlock = 256)
        : m_state(std::move(state))
        , m_logic(&m_state, std::move(faults), maxBlock)
    { }

    DeviceOutcome raw(Channel channel, const QByteArray &payload) { return m_logic.handle(channel, payload); }

    Response ask(Channel channel, Request request, DeviceOutcome *outcome = nullptr)
    {
        request.tag = m_tag++;
        const DeviceOutcome o = m_logic.handle(channel, NodeHostCodec::encodeRequest(request));
        if (outcome)
            *outcome = o;
        if (!o.response)
            return Response::withStatus(request.opcode, request.tag, DeviceStatus(0xEE)); // "no answer" marker
        Result<Response> r = NodeHostCodec::decodeResponse(*o.response);
        if (!r.ok())
            qFatal("device sent an undecodable answer: %s", qPrintable(r.error().message));
        if (r->tag != request.tag || r->opcode != request.opcode)
            qFatal("answer does not match its request");
        return *r;
    }

    TransferInfo firmwareInfo(const QByteArray &img, quint16 hw = HardwareType::Unode) const
    {
        TransferInfo info;
        info.target = TransferTarget::Firmware;
        info.hardwareType = hw;
        info.size = quint32(img.size());
        info.crc32 = crc32Of(img);
        info.version = FirmwareVersion(2, 0, 0, 7);
        return info;
    }

    /// Sends blocks from `from` to the end; returns the status that stopped it.
    DeviceStatus sendBlocks(Channel ch, const QByteArray &img, TransferTarget target, quint32 from, int block)
    {
        for (quint32 at = from; at < quint32(img.size()); at += quint32(block)) {
            const Response r = ask(ch, Request::transferBlock(0, target, at, img.mid(at, block)));
            if (!r.ok())
                return r.status;
            if (r.offset != qMin<quint32>(at + quint32(block), quint32(img.size())))
                qFatal("unexpected next offset");
        }
        return DeviceStatus::Ok;
    }

    DeviceState m_state;
    DeviceLogic m_logic;
    quint16 m_tag = 100;
};

} // namespace

class TestDeviceLogic : public QObject
{
    Q_OBJECT

private slots:
    void identifiesNodeAndHost();
    void wrongChannelIsUnknownCommand();
    void bareNodeHasNoHost();
    void malformedAndForeignRequests_data();
    void malformedAndForeignRequests();
    void firmwareUpdateCommitsAfterCrcCheck();
    void interruptedTransferResumes();
    void differentImageStartsOver();
    void gapIsReportedAndRepeatsAreHarmless();
    void crcMismatchDiscardsTransfer();
    void configurationKindIsKept();
    void keysWriteAndVerifyWithCmac();
    void keySlotsBelongToTheirProcessor();
    void repeatedRequestIsAnsweredFromMemory();
    void lockAndReset();
    void faultsProvokeTheirStatuses();
    void resetDuringFirmwareFiresOnce();
};

void TestDeviceLogic::identifiesNodeAndHost()
{
    Driver d(meter());
    Response r = d.ask(Channel::Node, Request::simple(Opcode::NodeIdentify, 0));
    QVERIFY(r.ok());
    QCOMPARE(r.node.nodeId, 0x1A2B3C4Du);
    QCOMPARE(r.node.hardwareType, HardwareType::Unode);
    QCOMPARE(r.node.firmwareVersion, FirmwareVersion(1, 0, 0, 0));
    QCOMPARE(r.node.calibration, CalibrationState::Valid);
    QCOMPARE(r.node.configKind, ConfigKind::None);
    QVERIFY(!r.node.locked);

    r = d.ask(Channel::Host, Request::simple(Opcode::HostIdentify, 0));
    QVERIFY(r.ok());
    QCOMPARE(r.host.emcmIdHex(), QStringLiteral("0011223344556677"));
    QCOMPARE(r.host.hardwareType, HardwareType::Emcm);
    QVERIFY(r.host.hardwareOk());
    QCOMPARE(r.host.firmwareVersion, FirmwareVersion(5, 0, 0, 0));

    r = d.ask(Channel::Host, Request::simple(Opcode::MeterLinkCheck, 0));
    QVERIFY(r.ok());
    QCOMPARE(r.meterId, QStringLiteral("M000000042"));

    // The eMCM passes on its meter's C12.19 table 1, as the optical port would give it.
    r = d.ask(Channel::Host, Request::simple(Opcode::MeterIdentify, 0));
    QVERIFY(r.ok());
    const Result<transport::MeterIdentification> meter = transport::MeterIdentification::fromTable(r.meterTable);
    QVERIFY(meter.ok());
    QCOMPARE(meter->manufacturer, QStringLiteral("GE"));
    QCOMPARE(meter->model, QStringLiteral("I210+"));
    QCOMPARE(meter->serial, QStringLiteral("M000000042"));
}

void TestDeviceLogic::wrongChannelIsUnknownCommand()
{
    Driver d(meter());
    QCOMPARE(d.ask(Channel::Host, Request::simple(Opcode::NodeIdentify, 0)).status, DeviceStatus::UnknownCommand);
    QCOMPARE(d.ask(Channel::Node, Request::simple(Opcode::HostIdentify, 0)).status, DeviceStatus::UnknownCommand);
    QCOMPARE(d.ask(Channel::Node, Request::simple(Opcode::MeterLinkCheck, 0)).status, DeviceStatus::UnknownCommand);
    QCOMPARE(d.ask(Channel::Node, Request::simple(Opcode::MeterIdentify, 0)).status, DeviceStatus::UnknownCommand);
}

void TestDeviceLogic::bareNodeHasNoHost()
{
    DeviceState s = meter();
    s.emcmId.clear();
    Driver d(std::move(s));
    DeviceOutcome o;
    d.ask(Channel::Host, Request::simple(Opcode::HostIdentify, 0), &o);
    QVERIFY(!o.response);
    QVERIFY(d.ask(Channel::Node, Request::simple(Opcode::NodeIdentify, 0)).ok());
}

void TestDeviceLogic::malformedAndForeignRequests_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("answer"); // empty: no answer at all
    QTest::newRow("too short for a header") << hex("01 01 00") << QByteArray();
    QTest::newRow("other version") << hex("02 01 07 00") << hex("01 81 07 00 03");
    QTest::newRow("unknown opcode") << hex("01 7a 08 00") << hex("01 fa 08 00 01");
    QTest::newRow("identify with a body") << hex("01 01 09 00 ff") << hex("01 81 09 00 02");
    QTest::newRow("key too short") << hex("01 20 0a 00 03 00 11") << hex("01 a0 0a 00 02");
}

void TestDeviceLogic::malformedAndForeignRequests()
{
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, answer);
    Driver d(meter());
    const DeviceOutcome o = d.raw(Channel::Node, request);
    QCOMPARE(o.response.value_or(QByteArray()).toHex(' '), answer.toHex(' '));
}

void TestDeviceLogic::firmwareUpdateCommitsAfterCrcCheck()
{
    Driver d(meter());
    const QByteArray img = image(1000);
    Response r = d.ask(Channel::Node, Request::transferBegin(0, d.firmwareInfo(img)));
    QVERIFY(r.ok());
    QCOMPARE(r.offset, 0u);
    QCOMPARE(r.maxBlock, quint16(256));
    DeviceOutcome o;
    r = d.ask(Channel::Node, Request::transferBlock(0, TransferTarget::Firmware, 0, img.left(256)), &o);
    QCOMPARE(o.flashBytes, 256);
    QVERIFY(o.persistSoon);
    QCOMPARE(d.sendBlocks(Channel::Node, img, TransferTarget::Firmware, 256, 256), DeviceStatus::Ok);
    QCOMPARE(d.m_state.node.firmwareVersion, FirmwareVersion(1, 0, 0, 0)); // not before End
    r = d.ask(Channel::Node, Request::transferEnd(0, TransferTarget::Firmware), &o);
    QVERIFY(r.ok());
    QVERIFY(o.persistNow);
    QCOMPARE(d.m_state.node.firmwareVersion, FirmwareVersion(2, 0, 0, 7));
    QCOMPARE(d.m_state.node.firmwareCrc, crc32Of(img));
    QCOMPARE(d.m_state.node.firmwareSize, 1000u);
    QVERIFY(!d.m_state.node.transfer);
    // A repeated End (its answer was lost) is Ok again.
    QVERIFY(d.ask(Channel::Node, Request::transferEnd(0, TransferTarget::Firmware)).ok());
    // The host's firmware is untouched.
    QCOMPARE(d.m_state.host.firmwareVersion, FirmwareVersion(5, 0, 0, 0));
}

void TestDeviceLogic::interruptedTransferResumes()
{
    Driver d(meter());
    const QByteArray img = image(2048, 3);
    QVERIFY(d.ask(Channel::Host, Request::transferBegin(0, d.firmwareInfo(img, HardwareType::Emcm))).ok());
    for (quint32 at = 0; at < 768; at += 256)
        QVERIFY(d.ask(Channel::Host, Request::transferBlock(0, TransferTarget::Firmware, at, img.mid(at, 256))).ok());
    // The station went away; a new session announces the same image.
    d.m_logic.powerCycle();
    const Response r = d.ask(Channel::Host, Request::transferBegin(0, d.firmwareInfo(img, HardwareType::Emcm)));
    QVERIFY(r.ok());
    QCOMPARE(r.offset, 768u);
    QCOMPARE(d.sendBlocks(Channel::Host, img, TransferTarget::Firmware, r.offset, 256), DeviceStatus::Ok);
    QVERIFY(d.ask(Channel::Host, Request::transferEnd(0, TransferTarget::Firmware)).ok());
    QCOMPARE(d.m_state.host.firmwareCrc, crc32Of(img));
}

void TestDeviceLogic::differentImageStartsOver()
{
    Driver d(meter());
    const QByteArray a = image(1024, 1);
    const QByteArray b = image(1024, 2);
    QVERIFY(d.ask(Channel::Node, Request::transferBegin(0, d.firmwareInfo(a))).ok());
    QVERIFY(d.ask(Channel::Node, Request::transferBlock(0, TransferTarget::Firmware, 0, a.left(256))).ok());
    const Response r = d.ask(Channel::Node, Request::transferBegin(0, d.firmwareInfo(b)));
    QVERIFY(r.ok());
    QCOMPARE(r.offset, 0u);
    // A configuration transfer after that replaces the open firmware transfer as well.
    TransferInfo cfg;
    cfg.target = TransferTarget::FactoryConfig;
    cfg.hardwareType = HardwareType::Unode;
    cfg.size = 10;
    cfg.crc32 = crc32Of(image(10));
    cfg.configId = 0x45;
    QCOMPARE(d.ask(Channel::Node, Request::transferBegin(0, cfg)).offset, 0u);
    QCOMPARE(d.ask(Channel::Node, Request::transferBlock(0, TransferTarget::Firmware, 0, b.left(256))).status,
        DeviceStatus::NoTransfer);
}

void TestDeviceLogic::gapIsReportedAndRepeatsAreHarmless()
{
    Driver d(meter());
    const QByteArray img = image(1024);
    QVERIFY(d.ask(Channel::Node, Request::transferBegin(0, d.firmwareInfo(img))).ok());
    QVERIFY(d.ask(Channel::Node, Request::transferBlock(0, TransferTarget::Firmware, 0, img.left(256))).ok());
    // Block 256..511 was lost on the line.
    Response r = d.ask(Channel::Node, Request::transferBlock(0, TransferTarget::Firmware, 512, img.mid(512, 256)));
    QCOMPARE(r.status, DeviceStatus::OffsetMismatch);
    QCOMPARE(r.offset, 256u);
    // A repeat of an old block changes nothing and says where to go on.
    DeviceOutcome o;
    r = d.ask(Channel::Node, Request::transferBlock(0, TransferTarget::Firmware, 0, img.left(256)), &o);
    QVERIFY(r.ok());
    QCOMPARE(r.offset, 256u);
    QCOMPARE(o.flashBytes, 0);
    // A block that overlaps the end of what is written writes its tail only.
    r = d.ask(Channel::Node, Request::transferBlock(0, TransferTarget::Firmware, 128, img.mid(128, 256)), &o);
    QCOMPARE(r.offset, 384u);
    QCOMPARE(o.flashBytes, 128);
    // Past the end, or larger than the announced block: malformed.
    QCOMPARE(d.ask(Channel::Node, Request::transferBlock(0, TransferTarget::Firmware, 384, image(257))).status,
        DeviceStatus::MalformedRequest);
    QCOMPARE(d.ask(Channel::Node, Request::transferEnd(0, TransferTarget::Firmware)).offset, 384u);
    QCOMPARE(d.sendBlocks(Channel::Node, img, TransferTarget::Firmware, 384, 256), DeviceStatus::Ok);
    QVERIFY(d.ask(Channel::Node, Request::transferEnd(0, TransferTarget::Firmware)).ok());
    QCOMPARE(d.m_state.node.firmwareCrc, crc32Of(img));
}

void TestDeviceLogic::crcMismatchDiscardsTransfer()
{
    Driver d(meter());
    const QByteArray img = image(600);
    TransferInfo info = d.firmwareInfo(img);
    info.crc32 ^= 1;
    QVERIFY(d.ask(Channel::Node, Request::transferBegin(0, info)).ok());
    QCOMPARE(d.sendBlocks(Channel::Node, img, TransferTarget::Firmware, 0, 256), DeviceStatus::Ok);
    QCOMPARE(
        d.ask(Channel::Node, Request::transferEnd(0, TransferTarget::Firmware)).status, DeviceStatus::ImageCrcMismatch);
    QCOMPARE(d.m_state.node.firmwareVersion, FirmwareVersion(1, 0, 0, 0));
    QVERIFY(!d.m_state.node.transfer);
    // The next attempt starts over.
    QCOMPARE(d.ask(Channel::Node, Request::transferBegin(0, info)).offset, 0u);
}

void TestDeviceLogic::configurationKindIsKept()
{
    Driver d(meter());
    const QByteArray cfg = QByteArrayLiteral("factory configuration bytes");
    TransferInfo info;
    info.target = TransferTarget::FactoryConfig;
    info.hardwareType = HardwareType::Unode;
    info.size = quint32(cfg.size());
    info.crc32 = crc32Of(cfg);
    info.configId = 0x45;
    QVERIFY(d.ask(Channel::Node, Request::transferBegin(0, info)).ok());
    QVERIFY(d.ask(Channel::Node, Request::transferBlock(0, TransferTarget::FactoryConfig, 0, cfg)).ok());
    DeviceOutcome o;
    QVERIFY(d.ask(Channel::Node, Request::transferEnd(0, TransferTarget::FactoryConfig), &o).ok());
    QCOMPARE(o.nodeConfigCommitted, std::optional<ConfigKind>(ConfigKind::Factory));
    Response id = d.ask(Channel::Node, Request::simple(Opcode::NodeIdentify, 0));
    QCOMPARE(id.node.configKind, ConfigKind::Factory);
    QCOMPARE(id.node.configId, 0x45u);
    QCOMPARE(d.m_state.node.configSha256.toHex(), QCryptographicHash::hash(cfg, QCryptographicHash::Sha256).toHex());

    // The field configuration replaces it, and the kind says so.
    const QByteArray field = QByteArrayLiteral("field!");
    info.target = TransferTarget::FieldConfig;
    info.size = quint32(field.size());
    info.crc32 = crc32Of(field);
    info.configId = 0x46;
    QVERIFY(d.ask(Channel::Node, Request::transferBegin(0, info)).ok());
    QVERIFY(d.ask(Channel::Node, Request::transferBlock(0, TransferTarget::FieldConfig, 0, field)).ok());
    QVERIFY(d.ask(Channel::Node, Request::transferEnd(0, TransferTarget::FieldConfig), &o).ok());
    QCOMPARE(o.nodeConfigCommitted, std::optional<ConfigKind>(ConfigKind::Field));
    id = d.ask(Channel::Node, Request::simple(Opcode::NodeIdentify, 0));
    QCOMPARE(id.node.configKind, ConfigKind::Field);
    QCOMPARE(id.node.configId, 0x46u);

    // A configuration without an ID is refused; a host configuration does not touch the node's.
    info.configId = 0;
    QCOMPARE(d.ask(Channel::Node, Request::transferBegin(0, info)).status, DeviceStatus::ConfigurationRejected);
    QCOMPARE(d.m_state.host.configKind, ConfigKind::None);
}

void TestDeviceLogic::keysWriteAndVerifyWithCmac()
{
    Driver d(meter());
    // RFC 4493, section 4, example 2 (AES-128, 16-byte message).
    const crypto::SecretBytes key = crypto::SecretBytes::copyOf(hex("2b7e1516 28aed2a6 abf71588 09cf4f3c"));
    const QByteArray challenge = hex("6bc1bee2 2e409f96 e93d7e11 7393172a");
    QCOMPARE(d.ask(Channel::Host, Request::verifyKey(0, KeySlot::App, challenge)).status, DeviceStatus::KeyNotSet);
    DeviceOutcome o;
    QVERIFY(d.ask(Channel::Host, Request::writeKey(0, KeySlot::App, key), &o).ok());
    QVERIFY(o.persistNow);
    const Response r = d.ask(Channel::Host, Request::verifyKey(0, KeySlot::App, challenge));
    QVERIFY(r.ok());
    QCOMPARE(r.cmac.toHex(), QByteArray("070a16b46b4d4144f79bdd9dd04a287c"));
    QVERIFY(d.m_state.host.keys.at(KeySlot::App).equals(key));
    // Writing the same key again changes nothing that needs saving.
    QVERIFY(d.ask(Channel::Host, Request::writeKey(0, KeySlot::App, key), &o).ok());
    QVERIFY(!o.persistNow);
}

void TestDeviceLogic::keySlotsBelongToTheirProcessor()
{
    Driver d(meter());
    const crypto::SecretBytes key = crypto::SecretBytes::copyOf(QByteArray(16, '\x11'));
    QCOMPARE(d.ask(Channel::Host, Request::writeKey(0, KeySlot::NodeRoot, key)).status, DeviceStatus::KeySlotInvalid);
    QCOMPARE(d.ask(Channel::Node, Request::writeKey(0, KeySlot::App, key)).status, DeviceStatus::KeySlotInvalid);
    for (KeySlot slot : {KeySlot::Gateway, KeySlot::CodeDownload, KeySlot::NodeRoot})
        QVERIFY(d.ask(Channel::Node, Request::writeKey(0, slot, key)).ok());
    QCOMPARE(d.m_state.node.keys.size(), std::size_t(3));
    QVERIFY(d.m_state.host.keys.empty());
}

void TestDeviceLogic::repeatedRequestIsAnsweredFromMemory()
{
    Driver d(meter());
    const QByteArray img = image(512);
    QVERIFY(d.ask(Channel::Node, Request::transferBegin(0, d.firmwareInfo(img))).ok());
    const QByteArray block
        = NodeHostCodec::encodeRequest(Request::transferBlock(0x4242, TransferTarget::Firmware, 0, img.left(256)));
    const DeviceOutcome first = d.raw(Channel::Node, block);
    QCOMPARE(first.flashBytes, 256);
    const DeviceOutcome again = d.raw(Channel::Node, block);
    QCOMPARE(again.response, first.response);
    QCOMPARE(again.flashBytes, 0); // not executed again
    // The host channel has its own memory.
    QVERIFY(!d.raw(Channel::Host, block).response->isEmpty());
    // After a reset the device forgets: the repeat is executed (and harmless).
    d.m_logic.powerCycle();
    const DeviceOutcome afterReset = d.raw(Channel::Node, block);
    QCOMPARE(afterReset.flashBytes, 0);
    QCOMPARE(NodeHostCodec::decodeResponse(*afterReset.response)->offset, 256u);
}

void TestDeviceLogic::lockAndReset()
{
    Driver d(meter());
    DeviceOutcome o;
    QVERIFY(d.ask(Channel::Node, Request::simple(Opcode::Lock, 0), &o).ok());
    QVERIFY(o.persistNow);
    QVERIFY(d.ask(Channel::Node, Request::simple(Opcode::NodeIdentify, 0)).node.locked);
    QVERIFY(!d.ask(Channel::Host, Request::simple(Opcode::HostIdentify, 0)).host.locked);
    QVERIFY(d.ask(Channel::Node, Request::simple(Opcode::Lock, 0), &o).ok());
    QVERIFY(!o.persistNow);
    QVERIFY(d.ask(Channel::Node, Request::simple(Opcode::Reset, 0), &o).ok());
    QVERIFY(o.resetAfterReply);
}

void TestDeviceLogic::faultsProvokeTheirStatuses()
{
    const QByteArray img = image(300);
    {
        DeviceFaults f;
        f.wrongHardware = true;
        Driver d(meter(), f);
        QCOMPARE(d.ask(Channel::Node, Request::simple(Opcode::NodeIdentify, 0)).node.hardwareType, HardwareType::Enode);
        QCOMPARE(d.ask(Channel::Node, Request::transferBegin(0, d.firmwareInfo(img))).status,
            DeviceStatus::WrongHardwareType);
        QCOMPARE(resultCodeFor(DeviceStatus::WrongHardwareType, Channel::Node), ResultCode::NodeHardwareIncompatible);
    }
    {
        DeviceFaults f;
        f.hardwareFailure = true;
        Driver d(meter(), f);
        const Response id = d.ask(Channel::Host, Request::simple(Opcode::HostIdentify, 0));
        QVERIFY(id.ok());
        QVERIFY(!id.host.hardwareOk());
        QCOMPARE(d.ask(Channel::Host, Request::transferBegin(0, d.firmwareInfo(img, HardwareType::Emcm))).status,
            DeviceStatus::HardwareFailure);
        QCOMPARE(d.ask(Channel::Host, Request::writeKey(0, KeySlot::App, crypto::SecretBytes(16))).status,
            DeviceStatus::HardwareFailure);
        QCOMPARE(resultCodeFor(DeviceStatus::HardwareFailure, Channel::Host), ResultCode::HostHardwareFailure);
    }
    {
        DeviceFaults f;
        f.meterLinkDown = true;
        Driver d(meter(), f);
        QCOMPARE(d.ask(Channel::Host, Request::simple(Opcode::MeterLinkCheck, 0)).status, DeviceStatus::MeterLinkDown);
        QCOMPARE(d.ask(Channel::Host, Request::simple(Opcode::MeterIdentify, 0)).status, DeviceStatus::MeterLinkDown);
    }
    {
        DeviceFaults f;
        f.calibration = CalibrationState::Invalid;
        Driver d(meter(), f);
        QCOMPARE(
            d.ask(Channel::Node, Request::simple(Opcode::NodeIdentify, 0)).node.calibration, CalibrationState::Invalid);
        TransferInfo cfg;
        cfg.target = TransferTarget::FactoryConfig;
        cfg.hardwareType = HardwareType::Unode;
        cfg.size = 4;
        cfg.configId = 1;
        QCOMPARE(d.ask(Channel::Node, Request::transferBegin(0, cfg)).status, DeviceStatus::CalibrationInvalid);
        // Firmware still goes in.
        QVERIFY(d.ask(Channel::Node, Request::transferBegin(0, d.firmwareInfo(img))).ok());
    }
    {
        DeviceFaults f;
        f.flashCorrupt = true;
        Driver d(meter(), f);
        QVERIFY(d.ask(Channel::Node, Request::transferBegin(0, d.firmwareInfo(img))).ok());
        QCOMPARE(d.sendBlocks(Channel::Node, img, TransferTarget::Firmware, 0, 256), DeviceStatus::Ok);
        QCOMPARE(d.ask(Channel::Node, Request::transferEnd(0, TransferTarget::Firmware)).status,
            DeviceStatus::ImageCrcMismatch);
    }
}

void TestDeviceLogic::resetDuringFirmwareFiresOnce()
{
    DeviceFaults f;
    f.resetDuringFirmware = 0.5;
    Driver d(meter(), f);
    const QByteArray img = image(1024);
    QVERIFY(d.ask(Channel::Node, Request::transferBegin(0, d.firmwareInfo(img))).ok());
    QVERIFY(d.ask(Channel::Node, Request::transferBlock(0, TransferTarget::Firmware, 0, img.left(256))).ok());
    DeviceOutcome o;
    d.ask(Channel::Node, Request::transferBlock(0, TransferTarget::Firmware, 256, img.mid(256, 256)), &o);
    QVERIFY(o.powerFail);
    QVERIFY(!o.response);
    d.m_logic.powerCycle();
    // Flash kept what was written before the power failed.
    const Response r = d.ask(Channel::Node, Request::transferBegin(0, d.firmwareInfo(img)));
    QCOMPARE(r.offset, 256u);
    QCOMPARE(d.sendBlocks(Channel::Node, img, TransferTarget::Firmware, 256, 256), DeviceStatus::Ok);
    QVERIFY(d.ask(Channel::Node, Request::transferEnd(0, TransferTarget::Firmware)).ok());
    QCOMPARE(d.m_state.node.firmwareCrc, crc32Of(img));
}

QTEST_GUILESS_MAIN(TestDeviceLogic)
#include "tst_devicelogic.moc"
