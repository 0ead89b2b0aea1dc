#include "engine/ServerEndpoint.h"

#include <QDir>
#include <QRegularExpression>

namespace prov::engine {

Result<QUrl> ServerEndpoint::parseServerAddress(const QString &text)
{
    static const QRegularExpression kAddress(
        QStringLiteral("^(?:(https?)://)?(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+)(?::(\\d{1,5}))?/?$"));
    const QRegularExpressionMatch m = kAddress.match(text.trimmed());
    const auto bad = [&text](const QString &why) {
        return makeError(ResultCode::InvalidArguments, QStringLiteral("server address \"%1\" %2").arg(text, why));
    };
    if (!m.hasMatch())
        return bad(QStringLiteral("is not HOST, HOST:PORT or http(s)://HOST:PORT"));
    int port = 8085;
    if (m.hasCaptured(3)) {
        port = m.captured(3).toInt();
        if (port < 1 || port > 65535)
            return bad(QStringLiteral("has port %1, outside 1..65535").arg(m.captured(3)));
    }
    QUrl url;
    url.setScheme(m.hasCaptured(1) ? m.captured(1) : QStringLiteral("http"));
    QString host = m.captured(2);
    if (host.startsWith(QLatin1Char('[')))
        host = host.mid(1, host.size() - 2);
    url.setHost(host);
    url.setPort(port);
    url.setPath(QStringLiteral("/"));
    return url;
}

QString ServerEndpoint::translatePath(const QString &path) const
{
    if (pathTranslateFrom.isEmpty() || path.isEmpty())
        return {};
    const QString from = QDir::fromNativeSeparators(pathTranslateFrom);
    const QString p = QDir::fromNativeSeparators(path);
    if (!p.startsWith(from))
        return {};
    const QString rest = p.mid(from.size());
    if (!rest.isEmpty() && !from.endsWith(QLatin1Char('/')) && !rest.startsWith(QLatin1Char('/')))
        return {}; // "/srv/pkg" must not match "/srv/pkgs/..."
    return QDir::fromNativeSeparators(pathTranslateTo) + rest;
}

} // namespace prov::engine
