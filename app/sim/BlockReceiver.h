#pragma once

#include "DeviceState.h"
#include "protocol/Request.h"
#include "protocol/Response.h"

namespace prov::sim {

/// What one transfer request did to flash.
struct BlockResult
{
    protocol::Response response;
    qint64 flashBytes = 0; ///< bytes written to flash (they take time)
    bool changed = false; ///< something other than progress changed: persist now
    bool progressed = false; ///< progress moved: persist soon
    bool committed = false; ///< TransferEnd committed a new object
};

/// The device side of the block transfer scheme on one processor: begin with
/// resume, blocks strictly in order, end with the whole-object CRC-32 check.
/// Device-specific refusals (hardware type, calibration, failures) are checked
/// by DeviceLogic before it calls begin().
class BlockReceiver
{
public:
    static constexpr quint32 kMaxImageSize = 1024 * 1024;
    static constexpr quint32 kMaxConfigSize = 64 * 1024;

    explicit BlockReceiver(int maxBlock)
        : m_maxBlock(maxBlock)
    { }

    [[nodiscard]] int maxBlock() const { return m_maxBlock; }
    [[nodiscard]] BlockResult begin(ProcessorState &state, const protocol::Request &request) const;
    [[nodiscard]] BlockResult block(ProcessorState &state, const protocol::Request &request) const;
    /// `corrupt`: the flash-corrupt fault (the check fails whatever came in).
    [[nodiscard]] BlockResult end(ProcessorState &state, const protocol::Request &request, bool corrupt) const;

private:
    int m_maxBlock;
};

} // namespace prov::sim
