#pragma once

#include "engine/PluginDescription.h"
#include "protocol/ClientOptions.h"

namespace prov::engine {

struct StepContext;

/// Default timeout and retry policy of each step block, and the code a step
/// ends with when its watchdog fires. A plugin's StepSpec may override the
/// per-exchange values (timeoutMs, retries); settings override the window.
class StepPolicy
{
public:
    /// Options for the protocol clients of one step.
    [[nodiscard]] static protocol::ClientOptions clientOptions(const StepSpec &spec, const StepContext &ctx);
    /// The whole step may take this long before it fails (watchdog).
    [[nodiscard]] static int stepTimeoutMs(const StepSpec &spec, const StepContext &ctx);
    /// The code of a step that ran out of time.
    [[nodiscard]] static ResultCode timeoutCode(const StepSpec &spec);
    /// Server and gateway calls of a step are tried this many times.
    static constexpr int kNetworkAttempts = 3;
    static constexpr int kNetworkRetryDelayMs = 500;
};

} // namespace prov::engine
