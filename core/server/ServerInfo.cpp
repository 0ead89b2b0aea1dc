#include "server/ServerInfo.h"

namespace prov::server {

QString serverVersion()
{
    return QStringLiteral(PROVSTATION_VERSION);
}

} // namespace prov::server
