#pragma once

#include "CliOptions.h"

#include "engine/MeterDetection.h"
#include "engine/RunRequest.h"
#include "engine/RunSnapshot.h"
#include "engine/StationRuntime.h"

#include <QObject>

#include <functional>
#include <memory>

/// One CLI invocation: its options become the station runtime's settings and
/// one run request per port; it runs the ports (or flushes the outbox) and
/// prints one line per port. finished() carries the exit code.
class CliRunner : public QObject
{
    Q_OBJECT

public:
    explicit CliRunner(CliOptions options, QObject *parent = nullptr);
    /// What each station calls at its step boundaries (engine::RunServices);
    /// only the crash test's build of the CLI sets one.
    void setStepBoundary(std::function<void(const QString &)> observer) { m_stepBoundary = std::move(observer); }
    ~CliRunner() override;

    void start();

signals:
    void finished(int exitCode);

private:
    void startWithToken(const QByteArray &token);
    void runStations();
    /// Without --meter: asks each port's device what it is, then startPorts().
    void detectMeters();
    void startPorts(const QList<prov::engine::MeterChoice> &choices);
    void flushOutbox();
    void runFinished(const prov::engine::RunSnapshot &snapshot);
    void allFinished();
    void fail(const prov::Error &error);
    [[nodiscard]] prov::engine::StationRuntime::Settings runtimeSettings() const;
    /// The run on the `index`th -d port.
    [[nodiscard]] prov::engine::RunRequest request(int index) const;
    /// The detected `plugin` has the operation and the --set values fit it.
    [[nodiscard]] prov::Status usableMeter(int index, const prov::engine::PluginDescription &plugin) const;

    CliOptions m_options;
    std::function<void(const QString &)> m_stepBoundary;
    std::unique_ptr<prov::engine::StationRuntime> m_runtime;
    QList<int> m_codes; ///< per -d, in order
};
