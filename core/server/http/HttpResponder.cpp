#include "server/http/HttpResponder.h"

#include "server/http/HttpConnection.h"

namespace prov::server::http {

struct HttpResponder::State
{
    QPointer<HttpConnection> connection;
    quint64 serial = 0;
    bool responded = false;

    ~State()
    {
        if (!responded && connection)
            connection->respond(serial,
                HttpResponse::error(500, QStringLiteral("no_answer"),
                    QStringLiteral("The server dropped the request without an answer.")));
    }
};

HttpResponder::HttpResponder(HttpConnection *connection, quint64 serial)
    : m_state(std::make_shared<State>())
{
    m_state->connection = connection;
    m_state->serial = serial;
}

void HttpResponder::send(HttpResponse response) const
{
    if (!m_state || m_state->responded)
        return;
    m_state->responded = true;
    if (m_state->connection)
        m_state->connection->respond(m_state->serial, std::move(response));
}

void HttpResponder::sendError(int status, const QString &code, const QString &detail) const
{
    send(HttpResponse::error(status, code, detail));
}

bool HttpResponder::isConnected() const
{
    return m_state && m_state->connection && m_state->connection->isCurrent(m_state->serial);
}

bool HttpResponder::hasResponded() const
{
    return m_state && m_state->responded;
}

} // namespace prov::server::http
