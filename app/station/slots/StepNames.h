#pragma once

#include <QString>

namespace prov::gui {

/// A run's steps in the operator's words (translated, context "StepName"),
/// from the engine's step block names ("UpdateNodeFirmware" → "updating the
/// node firmware"), and what a waiting step waits for.
class StepNames
{
public:
    /// The operator's name of a step block or phase; the engine's own name for
    /// one this table does not know.
    [[nodiscard]] static QString text(const QString &stepKind);
    /// True for a step that waits for something outside the station (its
    /// name says what for; the slot counts its time limit down).
    [[nodiscard]] static bool waits(const QString &stepKind);
};

} // namespace prov::gui
