#pragma once

#include "server/http/HttpResponse.h"

#include <QPointer>

#include <memory>

namespace prov::server::http {

class HttpConnection;

/// The handle a route handler answers through, now or later (after a group
/// commit, a login delay, a worker thread). Copies share one answer: the
/// first send() wins, and if every copy is dropped without an answer the
/// client gets a 500 instead of hanging. Sending after the client left is a
/// harmless no-op.
class HttpResponder
{
public:
    HttpResponder() = default;
    HttpResponder(HttpConnection *connection, quint64 serial);

    void send(HttpResponse response) const;
    void sendError(int status, const QString &code, const QString &detail) const;
    /// Whether the client is still there to receive an answer.
    [[nodiscard]] bool isConnected() const;
    [[nodiscard]] bool hasResponded() const;

private:
    struct State;
    std::shared_ptr<State> m_state;
};

} // namespace prov::server::http
