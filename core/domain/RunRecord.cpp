#include "domain/RunRecord.h"

#include "domain/DeviceIds.h"

#include <QDateTime>

#include <utility>

namespace prov::domain {

namespace {

constexpr qsizetype kMaxTextLength = 128;
constexpr int kMaxLabels = 32;
constexpr int kMaxSteps = 256;

Error badField(const QString &field, const QString &why)
{
    return makeError(ResultCode::InvalidArguments, QStringLiteral("run record field '%1' %2").arg(field, why),
        QStringLiteral("run.") + field);
}

bool isCleanText(const QString &text)
{
    if (text.size() > kMaxTextLength)
        return false;
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control || c.isNonCharacter() || c.isSurrogate())
            return false;
    }
    return true;
}

QString isoMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

Result<qint64> parseTime(const QJsonObject &json, const char *field)
{
    const QDateTime time = QDateTime::fromString(json.value(QLatin1String(field)).toString(), Qt::ISODateWithMs);
    if (!time.isValid())
        return badField(QString::fromLatin1(field), QStringLiteral("is not an ISO 8601 time"));
    return time.toMSecsSinceEpoch();
}

Result<qint64> parseInteger(const QJsonObject &json, const char *field, qint64 min, qint64 max, qint64 absent)
{
    const QJsonValue value = json.value(QLatin1String(field));
    if (value.isUndefined() || value.isNull())
        return absent;
    const double number = value.toDouble(-1e300);
    if (!value.isDouble() || number < double(min) || number > double(max) || number != double(qint64(number)))
        return badField(
            QString::fromLatin1(field), QStringLiteral("is not an integer from %1 to %2").arg(min).arg(max));
    return qint64(number);
}

} // namespace

QJsonObject RunRecord::toJson() const
{
    QJsonObject json {
        {QStringLiteral("uuid"), uuid.toString(QUuid::WithoutBraces)},
        {QStringLiteral("station"), station},
        {QStringLiteral("slot"), slot},
        {QStringLiteral("port"), port},
        {QStringLiteral("operator"), operatorName},
        {QStringLiteral("meter"), meter},
        {QStringLiteral("operation"), operation},
        {QStringLiteral("configId"), configId},
        {QStringLiteral("revision"), revision},
        {QStringLiteral("batch"), batch},
        {QStringLiteral("labels"), labels},
        {QStringLiteral("code"), result},
        {QStringLiteral("message"), message},
        {QStringLiteral("stationFault"), stationFault},
        {QStringLiteral("failedStep"), failedStep},
        {QStringLiteral("cause"), cause},
        {QStringLiteral("attempt"), attempt},
        {QStringLiteral("startedAt"), isoMs(startedAtMs)},
        {QStringLiteral("finishedAt"), isoMs(finishedAtMs)},
        {QStringLiteral("durationMs"), durationMs},
        {QStringLiteral("steps"), steps},
        {QStringLiteral("runLog"), runLog},
    };
    if (!nodeId.isEmpty())
        json.insert(QStringLiteral("nodeId"), nodeId);
    if (!emcmId.isEmpty())
        json.insert(QStringLiteral("emcmId"), emcmId);
    if (!meterSerial.isEmpty())
        json.insert(QStringLiteral("meterSerial"), meterSerial);
    if (!escrowUuid.isEmpty())
        json.insert(QStringLiteral("escrowUuid"), escrowUuid);
    for (const auto &[name, value] :
        {std::pair {"nodeFirmware", &nodeFirmware}, std::pair {"hostFirmware", &hostFirmware},
            std::pair {"nodeType", &nodeType}, std::pair {"hostType", &hostType}}) {
        if (!value->isEmpty())
            json.insert(QLatin1String(name), *value);
    }
    return json;
}

Result<RunRecord> RunRecord::fromJson(const QJsonObject &json)
{
    RunRecord run;
    const auto text = [&json](const char *name) {
        return json.value(QLatin1String(name)).toString();
    };
    run.uuid = QUuid::fromString(text("uuid"));
    if (run.uuid.isNull())
        return badField(QStringLiteral("uuid"), QStringLiteral("is not a UUID"));
    struct TextField
    {
        const char *name;
        QString *target;
    };
    // "meterId" is the older name of the meter serial.
    const char *serialName = json.contains(QLatin1String("meterSerial")) ? "meterSerial" : "meterId";
    for (const TextField &field : {TextField {"station", &run.station}, TextField {"slot", &run.slot},
             TextField {"port", &run.port}, TextField {"operator", &run.operatorName}, TextField {"meter", &run.meter},
             TextField {"operation", &run.operation}, TextField {"configId", &run.configId},
             TextField {"failedStep", &run.failedStep}, TextField {"cause", &run.cause},
             TextField {"escrowUuid", &run.escrowUuid}, TextField {serialName, &run.meterSerial},
             TextField {"nodeFirmware", &run.nodeFirmware}, TextField {"hostFirmware", &run.hostFirmware},
             TextField {"nodeType", &run.nodeType}, TextField {"hostType", &run.hostType}}) {
        *field.target = text(field.name);
        if (!isCleanText(*field.target))
            return badField(QString::fromLatin1(field.name),
                QStringLiteral("is longer than %1 characters or has control characters").arg(kMaxTextLength));
    }
    if (run.operation.isEmpty())
        return badField(QStringLiteral("operation"), QStringLiteral("is missing"));
    if (const QString node = text("nodeId"); !node.isEmpty()) {
        auto parsed = NodeId::parse(node);
        if (!parsed)
            return badField(QStringLiteral("nodeId"), parsed.error().message);
        run.nodeId = parsed->toString();
    }
    if (const QString emcm = text("emcmId"); !emcm.isEmpty()) {
        auto parsed = EmcmId::parse(emcm);
        if (!parsed)
            return badField(QStringLiteral("emcmId"), parsed.error().message);
        run.emcmId = parsed->toString().toUpper();
    }
    const QJsonValue labels = json.value(QLatin1String("labels"));
    if (!labels.isUndefined() && !labels.isObject())
        return badField(QStringLiteral("labels"), QStringLiteral("is not an object of scanned labels"));
    run.labels = labels.toObject();
    if (run.labels.size() > kMaxLabels)
        return badField(QStringLiteral("labels"), QStringLiteral("has more than %1 labels").arg(kMaxLabels));
    for (auto it = run.labels.constBegin(); it != run.labels.constEnd(); ++it) {
        if (!it.value().isString() || !isCleanText(it.value().toString()) || !isCleanText(it.key()))
            return badField(
                QStringLiteral("labels"), QStringLiteral("label '%1' is not clean text").arg(it.key().left(32)));
    }
    if (!json.value(QLatin1String("code")).isDouble())
        return badField(QStringLiteral("code"), QStringLiteral("is not a result code"));
    auto code = parseInteger(json, "code", 0, 255, 0);
    if (!code)
        return code.error();
    run.result = int(code.value());
    auto revision = parseInteger(json, "revision", 0, 0x7fffffff, 0);
    if (!revision)
        return revision.error();
    run.revision = int(revision.value());
    auto batch = parseInteger(json, "batch", 0, 4294967295LL, 0);
    if (!batch)
        return batch.error();
    run.batch = batch.value();
    auto attempt = parseInteger(json, "attempt", 1, 1000000, 1);
    if (!attempt)
        return attempt.error();
    run.attempt = int(attempt.value());
    auto started = parseTime(json, "startedAt");
    if (!started)
        return started.error();
    run.startedAtMs = started.value();
    auto finished = parseTime(json, "finishedAt");
    if (!finished)
        return finished.error();
    run.finishedAtMs = finished.value();
    if (run.finishedAtMs < run.startedAtMs)
        return badField(QStringLiteral("finishedAt"), QStringLiteral("is before startedAt"));
    auto duration = parseInteger(json, "durationMs", 0, 7LL * 24 * 3600 * 1000, run.finishedAtMs - run.startedAtMs);
    if (!duration)
        return duration.error();
    run.durationMs = duration.value();
    const QJsonValue fault = json.value(QLatin1String("stationFault"));
    if (!fault.isUndefined() && !fault.isBool())
        return badField(QStringLiteral("stationFault"), QStringLiteral("is not true or false"));
    run.stationFault = fault.toBool();
    if (run.stationFault && run.result == 0)
        return badField(QStringLiteral("stationFault"), QStringLiteral("is true for a run that passed"));
    // A station that does not classify them itself (an older one) still has
    // its server-side, shared-folder and gateway failures counted as its own.
    run.stationFault = run.stationFault || ResultCatalogue::isStationSide(run.result);
    const QJsonValue steps = json.value(QLatin1String("steps"));
    if (!steps.isUndefined() && !steps.isArray())
        return badField(QStringLiteral("steps"), QStringLiteral("is not a list of steps"));
    run.steps = steps.toArray();
    if (run.steps.size() > kMaxSteps)
        return badField(QStringLiteral("steps"), QStringLiteral("has more than %1 steps").arg(kMaxSteps));
    for (const QJsonValue step : std::as_const(run.steps)) {
        const QJsonObject object = step.toObject();
        if (!step.isObject() || !object.value(QLatin1String("step")).isString()
            || !object.value(QLatin1String("ms")).isDouble())
            return badField(QStringLiteral("steps"), QStringLiteral("has an entry without \"step\" and \"ms\""));
    }
    run.message = text("message").left(1024);
    run.runLog = text("runLog");
    return run;
}

QString RunRecord::device() const
{
    if (!nodeId.isEmpty())
        return nodeId;
    if (!emcmId.isEmpty())
        return emcmId;
    if (!meterSerial.isEmpty())
        return meterSerial;
    for (auto it = labels.constBegin(); it != labels.constEnd(); ++it) {
        if (!it.value().toString().isEmpty())
            return it.value().toString();
    }
    return {};
}

QString RunRecord::emcmTail() const
{
    return emcmId.right(8).toUpper();
}

} // namespace prov::domain
