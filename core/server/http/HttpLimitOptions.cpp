#include "server/http/HttpLimitOptions.h"

#include <QCommandLineParser>

#include <limits>

namespace prov::server::http {

namespace {
struct LimitOption
{
    const char *name;
    const char *help;
};

constexpr LimitOption kOptions[] = {
    {"max-header-bytes", "Largest request head (request line + headers); larger gets 431."},
    {"max-header-count", "Most header fields in a request; more gets 431."},
    {"max-body-bytes", "Largest JSON request body; larger gets 413."},
    {"max-upload-bytes", "Largest package upload (multipart body); larger gets 413."},
    {"header-timeout-ms", "Time a client has to send a request head (and a TLS handshake)."},
    {"idle-timeout-ms", "Time a kept-alive connection may wait for its next request."},
    {"transfer-window-ms", "Window over which body upload and response download rates are checked."},
    {"min-transfer-rate", "Bytes per second a client must at least send or read; slower ones are cut."},
    {"max-connections", "Most simultaneous client connections."},
    {"max-connections-per-address", "Most simultaneous connections from one address (IPv6: one /64)."},
};

qint64 *field(HttpLimits &limits, const QString &name, int **intField)
{
    *intField = nullptr;
    if (name == u"max-header-bytes")
        *intField = &limits.maxHeaderBytes;
    else if (name == u"max-header-count")
        *intField = &limits.maxHeaderCount;
    else if (name == u"header-timeout-ms")
        *intField = &limits.headerTimeoutMs;
    else if (name == u"idle-timeout-ms")
        *intField = &limits.idleTimeoutMs;
    else if (name == u"transfer-window-ms")
        *intField = &limits.transferWindowMs;
    else if (name == u"max-connections")
        *intField = &limits.maxConnections;
    else if (name == u"max-connections-per-address")
        *intField = &limits.maxConnectionsPerAddress;
    else if (name == u"max-body-bytes")
        return &limits.maxBodyBytes;
    else if (name == u"max-upload-bytes")
        return &limits.maxUploadBytes;
    else if (name == u"min-transfer-rate")
        return &limits.minTransferBytesPerSecond;
    return nullptr;
}
} // namespace

void addHttpLimitOptions(QCommandLineParser &parser)
{
    for (const LimitOption &option : kOptions)
        parser.addOption(QCommandLineOption(
            QString::fromLatin1(option.name), QString::fromLatin1(option.help), QStringLiteral("N")));
}

QStringList httpLimitOptionNames()
{
    QStringList names;
    for (const LimitOption &option : kOptions)
        names << QString::fromLatin1(option.name);
    return names;
}

Result<HttpLimits> httpLimitsFromParser(const QCommandLineParser &parser)
{
    HttpLimits limits;
    for (const LimitOption &option : kOptions) {
        const QString name = QString::fromLatin1(option.name);
        if (!parser.isSet(name))
            continue;
        bool ok = false;
        const qint64 value = parser.value(name).toLongLong(&ok);
        int *intField = nullptr;
        qint64 *wideField = field(limits, name, &intField);
        const qint64 max = intField ? std::numeric_limits<int>::max() : std::numeric_limits<qint64>::max();
        const qint64 min = name == u"min-transfer-rate" ? 0 : 1;
        if (!ok || value < min || value > max)
            return makeError(ResultCode::InvalidArguments,
                QStringLiteral("--%1 %2 is not a number from %3 to %4")
                    .arg(name, parser.value(name))
                    .arg(min)
                    .arg(max));
        if (intField)
            *intField = static_cast<int>(value);
        else if (wideField)
            *wideField = value;
    }
    return limits;
}

} // namespace prov::server::http
