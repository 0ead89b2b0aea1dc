#pragma once

#include "slots/SlotSnapshot.h"

#include <QColor>
#include <QIcon>
#include <QString>

namespace prov::gui {

/// How a status looks: colours from the Okabe-Ito palette (distinguishable with
/// the common colour-vision deficiencies) and, because colour alone is never
/// enough, a distinct icon shape and a word.
class StatusStyle
{
public:
    [[nodiscard]] static QColor background(SlotStatus status);
    [[nodiscard]] static QColor foreground(SlotStatus status);
    /// Translated, upper case: "PASS", "FAIL", "NEEDS ATTENTION", ...
    [[nodiscard]] static QString text(SlotStatus status);
    [[nodiscard]] static QString iconPath(SlotStatus status);
    [[nodiscard]] static QIcon icon(SlotStatus status);
    /// Stable name for logs and tests ("pass").
    [[nodiscard]] static QString key(SlotStatus status);
};

} // namespace prov::gui
