#include "server/http/HttpRequest.h"

#include <QUrl>

namespace prov::server::http {

QByteArray HttpRequest::rawPath() const
{
    const qsizetype q = target.indexOf('?');
    return q < 0 ? target : target.left(q);
}

QByteArray HttpRequest::rawQuery() const
{
    const qsizetype q = target.indexOf('?');
    return q < 0 ? QByteArray() : target.mid(q + 1);
}

const QUrlQuery &HttpRequest::query() const
{
    if (!m_queryParsed) {
        // '+' means a space in form-encoded queries; QUrlQuery keeps it literal.
        QByteArray raw = rawQuery();
        raw.replace('+', "%20");
        m_query.setQuery(QString::fromLatin1(raw));
        m_queryParsed = true;
    }
    return m_query;
}

QString HttpRequest::queryValue(const QString &name) const
{
    if (!query().hasQueryItem(name))
        return {};
    return query().queryItemValue(name, QUrl::FullyDecoded);
}

bool HttpRequest::hasQueryValue(const QString &name) const
{
    return query().hasQueryItem(name);
}

QStringList HttpRequest::queryValues(const QString &name) const
{
    return query().allQueryItemValues(name, QUrl::FullyDecoded);
}

QByteArray HttpRequest::bearerToken() const
{
    const QByteArray value = headers.value("authorization").trimmed();
    constexpr QByteArrayView kScheme("bearer ");
    if (value.size() <= kScheme.size()
        || QByteArrayView(value).first(kScheme.size()).compare(kScheme, Qt::CaseInsensitive) != 0)
        return {};
    return value.mid(kScheme.size()).trimmed();
}

bool HttpRequest::fromLoopback() const
{
    // A dual-stack listener sees IPv4 peers as ::ffff:a.b.c.d.
    bool isV4 = false;
    const quint32 v4 = peer.toIPv4Address(&isV4);
    if (isV4)
        return QHostAddress(v4).isLoopback();
    return peer.isLoopback();
}

bool HttpRequest::wantsKeepAlive() const
{
    const QByteArray connection = headers.value("connection").toLower();
    if (minorVersion == 0)
        return connection.contains("keep-alive");
    return !connection.contains("close");
}

} // namespace prov::server::http
