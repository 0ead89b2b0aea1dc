#include "window/EngineBackend.h"

#include "engine/Engine.h"
#include "engine/EngineLog.h"
#include "engine/KeyOutbox.h"
#include "engine/ServerClient.h"
#include "window/EngineSlotModel.h"

#include <QDir>
#include <QHostInfo>
#include <QJsonObject>

namespace prov::gui {

using namespace prov::engine;

namespace {

// How often the outbox count is re-read while runs put records in and take them out.
constexpr int kPendingRefreshMs = 2000;

} // namespace

EngineBackend::EngineBackend(Options options, QObject *parent)
    : StationBackend(parent)
    , m_options(std::move(options))
{
    if (m_options.stationName.isEmpty())
        m_options.stationName = QHostInfo::localHostName();
    m_runtime = std::make_unique<StationRuntime>(runtimeSettings(m_options));
    m_options.runLogDir = m_runtime->settings().runLogDir;
    m_runtime->loadPlugins();
    connect(m_runtime.get(), &StationRuntime::syncPassFinished, this, [this](const EscrowSync::PassResult &pass) {
        if (pass.error)
            qCInfo(lcOutbox).noquote() << "outbox replay:" << pass.remaining
                                       << "record(s) left:" << pass.error->message;
        refreshPending();
    });
    m_healthTimer.setInterval(m_options.healthIntervalMs);
    connect(&m_healthTimer, &QTimer::timeout, this, &EngineBackend::checkHealth);
    m_pendingTimer.setInterval(kPendingRefreshMs);
    connect(&m_pendingTimer, &QTimer::timeout, this, &EngineBackend::refreshPending);
}

// The runtime stops the engine (its stations end with code 14), then the services.
EngineBackend::~EngineBackend()
{
    m_healthTimer.stop();
    m_pendingTimer.stop();
    m_runtime.reset();
}

StationRuntime::Settings EngineBackend::runtimeSettings(const Options &options)
{
    StationRuntime::Settings s;
    s.dataDir = options.dataDir;
    s.runLogDir = options.runLogDir;
    s.stationName = options.stationName;
    s.gatewayHost = options.gatewayHost;
    s.gatewayPort = options.gatewayPort;
    s.joinTimeoutS = options.joinTimeoutS;
    s.pluginDir = options.pluginDir;
    s.engineThreads = options.engineThreads;
    // Hashing downloads and SQLite writes keep off the window's thread.
    s.servicesThread = true;
    return s;
}

Status EngineBackend::open()
{
    if (isOpen())
        return {};
    if (m_runtime->plugins().ids().isEmpty())
        return makeError(ResultCode::InternalError,
            QStringLiteral("no meter plugins in %1").arg(QDir::toNativeSeparators(m_runtime->pluginDirectory())));
    if (const Status opened = m_runtime->openServices(m_options.endpoint); !opened.ok())
        return opened;
    Engine *engine = m_runtime->openEngine();
    connect(engine, &Engine::snapshotChanged, this, &EngineBackend::onSnapshot);
    connect(engine, &Engine::runFinished, this, [this] { refreshPending(); });
    connect(engine, &Engine::allFinished, this, &EngineBackend::switchServer);
    // Records a crashed run left behind go out now and in the background.
    m_runtime->startBackgroundSync(m_options.syncIntervalMs);
    m_runtime->startHeartbeat([this] {
        return QJsonObject {{QStringLiteral("slots"), m_model.rowCount()},
            {QStringLiteral("configuration"), m_lastConfig}, {QStringLiteral("batch"), m_lastBatch}};
    });
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
    m_runtime->setSettings(runtimeSettings(m_options));
    m_healthTimer.setInterval(m_options.healthIntervalMs);
    if (isOpen() && !m_runtime->engine()->anyRunning())
        switchServer();
    // Otherwise the engine's allFinished() does it.
}

void EngineBackend::switchServer()
{
    if (!m_endpointChanged || !isOpen())
        return;
    m_endpointChanged = false;
    m_runtime->switchServer(m_options.endpoint);
    m_runtime->startBackgroundSync(m_options.syncIntervalMs);
    m_reachable = -1;
    checkHealth();
    if (m_options.endpoint.token.isEmpty())
        emit failed(makeError(ResultCode::InvalidArguments,
            QStringLiteral("this station has no server token: a supervisor enters it in Settings")));
}

void EngineBackend::syncOutbox()
{
    m_runtime->syncNow();
}

QList<PluginDescription> EngineBackend::plugins() const
{
    QList<PluginDescription> list;
    const PluginRegistry &registry = m_runtime->plugins();
    for (const QString &id : registry.ids())
        list.append(*registry.find(id));
    return list;
}

void EngineBackend::setupSlots(const QList<SlotSetup> &setups)
{
    m_model.setSlots(setups);
}

void EngineBackend::reject(const QUuid &runId, const QString &by)
{
    m_runtime->rejectRun(runId, by);
}

void EngineBackend::start(const RunRequest &request)
{
    const int slot = request.slot;
    const Engine *engine = m_runtime->engine();
    if (slot < 0 || slot >= m_model.rowCount() || m_model.isRunning(slot) || (engine && engine->isRunning(slot)))
        return;
    m_model.markStarting(slot, request.meter, operationName(request.options.operation), request.options.port);
    m_lastConfig = request.options.config.toString();
    m_lastBatch = qint64(request.options.batch.value());
    if (const Status started = m_runtime->startRun(request); !started.ok())
        refuse(slot, started.error());
}

void EngineBackend::refuse(int slot, const Error &error)
{
    // Shown like a finished run: the window counts it, offers Retry and the result's corrective action.
    m_model.markFailed(slot, error);
}

void EngineBackend::stop(int slot)
{
    Engine *engine = m_runtime->engine();
    if (!engine || !engine->isRunning(slot))
        return;
    m_model.markStopping(slot);
    engine->abortRun(
        slot, makeError(ResultCode::UnknownError, QStringLiteral("stopped by the operator (slot %1)").arg(slot + 1)));
}

void EngineBackend::onSnapshot(const RunSnapshot &snapshot)
{
    m_model.update(snapshot);
}

void EngineBackend::checkHealth()
{
    ServerClient *server = m_runtime->server();
    if (!server)
        return;
    server->checkHealth(this, [this](const Status &s) {
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
    if (!m_runtime->outbox())
        return;
    // Counted on the services thread (SQLite); shown on this one.
    QMetaObject::invokeMethod(m_runtime->servicesContext(), [this, outbox = m_runtime->outbox()] {
        const Result<int> n = outbox->count();
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
