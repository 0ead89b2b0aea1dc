#include "engine/Configuration.h"

namespace prov::engine {

QList<ConfigFile> Configuration::allFiles() const
{
    QList<ConfigFile> files;
    for (const auto *f : {&nodeFirmware, &nodeFieldConfig, &nodeFactoryConfig}) {
        if (*f)
            files.append(**f);
    }
    for (const ConfigApp &app : apps) {
        for (const auto *f : {&app.firmware, &app.fieldConfig, &app.factoryConfig}) {
            if (*f)
                files.append(**f);
        }
    }
    return files;
}

Status ClockReading::check() const
{
    if (!isKnown())
        return {};
    const qint64 skew = skewMs();
    if (qAbs(skew) <= maxSkewMs)
        return {};
    // 101 like the server's own refusal of such a record (clock_skew): one code
    // for one cause, whichever side notices it first.
    return makeError(ResultCode::ServerErrorResponse,
        QStringLiteral("this station's clock (%1) is %2 s %3 the server's (%4), more than the server's limit of "
                       "%5 s: no keys are made until the station's clock is set")
            .arg(stationTime.toUTC().toString(Qt::ISODate))
            .arg(QString::number(double(qAbs(skew)) / 1000.0, 'f', 1),
                skew < 0 ? QStringLiteral("behind") : QStringLiteral("ahead of"))
            .arg(serverTime.toUTC().toString(Qt::ISODate))
            .arg(double(maxSkewMs) / 1000.0),
        QStringLiteral("clock"));
}

QString Configuration::summary() const
{
    return QStringLiteral("%1 revision %2 (%3), %4 %5")
        .arg(configId.toString())
        .arg(revision)
        .arg(appLabel, nodeType, nodeVersionText);
}

} // namespace prov::engine
