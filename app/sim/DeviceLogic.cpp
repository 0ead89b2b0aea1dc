#include "DeviceLogic.h"

#include "SimLog.h"
#include "crypto/SymmetricCrypto.h"
#include "protocol/NodeHostCodec.h"
#include "transport/MeterIdentification.h"

namespace prov::sim {

using namespace protocol;
using transport::Channel;

namespace {

QByteArray encode(const Response &response)
{
    return NodeHostCodec::encodeResponse(response);
}

bool isNodeSlot(KeySlot slot)
{
    return slot == KeySlot::Gateway || slot == KeySlot::CodeDownload || slot == KeySlot::NodeRoot;
}

} // namespace

DeviceLogic::DeviceLogic(DeviceState *state, DeviceFaults faults, int maxBlock)
    : m_state(state)
    , m_faults(std::move(faults))
    , m_receiver(maxBlock)
{
    if (m_faults.calibration)
        m_state->calibration = *m_faults.calibration;
    if (m_faults.hardwareFailure)
        m_state->hostHardwareStatus = HardwareStatus::FlashFailure;
    if (m_faults.meterLinkDown)
        m_state->meterLinkUp = false;
    if (m_faults.wrongHardware) {
        // A board of the neighbouring family: plausible, and never the expected one.
        quint16 &type = m_state->node.hardwareType;
        type = type == HardwareType::Enode ? HardwareType::Unode : HardwareType::Enode;
    }
}

void DeviceLogic::powerCycle()
{
    m_nodeCache.clear();
    m_hostCache.clear();
}

DeviceOutcome DeviceLogic::handle(Channel channel, QByteArrayView payload)
{
    DeviceOutcome outcome;
    // A bare node has no host: nothing answers on that channel.
    if (channel == Channel::Host && !m_state->hasHost())
        return outcome;

    ResponseCache &cache = channel == Channel::Host ? m_hostCache : m_nodeCache;
    if (std::optional<QByteArray> cached = cache.find(payload)) {
        outcome.response = *cached;
        return outcome;
    }

    Result<Request> request = NodeHostCodec::decodeRequest(payload);
    if (!request.ok()) {
        quint8 version = 0;
        quint8 opcode = 0;
        quint16 tag = 0;
        if (!NodeHostCodec::peekRequestHeader(payload, &version, &opcode, &tag))
            return outcome; // not even a header: nothing to answer to
        DeviceStatus status = DeviceStatus::MalformedRequest;
        if (version != kProtocolVersion)
            status = DeviceStatus::UnsupportedVersion;
        else if (!isKnownOpcode(opcode))
            status = DeviceStatus::UnknownCommand;
        Response r = Response::withStatus(
            isKnownOpcode(opcode) ? static_cast<Opcode>(opcode) : Opcode::NodeIdentify, tag, status);
        QByteArray bytes = encode(r);
        if (!isKnownOpcode(opcode))
            bytes[1] = static_cast<char>(opcode | kResponseFlag); // echo the opcode we did not know
        outcome.response = bytes;
        return outcome;
    }

    outcome = execute(channel, *request);
    if (outcome.response && !outcome.powerFail)
        cache.remember(payload, *outcome.response);
    return outcome;
}

DeviceOutcome DeviceLogic::execute(Channel channel, const Request &request)
{
    DeviceOutcome outcome;
    const bool host = channel == Channel::Host;
    ProcessorState &proc = host ? m_state->host : m_state->node;
    const auto reply = [&](const Response &r) {
        outcome.response = encode(r);
        return outcome;
    };
    const auto status = [&](DeviceStatus s) {
        return reply(Response::withStatus(request.opcode, request.tag, s));
    };

    switch (request.opcode) {
    case Opcode::NodeIdentify:
        if (host)
            return status(DeviceStatus::UnknownCommand);
        return reply(identifyNode(request));
    case Opcode::HostIdentify:
        if (!host)
            return status(DeviceStatus::UnknownCommand);
        return reply(identifyHost(request));
    case Opcode::MeterLinkCheck: {
        if (!host)
            return status(DeviceStatus::UnknownCommand);
        if (!m_state->meterLinkUp)
            return status(DeviceStatus::MeterLinkDown);
        Response r = Response::withStatus(request.opcode, request.tag, DeviceStatus::Ok);
        r.meterId = m_state->meterId;
        return reply(r);
    }
    case Opcode::MeterIdentify: {
        if (!host)
            return status(DeviceStatus::UnknownCommand);
        if (!m_state->meterLinkUp)
            return status(DeviceStatus::MeterLinkDown);
        Response r = Response::withStatus(request.opcode, request.tag, DeviceStatus::Ok);
        r.meterTable = transport::MeterIdentification::toTable(
            m_state->meterManufacturer, m_state->meterModel, m_state->meterId);
        return reply(r);
    }
    case Opcode::HostApps: {
        if (!host)
            return status(DeviceStatus::UnknownCommand);
        Response r = Response::withStatus(request.opcode, request.tag, DeviceStatus::Ok);
        for (int i = 0; i < m_state->appNames.size(); ++i) {
            const ProcessorState &app = *m_state->appMemory(i);
            r.apps.append(HostApp {m_state->appNames.at(i), m_state->appId(i),
                ImageInfo {app.firmwareVersion, app.firmwareSize, app.firmwareSha256}, app.configKind, app.configId});
        }
        return reply(r);
    }
    case Opcode::NodeImage: {
        if (host)
            return status(DeviceStatus::UnknownCommand);
        Response r = Response::withStatus(request.opcode, request.tag, DeviceStatus::Ok);
        r.image = ImageInfo {proc.firmwareVersion, proc.firmwareSize, proc.firmwareSha256};
        return reply(r);
    }
    case Opcode::TransferBegin:
    case Opcode::TransferBlock:
    case Opcode::TransferEnd: {
        // The target byte's high nibble names the host application; the node has none.
        const quint8 app = request.opcode == Opcode::TransferBegin ? request.transfer.app : request.app;
        ProcessorState *memory = host ? m_state->appMemory(app) : (app == 0 ? &proc : nullptr);
        if (!memory)
            return status(host ? DeviceStatus::NotAllowed : DeviceStatus::MalformedRequest);
        return transfer(channel, *memory, request);
    }
    case Opcode::WriteKey: {
        bool changed = false;
        const Response r = writeKey(channel, proc, request, &changed);
        outcome.persistNow = changed;
        return reply(r);
    }
    case Opcode::VerifyKey:
        return reply(verifyKey(channel, proc, request));
    case Opcode::Lock:
        if ((host && m_state->hostHardwareStatus != HardwareStatus::Ok) || m_faults.lockFails)
            return status(DeviceStatus::HardwareFailure);
        if (!proc.locked) {
            proc.locked = true;
            outcome.persistNow = true;
        }
        return status(DeviceStatus::Ok);
    case Opcode::Reset:
        outcome.resetAfterReply = true;
        return status(DeviceStatus::Ok);
    }
    return status(DeviceStatus::UnknownCommand);
}

Response DeviceLogic::identifyNode(const Request &request) const
{
    Response r = Response::withStatus(request.opcode, request.tag, DeviceStatus::Ok);
    const ProcessorState &n = m_state->node;
    r.node = NodeIdentity {
        m_state->nodeId, n.hardwareType, n.firmwareVersion, m_state->calibration, n.configKind, n.configId, n.locked};
    return r;
}

Response DeviceLogic::identifyHost(const Request &request) const
{
    Response r = Response::withStatus(request.opcode, request.tag, DeviceStatus::Ok);
    const ProcessorState &h = m_state->host;
    r.host.emcmId = m_state->emcmId;
    r.host.hardwareType = h.hardwareType;
    r.host.hardwareStatus = m_state->hostHardwareStatus;
    r.host.firmwareVersion = h.firmwareVersion;
    r.host.configKind = h.configKind;
    r.host.configId = h.configId;
    r.host.locked = h.locked;
    return r;
}

DeviceOutcome DeviceLogic::transfer(Channel channel, ProcessorState &proc, const Request &request)
{
    DeviceOutcome outcome;
    const bool host = channel == Channel::Host;
    BlockResult result;
    if (request.opcode == Opcode::TransferBegin) {
        const bool isConfig = request.transfer.target != TransferTarget::Firmware;
        DeviceStatus refusal = DeviceStatus::Ok;
        if (host && m_state->hostHardwareStatus != HardwareStatus::Ok)
            refusal = DeviceStatus::HardwareFailure;
        else if (request.transfer.hardwareType != proc.hardwareType)
            refusal = DeviceStatus::WrongHardwareType;
        else if (!host && isConfig && m_state->calibration != CalibrationState::Valid)
            refusal = DeviceStatus::CalibrationInvalid;
        if (refusal != DeviceStatus::Ok) {
            outcome.response = encode(Response::withStatus(request.opcode, request.tag, refusal));
            return outcome;
        }
        result = m_receiver.begin(proc, request);
    } else if (request.opcode == Opcode::TransferBlock) {
        // The reset-during-firmware-update fault: power fails mid-image, once;
        // this block never reaches flash and nothing answers.
        if (m_faults.resetDuringFirmware && !m_resetFaultFired && proc.transfer
            && proc.transfer->info.target == TransferTarget::Firmware && request.target == TransferTarget::Firmware
            && request.offset == proc.transfer->written
            && double(proc.transfer->written + request.data.size())
                >= *m_faults.resetDuringFirmware * double(proc.transfer->info.size)) {
            m_resetFaultFired = true;
            outcome.powerFail = true;
            return outcome;
        }
        result = m_receiver.block(proc, request);
        qCDebug(lcSim) << m_state->nodeIdText() << "block at" << request.offset << "tag" << request.tag << "->"
                       << statusName(result.response.status) << result.response.offset;
    } else {
        const bool corrupt = m_faults.flashCorrupt && request.target == TransferTarget::Firmware;
        result = m_receiver.end(proc, request, corrupt);
        if (result.committed && !host && request.target != TransferTarget::Firmware)
            outcome.nodeConfigCommitted = proc.configKind;
    }
    outcome.response = encode(result.response);
    outcome.flashBytes = result.flashBytes;
    outcome.persistNow = result.changed;
    outcome.persistSoon = result.progressed;
    return outcome;
}

ProcessorState *DeviceLogic::keyMemory(Channel channel, ProcessorState &proc, KeySlot slot) const
{
    // Each host application keeps its key in its own memory, in the slot it was written to.
    if (channel == Channel::Host)
        return isAppKeySlot(slot) ? m_state->appMemory(appOfKeySlot(slot)) : nullptr;
    return isNodeSlot(slot) ? &proc : nullptr;
}

Response DeviceLogic::writeKey(Channel channel, ProcessorState &proc, const Request &request, bool *changed)
{
    const bool host = channel == Channel::Host;
    if (host && m_state->hostHardwareStatus != HardwareStatus::Ok)
        return Response::withStatus(request.opcode, request.tag, DeviceStatus::HardwareFailure);
    ProcessorState *memory = keyMemory(channel, proc, request.slot);
    if (!memory)
        return Response::withStatus(request.opcode, request.tag, DeviceStatus::KeySlotInvalid);
    auto it = memory->keys.find(request.slot);
    if (it == memory->keys.end() || !it->second.equals(request.key)) {
        memory->keys[request.slot] = request.key.clone();
        *changed = true;
    }
    return Response::withStatus(request.opcode, request.tag, DeviceStatus::Ok);
}

Response DeviceLogic::verifyKey(Channel channel, ProcessorState &proc, const Request &request) const
{
    const ProcessorState *memory = keyMemory(channel, proc, request.slot);
    if (!memory)
        return Response::withStatus(request.opcode, request.tag, DeviceStatus::KeySlotInvalid);
    const auto it = memory->keys.find(request.slot);
    if (it == memory->keys.end())
        return Response::withStatus(request.opcode, request.tag, DeviceStatus::KeyNotSet);
    const Result<QByteArray> mac = crypto::aesCmac(it->second, request.challenge);
    if (!mac.ok())
        return Response::withStatus(request.opcode, request.tag, DeviceStatus::HardwareFailure);
    Response r = Response::withStatus(request.opcode, request.tag, DeviceStatus::Ok);
    r.cmac = *mac;
    return r;
}

} // namespace prov::sim
