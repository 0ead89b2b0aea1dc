#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>

namespace prov::server::http {

/// Header fields in arrival order; names compare case-insensitively.
class HttpHeaders
{
public:
    void append(QByteArray name, QByteArray value);
    void set(QByteArray name, QByteArray value);
    void remove(QByteArrayView name);
    [[nodiscard]] bool contains(QByteArrayView name) const;
    /// The first field of that name, or a null QByteArray.
    [[nodiscard]] QByteArray value(QByteArrayView name) const;
    [[nodiscard]] QList<QByteArray> values(QByteArrayView name) const;
    [[nodiscard]] const QList<QPair<QByteArray, QByteArray>> &fields() const { return m_fields; }
    [[nodiscard]] qsizetype count() const { return m_fields.size(); }

private:
    QList<QPair<QByteArray, QByteArray>> m_fields;
};

} // namespace prov::server::http
