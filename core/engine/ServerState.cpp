#include "engine/ServerState.h"

namespace prov::engine {

QString serverStateName(ServerState state)
{
    switch (state) {
    case ServerState::None:
        return QStringLiteral("none");
    case ServerState::Pending:
        return QStringLiteral("pending");
    case ServerState::Done:
        return QStringLiteral("done");
    case ServerState::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

} // namespace prov::engine
