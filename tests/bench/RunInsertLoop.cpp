#include "RunInsertLoop.h"

#include "server/store/SqlSupport.h"
#include "server/store/SqlTransaction.h"
#include "server/store/StoredEscrow.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <vector>

namespace prov::bench {

namespace {

QString compact(const QJsonDocument &document)
{
    return QString::fromUtf8(document.toJson(QJsonDocument::Compact));
}

} // namespace

domain::RunRecord benchRun(qint64 n, const QString &runLog)
{
    const qint64 device = n / 2;
    const bool retry = n % 2 == 1;
    domain::RunRecord run;
    run.uuid = QUuid::createUuid();
    run.station = QStringLiteral("bench-st");
    run.slot = QStringLiteral("A%1").arg(device % 64 + 1);
    run.port = QStringLiteral("/dev/ttyUSB%1").arg(device % 64);
    run.operatorName = QStringLiteral("ana");
    run.meter = QStringLiteral("i210plus");
    run.operation = QStringLiteral("PROVISION");
    run.configId = QStringLiteral("0x0000000000000045");
    run.revision = 1;
    run.batch = 1000;
    run.nodeId = NodeId(static_cast<quint32>(0x00300000 + device)).toString();
    run.emcmId = QStringLiteral("0013A2004%1").arg(device, 7, 16, QLatin1Char('0')).toUpper();
    run.meterSerial = QStringLiteral("M-%1").arg(device, 8, 10, QLatin1Char('0'));
    run.labels = QJsonObject {{QStringLiteral("partialMcmId"), run.emcmId.right(8)}};
    run.result = retry ? 0 : 134;
    run.message = retry ? QString() : QStringLiteral("the node did not join the gateway within 600 s");
    run.failedStep = retry ? QString() : QStringLiteral("WaitForJoin");
    run.cause = retry ? QString() : QStringLiteral("join.timeout");
    run.attempt = retry ? 2 : 1;
    run.finishedAtMs = QDateTime::currentMSecsSinceEpoch();
    run.durationMs = 61500;
    run.startedAtMs = run.finishedAtMs - run.durationMs;
    for (const char *step : {"Identify", "CheckHardware", "Firmware", "FactoryConfig", "WaitForJoin", "Keys",
             "FieldConfig", "Verify", "Lock", "Report"})
        run.steps.append(QJsonObject {{QStringLiteral("step"), QLatin1String(step)}, {QStringLiteral("ms"), 6150},
            {QStringLiteral("result"), 0}});
    run.runLog = runLog;
    return run;
}

InsertLoopResult runRunInsertLoop(server::ServerStore &store, double seconds)
{
    InsertLoopResult result;
    auto db = store.database().connection();
    if (!db) {
        result.error = db.error().message;
        return result;
    }
    const bool postgres = store.database().isPostgres();
    const QString runLog = benchRunLog();
    // RunStore::store's statements, as it runs them for a new run.
    QSqlQuery count(db.value());
    QSqlQuery insert(db.value());
    QSqlQuery renumber(db.value());
    QSqlQuery log(db.value());
    if (!count.prepare(QStringLiteral("SELECT COUNT(*) FROM runs WHERE device = ? AND operation = ? AND started_at <= ?"
                                      " AND station_fault = 0"))
        || !insert.prepare(
            QStringLiteral("INSERT INTO runs (uuid, station, slot, port, operator, meter, operation, config_id,"
                           " revision, batch, device, node_id, emcm_id, emcm_tail, meter_serial, labels, result,"
                           " station_fault, failed_step, cause, attempt, started_at, finished_at, duration_ms,"
                           " received_at, steps, escrow_uuid)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                           " ON CONFLICT (uuid) DO NOTHING RETURNING id"))
        || !renumber.prepare(QStringLiteral("UPDATE runs SET attempt = attempt + 1 WHERE device = ? AND operation = ?"
                                            " AND started_at > ? AND station_fault = 0"))
        || !log.prepare(QStringLiteral("INSERT INTO run_logs (run_id, log) VALUES (?, ?)"))) {
        result.error = QStringLiteral("prepare: %1 %2 %3 %4")
                           .arg(count.lastError().text(), insert.lastError().text(), renumber.lastError().text(),
                               log.lastError().text());
        return result;
    }
    const auto exec = [&result](QSqlQuery &query, const QVariantList &values) {
        for (const QVariant &value : values) {
            // As the store binds them: a null QString is '' (SQL NULL only from an invalid QVariant).
            const bool nullText = value.typeId() == QMetaType::QString && value.toString().isNull();
            query.addBindValue(nullText ? QVariant(QStringLiteral("")) : value);
        }
        if (query.exec())
            return true;
        result.error = query.lastError().text();
        return false;
    };
    std::vector<double> latencies;
    QElapsedTimer total;
    total.start();
    qint64 i = 0;
    while (total.elapsed() < qint64(seconds * 1000)) {
        const domain::RunRecord run = benchRun(i, runLog);
        const QString device = run.device();
        QElapsedTimer one;
        one.start();
        auto transaction = server::SqlTransaction::begin(db.value(), postgres, server::SqlTransaction::Mode::Write);
        if (!transaction) {
            result.error = transaction.error().message;
            return result;
        }
        if (!exec(count, {device, run.operation, run.startedAtMs}) || !count.next())
            return result;
        const int attempt = count.value(0).toInt() + 1;
        count.finish();
        if (!exec(insert,
                {run.uuid.toString(QUuid::WithoutBraces), run.station, run.slot, run.port, run.operatorName, run.meter,
                    run.operation, run.configId, run.revision, run.batch, device, run.nodeId, run.emcmId,
                    run.emcmTail(), run.meterSerial, compact(QJsonDocument(run.labels)), run.result, 0, run.failedStep,
                    run.cause, attempt, run.startedAtMs, run.finishedAtMs, run.durationMs, server::nowMs(),
                    compact(QJsonDocument(run.steps)), run.escrowUuid})
            || !insert.next())
            return result;
        const qint64 id = insert.value(0).toLongLong();
        insert.finish();
        if (!exec(renumber, {device, run.operation, run.startedAtMs})
            || !exec(log, {id, server::cutRunLog(run.runLog)}))
            return result;
        if (auto ok = transaction->commit(); !ok) {
            result.error = ok.error().message;
            return result;
        }
        latencies.push_back(double(one.nsecsElapsed()) / 1e6);
        ++i;
    }
    result.records = i;
    result.seconds = double(total.nsecsElapsed()) / 1e9;
    result.recordsPerSecond = double(result.records) / result.seconds;
    if (!latencies.empty()) {
        std::sort(latencies.begin(), latencies.end());
        result.p50Ms = latencies[latencies.size() / 2];
        result.p99Ms = latencies[std::min(latencies.size() - 1, size_t(double(latencies.size()) * 0.99))];
    }
    return result;
}

} // namespace prov::bench
