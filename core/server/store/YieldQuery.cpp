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
/// table prefix goes (the unit probes read a second `runs`), and what the
/// counting needs to know about them.
struct Where
{
    QStringList conditions;
    QVariantList params;
    std::optional<qint64> fromMs; ///< the latest lower bound of the start
    std::optional<qint64> toMs; ///< the earliest upper bound
    bool station = false; ///< one station's runs (a station or a shift)
    bool unitAttributes = false; ///< a filter that may differ between a unit's runs
    bool operation = false;

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
    void from(qint64 ms)
    {
        add(QStringLiteral("%1started_at >= ?"), {ms});
        fromMs = fromMs ? qMax(*fromMs, ms) : ms;
    }
    void to(qint64 ms)
    {
        add(QStringLiteral("%1started_at < ?"), {ms});
        toMs = toMs ? qMin(*toMs, ms) : ms;
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
        where.station = true;
        where.from(shift->value(1).toLongLong());
        if (!shift->value(2).isNull())
            where.to(shift->value(2).toLongLong());
    }
    if (filter.fromMs)
        where.from(*filter.fromMs);
    if (filter.toMs)
        where.to(*filter.toMs);
    const std::pair<const char *, const QString *> texts[] = {{"station", &filter.station}, {"slot", &filter.slot},
        {"operator", &filter.op}, {"operation", &filter.operation}, {"meter", &filter.meter}};
    for (const auto &[column, value] : texts) {
        if (value->isEmpty())
            continue;
        where.add(QStringLiteral("%1") + QLatin1String(column) + QStringLiteral(" = ?"), {*value});
        if (value == &filter.station)
            where.station = true;
        else if (value == &filter.operation)
            where.operation = true;
        else
            where.unitAttributes = true;
    }
    if (!filter.configId.isEmpty()) {
        where.add(QStringLiteral("(%1config_id = ? OR %1config_id IN (SELECT config_id FROM aliases WHERE alias = ?))"),
            {filter.configId, filter.configId});
        where.unitAttributes = true;
    }
    if (filter.batch) {
        where.add(QStringLiteral("%1batch = ?"), {*filter.batch});
        where.unitAttributes = true;
    }
    return where;
}

/// SQL text and its parameters, built in step.
struct Statement
{
    QString sql;
    QVariantList params;

    Statement &operator<<(const QString &text)
    {
        sql += text;
        return *this;
    }
    Statement &operator<<(const Statement &other)
    {
        sql += other.sql;
        params += other.params;
        return *this;
    }
    Statement &bind(const QVariant &value)
    {
        sql += u'?';
        params << value;
        return *this;
    }
};

/// Where a run stands among the selected runs of its unit or device.
enum class Position { UnitFirst, UnitLast, DeviceFirst };

/// 1 when the counted run `r` is the first (or last) of its unit (or first
/// of its device) among the selected runs, per station when `perStation`,
/// else 0. Each counted run names its neighbour's start and station
/// (RunStore), which settles the question for a period and a station; only
/// when another filter applies, or the neighbour ran at another station than
/// the one counted, does a probe of the runs_device index look further.
Statement positionSql(const Where &where, Position position, bool perStation)
{
    const bool last = position == Position::UnitLast;
    const QString column = position == Position::UnitFirst ? QStringLiteral("r.unit_prev_")
        : last                                             ? QStringLiteral("r.unit_next_")
                                                           : QStringLiteral("r.device_prev_");
    const bool attributes = where.unitAttributes || (position == Position::DeviceFirst && where.operation);
    const bool station = perStation || where.station;

    QStringList match {QStringLiteral("x.device = r.device"), QStringLiteral("x.station_fault = 0")};
    if (position != Position::DeviceFirst)
        match << QStringLiteral("x.operation = r.operation");
    const QString cmp = last ? QStringLiteral(">") : QStringLiteral("<");
    match << QStringLiteral("x.started_at %1= r.started_at").arg(cmp)
          << QStringLiteral("(x.started_at %1 r.started_at OR x.id %1 r.id)").arg(cmp);
    if (perStation)
        match << QStringLiteral("x.station = r.station");
    Statement probe;
    probe << QStringLiteral("CASE WHEN EXISTS (SELECT 1 FROM runs x") << where.sql(QStringLiteral("x."), match)
          << QStringLiteral(") THEN 0 ELSE 1 END");
    probe.params = where.params;

    Statement s;
    s << QStringLiteral("CASE WHEN r.station_fault <> 0 OR r.device = '' THEN 0 WHEN ") << column
      << QStringLiteral("at IS NULL THEN 1");
    const std::optional<qint64> bound = last ? where.toMs : where.fromMs;
    if (bound) {
        s << QStringLiteral(" WHEN ") << column << QStringLiteral("at ") << (last ? QStringLiteral(">= ") : cmp + u' ');
        s.bind(*bound) << QStringLiteral(" THEN 1");
    }
    if (station)
        s << QStringLiteral(" WHEN ") << column << QStringLiteral("station <> r.station THEN ") << probe;
    s << QStringLiteral(" ELSE ");
    if (attributes)
        s << probe;
    else
        s << QStringLiteral("0");
    s << QStringLiteral(" END");
    return s;
}

/// Every count of a station's runs, its units and devices in one pass over
/// the selected runs (no grouping by unit: each unit is counted at its first
/// and last selected run, each device at its first), both as the line counts
/// them (a unit retried at another station belongs to the station of its
/// first run there) and as each station counts its own.
Statement countsSql(const Where &where)
{
    Statement s;
    s << QStringLiteral("SELECT r.station, COUNT(*),"
                        " SUM(CASE WHEN r.station_fault = 0 AND r.result = 0 THEN 1 ELSE 0 END),"
                        " SUM(CASE WHEN r.station_fault = 0 AND r.result <> 0 THEN 1 ELSE 0 END),"
                        " SUM(CASE WHEN r.station_fault <> 0 THEN 1 ELSE 0 END),"
                        " MIN(r.started_at), MAX(r.finished_at)");
    for (const bool perStation : {false, true}) {
        if (perStation && where.station)
            break; // one station: its own counts are the line's
        const Statement first = positionSql(where, Position::UnitFirst, perStation);
        s << QStringLiteral(", SUM(") << first << QStringLiteral("), SUM(CASE WHEN r.result = 0 THEN ") << first
          << QStringLiteral(" ELSE 0 END), SUM(CASE WHEN r.result = 0 THEN ")
          << positionSql(where, Position::UnitLast, perStation) << QStringLiteral(" ELSE 0 END), SUM(")
          << positionSql(where, Position::DeviceFirst, perStation) << QStringLiteral(")");
    }
    s << QStringLiteral(" FROM runs r") << where.sql(QStringLiteral("r."));
    s.params += where.params;
    s << QStringLiteral(" GROUP BY r.station");
    return s;
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
    c.firstPassUnits = row.value(first + 1).toLongLong();
    c.finalPassUnits = row.value(first + 2).toLongLong();
    c.devices = row.value(first + 3).toLongLong();
}

/// The counts of the runs `where` selects, total and per station.
Result<YieldReport> countsIn(const QSqlDatabase &db, bool postgres, const Where &where)
{
    if (postgres) {
        // The unit probes make the planner's cost estimate of a day's counts
        // large enough for JIT compilation, which took about 0.65 s per
        // statement: more than the query itself by far.
        auto planned = runSql(db, QStringLiteral("SET LOCAL jit = off"));
        if (!planned)
            return planned.error();
    }
    YieldReport report;
    const Statement counts = countsSql(where);
    auto rows = runSql(db, counts.sql, counts.params);
    if (!rows)
        return rows.error();
    YieldCounts &t = report.total;
    while (rows->next()) {
        YieldCounts &station = report.byStation[rows->value(0).toString()];
        readRunCounts(*rows, 1, station);
        // The line's unit counts add up over the stations: each unit is
        // counted at the station of its first (or last) selected run.
        YieldCounts line;
        readUnitCounts(*rows, 7, line);
        readUnitCounts(*rows, where.station ? 7 : 11, station);
        t.runs += station.runs;
        t.passed += station.passed;
        t.failed += station.failed;
        t.stationFaults += station.stationFaults;
        t.firstStartMs = t.firstStartMs == 0 ? station.firstStartMs : qMin(t.firstStartMs, station.firstStartMs);
        t.lastFinishMs = qMax(t.lastFinishMs, station.lastFinishMs);
        t.units += line.units;
        t.firstPassUnits += line.firstPassUnits;
        t.finalPassUnits += line.finalPassUnits;
        t.devices += line.devices;
    }
    return report;
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

Result<YieldReport> YieldQuery::counts(const QSqlDatabase &db, const YieldFilter &filter) const
{
    auto where = whereOf(db, filter);
    if (!where)
        return where.error();
    return countsIn(db, m_database.isPostgres(), *where);
}

Result<YieldReport> YieldQuery::run(const YieldFilter &filter) const
{
    auto transaction = SqlTransaction::begin(m_database, SqlTransaction::Mode::Read);
    if (!transaction)
        return transaction.error();
    const QSqlDatabase &db = transaction->db();
    auto where = whereOf(db, filter);
    if (!where)
        return where.error();
    auto counted = countsIn(db, m_database.isPostgres(), *where);
    if (!counted)
        return counted.error();
    YieldReport report = std::move(counted).value();
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
    // sort in the database per flow and percentile; the 90th is counted from
    // the long end, which keeps a tenth of the runs in the sort, not nine.
    const QString rankSql
        = QStringLiteral("SELECT duration_ms FROM runs%1 ORDER BY duration_ms %2 LIMIT 1 OFFSET ?")
              .arg(where->sql({}, {passedRuns, QStringLiteral("meter = ?"), QStringLiteral("operation = ?")}));
    for (FlowCycleTime &flow : report.cycleTimes) {
        for (const auto &[tenths, target] : {std::pair {5, &flow.medianMs}, std::pair {9, &flow.p90Ms}}) {
            const qint64 rank = (tenths * flow.count + 9) / 10;
            const bool fromLongEnd = rank > flow.count / 2;
            auto rows = runSql(db, rankSql.arg(fromLongEnd ? QStringLiteral("DESC") : QStringLiteral("ASC")),
                where->params + QVariantList {flow.meter, flow.operation, fromLongEnd ? flow.count - rank : rank - 1});
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
