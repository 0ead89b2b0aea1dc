#include "RunTestSupport.h"

#include "server/store/SqlSupport.h"
#include "server/store/SqlTransaction.h"

#include <QSqlQuery>
#include <QUuid>

namespace prov::test {

bool insertRuns(server::ServerStore &store, QList<TestRun> &runs, QString *error)
{
    using namespace prov::server;
    auto transaction = SqlTransaction::begin(store.database(), SqlTransaction::Mode::Write);
    if (!transaction) {
        *error = transaction.error().message;
        return false;
    }
    for (TestRun &r : runs) {
        const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
        auto inserted = runSql(transaction->db(),
            QStringLiteral(
                "INSERT INTO runs (uuid, station, slot, operator, meter, operation, config_id, batch, device,"
                " result, station_fault, failed_step, started_at, finished_at, duration_ms, received_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {uuid, r.station, r.slot, r.op, r.meter, r.operation, r.configId, r.batch, r.device, r.result,
                r.stationFault ? 1 : 0, r.failedStep, r.startedAt, r.startedAt + r.durationMs, r.durationMs,
                r.startedAt + r.durationMs});
        if (!inserted) {
            *error = inserted.error().message;
            return false;
        }
        auto id = runSql(transaction->db(), QStringLiteral("SELECT id FROM runs WHERE uuid = ?"), {uuid});
        if (!id || !id->next()) {
            *error = QStringLiteral("the inserted run has no id");
            return false;
        }
        r.id = id->value(0).toLongLong();
    }
    auto committed = transaction->commit();
    if (!committed)
        *error = committed.error().message;
    return committed.ok();
}

} // namespace prov::test
