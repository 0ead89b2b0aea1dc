#pragma once

#include "domain/Result.h"
#include "domain/RunRecord.h"
#include "engine/PluginDescription.h"
#include "engine/RunLog.h"
#include "engine/RunOptions.h"
#include "engine/RunSnapshot.h"
#include "engine/StepContext.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QObject>

#include <QPointer>
#include <QTimer>
#include <functional>

#include <memory>

namespace prov::transport {
class SerialPortSource;
}

namespace prov::engine {

class FileCache;
class KeyOutbox;
class ServerClient;
class Step;

/// The services a device run uses; all thread-safe, owned elsewhere.
struct RunServices
{
    ServerClient *server = nullptr;
    FileCache *files = nullptr;
    KeyOutbox *outbox = nullptr;
    /// Called on the run's thread at every step boundary ("before:WriteKeys",
    /// "after:VerifyKeys", ...). Unset in the programs; the crash test's own
    /// build of the CLI kills itself there, as `kill -9` would.
    std::function<void(const QString &boundary)> stepBoundary;
    /// Where the run's port comes from; unset: the machine's serial ports (SerialPortOpener).
    transport::SerialPortSource *ports = nullptr;
};

/// One device run on one serial port: a state machine on its engine thread's
/// event loop (no blocking call, no thread of its own). It fetches the
/// configuration, opens the port with the plugin's link settings, runs the
/// plugin's steps with their timeouts, and ends with exactly one result code.
/// Whatever happens, an escrow record it made is left safe: done on the
/// server, or in the outbox. Progress goes out as coalesced snapshots.
class DeviceRun : public QObject
{
    Q_OBJECT

public:
    /// How often progress snapshots go out at most, unless the owner asks for
    /// another interval (the GUI's event queue must not flood with 64 runs).
    static constexpr int kProgressIntervalMs = 50;

    DeviceRun(int slot, PluginDescription plugin, RunOptions options, RunServices services, QObject *parent = nullptr);
    ~DeviceRun() override;

    /// Progress (step, bytes, percent) goes out at most this often; a new
    /// state at once. Call before start().
    void setProgressInterval(int ms) { m_progressTimer.setInterval(ms); }
    /// Starts the run; call on the run's thread (Engine queues it).
    void start();
    /// Ends the run with `error` at the next opportunity (operator abort, shutdown).
    void abort(const Error &error);
    [[nodiscard]] RunSnapshot snapshot() const { return m_snapshot; }
    [[nodiscard]] int slot() const { return m_snapshot.slot; }

signals:
    void snapshotChanged(const prov::engine::RunSnapshot &snapshot);
    void finished(const prov::engine::RunSnapshot &snapshot);

private:
    void fetchConfiguration(int attemptsLeft);
    void openLink();
    void runStep(int index);
    void stepDone(int index, const Status &status);
    void finishRun(const Status &status);
    /// Ends the run's escrow record; `then` gets the run's result (failed with
    /// 14 when the outbox refused a write) and a note for its error line.
    void settleEscrow(const Status &status, std::function<void(Status result, QString note)> then);
    void closeLinkAndReport(const Status &status, const QString &note);
    void report(const Status &status, const QString &note);
    [[nodiscard]] domain::RunRecord runRecord(const QString &failedStep) const;
    /// Keeps the run record in the outbox, sends it, and forgets it once the server has it.
    void storeRunRecord(const QString &failedStep, const std::function<void()> &done);
    void setState(RunSnapshot::State state);
    void markDirty();
    void publish();
    [[nodiscard]] Status checkOptions() const;

    PluginDescription m_plugin;
    RunOptions m_options;
    RunServices m_services;
    const OperationSpec *m_operation = nullptr;
    StepContext m_ctx;
    RunLog m_log;
    RunSnapshot m_snapshot;
    QElapsedTimer m_clock;
    QTimer m_progressTimer;
    QTimer m_watchdog;
    QPointer<Step> m_step;
    qint64 m_stepStartedMs = 0;
    int m_stepIndex = -1;
    bool m_finishing = false;
    bool m_linkReady = false;
    qint64 m_startedAtMs = 0;
    QString m_phase; ///< the step (or CheckOptions, FetchConfiguration, OpenPort) running now
    QJsonArray m_steps; ///< each finished step: {"step", "ms", "result"}
};

} // namespace prov::engine
