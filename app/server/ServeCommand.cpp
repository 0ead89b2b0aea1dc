#include "ServeCommand.h"

#include "CommandSupport.h"
#include "PackageLimitOptions.h"

#include "server/ServerInfo.h"
#include "server/ServerLog.h"
#include "server/http/ApiServer.h"
#include "server/http/GroupCommitWriter.h"
#include "server/http/HttpLimitOptions.h"
#include "server/http/HttpServer.h"
#include "server/http/ServerCertificate.h"
#include "server/http/TlsSetup.h"
#include "server/store/SharedFolder.h"
#include "support/ShutdownSignals.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QTimer>

namespace prov::server {

namespace {

constexpr int kShutdownWaitMs = 10000;

struct ListenAddress
{
    QHostAddress address;
    quint16 port = 0;
};

/// "ADDR:PORT", "[v6]:PORT" or ":PORT" (all addresses).
Result<ListenAddress> parseListen(const QString &text)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    bool ok = false;
    const uint port = colon < 0 ? 0 : text.mid(colon + 1).toUInt(&ok);
    QString host = colon < 0 ? QString() : text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    ListenAddress listen;
    listen.address = host.isEmpty() ? QHostAddress(QHostAddress::Any) : QHostAddress(host);
    if (!ok || port > 65535 || listen.address.isNull())
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("--listen %1 is not ADDRESS:PORT (e.g. 0.0.0.0:8085, 127.0.0.1:0, [::1]:8085)").arg(text));
    listen.port = static_cast<quint16>(port);
    return listen;
}

QString hostForUrl(const QHostAddress &address)
{
    return address.protocol() == QAbstractSocket::IPv6Protocol
        ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
        : address.toString();
}

Result<QStringList> parse(QCommandLineParser &parser, const QString &command, const QStringList &arguments)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    if (!parser.parse(QStringList {command} + arguments))
        return makeError(ResultCode::InvalidArguments, parser.errorText());
    return parser.positionalArguments();
}

void addServeOptions(QCommandLineParser &parser)
{
    parser.addOption(QCommandLineOption(QStringLiteral("listen"),
        QStringLiteral("Address and port (default 0.0.0.0:8085; port 0 picks one)."), QStringLiteral("ADDR:PORT"),
        QStringLiteral("0.0.0.0:8085")));
    parser.addOption(QCommandLineOption(
        QStringLiteral("tls-cert"), QStringLiteral("PEM certificate (chain) for HTTPS."), QStringLiteral("FILE")));
    parser.addOption(QCommandLineOption(
        QStringLiteral("tls-key"), QStringLiteral("Unencrypted PEM private key for HTTPS."), QStringLiteral("FILE")));
    parser.addOption(
        QCommandLineOption(QStringLiteral("insecure-http"), QStringLiteral("Plain HTTP instead of HTTPS.")));
    parser.addOption(QCommandLineOption(QStringLiteral("max-clock-skew"),
        QStringLiteral("How far a station's clock may be from this server's before its escrow records are "
                       "refused and it stops making keys (default 300)."),
        QStringLiteral("SECONDS"), QString::number(http::ApiContext::kDefaultMaxClockSkewMs / 1000)));
    parser.addOption(QCommandLineOption(QStringLiteral("shared-folder"),
        QStringLiteral("Publish the package files into DIR (DIR/ab/SHA-256) for stations that read them from a "
                       "file share; configurations then name each file's path there (sharedPath)."),
        QStringLiteral("DIR")));
    http::addHttpLimitOptions(parser);
    addPackageLimitOptions(parser);
}

/// The certificate and key to serve with: the given pair, or the data
/// directory's own (made at the first start).
Result<QSslConfiguration> tlsConfiguration(const ServeSettings &settings, const QString &dataDir, QString *certPath)
{
    if (!settings.certPath.isEmpty()) {
        *certPath = settings.certPath;
        return http::loadTlsConfiguration(settings.certPath, settings.keyPath);
    }
    auto own = http::ensureServerCertificate(dataDir, settings.address);
    if (!own)
        return own.error();
    if (own->created)
        printLine(QStringLiteral("made a TLS key and self-signed certificate: %1").arg(own->certPath));
    *certPath = own->certPath;
    return http::loadTlsConfiguration(own->certPath, own->keyPath);
}

} // namespace

const QStringList &serveOptionNames()
{
    static const QStringList names
        = QStringList {QStringLiteral("listen"), QStringLiteral("tls-cert"), QStringLiteral("tls-key"),
              QStringLiteral("insecure-http"), QStringLiteral("max-clock-skew"), QStringLiteral("shared-folder")}
        + http::httpLimitOptionNames() + packageLimitOptionNames();
    return names;
}

Result<ServeSettings> parseServeArguments(const QStringList &arguments)
{
    QCommandLineParser parser;
    addServeOptions(parser);
    const auto positional = parse(parser, QStringLiteral("provstation-server"), arguments);
    if (!positional)
        return positional.error();
    if (!positional->isEmpty())
        return makeError(
            ResultCode::InvalidArguments, QStringLiteral("unexpected argument '%1'").arg(positional->first()));
    const auto listen = parseListen(parser.value(QStringLiteral("listen")));
    if (!listen)
        return listen.error();
    const auto limits = http::httpLimitsFromParser(parser);
    if (!limits)
        return limits.error();
    const auto packageLimits = packageLimitsFromParser(parser);
    if (!packageLimits)
        return packageLimits.error();
    bool skewOk = false;
    const int maxClockSkew = parser.value(QStringLiteral("max-clock-skew")).toInt(&skewOk);
    if (!skewOk || maxClockSkew < 1 || maxClockSkew > 86400)
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("--max-clock-skew %1 is not a number of seconds from 1 to 86400")
                .arg(parser.value(QStringLiteral("max-clock-skew"))));
    ServeSettings settings;
    settings.address = listen->address;
    settings.port = listen->port;
    settings.limits = limits.value();
    settings.packageLimits = packageLimits.value();
    settings.certPath = parser.value(QStringLiteral("tls-cert"));
    settings.keyPath = parser.value(QStringLiteral("tls-key"));
    settings.insecureHttp = parser.isSet(QStringLiteral("insecure-http"));
    settings.maxClockSkewMs = qint64(maxClockSkew) * 1000;
    settings.sharedFolder = parser.value(QStringLiteral("shared-folder"));
    return settings;
}

int runServe(const ServeOptions &options)
{
    const auto settings = parseServeArguments(options.arguments);
    if (!settings)
        return fail(settings.error());
    if (settings->certPath.isEmpty() != settings->keyPath.isEmpty())
        return fail(makeError(ResultCode::InvalidArguments, QStringLiteral("--tls-cert and --tls-key go together")));
    if (settings->insecureHttp && !settings->certPath.isEmpty())
        return fail(makeError(
            ResultCode::InvalidArguments, QStringLiteral("--insecure-http and --tls-cert exclude each other")));

    // Before anything is announced: a SIGTERM from then on is a clean stop.
    ShutdownSignals signals_;
    auto store = openStore(GlobalOptions {{}, options.dataDir, options.databaseUrl, {}});
    if (!store)
        return fail(store.error());
    ServerStore &services = *store.value();
    const auto masterKey = services.masterKey();
    if (!masterKey)
        return fail(masterKey.error());
    std::optional<QSslConfiguration> tls;
    QString certPath;
    if (!settings->insecureHttp) {
        auto loaded = tlsConfiguration(settings.value(), services.dataDir(), &certPath);
        if (!loaded)
            return fail(loaded.error());
        tls = loaded.value();
    }
    const auto pins = tls ? http::computeTlsPins(certPath) : Result<http::TlsPins>(http::TlsPins());
    if (!pins)
        return fail(pins.error());
    printLine(QStringLiteral("provstation-server %1, data in %2, database %3")
                  .arg(serverVersion(), services.dataDir(),
                      services.database().isPostgres() ? QStringLiteral("PostgreSQL") : QStringLiteral("SQLite")));
    printLine(QStringLiteral("master key: %1").arg(masterKey.value()->describe()));
    const ScratchCleanup &cleanup = services.scratchCleanup();
    if (!cleanup.removed.isEmpty())
        printLine(QStringLiteral("removed %1 leftover(s) of an interrupted import: %2")
                      .arg(cleanup.removed.size())
                      .arg(cleanup.removed.join(QStringLiteral(", "))));
    else if (!cleanup.cleaned)
        printLine(
            QStringLiteral("scratch folder %1/tmp in use by another process: not cleaned").arg(services.dataDir()));
    const auto setupCode = services.tokens().ensureSetupCode(masterKey.value()->key());
    if (!setupCode)
        return fail(setupCode.error());
    if (setupCode->has_value()) {
        printLine(QStringLiteral("no admin yet: setup code %1").arg(**setupCode));
        printLine(QStringLiteral("  (create the first admin with it in server mode's window or POST /api/v1/setup, "
                                 "or run `provstation-server user add NAME --role admin`)"));
    }

    if (services.adoptedFiles() > 0)
        printLine(QStringLiteral("moved %1 package file(s) from %2/files into the database, where every server "
                                 "sharing it reads them")
                      .arg(services.adoptedFiles())
                      .arg(services.dataDir()));
    printLine(QStringLiteral("package files: %1").arg(services.content().describe()));
    std::optional<SharedFolder> sharedFolder;
    if (!settings->sharedFolder.isEmpty()) {
        sharedFolder.emplace(services.content(), settings->sharedFolder);
        const auto published = sharedFolder->publishAll(services.database());
        if (!published)
            return fail(published.error());
        printLine(QStringLiteral("shared folder: %1 (%2 file(s) published now)")
                      .arg(sharedFolder->root())
                      .arg(published.value()));
    }

    http::ApiContext context;
    context.sharedFolder = sharedFolder ? &*sharedFolder : nullptr;
    context.store = &services;
    context.limits = settings->limits;
    context.packageLimits = settings->packageLimits;
    context.dataDir = services.dataDir();
    context.tls = tls.has_value();
    if (tls)
        context.tlsCertificate = tls->localCertificate();
    context.maxClockSkewMs = settings->maxClockSkewMs;
    http::ApiServer api(context);
    http::HttpServer server(&api.router(), settings->limits);
    if (tls)
        server.setTlsConfiguration(*tls);
    if (!server.listen(settings->address, settings->port))
        return fail(makeError(ResultCode::InvalidArguments,
            QStringLiteral("cannot listen on %1:%2: %3")
                .arg(hostForUrl(settings->address))
                .arg(settings->port)
                .arg(server.errorString())));
    // The pin first: whoever waits for the listening line has it then.
    if (tls)
        printLine(QStringLiteral("pin: %1").arg(pins->spki.toString()));
    else
        qCWarning(lcServer).noquote() << "plain HTTP (--insecure-http): passwords, tokens and keys cross the network"
                                         " readable by anyone on it; gateway keys go to this host only";
    printLine(QStringLiteral("listening on %1://%2:%3")
                  .arg(tls ? QStringLiteral("https") : QStringLiteral("http"), hostForUrl(server.serverAddress()))
                  .arg(server.serverPort()));

    QObject::connect(&signals_, &ShutdownSignals::shutdownRequested, &server, [&server](int) {
        printLine(QStringLiteral("stopping: finishing %1 connection(s)").arg(server.connectionCount()));
        server.shutdown();
        // Bounded: a client that never finishes does not keep the server up.
        QTimer::singleShot(kShutdownWaitMs, qApp, [] { QCoreApplication::exit(0); });
    });
    QObject::connect(&server, &http::HttpServer::drained, qApp, [] { QCoreApplication::exit(0); });
    const int code = QCoreApplication::exec();
    const auto stats = api.escrowWriter().stats();
    if (stats.jobs > 0)
        printLine(QStringLiteral("escrow writer: %1 writes in %2 group commits (largest %3)")
                      .arg(stats.jobs)
                      .arg(stats.batches)
                      .arg(stats.largestBatch));
    printLine(QStringLiteral("stopped"));
    return code;
}

int runTlsPin(const ServeOptions &options)
{
    QCommandLineParser parser;
    parser.addOption(
        QCommandLineOption(QStringLiteral("tls-cert"), QStringLiteral("PEM certificate"), QStringLiteral("FILE")));
    const auto positional = parse(parser, QStringLiteral("tls-pin"), options.arguments);
    if (!positional)
        return fail(positional.error());
    // A certificate named here wins over one from the config file (an option before it).
    QString cert = positional->size() == 1 ? positional->first() : parser.value(QStringLiteral("tls-cert"));
    if (cert.isEmpty()) {
        cert = http::serverCertificatePath(options.dataDir);
        if (!QFileInfo::exists(cert))
            return fail(makeError(ResultCode::InvalidArguments,
                QStringLiteral("no certificate at %1 yet: start provstation-server once to make it, or name one "
                               "with --tls-cert FILE")
                    .arg(cert)));
    }
    const auto pins = http::computeTlsPins(cert);
    if (!pins)
        return fail(pins.error());
    printLine(QStringLiteral("sha256-spki: %1").arg(pins->spki.toString()));
    printLine(QStringLiteral("sha256-cert: %1").arg(pins->certificate.toString()));
    printLine(QStringLiteral("subject: %1").arg(pins->subject));
    printLine(QStringLiteral("expires: %1").arg(pins->expiresAt.toString(Qt::ISODate)));
    return 0;
}

} // namespace prov::server
