#include "BlockReceiver.h"

#include "protocol/Crc32.h"

#include <QCryptographicHash>

namespace prov::sim {

using namespace protocol;

namespace {

Response answer(const Request &request, DeviceStatus status)
{
    return Response::withStatus(request.opcode, request.tag, status);
}

} // namespace

BlockResult BlockReceiver::begin(ProcessorState &state, const Request &request) const
{
    const TransferInfo &info = request.transfer;
    BlockResult result;
    const bool isConfig = info.target != TransferTarget::Firmware;
    if (info.size > (isConfig ? kMaxConfigSize : kMaxImageSize)) {
        result.response = answer(request, DeviceStatus::ImageTooLarge);
        return result;
    }
    if (isConfig && info.configId == 0) {
        result.response = answer(request, DeviceStatus::ConfigurationRejected);
        return result;
    }
    if (!state.transfer || state.transfer->info != info) {
        // Anything but the very same object starts over.
        state.transfer = TransferProgress {info, 0, 0, {}};
        result.changed = true;
    }
    result.response = answer(request, DeviceStatus::Ok);
    result.response.offset = state.transfer->written;
    result.response.maxBlock = static_cast<quint16>(m_maxBlock);
    return result;
}

BlockResult BlockReceiver::block(ProcessorState &state, const Request &request) const
{
    BlockResult result;
    if (!state.transfer || state.transfer->info.target != request.target) {
        result.response = answer(request, DeviceStatus::NoTransfer);
        return result;
    }
    TransferProgress &t = *state.transfer;
    const quint64 end = quint64(request.offset) + quint64(request.data.size());
    if (request.data.size() > m_maxBlock || end > t.info.size) {
        result.response = answer(request, DeviceStatus::MalformedRequest);
        return result;
    }
    if (request.offset > t.written) {
        result.response = answer(request, DeviceStatus::OffsetMismatch);
        result.response.offset = t.written;
        return result;
    }
    if (end > t.written) {
        // A repeated block that reaches further than the flash: write its new tail only.
        const QByteArrayView fresh = QByteArrayView(request.data).sliced(t.written - request.offset);
        t.runningCrc = crc32Of(fresh, t.runningCrc);
        t.bytes.append(fresh.data(), fresh.size());
        t.written = static_cast<quint32>(end);
        result.flashBytes = fresh.size();
        result.progressed = true;
    }
    result.response = answer(request, DeviceStatus::Ok);
    result.response.offset = t.written;
    return result;
}

BlockResult BlockReceiver::end(ProcessorState &state, const Request &request, bool corrupt) const
{
    BlockResult result;
    if (!state.transfer || state.transfer->info.target != request.target) {
        const bool repeated = !state.transfer && state.lastCommitted && state.lastCommitted->target == request.target;
        result.response = answer(request, repeated ? DeviceStatus::Ok : DeviceStatus::NoTransfer);
        return result;
    }
    const TransferProgress t = *state.transfer;
    if (t.written < t.info.size) {
        result.response = answer(request, DeviceStatus::TransferIncomplete);
        result.response.offset = t.written;
        return result;
    }
    const bool isConfig = t.info.target != TransferTarget::Firmware;
    result.changed = true;
    state.transfer.reset();
    if (corrupt || t.runningCrc != t.info.crc32) {
        result.response = answer(request, isConfig ? DeviceStatus::ConfigCrcMismatch : DeviceStatus::ImageCrcMismatch);
        return result;
    }
    if (isConfig) {
        state.configKind = configKindOf(t.info.target);
        state.configId = t.info.configId;
        state.configSize = t.info.size;
        state.configCrc = t.info.crc32;
        state.configSha256 = QCryptographicHash::hash(t.bytes, QCryptographicHash::Sha256);
    } else {
        state.firmwareVersion = t.info.version;
        state.firmwareSize = t.info.size;
        state.firmwareCrc = t.info.crc32;
        state.firmwareSha256 = QCryptographicHash::hash(t.bytes, QCryptographicHash::Sha256);
    }
    state.lastCommitted = t.info;
    result.committed = true;
    result.response = answer(request, DeviceStatus::Ok);
    return result;
}

} // namespace prov::sim
