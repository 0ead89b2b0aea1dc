#pragma once

#include <QString>

namespace prov::engine {

/// How far the server has an escrow record (Done and Failed are final): what
/// the station asks of the server (ServerClient) and remembers (KeyOutbox).
enum class ServerState { None, Pending, Done, Failed };

/// "none", "pending", "done", "failed": the API's and the outbox's word.
[[nodiscard]] QString serverStateName(ServerState state);

} // namespace prov::engine
