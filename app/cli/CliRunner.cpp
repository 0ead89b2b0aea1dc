#include "CliRunner.h"

#include "Credentials.h"

#include "engine/Engine.h"
#include "engine/EngineSettings.h"
#include "engine/EscrowSync.h"
#include "engine/FileCache.h"
#include "engine/KeyOutbox.h"
#include "engine/MeterDetector.h"
#include "engine/ServerClient.h"

#include <QCoreApplication>
#include <QDir>
#include <QHostInfo>
#include <QJsonDocument>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <optional>

using namespace prov;
using namespace prov::engine;

namespace {

constexpr int kBackgroundSyncMs = 60000;
constexpr int kProgressSnapshotMs = 1000;
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

// The engine goes first: its stations use the services below it.
CliRunner::~CliRunner()
{
    m_engine.reset();
    m_sync.reset();
    m_files.reset();
    m_server.reset();
    m_outbox.reset();
}

void CliRunner::fail(const Error &error)
{
    printLine(stderr, ResultCatalogue::errorLine(error.code, error.toString()));
    emit finished(int(error.code));
}

Status CliRunner::checkPlugin(const PluginDescription &plugin)
{
    if (!plugin.operation(m_options.run.operation))
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("meter %1 has no %2 operation (it has %3)")
                .arg(plugin.id, operationName(m_options.run.operation),
                    plugin.operationNames().join(QStringLiteral(", "))));
    return prepareSettings(plugin);
}

Status CliRunner::prepareSettings(const PluginDescription &plugin)
{
    // Command-line values are text; the schema says what they are.
    QVariantMap typed;
    for (auto it = m_options.run.settings.cbegin(); it != m_options.run.settings.cend(); ++it) {
        const SettingSpec *spec = plugin.setting(it.key());
        if (!spec)
            return makeError(ResultCode::InvalidArguments,
                QStringLiteral("--set %1: meter %2 has no such setting").arg(it.key(), plugin.id));
        QVariant value = it.value();
        if (spec->type == SettingSpec::Type::Bool) {
            const QString t = value.toString().toLower();
            if (t == QLatin1String("true") || t == QLatin1String("1") || t == QLatin1String("yes"))
                value = true;
            else if (t == QLatin1String("false") || t == QLatin1String("0") || t == QLatin1String("no"))
                value = false;
        }
        if (const Status s = spec->check(value); !s.ok())
            return s;
        typed.insert(it.key(), value);
    }
    m_options.run.settings = typed;
    return {};
}

void CliRunner::start()
{
    const bool needsPlugins = m_options.mode == CliOptions::Mode::Run || m_options.mode == CliOptions::Mode::ListMeters
        || m_options.mode == CliOptions::Mode::DescribeMeter;
    if (needsPlugins) {
        const QString dir = m_options.pluginDir.isEmpty() ? PluginRegistry::defaultDirectory() : m_options.pluginDir;
        m_plugins.loadDirectory(dir);
        for (const Error &refusal : m_plugins.refusals())
            qWarning().noquote() << refusal.toString();
    }
    if (m_options.mode == CliOptions::Mode::ListMeters) {
        for (const QString &id : m_plugins.ids()) {
            const PluginDescription *d = m_plugins.find(id);
            printLine(stdout,
                QStringLiteral("%1\t%2\t%3\t%4")
                    .arg(d->id, d->family, d->models.join(QLatin1Char(',')),
                        d->operationNames().join(QLatin1Char(','))));
        }
        return emit finished(0);
    }
    // Without --meter, a run asks each port's device what it is (detectMeters).
    const bool detect = m_options.mode == CliOptions::Mode::Run && m_options.meter.isEmpty();
    if (needsPlugins && !detect) {
        m_plugin = m_plugins.find(m_options.meter);
        if (!m_plugin)
            return fail(makeError(ResultCode::InvalidArguments,
                QStringLiteral("unknown meter \"%1\" (found: %2)")
                    .arg(m_options.meter,
                        m_plugins.ids().isEmpty() ? QStringLiteral("no plugins")
                                                  : m_plugins.ids().join(QStringLiteral(", ")))));
    }
    if (m_options.mode == CliOptions::Mode::DescribeMeter) {
        printLine(
            stdout, QString::fromUtf8(QJsonDocument(m_plugin->toJson()).toJson(QJsonDocument::Indented)).trimmed());
        return emit finished(0);
    }
    if (m_options.mode == CliOptions::Mode::Run && m_plugin) {
        if (const Status s = checkPlugin(*m_plugin); !s.ok())
            return fail(s.error());
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
    Result<std::unique_ptr<KeyOutbox>> outbox = KeyOutbox::open(m_options.dataDir);
    if (!outbox.ok())
        return fail(outbox.error());
    m_outbox = std::move(outbox).value();
    ServerEndpoint endpoint;
    endpoint.baseUrl = m_options.serverUrl;
    endpoint.token = token;
    endpoint.pins = m_options.pins;
    endpoint.pathTranslateFrom = m_options.pathTranslateFrom;
    endpoint.pathTranslateTo = m_options.pathTranslateTo;
    m_server = std::make_unique<ServerClient>(endpoint);
    m_files = std::make_unique<FileCache>(QDir(m_options.dataDir).filePath(QStringLiteral("cache")), m_server.get());
    m_sync = std::make_unique<EscrowSync>(m_outbox.get(), m_server.get());
    if (m_options.mode == CliOptions::Mode::FlushOutbox)
        return flushOutbox();
    runStations();
}

void CliRunner::flushOutbox()
{
    connect(m_sync.get(), &EscrowSync::passFinished, this, [this](const EscrowSync::PassResult &pass) {
        const QString where = QDir::toNativeSeparators(m_outbox->filePath());
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
    m_sync->syncNow();
}

void CliRunner::runStations()
{
    StationServices services {m_server.get(), m_files.get(), m_outbox.get()};
    m_engine = std::make_unique<Engine>(
        services, m_options.threads > 0 ? m_options.threads : qMin(4, int(m_options.devices.size())));
    // Nothing here shows a run's progress (the run log has the steps, the
    // exit code the result): a second's progress snapshots are plenty.
    m_engine->setProgressInterval(kProgressSnapshotMs);
    connect(m_engine.get(), &Engine::stationFinished, this, &CliRunner::stationFinished);
    connect(m_engine.get(), &Engine::allFinished, this, &CliRunner::allFinished);
    m_codes = QList<int>(m_options.devices.size(), -1);
    // Records a crashed run left behind go out while these ports work.
    m_sync->startBackground(kBackgroundSyncMs);
    if (!m_plugin)
        return detectMeters();
    startPorts(
        QList<MeterChoice>(m_options.devices.size(), MeterChoice {m_plugin, QStringLiteral("chosen with --meter")}));
}

void CliRunner::startPorts(const QList<MeterChoice> &choices)
{
    for (qsizetype i = 0; i < m_options.devices.size(); ++i) {
        RunOptions run = m_options.run;
        run.port = m_options.devices.at(i);
        run.meterChoice = choices.at(i).reason;
        if (run.stationName.isEmpty())
            run.stationName = QStringLiteral("%1:%2").arg(QHostInfo::localHostName(), run.port);
        m_engine->addStation(*choices.at(i).plugin, run);
    }
    m_engine->startAll();
}

void CliRunner::detectMeters()
{
    // Each port's device at once; the runs start when every port has answered.
    transport::WrapperOptions wrapper;
    wrapper.psemPassword = m_options.run.settings.value(QLatin1String(EngineSettings::kPsemPassword)).toByteArray();
    if (const QVariant user = m_options.run.settings.value(QLatin1String(EngineSettings::kPsemUserId)); user.isValid())
        wrapper.psemUserId = quint16(user.toUInt());
    const QList<LinkSetting> links = detectionLinks(m_plugins, m_options.run);
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
            for (const std::optional<Result<DeviceReport>> &answer : std::as_const(*results)) {
                const Result<DeviceReport> &result = *answer;
                Result<MeterChoice> choice = result.ok()
                    ? chooseMeter(result.value(), m_plugins, m_options.defaultMeter)
                    : Result<MeterChoice>(result.error());
                Status usable = choice.ok() ? checkPlugin(*choice->plugin) : Status(choice.error());
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

void CliRunner::stationFinished(const StationSnapshot &s)
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
    if (!m_sync->isRunning())
        return emit finished(code);
    connect(m_sync.get(), &EscrowSync::passFinished, this, [this, code] { emit finished(code); });
    QTimer::singleShot(kFinalSyncWaitMs, this, [this, code] { emit finished(code); });
}
