#pragma once

#include <QAtomicInt>
#include <QByteArray>
#include <QHash>
#include <QHttpServer>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QSet>

namespace prov::test {

/// A loopback HTTP server answering the station endpoints with canned data,
/// for the client-level tests of ServerClient and FileCache (the end-to-end
/// tests use the real provstation-server). Counts what it was asked.
class StubStationServer
{
public:
    StubStationServer();

    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] QString baseUrl() const;
    /// Stops listening (connections are refused: "server unreachable").
    void goAway();
    /// Listens again on the same port.
    bool comeBack();
    /// The escrow posts for a node (both states), oldest first.
    [[nodiscard]] QList<QJsonObject> escrowFor(const QString &nodeId) const;

    QJsonObject configuration; ///< served for GET /api/v1/configurations/<anything>
    QHash<QString, QByteArray> files; ///< served for GET /files/<name>
    int statusOverride = 0; ///< answer every request with this status when non-zero
    bool escrowUnreachable = false; ///< escrow posts: connection dropped, nothing stored
    int lostEscrowPosts = 0;
    bool goAwayAfterPending = false; ///< stop listening right after answering a pending escrow post
    QList<QJsonObject> escrowPosts;
    QList<QJsonObject> resultPosts;
    QSet<QString> refusedRuns; ///< run UUIDs /api/v1/results answers 422 to
    QHash<QString, int> fileGets;
    QByteArray lastAuthorization;

private:
    QHttpServer m_server;
    quint16 m_port = 0;
};

} // namespace prov::test
