#pragma once

#include "domain/Result.h"

#include <QJsonObject>
#include <QString>

namespace prov::sim {

/// Writes a device's state file atomically (QSaveFile: a reader never sees a
/// half-written file).
class StateFile
{
public:
    [[nodiscard]] static Status write(const QString &path, const QJsonObject &state);
};

} // namespace prov::sim
