#pragma once

#include <QByteArray>
#include <QString>

namespace prov::server::http {

/// An error answer: HTTP status, machine code and one human sentence.
/// Serialised as {"error": code, "detail": detail}; never carries secrets.
struct HttpError
{
    int status = 500;
    QString code;
    QString detail;

    [[nodiscard]] bool isSet() const { return status != 0 && !code.isEmpty(); }
    [[nodiscard]] QByteArray toJson() const;
};

[[nodiscard]] HttpError makeHttpError(int status, QString code, QString detail);

} // namespace prov::server::http
