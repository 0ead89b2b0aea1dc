#include "server/store/StoredEscrow.h"

namespace prov::server {

QString encodeEscrowApps(const QList<EscrowApp> &apps)
{
    QStringList lines;
    for (const EscrowApp &app : apps)
        lines.append(QStringList {app.name, app.id, app.key, app.extra}.join(u'\t'));
    return lines.join(u'\n');
}

QList<EscrowApp> decodeEscrowApps(QStringView text)
{
    QList<EscrowApp> apps;
    if (text.isEmpty())
        return apps;
    for (const QStringView line : text.split(u'\n')) {
        const QList<QStringView> fields = line.split(u'\t');
        if (fields.size() != 4)
            continue;
        apps.append({fields[0].toString(), fields[1].toString(), fields[2].toString(), fields[3].toString()});
    }
    return apps;
}

} // namespace prov::server
