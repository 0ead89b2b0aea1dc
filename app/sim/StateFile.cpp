#include "StateFile.h"

#include <QJsonDocument>
#include <QSaveFile>

namespace prov::sim {

Status StateFile::write(const QString &path, const QJsonObject &state)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(
            ResultCode::InternalError, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    file.write(QJsonDocument(state).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return makeError(
            ResultCode::InternalError, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

} // namespace prov::sim
