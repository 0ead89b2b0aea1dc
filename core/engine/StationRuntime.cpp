#include "engine/StationRuntime.h"

#include "engine/Engine.h"
#include "engine/EngineLog.h"
#include "engine/FileCache.h"
#include "engine/KeyOutbox.h"
#include "engine/PluginSettings.h"
#include "engine/ServerClient.h"

#include <QDateTime>
#include <QDir>
#include <QHostInfo>
#include <QJsonObject>

namespace prov::engine {

StationRuntime::StationRuntime(Settings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
{
    if (m_settings.runLogDir.isEmpty() && !m_settings.dataDir.isEmpty())
        m_settings.runLogDir = QDir(m_settings.dataDir).filePath(QStringLiteral("runlogs"));
}

StationRuntime::~StationRuntime()
{
    m_heartbeat.reset();
    m_engine.reset();
    if (m_servicesContext) {
        destroyServices();
        onServicesThread([this] { delete m_servicesContext; });
        m_servicesContext = nullptr;
    }
    if (m_thread.isRunning()) {
        m_thread.quit();
        m_thread.wait();
    }
    m_outbox.reset();
}

void StationRuntime::setSettings(Settings settings)
{
    settings.dataDir = m_settings.dataDir;
    settings.pluginDir = m_settings.pluginDir;
    settings.engineThreads = m_settings.engineThreads;
    settings.servicesThread = m_settings.servicesThread;
    if (settings.runLogDir.isEmpty())
        settings.runLogDir = m_settings.runLogDir;
    m_settings = std::move(settings);
}

QString StationRuntime::pluginDirectory() const
{
    return m_settings.pluginDir.isEmpty() ? PluginRegistry::defaultDirectory() : m_settings.pluginDir;
}

void StationRuntime::loadPlugins()
{
    m_plugins.loadDirectory(pluginDirectory());
    for (const Error &refusal : m_plugins.refusals())
        qCWarning(lcEngine).noquote() << refusal.toString();
}

Result<const PluginDescription *> StationRuntime::meter(const QString &id) const
{
    if (const PluginDescription *plugin = m_plugins.find(id))
        return plugin;
    const QStringList ids = m_plugins.ids();
    return makeError(ResultCode::InvalidArguments,
        QStringLiteral("unknown meter \"%1\" (found: %2)")
            .arg(id, ids.isEmpty() ? QStringLiteral("no plugins") : ids.join(QStringLiteral(", "))));
}

void StationRuntime::onServicesThread(const std::function<void()> &work)
{
    if (m_servicesContext->thread() == QThread::currentThread())
        work();
    else
        QMetaObject::invokeMethod(m_servicesContext, work, Qt::BlockingQueuedConnection);
}

Status StationRuntime::openServices(const ServerEndpoint &endpoint)
{
    if (m_servicesContext)
        return {};
    Result<std::unique_ptr<KeyOutbox>> outbox = KeyOutbox::open(m_settings.dataDir);
    if (!outbox.ok())
        return outbox.error();
    m_outbox = std::move(outbox).value();
    // Made where they live, so their timers and network manager belong to that thread.
    m_servicesContext = new QObject;
    if (m_settings.servicesThread) {
        m_thread.setObjectName(QStringLiteral("engine-services"));
        m_thread.start();
        m_servicesContext->moveToThread(&m_thread);
    }
    createServices(endpoint);
    return {};
}

void StationRuntime::createServices(const ServerEndpoint &endpoint)
{
    onServicesThread([this, endpoint] {
        m_server = new ServerClient(endpoint);
        m_files = new FileCache(QDir(m_settings.dataDir).filePath(QStringLiteral("cache")), m_server);
        m_sync = new EscrowSync(m_outbox.get(), m_server);
    });
    connect(m_sync, &EscrowSync::passFinished, this, &StationRuntime::syncPassFinished);
}

void StationRuntime::destroyServices()
{
    onServicesThread([this] {
        delete m_sync;
        delete m_files;
        delete m_server;
    });
    m_sync = nullptr;
    m_files = nullptr;
    m_server = nullptr;
}

Engine *StationRuntime::openEngine()
{
    if (!m_engine && m_servicesContext) {
        m_engine
            = std::make_unique<Engine>(RunServices {m_server, m_files, m_outbox.get(), {}}, m_settings.engineThreads);
        m_engine->setProgressInterval(kProgressIntervalMs);
    }
    return m_engine.get();
}

void StationRuntime::switchServer(const ServerEndpoint &endpoint)
{
    if (!m_servicesContext || (m_engine && m_engine->anyRunning()))
        return;
    // No station runs: nothing uses the old client, cache or replay any more.
    destroyServices();
    createServices(endpoint);
    if (m_engine) {
        RunServices services = m_engine->services(); // keeps a step-boundary observer
        services.server = m_server;
        services.files = m_files;
        services.outbox = m_outbox.get();
        m_engine->setServices(services);
    }
}

void StationRuntime::startBackgroundSync(int intervalMs)
{
    if (m_sync)
        QMetaObject::invokeMethod(m_sync, [sync = m_sync, intervalMs] { sync->startBackground(intervalMs); });
}

void StationRuntime::syncNow()
{
    if (m_sync)
        QMetaObject::invokeMethod(m_sync, [sync = m_sync] { sync->syncNow(); });
}

void StationRuntime::startHeartbeat(StationHeartbeat::Activity activity, int intervalMs)
{
    auto withRuns = [this, activity = std::move(activity)] {
        QJsonObject body = activity ? activity() : QJsonObject();
        QJsonObject operations;
        int running = 0;
        if (m_engine) {
            const RunModel *model = m_engine->model();
            for (int row = 0; row < model->rowCount(); ++row) {
                const RunSnapshot s = model->snapshotAt(row);
                if (!m_engine->isRunning(s.slot))
                    continue;
                ++running;
                operations.insert(s.operation, operations.value(s.operation).toInt() + 1);
            }
        }
        body.insert(QStringLiteral("running"), running);
        body.insert(QStringLiteral("operations"), operations);
        if (body.value(QStringLiteral("slots")).toInt() < running)
            body.insert(QStringLiteral("slots"), running);
        return body;
    };
    m_heartbeat = std::make_unique<StationHeartbeat>([this] { return m_server; }, std::move(withRuns));
    m_heartbeat->start(intervalMs);
}

void StationRuntime::rejectRun(const QUuid &runId, const QString &by)
{
    if (!m_outbox || !m_server || runId.isNull())
        return;
    const PendingRun pending {runId, QString::fromLatin1(KeyOutbox::kRejectKind),
        QJsonObject {{QStringLiteral("rejectedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
            {QStringLiteral("rejectedBy"), by}}};
    if (const Status kept = m_outbox->putRun(pending); !kept.ok())
        qCWarning(lcEngine).noquote() << "rejection of run" << runId.toString(QUuid::WithoutBraces)
                                      << "not kept in the outbox:" << kept.error().toString();
    KeyOutbox *outbox = m_outbox.get();
    m_server->submitReject(runId, pending.body, this, [outbox, runId](const Status &sent) {
        if (sent.ok())
            (void)outbox->removeRun(runId, QString::fromLatin1(KeyOutbox::kRejectKind));
    });
}

QString StationRuntime::outboxPath() const
{
    return m_outbox ? m_outbox->filePath() : QDir(m_settings.dataDir).filePath(QLatin1String(KeyOutbox::kFileName));
}

Result<RunOptions> StationRuntime::runOptions(const RunRequest &request) const
{
    const Result<const PluginDescription *> found = meter(request.meter);
    if (!found.ok())
        return found.error();
    const PluginDescription &plugin = *found.value();
    RunOptions o = request.options;
    if (!plugin.operation(o.operation))
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("meter %1 has no %2 operation (it has %3)")
                .arg(plugin.id, operationName(o.operation), plugin.operationNames().join(QStringLiteral(", "))));
    if (o.port.isEmpty())
        return makeError(
            ResultCode::DeviceUnreachable, QStringLiteral("slot %1 has no port plugged in").arg(request.slot + 1));
    if (!o.config.id && o.config.alias.isEmpty())
        return makeError(ResultCode::InvalidArguments, QStringLiteral("no configuration picked"));
    if (request.joinTimeoutS && (*request.joinTimeoutS < 1 || *request.joinTimeoutS > 86400))
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("join timeout %1 s is not between 1 and 86400 s").arg(*request.joinTimeoutS));

    o.settings.clear();
    if (request.pluginDefaults) {
        for (const SettingSpec &spec : plugin.settings) {
            if (spec.defaultValue.isValid())
                o.settings.insert(spec.key, spec.defaultValue);
        }
    }
    const Result<QVariantMap> station
        = PluginSettings::typed(plugin, request.stationSettings, PluginSettings::Unknown::Skip);
    if (!station.ok())
        return station.error();
    const Result<QVariantMap> asked = PluginSettings::typed(plugin, request.settings, PluginSettings::Unknown::Refuse);
    if (!asked.ok())
        return asked.error();
    for (const QVariantMap *layer : {&station.value(), &asked.value()}) {
        for (auto it = layer->cbegin(); it != layer->cend(); ++it)
            o.settings.insert(it.key(), it.value());
    }

    o.stationName = m_settings.stationName.isEmpty() ? QStringLiteral("%1:%2").arg(QHostInfo::localHostName(), o.port)
                                                     : m_settings.stationName;
    o.gatewayHost = m_settings.gatewayHost;
    o.gatewayPort = m_settings.gatewayPort;
    o.joinTimeoutS = request.joinTimeoutS.value_or(m_settings.joinTimeoutS);
    o.runLogDir = m_settings.runLogDir;
    return o;
}

Status StationRuntime::startRun(const RunRequest &request)
{
    if (!m_engine)
        return makeError(ResultCode::InternalError, QStringLiteral("the provisioning engine is not open"));
    const Result<RunOptions> options = runOptions(request);
    if (!options.ok())
        return options.error();
    if (!m_engine->startRun(request.slot, *m_plugins.find(request.meter), options.value()))
        return makeError(ResultCode::InternalError, QStringLiteral("slot %1 is still running").arg(request.slot + 1));
    return {};
}

} // namespace prov::engine
