#include "station/EngineBackend.h"

#include "domain/ConfigId.h"
#include "engine/Engine.h"
#include "engine/EscrowSync.h"
#include "engine/FileCache.h"
#include "engine/KeyOutbox.h"
#include "engine/RunOptions.h"
#include "engine/ServerClient.h"
#include "station/EngineSlotModel.h"
#include "support/Logging.h"

#include <QDir>
#include <QHostInfo>

namespace prov::gui {

using namespace prov::engine;

namespace {

// How often the outbox count is re-read while runs put records in and take them out.
constexpr int kPendingRefreshMs = 2000;

/// A settings value as the plugin's schema types it (QSettings gives text back).
QVariant typed(const SettingSpec &spec, const QVariant &value)
{
    switch (spec.type) {
    case SettingSpec::Type::Int: {
        bool ok = false;
        const qlonglong n = value.toString().toLongLong(&ok);
        return ok ? QVariant(n) : value;
    }
    case SettingSpec::Type::Bool: {
        if (value.typeId() == QMetaType::Bool)
            return value;
        const QString t = value.toString().trimmed().toLower();
        if (t == QLatin1String("true") || t == QLatin1String("1") || t == QLatin1String("yes"))
            return true;
        if (t == QLatin1String("false") || t == QLatin1String("0") || t == QLatin1String("no"))
            return false;
        return value;
    }
    case SettingSpec::Type::String:
    case SettingSpec::Type::Choice:
    case SettingSpec::Type::Password:
        break;
    }
    return value.toString();
}

} // namespace

EngineBackend::EngineBackend(Options options, QObject *parent)
    : StationBackend(parent)
    , m_options(std::move(options))
{
    if (m_options.runLogDir.isEmpty() && !m_options.dataDir.isEmpty())
        m_options.runLogDir = QDir(m_options.dataDir).filePath(QStringLiteral("runlogs"));
    if (m_options.stationName.isEmpty())
        m_options.stationName = QHostInfo::localHostName();
    m_registry.loadDirectory(m_options.pluginDir.isEmpty() ? PluginRegistry::defaultDirectory() : m_options.pluginDir);
    for (const Error &refusal : m_registry.refusals())
        qCWarning(lcEngine).noquote() << refusal.toString();
    m_healthTimer.setInterval(m_options.healthIntervalMs);
    connect(&m_healthTimer, &QTimer::timeout, this, &EngineBackend::checkHealth);
    m_pendingTimer.setInterval(kPendingRefreshMs);
    connect(&m_pendingTimer, &QTimer::timeout, this, &EngineBackend::refreshPending);
}

// The engine first (its stations use the services), then the services on their thread.
EngineBackend::~EngineBackend()
{
    m_healthTimer.stop();
    m_pendingTimer.stop();
    m_engine.reset();
    if (m_servicesContext) {
        destroyServices();
        onServicesThread([this] { delete m_servicesContext; });
        m_servicesThread.quit();
        m_servicesThread.wait();
    }
    m_outbox.reset();
}

void EngineBackend::onServicesThread(const std::function<void()> &work)
{
    QMetaObject::invokeMethod(m_servicesContext, work, Qt::BlockingQueuedConnection);
}

Status EngineBackend::open()
{
    if (m_engine)
        return {};
    if (m_registry.ids().isEmpty())
        return makeError(ResultCode::InternalError,
            QStringLiteral("no meter plugins in %1")
                .arg(QDir::toNativeSeparators(
                    m_options.pluginDir.isEmpty() ? PluginRegistry::defaultDirectory() : m_options.pluginDir)));
    Result<std::unique_ptr<KeyOutbox>> outbox = KeyOutbox::open(m_options.dataDir);
    if (!outbox.ok())
        return outbox.error();
    m_outbox = std::move(outbox).value();

    // The server client, the file cache (hashing downloads) and the outbox
    // replay (SQLite writes) keep off the GUI thread. Made on their thread, so
    // their timers and network manager belong to it.
    m_servicesThread.setObjectName(QStringLiteral("engine-services"));
    m_servicesThread.start();
    m_servicesContext = new QObject;
    m_servicesContext->moveToThread(&m_servicesThread);
    createServices();

    m_engine = std::make_unique<Engine>(StationServices {m_server, m_files, m_outbox.get()}, m_options.engineThreads);
    // The window paints progress once a second and its slots move their own
    // clocks: news as often is enough. The engine's default (20 a second per
    // station) was 1280 queued events a second with 64 slots, and every
    // snapshot is a wake-up of an engine thread and of this one (bench_gui).
    m_engine->setProgressInterval(kProgressIntervalMs);
    connect(m_engine.get(), &Engine::snapshotChanged, this, &EngineBackend::onSnapshot);
    connect(m_engine.get(), &Engine::stationFinished, this, [this] { refreshPending(); });
    connect(m_engine.get(), &Engine::allFinished, this, &EngineBackend::switchServer);
    m_healthTimer.start();
    m_pendingTimer.start();
    checkHealth();
    refreshPending();
    if (m_options.endpoint.token.isEmpty()) {
        // After the window connected to failed(): it shows this in its header.
        QTimer::singleShot(0, this, [this] {
            emit failed(makeError(ResultCode::InvalidArguments,
                QStringLiteral("this station has no server token: a supervisor enters it in Settings")));
        });
    }
    return {};
}

void EngineBackend::createServices()
{
    onServicesThread([this] {
        m_server = new ServerClient(m_options.endpoint);
        m_files = new FileCache(QDir(m_options.dataDir).filePath(QStringLiteral("cache")), m_server);
        m_sync = new EscrowSync(m_outbox.get(), m_server);
    });
    connect(m_sync, &EscrowSync::passFinished, this, [this](const EscrowSync::PassResult &pass) {
        if (pass.error)
            qCInfo(lcOutbox).noquote() << "outbox replay:" << pass.remaining
                                       << "record(s) left:" << pass.error->message;
        refreshPending();
    });
    // Records a crashed run left behind go out now and in the background.
    const int interval = m_options.syncIntervalMs;
    QMetaObject::invokeMethod(m_sync, [sync = m_sync, interval] { sync->startBackground(interval); });
}

void EngineBackend::destroyServices()
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

void EngineBackend::reconfigure(Options options)
{
    options.dataDir = m_options.dataDir;
    options.pluginDir = m_options.pluginDir;
    options.engineThreads = m_options.engineThreads;
    if (options.runLogDir.isEmpty())
        options.runLogDir = m_options.runLogDir;
    if (options.stationName.isEmpty())
        options.stationName = QHostInfo::localHostName();
    const ServerEndpoint &a = m_options.endpoint;
    const ServerEndpoint &b = options.endpoint;
    m_endpointChanged = m_endpointChanged || a.baseUrl != b.baseUrl || a.token != b.token || a.pins != b.pins
        || a.pathTranslateFrom != b.pathTranslateFrom || a.pathTranslateTo != b.pathTranslateTo
        || a.requestTimeoutMs != b.requestTimeoutMs;
    m_options = std::move(options);
    m_healthTimer.setInterval(m_options.healthIntervalMs);
    if (m_engine && !m_engine->anyRunning())
        switchServer();
    // Otherwise the engine's allFinished() does it.
}

void EngineBackend::switchServer()
{
    if (!m_endpointChanged || !m_engine)
        return;
    m_endpointChanged = false;
    // No station runs: nothing uses the old client, cache or replay any more.
    destroyServices();
    createServices();
    m_engine->setServices(StationServices {m_server, m_files, m_outbox.get()});
    m_reachable = -1;
    checkHealth();
    if (m_options.endpoint.token.isEmpty())
        emit failed(makeError(ResultCode::InvalidArguments,
            QStringLiteral("this station has no server token: a supervisor enters it in Settings")));
}

QString EngineBackend::outboxPath() const
{
    return m_outbox ? m_outbox->filePath() : QDir(m_options.dataDir).filePath(QLatin1String(KeyOutbox::kFileName));
}

void EngineBackend::syncOutbox()
{
    if (m_sync)
        QMetaObject::invokeMethod(m_sync, [sync = m_sync] { sync->syncNow(); });
}

QList<PluginDescription> EngineBackend::plugins() const
{
    QList<PluginDescription> list;
    for (const QString &id : m_registry.ids())
        list.append(*m_registry.find(id));
    return list;
}

void EngineBackend::setupSlots(const QList<SlotSetup> &setups)
{
    m_model.setSlots(setups);
}

Result<RunOptions> EngineBackend::runOptions(const RunRequest &request) const
{
    const PluginDescription *plugin = m_registry.find(request.family);
    if (!plugin)
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("slot %1: no meter plugin \"%2\" (found: %3)")
                .arg(request.slot + 1)
                .arg(request.family, m_registry.ids().join(QStringLiteral(", "))));
    RunOptions o;
    if (!parseOperation(request.operation, &o.operation) || !plugin->operation(o.operation))
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("meter %1 has no %2 operation (it has %3)")
                .arg(plugin->id, request.operation, plugin->operationNames().join(QStringLiteral(", "))));
    if (request.port.isEmpty())
        return makeError(
            ResultCode::DeviceUnreachable, QStringLiteral("slot %1 has no port plugged in").arg(request.slot + 1));
    o.port = request.port;
    if (request.configAlias.isEmpty())
        return makeError(ResultCode::InvalidArguments, QStringLiteral("no configuration picked"));
    // The list offers a configuration's ID where it has no alias.
    if (const Result<ConfigId> id = ConfigId::parse(request.configAlias); id.ok())
        o.config.id = id.value();
    else
        o.config.alias = request.configAlias;
    o.batch = BatchNumber(request.batch);
    for (auto it = request.scans.cbegin(); it != request.scans.cend(); ++it) {
        if (it.key() == QLatin1String("partialMcmId"))
            o.partialMcmId = it.value();
        else
            o.scans.insert(it.key(), it.value());
    }
    for (auto it = request.settings.cbegin(); it != request.settings.cend(); ++it) {
        const SettingSpec *spec = plugin->setting(it.key());
        if (!spec) {
            // A station default for a setting this plugin version does not have.
            qCInfo(lcEngine).noquote() << "meter" << plugin->id << "has no setting" << it.key() << "; ignored";
            continue;
        }
        const QVariant value = typed(*spec, it.value());
        if (const Status s = spec->check(value); !s.ok())
            return s.error();
        o.settings.insert(it.key(), value);
    }
    o.joinTimeoutS = m_options.joinTimeoutS;
    o.stationName = m_options.stationName;
    o.gatewayHost = m_options.gatewayHost;
    o.gatewayPort = m_options.gatewayPort;
    o.runLogDir = m_options.runLogDir;
    return o;
}

void EngineBackend::start(const RunRequest &request)
{
    const int slot = request.slot;
    if (slot < 0 || slot >= m_model.rowCount() || m_model.isRunning(slot) || (m_engine && m_engine->isRunning(slot)))
        return;
    m_model.markStarting(slot, request.family, request.operation, request.port);
    if (!m_engine)
        return refuse(
            slot, makeError(ResultCode::InternalError, QStringLiteral("the provisioning engine is not open")));
    const Result<RunOptions> options = runOptions(request);
    if (!options.ok())
        return refuse(slot, options.error());
    if (!m_engine->startRun(slot, *m_registry.find(request.family), options.value()))
        return refuse(slot,
            makeError(ResultCode::InternalError, QStringLiteral("slot %1 is still running").arg(request.slot + 1)));
}

void EngineBackend::refuse(int slot, const Error &error)
{
    // Shown like a finished run: the window counts it, offers Retry and the result's corrective action.
    m_model.markFailed(slot, error);
}

void EngineBackend::stop(int slot)
{
    if (!m_engine || !m_engine->isRunning(slot))
        return;
    m_model.markStopping(slot);
    m_engine->abortRun(
        slot, makeError(ResultCode::UnknownError, QStringLiteral("stopped by the operator (slot %1)").arg(slot + 1)));
}

void EngineBackend::onSnapshot(const StationSnapshot &snapshot)
{
    m_model.update(snapshot);
}

void EngineBackend::checkHealth()
{
    if (!m_server)
        return;
    m_server->checkHealth(this, [this](const Status &s) {
        const int reachable = s.ok() ? 1 : 0;
        const QString detail = s.ok() ? m_options.endpoint.baseUrl.toString() : s.error().message;
        if (reachable == m_reachable && detail == m_reachabilityDetail)
            return;
        const bool cameBack = reachable == 1 && m_reachable == 0;
        m_reachable = reachable;
        m_reachabilityDetail = detail;
        emit serverReachabilityChanged(reachable == 1, detail);
        if (cameBack)
            syncOutbox(); // what waited in the outbox goes now, not at the next background pass
    });
}

void EngineBackend::refreshPending()
{
    if (!m_servicesContext)
        return;
    // Counted on the services thread (SQLite); shown on this one.
    QMetaObject::invokeMethod(m_servicesContext, [this] {
        const Result<int> n = m_outbox->count();
        if (!n.ok())
            return;
        m_pending.store(n.value());
        QMetaObject::invokeMethod(this, [this, pending = n.value()] {
            if (pending == m_lastPendingShown)
                return;
            m_lastPendingShown = pending;
            emit outboxPendingChanged(pending);
        });
    });
}

} // namespace prov::gui
