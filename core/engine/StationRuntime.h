#pragma once

#include "domain/Result.h"
#include "engine/EscrowSync.h"
#include "engine/PluginRegistry.h"
#include "engine/RunOptions.h"
#include "engine/RunRequest.h"
#include "engine/ServerEndpoint.h"
#include "engine/StationHeartbeat.h"

#include <QObject>
#include <QThread>

#include <functional>
#include <memory>

namespace prov::engine {

class Engine;
class FileCache;
class KeyOutbox;
class ServerClient;

/// One station's engine with everything it runs on, built the same way for
/// provstation-cli and the station window: the meter plugins, the key outbox,
/// the server client, the file cache, the outbox replay (EscrowSync) and the
/// Engine; and the one place a RunRequest becomes the engine's RunOptions.
/// The owner decides when each part opens (the CLI opens nothing before it
/// has a credential) and what it shows; the runtime shows nothing.
class StationRuntime : public QObject
{
    Q_OBJECT

public:
    /// The station-wide settings, typed: what every run of this station shares.
    struct Settings
    {
        QString dataDir; ///< the outbox (outbox.sqlite) and the file cache (cache/)
        QString runLogDir; ///< empty: <dataDir>/runlogs
        QString stationName; ///< recorded with every result; empty: host name and port ("line9:/dev/ttyUSB0")
        QString gatewayHost = QStringLiteral("localhost");
        quint16 gatewayPort = 4021;
        int joinTimeoutS = 600; ///< POSTTEST's wait for the gateway join
        QString pluginDir; ///< empty: PluginRegistry::defaultDirectory()
        int engineThreads = 0; ///< <= 0: the engine's default
        /// The server client, file cache and outbox replay on a thread of
        /// their own, so a window's thread never waits for hashing or SQLite.
        bool servicesThread = false;
    };

    /// How often a running station tells its progress: the window paints
    /// progress once a second and moves its clocks itself; the CLI shows none.
    static constexpr int kProgressIntervalMs = 1000;

    explicit StationRuntime(Settings settings, QObject *parent = nullptr);
    /// The engine first (its stations stop with code 14 and use the services
    /// below), then the services on their thread, then the outbox.
    ~StationRuntime() override;

    [[nodiscard]] const Settings &settings() const { return m_settings; }
    /// Station name, gateway and join timeout for the runs made from now on;
    /// the folders and thread choices stay as opened.
    void setSettings(Settings settings);

    /// Loads the plugins of Settings::pluginDir; refusals are logged and kept.
    void loadPlugins();
    [[nodiscard]] const PluginRegistry &plugins() const { return m_plugins; }
    [[nodiscard]] QString pluginDirectory() const;
    /// The plugin `id`, or code 3 naming the plugins there are.
    [[nodiscard]] Result<const PluginDescription *> meter(const QString &id) const;

    /// Opens the outbox and makes the server client, file cache and outbox
    /// replay for `endpoint`. The error names the outbox file.
    [[nodiscard]] Status openServices(const ServerEndpoint &endpoint);
    /// The engine on the services (after openServices()).
    Engine *openEngine();
    /// Another server, token or pins for the runs made from now on: new
    /// services replace the old ones. Only while no run is going.
    void switchServer(const ServerEndpoint &endpoint);
    /// The outbox replay every `intervalMs`, starting now.
    void startBackgroundSync(int intervalMs);
    /// A pass of the outbox replay now; syncPassFinished() when it ends.
    void syncNow();
    /// Heartbeats to the server from now on, every `intervalMs` (after
    /// openEngine()): `activity` gives the body's "slots", "configuration" and
    /// "batch"; the runtime adds what its engine runs ("running", "operations").
    void startHeartbeat(StationHeartbeat::Activity activity, int intervalMs = StationHeartbeat::kIntervalMs);
    [[nodiscard]] StationHeartbeat *heartbeat() const { return m_heartbeat.get(); }
    /// The operator rejected the unit after run `runId`: kept in the outbox
    /// and sent now, or by the outbox replay when the server is away.
    void rejectRun(const QUuid &runId, const QString &by);

    [[nodiscard]] KeyOutbox *outbox() const { return m_outbox.get(); }
    [[nodiscard]] ServerClient *server() const { return m_server; }
    [[nodiscard]] EscrowSync *sync() const { return m_sync; }
    [[nodiscard]] Engine *engine() const { return m_engine.get(); }
    /// Where the services live: work for them is queued to this object.
    [[nodiscard]] QObject *servicesContext() const { return m_servicesContext; }
    [[nodiscard]] QString outboxPath() const;

    /// The engine's options for `request`: the meter's plugin, its operation,
    /// the port and configuration, the scans, the settings typed by the
    /// plugin's schema (its defaults if asked, under the station's, under the
    /// run's), and this station's name, gateway, join timeout and run logs.
    /// Errors are code 3 (4 for a slot without a port) and name what was wrong.
    [[nodiscard]] Result<RunOptions> runOptions(const RunRequest &request) const;
    /// runOptions() and the engine's run on request.slot, started at once;
    /// the error when it cannot start (code 99 while the slot still runs).
    [[nodiscard]] Status startRun(const RunRequest &request);

signals:
    /// A pass of the outbox replay ended (on the runtime's thread, whichever
    /// services made it).
    void syncPassFinished(const prov::engine::EscrowSync::PassResult &pass);

private:
    void createServices(const ServerEndpoint &endpoint);
    void destroyServices();
    /// Runs `work` where the services live and waits for it.
    void onServicesThread(const std::function<void()> &work);

    Settings m_settings;
    PluginRegistry m_plugins;
    QThread m_thread;
    QObject *m_servicesContext = nullptr;
    std::unique_ptr<KeyOutbox> m_outbox;
    ServerClient *m_server = nullptr; ///< lives with m_servicesContext
    FileCache *m_files = nullptr; ///< lives with m_servicesContext
    EscrowSync *m_sync = nullptr; ///< lives with m_servicesContext
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<StationHeartbeat> m_heartbeat;
};

} // namespace prov::engine
