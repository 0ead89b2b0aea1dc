#pragma once

#include "engine/ServerEndpoint.h"
#include "engine/StationRuntime.h"
#include "window/EngineSlotModel.h"
#include "window/StationBackend.h"

#include <QTimer>

#include <atomic>
#include <memory>

namespace prov::gui {

/// The station window's engine: core/engine's StationRuntime (the meter
/// plugins, the key outbox, the server client, the file cache, the outbox
/// replay and the Engine, built as provstation-cli builds them), with the
/// server client, file cache and outbox replay on a thread of their own. Every
/// run is one Station on the slot's port, on the engine's threads; the window
/// only sees queued snapshots in slotModel(), the server's reachability and
/// the outbox count. Key material never passes through here: the stations
/// keep it to themselves.
class EngineBackend : public StationBackend
{
    Q_OBJECT

public:
    struct Options
    {
        engine::ServerEndpoint endpoint; ///< server URL, station token, TLS pins
        QString dataDir; ///< the outbox (outbox.sqlite) and the file cache
        QString runLogDir; ///< empty: <dataDir>/runlogs
        QString stationName; ///< recorded with every result; empty: the host name
        QString gatewayHost = QStringLiteral("localhost");
        quint16 gatewayPort = 4021;
        QString pluginDir; ///< empty: PluginRegistry::defaultDirectory()
        int engineThreads = 0; ///< <= 0: the engine's default
        int joinTimeoutS = 600; ///< POSTTEST's wait for the gateway join
        int syncIntervalMs = 60000; ///< background outbox replay
        int healthIntervalMs = 15000; ///< server reachability checks
    };

    /// How often the engine sends the window a running station's progress:
    /// the slots paint progress once a second (SlotWidget::kProgressRepaintMs)
    /// and move their clocks themselves, so sooner news would only wait there.
    static constexpr int kProgressIntervalMs = 1000;

    explicit EngineBackend(Options options, QObject *parent = nullptr);
    /// Stops running stations (code 14, "the station program is shutting down") and the threads.
    ~EngineBackend() override;

    /// Loads the plugins, opens the outbox, starts the threads, the outbox
    /// replay and the reachability checks. The error names the outbox file.
    [[nodiscard]] Status open();
    [[nodiscard]] bool isOpen() const { return m_runtime->engine() != nullptr; }
    [[nodiscard]] const Options &options() const { return m_options; }
    [[nodiscard]] QString outboxPath() const { return m_runtime->outboxPath(); }
    [[nodiscard]] QList<Error> pluginRefusals() const { return m_runtime->plugins().refusals(); }
    /// A pass over the outbox now (the background replay does it every syncIntervalMs).
    void syncOutbox();
    /// New settings (a supervisor changed them): station name, gateway and
    /// join timeout apply to the next run; another server address, pins or
    /// token switch the server client once no run is going. The data and
    /// plugin folders stay as opened.
    void reconfigure(Options options);
    /// The runtime the requests go to (its runOptions() for tests and diagnostics).
    [[nodiscard]] const engine::StationRuntime &runtime() const { return *m_runtime; }

    // StationBackend
    [[nodiscard]] EngineSlotModel *slotModel() override { return &m_model; }
    void setupSlots(const QList<SlotSetup> &setups) override;
    void start(const RunRequest &request) override;
    void reject(const QUuid &runId, const QString &by) override;
    /// Ends the slot's run with code 14 and "stopped by the operator"; the
    /// slot then needs attention (not a failed device: counters stay as they are).
    void stop(int slot) override;
    [[nodiscard]] int outboxPending() const override { return m_pending.load(); }
    [[nodiscard]] QList<engine::PluginDescription> plugins() const override;

private:
    [[nodiscard]] static engine::StationRuntime::Settings runtimeSettings(const Options &options);
    void refuse(int slot, const Error &error);
    /// Uses m_options.endpoint from now on, when reconfigure() changed it.
    void switchServer();
    void checkHealth();
    void refreshPending();
    void onSnapshot(const engine::RunSnapshot &snapshot);

    Options m_options;
    std::unique_ptr<engine::StationRuntime> m_runtime;
    EngineSlotModel m_model;
    QTimer m_healthTimer;
    QTimer m_pendingTimer;
    std::atomic<int> m_pending {0};
    int m_lastPendingShown = -1;
    int m_reachable = -1; ///< -1 unknown, 0 no, 1 yes
    QString m_lastConfig; ///< of the last run started, for the heartbeat
    qint64 m_lastBatch = 0;
    QString m_reachabilityDetail;
    bool m_endpointChanged = false;
};

} // namespace prov::gui
