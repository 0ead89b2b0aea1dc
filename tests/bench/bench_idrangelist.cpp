// Membership test of IdRangeList (binary search over merged ranges) against a
// naive linear scan, 10^6 lookups against 10^3 ranges, in the same run.
// Prints one JSON object on stdout; exits non-zero if the two disagree.

#include "domain/IdRangeList.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QStringList>

#include <algorithm>
#include <cstdio>
#include <vector>

using prov::IdRangeList;

namespace {

constexpr int kRanges = 1000;
constexpr int kLookups = 1000000;

/// kRanges disjoint, non-adjacent node-ID ranges spread over the 32-bit space,
/// written as the export form would receive them (hex, shuffled order).
QString makeSelection(QRandomGenerator &rng)
{
    QStringList parts;
    const quint64 stride = 0x100000000ull / kRanges;
    for (int i = 0; i < kRanges; ++i) {
        const quint64 first = i * stride + rng.bounded(quint32(stride / 2));
        const quint64 last = first + rng.bounded(quint32(stride / 4));
        parts << QStringLiteral("0x%1-0x%2").arg(first, 8, 16, QLatin1Char('0')).arg(last, 8, 16, QLatin1Char('0'));
    }
    std::shuffle(parts.begin(), parts.end(), rng);
    return parts.join(u',');
}

bool linearContains(const QList<IdRangeList::Range> &ranges, quint64 id)
{
    for (const IdRangeList::Range &r : ranges) {
        if (r.first <= id && id <= r.last)
            return true;
    }
    return false;
}

} // namespace

int main()
{
    QRandomGenerator rng(2011);
    const auto list = IdRangeList::parse(makeSelection(rng), IdRangeList::Radix::Hex);
    if (!list.ok() || list->ranges().size() != kRanges) {
        std::fprintf(stderr, "bad selection: %s\n", list.ok() ? "wrong range count" : qPrintable(list.error().message));
        return 1;
    }
    std::vector<quint64> ids(kLookups);
    for (quint64 &id : ids)
        id = rng.generate();

    QElapsedTimer timer;
    timer.start();
    qint64 hits = 0;
    for (const quint64 id : ids)
        hits += list->contains(id) ? 1 : 0;
    const double seconds = double(timer.nsecsElapsed()) / 1e9;

    const QList<IdRangeList::Range> &ranges = list->ranges();
    timer.restart();
    qint64 linearHits = 0;
    for (const quint64 id : ids)
        linearHits += linearContains(ranges, id) ? 1 : 0;
    const double linearSeconds = double(timer.nsecsElapsed()) / 1e9;

    if (hits != linearHits) {
        std::fprintf(stderr, "mismatch: binary search %lld hits, linear scan %lld\n", static_cast<long long>(hits),
            static_cast<long long>(linearHits));
        return 1;
    }
    std::printf("{\"case\":\"idrangelist_contains\",\"lookups\":%d,\"ranges\":%d,\"seconds\":%.6f,"
                "\"baseline_linear_seconds\":%.6f,\"ratio\":%.2f}\n",
        kLookups, kRanges, seconds, linearSeconds, seconds > 0 ? linearSeconds / seconds : 0.0);
    return 0;
}
