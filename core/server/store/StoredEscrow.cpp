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

QString cutRunLog(const QString &text)
{
    const QByteArray log = text.toUtf8();
    if (log.size() <= kMaxRunLogBytes)
        return text;
    const QByteArray marker
        = "[run log truncated: first " + QByteArray::number(log.size() - kMaxRunLogBytes + 64) + " bytes dropped]\n";
    QByteArray tail = log.right(kMaxRunLogBytes - 64);
    while (!tail.isEmpty() && (uchar(tail.at(0)) & 0xC0) == 0x80)
        tail.remove(0, 1); // do not start inside a UTF-8 sequence
    return QString::fromUtf8(marker + tail);
}

} // namespace prov::server
