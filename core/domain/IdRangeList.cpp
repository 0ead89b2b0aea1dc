#include "domain/IdRangeList.h"

#include "domain/ParseSupport.h"

#include <algorithm>

namespace prov {

using namespace parsesupport;

namespace {

struct ElementContext
{
    QStringView element;
    qsizetype index = 0; // 1-based, as a person counts
    IdRangeList::Radix radix = IdRangeList::Radix::Decimal;
    quint64 maxValue = 0;
};

[[nodiscard]] QString formatValue(quint64 value, IdRangeList::Radix radix)
{
    if (radix == IdRangeList::Radix::Decimal)
        return QString::number(value);
    return QStringLiteral("0x") + QStringLiteral("%1").arg(value, 8, 16, QLatin1Char('0')).toUpper();
}

[[nodiscard]] Error elementError(const ElementContext &ctx, const QString &why)
{
    return makeError(ResultCode::InvalidArguments,
        QStringLiteral("ID list element %1 (element %2) %3").arg(quoted(ctx.element)).arg(ctx.index).arg(why));
}

[[nodiscard]] Result<quint64> parseValue(QStringView value, const ElementContext &ctx)
{
    const bool hexRadix = ctx.radix == IdRangeList::Radix::Hex;
    if (value.isEmpty())
        return elementError(ctx, QStringLiteral("has a missing value; expected a value or a range \"a-b\""));

    const std::string bytes = asciiOrInvalid(value);
    const bool prefixed = hexRadix && bytes.size() >= 2 && bytes[0] == '0' && (bytes[1] == 'x' || bytes[1] == 'X');
    quint64 result = 0;
    const DigitsResult r = parseDigits(std::string_view(bytes).substr(prefixed ? 2 : 0), hexRadix ? 16 : 10, result);
    switch (r.outcome) {
    case DigitsOutcome::Ok:
        break;
    case DigitsOutcome::Empty:
        return elementError(ctx, QStringLiteral("has no hex digits after 0x"));
    case DigitsOutcome::OutOfRange:
        return elementError(
            ctx, QStringLiteral("has a value above the maximum %1").arg(formatValue(ctx.maxValue, ctx.radix)));
    case DigitsOutcome::Invalid:
        return elementError(ctx,
            QStringLiteral("has %1 where %2 expected")
                .arg(quoted(value),
                    hexRadix ? QStringLiteral("hex digits (optionally after 0x) are")
                             : QStringLiteral("decimal digits are")));
    }
    if (result > ctx.maxValue)
        return elementError(
            ctx, QStringLiteral("has a value above the maximum %1").arg(formatValue(ctx.maxValue, ctx.radix)));
    return result;
}

} // namespace

Result<IdRangeList> IdRangeList::parse(QStringView text, Radix radix, quint64 maxValue)
{
    IdRangeList list;
    list.m_radix = radix;
    if (text.trimmed().isEmpty())
        return list;

    // Blanks around elements and around '-' are tolerated (people type "1000, 1002 - 1005");
    // blanks inside a value are not.
    const QList<QStringView> elements = text.split(u',');
    QList<Range> ranges;
    ranges.reserve(elements.size());
    for (qsizetype i = 0; i < elements.size(); ++i) {
        const ElementContext ctx {elements.at(i).trimmed(), i + 1, radix, maxValue};
        if (ctx.element.isEmpty())
            return makeError(ResultCode::InvalidArguments,
                QStringLiteral("ID list %1 has an empty element %2 (two commas in a row, or a comma at "
                               "the start or end)")
                    .arg(quoted(text))
                    .arg(ctx.index));
        const qsizetype dash = ctx.element.indexOf(u'-');
        if (dash < 0) {
            const Result<quint64> value = parseValue(ctx.element, ctx);
            if (!value)
                return value.error();
            ranges.append(Range {*value, *value});
            continue;
        }
        const QStringView firstText = ctx.element.left(dash).trimmed();
        const QStringView lastText = ctx.element.mid(dash + 1).trimmed();
        if (lastText.contains(u'-'))
            return elementError(ctx, QStringLiteral("has more than one '-'; a range is \"a-b\""));
        const Result<quint64> first = parseValue(firstText, ctx);
        if (!first)
            return first.error();
        const Result<quint64> last = parseValue(lastText, ctx);
        if (!last)
            return last.error();
        if (*first > *last)
            return elementError(ctx,
                QStringLiteral("is an inverted range: %1 is greater than %2; write it as %2-%1")
                    .arg(formatValue(*first, radix), formatValue(*last, radix)));
        ranges.append(Range {*first, *last});
    }

    std::sort(ranges.begin(), ranges.end(), [](const Range &a, const Range &b) { return a.first < b.first; });
    for (const Range &r : std::as_const(ranges)) {
        if (!list.m_ranges.isEmpty()) {
            Range &back = list.m_ranges.last();
            // Overlapping or adjacent; written so that last == 2^64-1 cannot overflow.
            if (r.first <= back.last || r.first - 1 == back.last) {
                back.last = std::max(back.last, r.last);
                continue;
            }
        }
        list.m_ranges.append(r);
    }
    return list;
}

bool IdRangeList::contains(quint64 id) const
{
    // First range starting after id; the one before it is the only candidate.
    const auto it = std::upper_bound(
        m_ranges.cbegin(), m_ranges.cend(), id, [](quint64 value, const Range &r) { return value < r.first; });
    return it != m_ranges.cbegin() && id <= std::prev(it)->last;
}

QString IdRangeList::toString() const
{
    QStringList parts;
    parts.reserve(m_ranges.size());
    for (const Range &r : m_ranges) {
        parts.append(r.first == r.last ? formatValue(r.first, m_radix)
                                       : formatValue(r.first, m_radix) + u'-' + formatValue(r.last, m_radix));
    }
    return parts.join(u',');
}

} // namespace prov
