#pragma once

#include "domain/Result.h"
#include "engine/PluginDescription.h"
#include "scan/ScanKind.h"

#include <QList>
#include <QRegularExpression>
#include <QString>

namespace prov::gui {

/// One configurable rule: a barcode that matches `pattern` (whole text) is of
/// `kind`. The value is the named group "value", else the first group, else
/// the whole text.
struct ScanPattern
{
    ScanKind kind = ScanKind::Unknown;
    QString pattern;

    friend bool operator==(const ScanPattern &a, const ScanPattern &b)
    {
        return a.kind == b.kind && a.pattern == b.pattern;
    }
};

struct ClassifiedScan
{
    ScanKind kind = ScanKind::Unknown;
    QString text; ///< as scanned (trimmed)
    QString value; ///< the part the pattern extracted
};

/// Tells what a scanned text is, by the first pattern (in order) that matches.
class ScanClassifier
{
public:
    /// Knows the station's own labels only (defaultPatterns({})).
    ScanClassifier();

    /// The station's labels (slot, configuration alias, batch), then the
    /// pattern of every scan field the plugins ask for (eMCM IDs before meter
    /// serials, so a label of 8 digits is an eMCM ID): the labels the slots
    /// ask for are recognised without anyone editing patterns.
    [[nodiscard]] static QList<ScanPattern> defaultPatterns(const QList<engine::PluginDescription> &plugins);
    /// Refuses (and keeps the old set) if a pattern does not compile or has no kind.
    [[nodiscard]] Status setPatterns(const QList<ScanPattern> &patterns);
    [[nodiscard]] const QList<ScanPattern> &patterns() const { return m_patterns; }
    [[nodiscard]] ClassifiedScan classify(const QString &text) const;

private:
    QList<ScanPattern> m_patterns;
    QList<QRegularExpression> m_compiled;
};

} // namespace prov::gui
