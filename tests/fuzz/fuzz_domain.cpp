// The domain parsers (ConfigId, BatchNumber, NodeId, EmcmId, IdRangeList in
// both radixes) on arbitrary text, as typed on the forms and the command line.
// Input: the first byte picks IdRangeList's maxValue (byte % 4), the rest is the
// text (UTF-8). Invariants: whatever parses re-formats to a canonical string
// that parses to the same value; IdRangeList's ranges are sorted, merged and
// within maxValue, and contains() answers the same for the original and the
// re-parsed list; error messages stay bounded whatever the input length
// (quoted values are cut after 64 characters).
#include "FuzzSupport.h"

#include "domain/BatchNumber.h"
#include "domain/ConfigId.h"
#include "domain/DeviceIds.h"
#include "domain/IdRangeList.h"

#include <array>
#include <limits>

using namespace prov;
using prov::fuzz::require;

namespace {

// Two quoted values (IdRangeList quotes the element and the bad value), each at
// most 64 characters escaped to up to 6 (\uXXXX) plus quotes and "...", and the sentence.
constexpr qsizetype kMaxMessageChars = 2 * (64 * 6 + 5) + 256;

template<typename T>
bool failedShortly(const Result<T> &result)
{
    if (result.ok())
        return false;
    require(!result.error().message.isEmpty() && result.error().message.size() <= kMaxMessageChars);
    return true;
}

template<typename T>
void checkScalar(QStringView text)
{
    const Result<T> parsed = T::parse(text);
    if (failedShortly(parsed))
        return;
    const Result<T> again = T::parse(parsed->toString());
    require(again.ok() && *again == *parsed);
}

void checkEmcmId(QStringView text)
{
    const Result<EmcmId> parsed = EmcmId::parse(text);
    if (failedShortly(parsed))
        return;
    const QString canonical = parsed->toString();
    require(canonical == canonical.toUpper() && canonical.size() >= 8 && canonical.size() <= 32);
    const Result<EmcmId> again = EmcmId::parse(canonical);
    require(again.ok() && *again == *parsed);
    require(parsed->matchesPartial(text.right(8)));
    require(parsed->matchesPartial(canonical.right(8).toLower()));
}

/// Binary search against a plain scan.
bool scanContains(const QList<IdRangeList::Range> &ranges, quint64 id)
{
    for (const IdRangeList::Range &r : ranges) {
        if (id >= r.first && id <= r.last)
            return true;
    }
    return false;
}

void checkRangeList(QStringView text, IdRangeList::Radix radix, quint64 maxValue)
{
    const Result<IdRangeList> parsed = IdRangeList::parse(text, radix, maxValue);
    if (failedShortly(parsed))
        return;
    const IdRangeList &list = *parsed;
    const QList<IdRangeList::Range> &ranges = list.ranges();
    require(list.radix() == radix && list.isEmpty() == ranges.isEmpty());
    for (qsizetype i = 0; i < ranges.size(); ++i) {
        require(ranges[i].first <= ranges[i].last && ranges[i].last <= maxValue);
        // Sorted, and neither overlapping nor adjacent (they would have merged).
        if (i > 0)
            require(ranges[i].first > ranges[i - 1].last && ranges[i].first - ranges[i - 1].last >= 2);
    }

    const QString canonical = list.toString();
    const Result<IdRangeList> again = IdRangeList::parse(canonical, radix, maxValue);
    require(again.ok());
    require(again->ranges() == ranges && again->toString() == canonical);

    const auto agree = [&](quint64 id, bool expected) {
        require(list.contains(id) == expected && again->contains(id) == expected);
    };
    for (const IdRangeList::Range &r : ranges) {
        agree(r.first, true);
        agree(r.last, true);
        agree(r.first + (r.last - r.first) / 2, true);
        if (r.first > 0)
            agree(r.first - 1, false);
        if (r.last < std::numeric_limits<quint64>::max())
            agree(r.last + 1, false);
    }
    for (const quint64 id : {quint64(0), quint64(1), maxValue, maxValue + 1, std::numeric_limits<quint64>::max()})
        agree(id, scanContains(ranges, id));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static constexpr std::array<quint64, 4> kMaxValues {0xFFFFFFFFull, std::numeric_limits<quint64>::max(), 999999, 0};
    const quint64 maxValue = kMaxValues[data[0] % kMaxValues.size()];
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    checkScalar<ConfigId>(text);
    checkScalar<BatchNumber>(text);
    checkScalar<NodeId>(text);
    checkEmcmId(text);
    (void)EmcmId::validatePartial(text);
    checkRangeList(text, IdRangeList::Radix::Decimal, maxValue);
    checkRangeList(text, IdRangeList::Radix::Hex, maxValue);
    return 0;
}
