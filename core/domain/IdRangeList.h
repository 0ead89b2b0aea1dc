#pragma once

#include "domain/Result.h"

#include <QList>
#include <QString>
#include <QStringView>

namespace prov {

/// A selection of IDs as typed on the export form: comma-separated values and
/// inclusive `a-b` ranges. Batches are decimal (`1000,1002-1005`), node IDs hex
/// (`0x0001A000-0x0001AFFF,0x00020001`). Overlapping and adjacent ranges merge;
/// inverted ranges, empty elements and junk are refused with a message naming
/// the element. contains() is a binary search over the merged ranges.
class IdRangeList
{
public:
    enum class Radix { Decimal, Hex };

    struct Range
    {
        quint64 first = 0;
        quint64 last = 0;
        friend bool operator==(const Range &a, const Range &b) { return a.first == b.first && a.last == b.last; }
    };

    IdRangeList() = default;

    /// Parses `text`; every value must be <= maxValue (e.g. 0xFFFFFFFF for node IDs).
    /// Decimal accepts digits only; Hex accepts an optional `0x`/`0X` prefix.
    /// An empty (or all-blank) text is an empty list (no filter). Blanks around
    /// elements and around `-` are ignored ("1000, 1002 - 1005"), blanks inside a value are not.
    [[nodiscard]] static Result<IdRangeList> parse(QStringView text, Radix radix, quint64 maxValue = 0xFFFFFFFFull);

    [[nodiscard]] bool isEmpty() const { return m_ranges.isEmpty(); }
    [[nodiscard]] bool contains(quint64 id) const;
    [[nodiscard]] const QList<Range> &ranges() const { return m_ranges; }
    /// Canonical form: merged, ascending; hex as `0x` + 8 upper-case digits.
    [[nodiscard]] QString toString() const;
    [[nodiscard]] Radix radix() const { return m_radix; }

private:
    QList<Range> m_ranges;
    Radix m_radix = Radix::Decimal;
};

} // namespace prov
