#pragma once

#include "server/store/ServerStore.h"

#include <QList>
#include <QString>

namespace prov::test {

/// One stored run as a station would post it (the columns yield reads).
struct TestRun
{
    QString station = QStringLiteral("line1-st1");
    QString slot = QStringLiteral("1");
    QString op = QStringLiteral("alice");
    QString meter = QStringLiteral("i210plus");
    QString operation = QStringLiteral("PROVISION");
    QString configId = QStringLiteral("0x00000000000000a1");
    qint64 batch = 7;
    QString device;
    int result = 0;
    bool stationFault = false;
    QString failedStep;
    qint64 startedAt = 0;
    qint64 durationMs = 60000;
    qint64 id = 0; ///< the store's id (set by insertRuns)
};

/// Stores the runs through RunStore, in list order, and sets their ids;
/// false with `error` when that fails.
[[nodiscard]] bool insertRuns(server::ServerStore &store, QList<TestRun> &runs, QString *error);

} // namespace prov::test
