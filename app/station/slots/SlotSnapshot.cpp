#include "slots/SlotSnapshot.h"

#include <tuple>

namespace prov::gui {

namespace {
auto tie(const SlotSnapshot &s)
{
    return std::tie(s.label, s.port, s.binding, s.family, s.operation, s.status, s.step, s.percent, s.elapsedMs,
        s.nodeId, s.emcmId, s.meterSerial, s.resultCode, s.detail, s.attention, s.notice, s.logPath, s.armed,
        s.fixtureSuspect, s.stepKind, s.stepIndex, s.stepCount, s.stepStartedMs, s.waitLimitMs, s.expectedMs, s.cause,
        s.causeFacts, s.rejected, s.attempt, s.retryLimitReached, s.startBlocked, s.instruction, s.runOptions,
        s.waiting);
}
} // namespace

bool operator==(const SlotSnapshot &a, const SlotSnapshot &b)
{
    return tie(a) == tie(b);
}

} // namespace prov::gui
