#pragma once

#include "domain/DeviceIds.h"
#include "domain/Result.h"

#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <functional>

namespace prov::engine {

/// The factory gateway's control port (docs/sim.md, "Factory gateway"): one
/// text line per command, one line per answer, over TCP. A connection per
/// command keeps a station independent of the gateway's restarts.
/// Failures: 132 when it cannot be reached or does not answer in time, 133
/// when it answers ERR or something this client does not understand.
class GatewayClient : public QObject
{
    Q_OBJECT

public:
    enum class JoinState { Joined, NotJoined };
    template<typename T>
    using Callback = std::function<void(const Result<T> &)>;

    GatewayClient(QString host, quint16 port, QObject *parent = nullptr);

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    [[nodiscard]] QString address() const;

    /// CLEAR: forget that the node joined (PRETEST), so POSTTEST sees a fresh join.
    void clear(NodeId node, Callback<bool> done);
    /// STATUS: JOINED or NOT_JOINED.
    void status(NodeId node, Callback<JoinState> done);
    /// Any command line (without the newline); the answer line without it.
    void command(const QByteArray &line, Callback<QByteArray> done);
    /// Drops a command in progress without calling back.
    void cancel();

private:
    void finish(const Result<QByteArray> &result);

    QString m_host;
    quint16 m_port;
    int m_timeoutMs = 5000;
    QPointer<QTcpSocket> m_socket;
    QTimer m_timer;
    QByteArray m_line;
    QByteArray m_buffer;
    Callback<QByteArray> m_done;
};

} // namespace prov::engine
