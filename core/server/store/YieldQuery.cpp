#include "server/store/YieldQuery.h"

#include "server/store/Database.h"
#include "server/store/SqlSupport.h"
#include "server/store/SqlTransaction.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSqlQuery>

namespace prov::server {

namespace {

struct Where
{
    QString sql; ///< " WHERE ..." (or empty)
    QVariantList params;

    void add(const QString &condition, const QVariantList &values)
    {
        sql += sql.isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ");
        sql += condition;
        params << values;
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
        where.add(QStringLiteral("station = ?"), {shift->value(0).toString()});
        where.add(QStringLiteral("started_at >= ?"), {shift->value(1).toLongLong()});
        if (!shift->value(2).isNull())
            where.add(QStringLiteral("started_at < ?"), {shift->value(2).toLongLong()});
    }
    if (filter.fromMs)
        where.add(QStringLiteral("started_at >= ?"), {*filter.fromMs});
    if (filter.toMs)
        where.add(QStringLiteral("started_at < ?"), {*filter.toMs});
    const std::pair<const char *, const QString *> texts[]
        = {{"station", &filter.station}, {"slot", &filter.slot}, {"operator", &filter.op},
            {"config_id", &filter.configId}, {"operation", &filter.operation}, {"meter", &filter.meter}};
    for (const auto &[column, value] : texts) {
        if (!value->isEmpty())
            where.add(QLatin1String(column) + QStringLiteral(" = ?"), {*value});
    }
    if (!filter.configId.isEmpty()) {
        where.add(QStringLiteral("(config_id = ? OR config_id IN (SELECT config_id FROM aliases WHERE alias = ?))"),
            {filter.configId, filter.configId});
    }
    if (filter.batch)
        where.add(QStringLiteral("batch = ?"), {*filter.batch});
    return where;
}

QString andWhere(const Where &where, const QString &condition)
{
    return where.sql + (where.sql.isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ")) + condition;
}

/// The counts, whole or per station. A unit's first and last runs are ranked
/// by window functions over its own runs only (partitioned by fault, device
/// and operation; the rank of station faults and device-less runs is not used).
QString countsSql(const Where &where, bool perStation)
{
    const QString station = perStation ? QStringLiteral("station, ") : QString();
    return QStringLiteral(
        "WITH r AS (SELECT station, device, result, station_fault, started_at, finished_at,"
        " CASE WHEN station_fault = 0 AND device <> '' THEN ROW_NUMBER() OVER"
        " (PARTITION BY %1station_fault, device, operation ORDER BY started_at, id) END AS first_rank,"
        " CASE WHEN station_fault = 0 AND device <> '' THEN ROW_NUMBER() OVER"
        " (PARTITION BY %1station_fault, device, operation ORDER BY started_at DESC, id DESC) END AS last_rank"
        " FROM runs%2)"
        " SELECT %1COUNT(*),"
        " COUNT(DISTINCT CASE WHEN station_fault = 0 AND device <> '' THEN device END),"
        " SUM(CASE WHEN first_rank = 1 THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN station_fault = 0 AND result = 0 THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN station_fault = 0 AND result <> 0 THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN station_fault <> 0 THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN first_rank = 1 AND result = 0 THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN last_rank = 1 AND result = 0 THEN 1 ELSE 0 END),"
        " MIN(started_at), MAX(finished_at)"
        " FROM r%3")
        .arg(station, where.sql, perStation ? QStringLiteral(" GROUP BY station") : QString());
}

YieldCounts countsFromRow(const QSqlQuery &row, int first)
{
    // SUM over no rows is NULL, which reads as 0.
    YieldCounts c;
    c.runs = row.value(first).toLongLong();
    c.devices = row.value(first + 1).toLongLong();
    c.units = row.value(first + 2).toLongLong();
    c.passed = row.value(first + 3).toLongLong();
    c.failed = row.value(first + 4).toLongLong();
    c.stationFaults = row.value(first + 5).toLongLong();
    c.firstPassUnits = row.value(first + 6).toLongLong();
    c.finalPassUnits = row.value(first + 7).toLongLong();
    c.firstStartMs = row.value(first + 8).toLongLong();
    c.lastFinishMs = row.value(first + 9).toLongLong();
    return c;
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
        {QStringLiteral("units"), c.units}, {QStringLiteral("passed"), c.passed}, {QStringLiteral("failed"), c.failed},
        {QStringLiteral("stationFaults"), c.stationFaults},
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
    auto where = whereOf(db, filter);
    if (!where)
        return where.error();
    YieldReport report;
    {
        auto rows = runSql(db, countsSql(*where, false), where->params);
        if (!rows)
            return rows.error();
        if (rows->next())
            report.total = countsFromRow(*rows, 0);
    }
    {
        auto rows = runSql(db, countsSql(*where, true), where->params);
        if (!rows)
            return rows.error();
        while (rows->next())
            report.byStation.insert(rows->value(0).toString(), countsFromRow(*rows, 1));
    }
    const QString failedRuns = QStringLiteral("station_fault = 0 AND result <> 0");
    {
        auto rows = runSql(db,
            QStringLiteral("SELECT result, COUNT(*) FROM runs%1 GROUP BY result").arg(andWhere(*where, failedRuns)),
            where->params);
        if (!rows)
            return rows.error();
        while (rows->next())
            report.byResult.insert(rows->value(0).toInt(), rows->value(1).toLongLong());
    }
    {
        auto rows = runSql(db,
            QStringLiteral("SELECT failed_step, COUNT(*) FROM runs%1 GROUP BY failed_step")
                .arg(andWhere(*where, failedRuns)),
            where->params);
        if (!rows)
            return rows.error();
        while (rows->next())
            report.byStep.insert(rows->value(0).toString(), rows->value(1).toLongLong());
    }
    {
        // Nearest rank: the k-th of n sorted values with k = ceil(p * n), in
        // integer arithmetic both engines share ((n + 1) / 2, (9n + 9) / 10).
        auto rows = runSql(db,
            QStringLiteral("WITH p AS (SELECT meter, operation, duration_ms,"
                           " ROW_NUMBER() OVER (PARTITION BY meter, operation ORDER BY duration_ms) AS k,"
                           " COUNT(*) OVER (PARTITION BY meter, operation) AS n FROM runs%1)"
                           " SELECT meter, operation, MAX(n),"
                           " MAX(CASE WHEN k = (n + 1) / 2 THEN duration_ms END),"
                           " MAX(CASE WHEN k = (9 * n + 9) / 10 THEN duration_ms END),"
                           " MAX(duration_ms) FROM p GROUP BY meter, operation ORDER BY meter, operation")
                .arg(andWhere(*where, QStringLiteral("station_fault = 0 AND result = 0"))),
            where->params);
        if (!rows)
            return rows.error();
        while (rows->next()) {
            report.cycleTimes.append(
                FlowCycleTime {rows->value(0).toString(), rows->value(1).toString(), rows->value(2).toLongLong(),
                    rows->value(3).toLongLong(), rows->value(4).toLongLong(), rows->value(5).toLongLong()});
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
