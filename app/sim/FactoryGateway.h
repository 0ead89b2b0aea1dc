#pragma once

#include "domain/Result.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QTcpServer>
#include <QTimer>

#include <functional>
#include <memory>

class QTcpSocket;

namespace prov::sim {

/// How the simulated network sees one node.
struct JoinPolicy
{
    bool known = false; ///< a node of this simulator
    bool holdsFactoryConfig = false; ///< only a node on the factory configuration joins
    bool neverJoins = false; ///< fault
    int delayMs = 0; ///< from the moment it could join
};

/// The factory gateway: nodes configured with the factory configuration join
/// its network after a delay; a TCP control port answers a line protocol
/// (docs/sim.md, "Gateway control protocol"): CLEAR, STATUS, LIST, PING.
class FactoryGateway : public QObject
{
    Q_OBJECT

public:
    using PolicyLookup = std::function<JoinPolicy(quint32 nodeId)>;

    FactoryGateway(PolicyLookup lookup, QObject *parent = nullptr);

    /// Listens on `address`:`port` (0 picks a free port).
    [[nodiscard]] Status listen(const QHostAddress &address, quint16 port);
    [[nodiscard]] quint16 port() const { return m_server.serverPort(); }
    [[nodiscard]] QHostAddress address() const { return m_server.serverAddress(); }

    /// The node may join now (factory configuration committed, reset, start):
    /// schedules its join after its delay, unless it never joins.
    void nodeMayJoin(quint32 nodeId);
    /// The node left the factory network (field configuration).
    void nodeLeft(quint32 nodeId);
    [[nodiscard]] bool isJoined(quint32 nodeId) const { return m_joined.contains(nodeId); }
    /// Signal strength the gateway reports for a node (deterministic).
    [[nodiscard]] static int rssiOf(quint32 nodeId);

    /// One command line (without the line end) → one answer line.
    [[nodiscard]] QByteArray answer(QByteArrayView line);

signals:
    void joinChanged(quint32 nodeId, bool joined);

private:
    void acceptConnections();
    void readLines(QTcpSocket *socket);
    void join(quint32 nodeId);
    void clear(quint32 nodeId);

    PolicyLookup m_lookup;
    QTcpServer m_server;
    QHash<quint32, int> m_joined; ///< nodeId → RSSI
    QHash<quint32, std::shared_ptr<QTimer>> m_pendingJoins;
};

} // namespace prov::sim
