#include "server/http/ApiContext.h"

#include <QDir>

namespace prov::server::http {

QString ApiContext::uploadDir() const
{
    return QDir(dataDir).filePath(QStringLiteral("tmp/uploads"));
}

QString ApiContext::quarantineDir() const
{
    return QDir(dataDir).filePath(QStringLiteral("tmp/quarantine"));
}

} // namespace prov::server::http
