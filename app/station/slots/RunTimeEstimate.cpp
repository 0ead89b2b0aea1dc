#include "slots/RunTimeEstimate.h"

#include <algorithm>

namespace prov::gui {

namespace {
QString flowKey(const QString &family, const QString &operation)
{
    return family + QLatin1Char('/') + operation;
}
} // namespace

void RunTimeEstimate::recordPass(const QString &family, const QString &operation, qint64 elapsedMs)
{
    if (elapsedMs <= 0)
        return;
    QList<qint64> &runs = m_recent[flowKey(family, operation)];
    runs.append(elapsedMs);
    while (runs.size() > kRuns)
        runs.removeFirst();
}

qint64 RunTimeEstimate::expectedMs(const QString &family, const QString &operation) const
{
    QList<qint64> runs = m_recent.value(flowKey(family, operation));
    if (runs.isEmpty())
        return -1;
    std::sort(runs.begin(), runs.end());
    return runs.at(runs.size() / 2);
}

} // namespace prov::gui
