#include "ServeCommand.h"

#include "CommandSupport.h"

// Placeholder until the HTTP server lands (the http helper replaces this file).
namespace prov::server {

int runServe(const ServeOptions &)
{
    return fail(makeError(ResultCode::InternalError, QStringLiteral("HTTP server not built yet")));
}

int runTlsPin(const ServeOptions &)
{
    return fail(makeError(ResultCode::InternalError, QStringLiteral("HTTP server not built yet")));
}

} // namespace prov::server
