#include "server/http/HttpHeaders.h"

namespace prov::server::http {

namespace {
bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}
} // namespace

void HttpHeaders::append(QByteArray name, QByteArray value)
{
    m_fields.append({std::move(name), std::move(value)});
}

void HttpHeaders::set(QByteArray name, QByteArray value)
{
    remove(name);
    append(std::move(name), std::move(value));
}

void HttpHeaders::remove(QByteArrayView name)
{
    m_fields.removeIf([name](const auto &field) { return sameName(field.first, name); });
}

bool HttpHeaders::contains(QByteArrayView name) const
{
    for (const auto &field : m_fields) {
        if (sameName(field.first, name))
            return true;
    }
    return false;
}

QByteArray HttpHeaders::value(QByteArrayView name) const
{
    for (const auto &field : m_fields) {
        if (sameName(field.first, name))
            return field.second;
    }
    return {};
}

QList<QByteArray> HttpHeaders::values(QByteArrayView name) const
{
    QList<QByteArray> result;
    for (const auto &field : m_fields) {
        if (sameName(field.first, name))
            result.append(field.second);
    }
    return result;
}

} // namespace prov::server::http
