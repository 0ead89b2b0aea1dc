#pragma once

#include "domain/Result.h"
#include "protocol/DeviceClient.h"
#include "transport/Link.h"
#include "transport/WrapperOptions.h"

#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QSerialPort>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace prov::test {

/// One port as provstation-sim announces it.
struct SimPort
{
    QString model;
    QString role;
    QString path;
    QString wrapper;
    QString nodeId;
    QString emcmId;
    QString stateFile;
    int baud = 0;
    int device = 0;
    int index = 0;
    QJsonObject line;
};

/// The provstation-sim binary, started for a test and stopped with SIGTERM.
class SimProcess
{
public:
    ~SimProcess();

    /// Starts it with `arguments` (plus --gateway-port 0 unless given) and waits
    /// for its "ready" line; false with `error` naming what went wrong.
    bool start(const QStringList &arguments, QString *error, int timeoutMs = 15000);
    /// SIGTERM, then the exit code (-1: did not stop or crashed).
    int stop(int timeoutMs = 10000);

    [[nodiscard]] const QList<SimPort> &ports() const { return m_ports; }
    [[nodiscard]] SimPort port(const QString &model, int index = 0, const QString &role = {}) const;
    [[nodiscard]] quint16 gatewayPort() const { return m_gatewayPort; }
    [[nodiscard]] QByteArray standardError();
    [[nodiscard]] QProcess &process() { return m_process; }
    /// The device's state file (the test oracle) as JSON; empty if unreadable.
    [[nodiscard]] static QJsonObject readState(const SimPort &port);

private:
    QProcess m_process;
    QList<SimPort> m_ports;
    quint16 m_gatewayPort = 0;
    QByteArray m_stderr;
};

/// What a finished (or failed) job left behind.
struct JobOutcome
{
    bool finished = false;
    bool timedOut = false;
    Error error;
    protocol::Response response;
    quint32 firstOffset = 0;
    int resumes = 0;
    int crcRestarts = 0;
    int blocksResent = 0;
    double seconds = 0.0;
};

/// The station's end of one simulated port: QSerialPort on the pty path, the
/// station-side wrapper, a Link, and the node and host clients.
class Station
{
public:
    ~Station();

    bool open(const QString &path, qint32 baud, transport::WrapperKind wrapper, QString *error,
        const protocol::ClientOptions &options = {}, const transport::WrapperOptions &wrapperOptions = {});
    /// The simulator's port at its baud rate, with the wrapper it announced.
    bool open(const SimPort &port, QString *error, const protocol::ClientOptions &options = {});
    void close();

    [[nodiscard]] transport::Link *link() const { return m_link.get(); }
    [[nodiscard]] protocol::NodeClient *node() const { return m_node.get(); }
    [[nodiscard]] protocol::HostClient *host() const { return m_host.get(); }

    /// Runs the job to its end (or timeoutMs) in a local event loop.
    static JobOutcome run(protocol::ProtocolJob *job, int timeoutMs = 30000);

private:
    std::unique_ptr<QSerialPort> m_port;
    std::unique_ptr<transport::Link> m_link;
    std::unique_ptr<protocol::NodeClient> m_node;
    std::unique_ptr<protocol::HostClient> m_host;
};

/// Deterministic test data.
QByteArray testImage(int size, int salt = 0);

} // namespace prov::test
