#include "server/store/YieldQuery.h"

#include "server/store/Database.h"
#include "server/store/SqlSupport.h"
#include "server/store/SqlTransaction.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSqlQuery>

namespace prov::server {

namespace {

/// The filter's conditions over `runs`, each with "%1" where the column's
/// table prefix goes (the tie-breaking subqueries read a second `runs`).
struct Where
{
    QStringList conditions;
    QVariantList params;

    void add(const QString &condition, const QVariantList &values)
    {
        conditions << condition;
        params << values;
    }
    /// " WHERE ..." with `extra` conditions (empty when there are none).
    [[nodiscard]] QString sql(const QString &prefix = {}, const QStringList &extra = {}) const
    {
        QStringList all;
        for (const QString &condition : conditions)
            all << condition.arg(prefix);
        all << extra;
        return all.isEmpty() ? QString() : QStringLiteral(" WHERE ") + all.join(QStringLiteral(" AND "));
    }
};

/// The filter as SQL over `runs`; a shift becomes its station and time.
Result<Where> whereOf(const QSqlDatabase &db, const YieldFilter &filter)
{
    Where where;
    if (filter.shiftId) {
        auto shift = runSql(
            db, QStringLiteral("SELECT station, started_at, ended_at FROM shifts WHERE id = ?"), {*filter.shiftId});
        if (!shift)
            return shift.error();
        if (!shift->next())
            return makeError(ResultCode::InvalidArguments, QStringLiteral("there is no shift %1").arg(*filter.shiftId));
        where.add(QStringLiteral("%1station = ?"), {shift->value(0).toString()});
        where.add(QStringLiteral("%1started_at >= ?"), {shift->value(1).toLongLong()});
        if (!shift->value(2).isNull())
            where.add(QStringLiteral("%1started_at < ?"), {shift->value(2).toLongLong()});
    }
    if (filter.fromMs)
        where.add(QStringLiteral("%1started_at >= ?"), {*filter.fromMs});
    if (filter.toMs)
        where.add(QStringLiteral("%1started_at < ?"), {*filter.toMs});
    const std::pair<const char *, const QString *> texts[] = {{"station", &filter.station}, {"slot", &filter.slot},
        {"operator", &filter.op}, {"operation", &filter.operation}, {"meter", &filter.meter}};
    for (const auto &[column, value] : texts) {
        if (!value->isEmpty())
            where.add(QStringLiteral("%1") + QLatin1String(column) + QStringLiteral(" = ?"), {*value});
    }
    if (!filter.configId.isEmpty()) {
        where.add(QStringLiteral("(%1config_id = ? OR %1config_id IN (SELECT config_id FROM aliases WHERE alias = ?))"),
            {filter.configId, filter.configId});
    }
    if (filter.batch)
        where.add(QStringLiteral("%1batch = ?"), {*filter.batch});
    return where;
}

/// Runs, passes, failures, faults and the span per station: one pass over the selected rows.
QString runCountsSql(const Where &where)
{
    return QStringLiteral("SELECT station, COUNT(*),"
                          " SUM(CASE WHEN station_fault = 0 AND result = 0 THEN 1 ELSE 0 END),"
                          " SUM(CASE WHEN station_fault = 0 AND result <> 0 THEN 1 ELSE 0 END),"
                          " SUM(CASE WHEN station_fault <> 0 THEN 1 ELSE 0 END),"
                          " MIN(started_at), MAX(finished_at) FROM runs%1 GROUP BY station")
        .arg(where.sql());
}

/// Units, devices and the units whose first and last runs passed. Each unit
/// (device and operation, per station when asked) is one group holding the
/// earliest and latest start of its passed and of its failed runs: its first
/// run passed when the earliest pass is before the earliest failure. Only
/// when both started in the same millisecond does a subquery (a probe of the
/// runs_device index) ask which was stored first; window functions would
/// sort every row twice more. The parameters are the filter's three times.
QString unitCountsSql(const Where &where, bool perStation)
{
    const QString station = perStation ? QStringLiteral("station, ") : QString();
    const auto tie = [&](const char *column, const char *order) {
        QStringList match {QStringLiteral("x.device = u.device"), QStringLiteral("x.operation = u.operation"),
            QStringLiteral("x.started_at = u.") + QLatin1String(column), QStringLiteral("x.station_fault = 0")};
        if (perStation)
            match << QStringLiteral("x.station = u.station");
        return QStringLiteral(
            "(SELECT CASE WHEN x.result = 0 THEN 1 ELSE 0 END FROM runs x%1 ORDER BY x.id %2 LIMIT 1)")
            .arg(where.sql(QStringLiteral("x."), match), QLatin1String(order));
    };
    return QStringLiteral("WITH u AS (SELECT %1device, operation,"
                          " MIN(CASE WHEN result = 0 THEN started_at END) AS first_pass,"
                          " MIN(CASE WHEN result <> 0 THEN started_at END) AS first_fail,"
                          " MAX(CASE WHEN result = 0 THEN started_at END) AS last_pass,"
                          " MAX(CASE WHEN result <> 0 THEN started_at END) AS last_fail"
                          " FROM runs%2 GROUP BY %1device, operation)"
                          " SELECT %1COUNT(*), COUNT(DISTINCT device),"
                          " SUM(CASE WHEN first_fail IS NULL OR first_pass < first_fail THEN 1"
                          " WHEN first_pass IS NULL OR first_pass > first_fail THEN 0 ELSE %3 END),"
                          " SUM(CASE WHEN last_fail IS NULL OR last_pass > last_fail THEN 1"
                          " WHEN last_pass IS NULL OR last_pass < last_fail THEN 0 ELSE %4 END)"
                          " FROM u%5")
        .arg(station, where.sql(QString(), {QStringLiteral("station_fault = 0"), QStringLiteral("device <> ''")}),
            tie("first_pass", "ASC"), tie("last_pass", "DESC"),
            perStation ? QStringLiteral(" GROUP BY station") : QString());
}

void readRunCounts(const QSqlQuery &row, int first, YieldCounts &c)
{
    // SUM over no rows is NULL, which reads as 0.
    c.runs = row.value(first).toLongLong();
    c.passed = row.value(first + 1).toLongLong();
    c.failed = row.value(first + 2).toLongLong();
    c.stationFaults = row.value(first + 3).toLongLong();
    c.firstStartMs = row.value(first + 4).toLongLong();
    c.lastFinishMs = row.value(first + 5).toLongLong();
}

void readUnitCounts(const QSqlQuery &row, int first, YieldCounts &c)
{
    c.units = row.value(first).toLongLong();
    c.devices = row.value(first + 1).toLongLong();
    c.firstPassUnits = row.value(first + 2).toLongLong();
    c.finalPassUnits = row.value(first + 3).toLongLong();
}

std::optional<double> ratio(qint64 part, qint64 whole)
{
    if (whole <= 0)
        return std::nullopt;
    return double(part) / double(whole);
}

QJsonValue jsonNumber(const std::optional<double> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonObject countsJson(const YieldCounts &c)
{
    return QJsonObject {{QStringLiteral("runs"), c.runs}, {QStringLiteral("devices"), c.devices},
        {QStringLiteral("units"), c.units}, {QStringLiteral("firstPassUnits"), c.firstPassUnits},
        {QStringLiteral("finalPassUnits"), c.finalPassUnits}, {QStringLiteral("passed"), c.passed},
        {QStringLiteral("failed"), c.failed}, {QStringLiteral("stationFaults"), c.stationFaults},
        {QStringLiteral("firstPassYield"), jsonNumber(c.firstPassYield())},
        {QStringLiteral("finalYield"), jsonNumber(c.finalYield())},
        {QStringLiteral("unitsPerHour"), jsonNumber(c.unitsPerHour())}};
}

Error badValue(const QString &name, const QString &value, const QString &expected)
{
    return makeError(ResultCode::InvalidArguments, QStringLiteral("%1 \"%2\" is not %3").arg(name, value, expected));
}

} // namespace

QStringList yieldFilterKeys()
{
    return {QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("station"), QStringLiteral("slot"),
        QStringLiteral("operator"), QStringLiteral("configuration"), QStringLiteral("operation"),
        QStringLiteral("meter"), QStringLiteral("batch"), QStringLiteral("shift")};
}

std::optional<qint64> parseYieldTime(const QString &text)
{
    const QString trimmed = text.trimmed();
    QDateTime time = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (!time.isValid()) {
        const QDate date = QDate::fromString(trimmed, Qt::ISODate);
        if (!date.isValid())
            return std::nullopt;
        time = date.startOfDay();
    }
    return time.toMSecsSinceEpoch();
}

Result<YieldFilter> parseYieldFilter(const QHash<QString, QString> &values)
{
    YieldFilter filter;
    const auto value = [&](const char *name) {
        return values.value(QLatin1String(name)).trimmed();
    };
    for (const char *name : {"from", "to"}) {
        const QString text = value(name);
        if (text.isEmpty())
            continue;
        const std::optional<qint64> ms = parseYieldTime(text);
        if (!ms)
            return badValue(QLatin1String(name), text, QStringLiteral("an ISO 8601 date or time"));
        (qstrcmp(name, "from") == 0 ? filter.fromMs : filter.toMs) = ms;
    }
    if (filter.fromMs && filter.toMs && *filter.fromMs >= *filter.toMs)
        return makeError(ResultCode::InvalidArguments, QStringLiteral("from must be before to"));
    filter.station = value("station");
    filter.slot = value("slot");
    filter.op = value("operator");
    filter.configId = value("configuration");
    filter.operation = value("operation").toUpper();
    filter.meter = value("meter");
    for (const char *name : {"batch", "shift"}) {
        const QString text = value(name);
        if (text.isEmpty())
            continue;
        bool ok = false;
        const qint64 number = text.toLongLong(&ok);
        if (!ok || number < 0)
            return badValue(QLatin1String(name), text, QStringLiteral("a number"));
        (qstrcmp(name, "batch") == 0 ? filter.batch : filter.shiftId) = number;
    }
    return filter;
}

std::optional<double> YieldCounts::firstPassYield() const
{
    return ratio(firstPassUnits, units);
}

std::optional<double> YieldCounts::finalYield() const
{
    return ratio(finalPassUnits, units);
}

std::optional<double> YieldCounts::unitsPerHour() const
{
    const qint64 spanMs = lastFinishMs - firstStartMs;
    if (runs == 0 || spanMs <= 0)
        return std::nullopt;
    return double(finalPassUnits) * 3600000.0 / double(spanMs);
}

YieldQuery::YieldQuery(const Database &database)
    : m_database(database)
{ }

Result<YieldReport> YieldQuery::run(const YieldFilter &filter) const
{
    auto transaction = SqlTransaction::begin(m_database, SqlTransaction::Mode::Read);
    if (!transaction)
        return transaction.error();
    const QSqlDatabase &db = transaction->db();
    if (m_database.isPostgres()) {
        // The tie-breaking subqueries make the planner's cost estimate of a
        // day's grouping large enough for JIT compilation, which took about
        // 0.65 s per statement: more than the query itself by far.
        auto planned = runSql(db, QStringLiteral("SET LOCAL jit = off"));
        if (!planned)
            return planned.error();
    }
    auto where = whereOf(db, filter);
    if (!where)
        return where.error();
    const QVariantList unitParams = where->params + where->params + where->params;
    YieldReport report;
    {
        auto rows = runSql(db, runCountsSql(*where), where->params);
        if (!rows)
            return rows.error();
        while (rows->next())
            readRunCounts(*rows, 1, report.byStation[rows->value(0).toString()]);
    }
    {
        auto rows = runSql(db, unitCountsSql(*where, true), unitParams);
        if (!rows)
            return rows.error();
        while (rows->next())
            readUnitCounts(*rows, 1, report.byStation[rows->value(0).toString()]);
    }
    if (report.byStation.size() == 1) {
        // One station's units are all the units: no second grouping.
        report.total = report.byStation.first();
    } else if (!report.byStation.isEmpty()) {
        // Runs, passes, failures and the span add up over the stations; units
        // do not (a unit may have run at two stations), so they are grouped again.
        for (const YieldCounts &station : std::as_const(report.byStation)) {
            YieldCounts &t = report.total;
            t.runs += station.runs;
            t.passed += station.passed;
            t.failed += station.failed;
            t.stationFaults += station.stationFaults;
            t.firstStartMs = t.firstStartMs == 0 ? station.firstStartMs : qMin(t.firstStartMs, station.firstStartMs);
            t.lastFinishMs = qMax(t.lastFinishMs, station.lastFinishMs);
        }
        auto units = runSql(db, unitCountsSql(*where, false), unitParams);
        if (!units)
            return units.error();
        if (units->next())
            readUnitCounts(*units, 0, report.total);
    }
    {
        // Both Paretos from one grouping: few (code, step) pairs come back.
        auto rows = runSql(db,
            QStringLiteral("SELECT result, failed_step, COUNT(*) FROM runs%1 GROUP BY result, failed_step")
                .arg(where->sql({}, {QStringLiteral("station_fault = 0 AND result <> 0")})),
            where->params);
        if (!rows)
            return rows.error();
        while (rows->next()) {
            const qint64 count = rows->value(2).toLongLong();
            report.byResult[rows->value(0).toInt()] += count;
            report.byStep[rows->value(1).toString()] += count;
        }
    }
    const QString passedRuns = QStringLiteral("station_fault = 0 AND result = 0");
    {
        auto rows = runSql(db,
            QStringLiteral("SELECT meter, operation, COUNT(*), MAX(duration_ms) FROM runs%1"
                           " GROUP BY meter, operation ORDER BY meter, operation")
                .arg(where->sql({}, {passedRuns})),
            where->params);
        if (!rows)
            return rows.error();
        while (rows->next()) {
            FlowCycleTime flow;
            flow.meter = rows->value(0).toString();
            flow.operation = rows->value(1).toString();
            flow.count = rows->value(2).toLongLong();
            flow.maxMs = rows->value(3).toLongLong();
            report.cycleTimes.append(flow);
        }
    }
    // Nearest rank: the k-th shortest of n with k = ceil(p * n), one bounded
    // sort in the database per flow and percentile.
    const QString rankSql
        = QStringLiteral("SELECT duration_ms FROM runs%1 ORDER BY duration_ms LIMIT 1 OFFSET ?")
              .arg(where->sql({}, {passedRuns, QStringLiteral("meter = ?"), QStringLiteral("operation = ?")}));
    for (FlowCycleTime &flow : report.cycleTimes) {
        for (const auto &[tenths, target] : {std::pair {5, &flow.medianMs}, std::pair {9, &flow.p90Ms}}) {
            const qint64 rank = (tenths * flow.count + 9) / 10;
            auto rows = runSql(db, rankSql, where->params + QVariantList {flow.meter, flow.operation, rank - 1});
            if (!rows)
                return rows.error();
            if (rows->next())
                *target = rows->value(0).toLongLong();
        }
    }
    transaction->rollback();
    return report;
}

QJsonObject YieldQuery::toJson(const YieldReport &report)
{
    QJsonObject object = countsJson(report.total);
    QJsonObject byResult;
    for (auto it = report.byResult.cbegin(); it != report.byResult.cend(); ++it)
        byResult.insert(QString::number(it.key()), it.value());
    QJsonObject byStep;
    for (auto it = report.byStep.cbegin(); it != report.byStep.cend(); ++it)
        byStep.insert(it.key(), it.value());
    QJsonObject byStation;
    for (auto it = report.byStation.cbegin(); it != report.byStation.cend(); ++it)
        byStation.insert(it.key(), countsJson(it.value()));
    QJsonArray cycleTimes;
    for (const FlowCycleTime &flow : report.cycleTimes) {
        cycleTimes.append(
            QJsonObject {{QStringLiteral("meter"), flow.meter}, {QStringLiteral("operation"), flow.operation},
                {QStringLiteral("count"), flow.count}, {QStringLiteral("medianMs"), flow.medianMs},
                {QStringLiteral("p90Ms"), flow.p90Ms}, {QStringLiteral("maxMs"), flow.maxMs}});
    }
    object.insert(QStringLiteral("byResult"), byResult);
    object.insert(QStringLiteral("byStep"), byStep);
    object.insert(QStringLiteral("byStation"), byStation);
    object.insert(QStringLiteral("cycleTimes"), cycleTimes);
    if (report.total.firstStartMs > 0) {
        object.insert(QStringLiteral("firstStart"),
            QDateTime::fromMSecsSinceEpoch(report.total.firstStartMs, Qt::UTC).toString(Qt::ISODateWithMs));
        object.insert(QStringLiteral("lastFinish"),
            QDateTime::fromMSecsSinceEpoch(report.total.lastFinishMs, Qt::UTC).toString(Qt::ISODateWithMs));
    }
    return object;
}

} // namespace prov::server
