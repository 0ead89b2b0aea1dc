#pragma once

#include "CliOptions.h"

#include "engine/PluginRegistry.h"
#include "engine/StationSnapshot.h"

#include <QObject>

#include <memory>

namespace prov::engine {
class Engine;
class EscrowSync;
class FileCache;
class KeyOutbox;
class ServerClient;
} // namespace prov::engine

/// Wires one CLI invocation: plugins, credential, outbox, server client,
/// file cache and the engine; runs the ports (or flushes the outbox) and
/// prints one line per port. finished() carries the exit code.
class CliRunner : public QObject
{
    Q_OBJECT

public:
    explicit CliRunner(CliOptions options, QObject *parent = nullptr);
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
    void stationFinished(const prov::engine::StationSnapshot &snapshot);
    void allFinished();
    void fail(const prov::Error &error);
    /// The plugin has the operation and the --set values fit its settings.
    [[nodiscard]] prov::Status checkPlugin(const prov::engine::PluginDescription &plugin);
    [[nodiscard]] prov::Status prepareSettings(const prov::engine::PluginDescription &plugin);

    CliOptions m_options;
    prov::engine::PluginRegistry m_plugins;
    const prov::engine::PluginDescription *m_plugin = nullptr;
    std::unique_ptr<prov::engine::KeyOutbox> m_outbox;
    std::unique_ptr<prov::engine::ServerClient> m_server;
    std::unique_ptr<prov::engine::FileCache> m_files;
    std::unique_ptr<prov::engine::EscrowSync> m_sync;
    std::unique_ptr<prov::engine::Engine> m_engine;
    QList<int> m_codes; ///< per -d, in order
};
