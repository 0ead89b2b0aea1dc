#pragma once

#include <QAtomicInteger>
#include <QString>
#include <QThread>

#include <memory>

class QTcpServer;

namespace prov::bench {

/// A loopback TCP relay in front of a PostgreSQL server that counts the
/// statements its clients send (simple-query 'Q' and extended-protocol Execute
/// 'E' messages of the frontend protocol), for "statements per record" where
/// pg_stat_statements is not loaded (it needs a server restart). Bytes pass
/// unchanged; it runs on its own thread so the relay does not share the bench
/// clients' event loop. Plain connections only (an SSL request is passed on,
/// and a server that accepts it makes the stream unreadable: counted as 0).
class PgStatementCounter
{
public:
    PgStatementCounter(QString upstreamHost, quint16 upstreamPort);
    ~PgStatementCounter();
    PgStatementCounter(const PgStatementCounter &) = delete;
    PgStatementCounter &operator=(const PgStatementCounter &) = delete;

    /// 0 when it could not listen.
    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] qint64 statements() const { return m_statements.loadRelaxed(); }
    void reset() { m_statements.storeRelaxed(0); }

private:
    QThread m_thread;
    QObject m_context; ///< moved to m_thread: what runs there runs in its context
    QTcpServer *m_server = nullptr; ///< lives on m_thread
    quint16 m_port = 0;
    QAtomicInteger<qint64> m_statements;
};

} // namespace prov::bench
