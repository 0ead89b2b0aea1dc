#include "support/DataPaths.h"

#include <QStandardPaths>

namespace prov {

QString defaultServerDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + QStringLiteral("/provstation/server");
}

} // namespace prov
