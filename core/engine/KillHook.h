#pragma once

#include <QString>

namespace prov::engine {

/// Test hook for the crash test: when PROVSTATION_TEST_KILL_AT names a step
/// boundary ("before:WriteKeys", "after:VerifyKeys", ...), the process kills
/// itself there with SIGKILL, as `kill -9` would, with no chance to clean up.
/// Unset (always, outside tests) it costs one comparison per boundary.
class KillHook
{
public:
    static constexpr const char *kEnv = "PROVSTATION_TEST_KILL_AT";
    static void boundary(const QString &name);
};

} // namespace prov::engine
