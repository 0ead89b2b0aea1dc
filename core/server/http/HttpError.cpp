#include "server/http/HttpError.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace prov::server::http {

QByteArray HttpError::toJson() const
{
    const QJsonObject object {{QStringLiteral("error"), code}, {QStringLiteral("detail"), detail}};
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

HttpError makeHttpError(int status, QString code, QString detail)
{
    return HttpError {status, std::move(code), std::move(detail)};
}

} // namespace prov::server::http
