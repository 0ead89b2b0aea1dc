#include "CliRunner.h"

#include "Credentials.h"

#include "engine/Engine.h"
#include "engine/MeterDetector.h"
#include "engine/SettingKeys.h"

#include <QDir>
#include <QJsonDocument>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <optional>

using namespace prov;
using namespace prov::engine;

namespace {

constexpr int kBackgroundSyncMs = 60000;
constexpr int kFinalSyncWaitMs = 10000;

void printLine(FILE *stream, const QString &line)
{
    const QByteArray bytes = line.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

} // namespace

CliRunner::CliRunner(CliOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{ }

CliRunner::~CliRunner() = default;

void CliRunner::fail(const Error &error)
{
    printLine(stderr, ResultCatalogue::errorLine(error.code, error.toString()));
    emit finished(int(error.code));
}

StationRuntime::Settings CliRunner::runtimeSettings() const
{
    StationRuntime::Settings s;
    s.dataDir = m_options.dataDir;
    s.runLogDir = m_options.run.runLogDir;
    s.stationName = m_options.run.stationName; // empty: host:port, one name per port
    s.gatewayHost = m_options.run.gatewayHost;
    s.gatewayPort = m_options.run.gatewayPort;
    s.joinTimeoutS = m_options.run.joinTimeoutS;
    s.pluginDir = m_options.pluginDir;
    s.engineThreads = m_options.threads > 0 ? m_options.threads : qMin(4, int(m_options.devices.size()));
    return s;
}

RunRequest CliRunner::request(int index) const
{
    RunRequest r;
    r.slot = index;
    r.meter = m_options.meter;
    r.options = m_options.run;
    r.options.port = m_options.devices.value(index);
    // --set: a setting the meter does not have is an error; one not given is the engine's default.
    r.settings = m_options.run.settings;
    return r;
}

Status CliRunner::usableMeter(int index, const PluginDescription &plugin) const
{
    RunRequest r = request(index);
    r.meter = plugin.id;
    if (const Result<RunOptions> checked = m_runtime->runOptions(r); !checked.ok())
        return checked.error();
    return {};
}

void CliRunner::start()
{
    m_runtime = std::make_unique<StationRuntime>(runtimeSettings());
    const bool needsPlugins = m_options.mode == CliOptions::Mode::Run || m_options.mode == CliOptions::Mode::ListMeters
        || m_options.mode == CliOptions::Mode::DescribeMeter;
    if (needsPlugins)
        m_runtime->loadPlugins();
    const PluginRegistry &plugins = m_runtime->plugins();
    if (m_options.mode == CliOptions::Mode::ListMeters) {
        for (const QString &id : plugins.ids()) {
            const PluginDescription *d = plugins.find(id);
            printLine(stdout,
                QStringLiteral("%1\t%2\t%3\t%4")
                    .arg(d->id, d->family, d->models.join(QLatin1Char(',')),
                        d->operationNames().join(QLatin1Char(','))));
        }
        return emit finished(0);
    }
    if (m_options.mode == CliOptions::Mode::DescribeMeter) {
        const Result<const PluginDescription *> plugin = m_runtime->meter(m_options.meter);
        if (!plugin.ok())
            return fail(plugin.error());
        printLine(stdout,
            QString::fromUtf8(QJsonDocument(plugin.value()->toJson()).toJson(QJsonDocument::Indented)).trimmed());
        return emit finished(0);
    }
    // Meter, operation and settings are checked before the credential: a
    // typo is exit 3 whether or not a token is at hand. Without --meter the
    // device says what it is (detectMeters) once the ports may be opened.
    if (m_options.mode == CliOptions::Mode::Run && !m_options.meter.isEmpty()) {
        if (const Result<RunOptions> checked = m_runtime->runOptions(request(0)); !checked.ok())
            return fail(checked.error());
    }
    // The credential comes before any port is opened: no token, no device touched.
    auto *credentials = new Credentials(this);
    credentials->find(m_options.tokenFile, [this, credentials](const Result<QByteArray> &token) {
        credentials->deleteLater();
        if (!token.ok())
            return fail(token.error());
        startWithToken(token.value());
    });
}

void CliRunner::startWithToken(const QByteArray &token)
{
    ServerEndpoint endpoint;
    endpoint.baseUrl = m_options.serverUrl;
    endpoint.token = token;
    endpoint.pins = m_options.pins;
    endpoint.pathTranslateFrom = m_options.pathTranslateFrom;
    endpoint.pathTranslateTo = m_options.pathTranslateTo;
    if (const Status opened = m_runtime->openServices(endpoint); !opened.ok())
        return fail(opened.error());
    if (m_options.mode == CliOptions::Mode::FlushOutbox)
        return flushOutbox();
    runStations();
}

void CliRunner::flushOutbox()
{
    connect(m_runtime.get(), &StationRuntime::syncPassFinished, this, [this](const EscrowSync::PassResult &pass) {
        const QString where = QDir::toNativeSeparators(m_runtime->outboxPath());
        if (pass.remaining == 0) {
            printLine(
                stdout, QStringLiteral("outbox %1: %2 escrow record(s) sent, none left").arg(where).arg(pass.sent));
            return emit finished(0);
        }
        if (pass.error) {
            Error e = *pass.error;
            e.message = QStringLiteral("%1 escrow record(s) still in the outbox %2 (%3 sent): %4")
                            .arg(pass.remaining)
                            .arg(where)
                            .arg(pass.sent)
                            .arg(e.message);
            return fail(e);
        }
        fail(makeError(ResultCode::UnknownError,
            QStringLiteral(
                "%1 escrow record(s) in the outbox %2 belong to runs still in progress; flush again when they end")
                .arg(pass.remaining)
                .arg(where)));
    });
    m_runtime->syncNow();
}

void CliRunner::runStations()
{
    Engine *engine = m_runtime->openEngine();
    if (m_stepBoundary) {
        RunServices services = engine->services();
        services.stepBoundary = m_stepBoundary;
        engine->setServices(services);
    }
    connect(engine, &Engine::runFinished, this, &CliRunner::runFinished);
    connect(engine, &Engine::allFinished, this, &CliRunner::allFinished);
    m_codes = QList<int>(m_options.devices.size(), -1);
    // Records a crashed run left behind go out while these ports work.
    m_runtime->startBackgroundSync(kBackgroundSyncMs);
    m_runtime->startHeartbeat([this] {
        return QJsonObject {{QStringLiteral("slots"), int(m_options.devices.size())},
            {QStringLiteral("configuration"), m_options.run.config.toString()},
            {QStringLiteral("batch"), qint64(m_options.run.batch.value())}};
    });
    if (m_options.meter.isEmpty())
        return detectMeters();
    startPorts(QList<MeterChoice>(m_options.devices.size(),
        MeterChoice {m_runtime->meter(m_options.meter).value(), QStringLiteral("chosen with --meter")}));
}

void CliRunner::startPorts(const QList<MeterChoice> &choices)
{
    for (int i = 0; i < int(m_options.devices.size()); ++i) {
        RunRequest r = request(i);
        r.meter = choices.at(i).plugin->id;
        r.options.meterChoice = choices.at(i).reason;
        // Checked before the credential (or at detection); only the port differs.
        if (const Status started = m_runtime->startRun(r); !started.ok())
            return fail(started.error());
    }
}

void CliRunner::detectMeters()
{
    // Each port's device at once; the runs start when every port has answered.
    transport::WrapperOptions wrapper;
    wrapper.psemPassword = m_options.run.settings.value(QLatin1String(SettingKeys::kPsemPassword)).toByteArray();
    if (const QVariant user = m_options.run.settings.value(QLatin1String(SettingKeys::kPsemUserId)); user.isValid())
        wrapper.psemUserId = quint16(user.toUInt());
    const QList<LinkSetting> links = detectionLinks(m_runtime->plugins(), m_options.run);
    auto results = std::make_shared<QList<std::optional<Result<DeviceReport>>>>(m_options.devices.size());
    for (qsizetype i = 0; i < m_options.devices.size(); ++i) {
        auto *detector = new MeterDetector(m_options.devices.at(i), links, wrapper, this);
        detector->start([this, detector, results, i](const Result<DeviceReport> &report) {
            detector->deleteLater();
            (*results)[i] = report;
            if (std::any_of(results->cbegin(), results->cend(), [](const auto &r) { return !r.has_value(); }))
                return;
            QList<MeterChoice> choices;
            std::optional<Error> first;
            for (int port = 0; port < int(results->size()); ++port) {
                const Result<DeviceReport> &result = *results->at(port);
                Result<MeterChoice> choice = result.ok()
                    ? chooseMeter(result.value(), m_runtime->plugins(), m_options.defaultMeter)
                    : Result<MeterChoice>(result.error());
                Status usable = choice.ok() ? Status(usableMeter(port, *choice->plugin)) : Status(choice.error());
                if (!usable.ok()) {
                    printLine(stderr, ResultCatalogue::errorLine(usable.error().code, usable.error().toString()));
                    first = first.value_or(usable.error());
                    continue;
                }
                choices.append(choice.value());
            }
            if (first)
                return emit finished(int(first->code));
            startPorts(choices);
        });
    }
}

void CliRunner::runFinished(const RunSnapshot &s)
{
    m_codes[s.slot] = s.resultCode;
    if (s.resultCode == 0) {
        printLine(stdout, QStringLiteral("%1: 0 success \u2014 %2").arg(s.port, s.message));
        return;
    }
    QString detail = s.message;
    if (!detail.contains(s.port))
        detail = QStringLiteral("port %1: %2").arg(s.port, detail);
    // A failure that names its own remedy keeps the contract's line format
    // with that remedy in place of the code's catalogue actions.
    const QString line = s.action.isEmpty()
        ? ResultCatalogue::errorLine(ResultCode(s.resultCode), detail)
        : QStringLiteral("error %1: %2 \u2014 %3").arg(s.resultCode).arg(detail, s.action);
    printLine(stderr, line);
}

void CliRunner::allFinished()
{
    int code = 0;
    for (int c : std::as_const(m_codes)) {
        if (c != 0) {
            code = c < 0 ? int(ResultCode::InternalError) : c;
            break;
        }
    }
    // Let a background pass that is sending records finish (bounded).
    if (!m_runtime->sync()->isRunning())
        return emit finished(code);
    connect(m_runtime.get(), &StationRuntime::syncPassFinished, this, [this, code] { emit finished(code); });
    QTimer::singleShot(kFinalSyncWaitMs, this, [this, code] { emit finished(code); });
}
