#pragma once

#include <QHash>
#include <QList>
#include <QString>

namespace prov::gui {

/// How long a run of one flow (meter family and operation) takes on this
/// station: the median of its last kRuns passed runs, so one slow unit or a
/// fast failure does not move it. A failed run is not counted: it ends early.
class RunTimeEstimate
{
public:
    static constexpr int kRuns = 10;

    void recordPass(const QString &family, const QString &operation, qint64 elapsedMs);
    /// -1 until a run of the flow passed.
    [[nodiscard]] qint64 expectedMs(const QString &family, const QString &operation) const;

private:
    QHash<QString, QList<qint64>> m_recent; ///< newest last
};

} // namespace prov::gui
