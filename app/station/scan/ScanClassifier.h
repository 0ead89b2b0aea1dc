#pragma once

#include "domain/Result.h"
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
    ScanClassifier();

    /// Slot label, configuration alias, batch, eMCM ID, meter serial.
    [[nodiscard]] static QList<ScanPattern> defaultPatterns();
    /// Refuses (and keeps the old set) if a pattern does not compile or has no kind.
    [[nodiscard]] Status setPatterns(const QList<ScanPattern> &patterns);
    [[nodiscard]] const QList<ScanPattern> &patterns() const { return m_patterns; }
    [[nodiscard]] ClassifiedScan classify(const QString &text) const;

private:
    QList<ScanPattern> m_patterns;
    QList<QRegularExpression> m_compiled;
};

} // namespace prov::gui
