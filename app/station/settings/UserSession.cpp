#include "settings/UserSession.h"

#include <QCoreApplication>

namespace prov::gui {

QString UserSession::roleName() const
{
    if (role == QLatin1String("admin"))
        return QCoreApplication::translate("UserSession", "admin");
    if (role == QLatin1String("supervisor"))
        return QCoreApplication::translate("UserSession", "supervisor");
    if (role == QLatin1String("operator"))
        return QCoreApplication::translate("UserSession", "operator");
    if (role == QLatin1String("station"))
        return QCoreApplication::translate("UserSession", "station");
    return role;
}

} // namespace prov::gui
