#pragma once

#include "server/http/HttpBodyDecoder.h"
#include "server/http/HttpLimits.h"
#include "server/http/HttpRequest.h"
#include "server/http/HttpRequestHandler.h"
#include "server/http/HttpRequestParser.h"
#include "server/http/HttpResponse.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>

QT_BEGIN_NAMESPACE
class QSslSocket;
class QTcpSocket;
QT_END_NAMESPACE

namespace prov::server::http {

class RefusalLog;

/// One client connection: reads request heads and bodies within the limits,
/// hands each request to the handler, writes the answer with back-pressure,
/// and closes idle, slow or misbehaving clients. Requests on a connection are
/// answered in order, one at a time; while one is being handled nothing more
/// is read from the socket (its read buffer is bounded), so a pipelining
/// client cannot make the server buffer.
class HttpConnection : public QObject
{
    Q_OBJECT

public:
    /// Takes ownership of `socket` (connected; for TLS, encryption started).
    /// Refused requests are counted in `refusals` (when set) rather than logged one by one.
    HttpConnection(QTcpSocket *socket, HttpRequestHandler *handler, const HttpLimits &limits,
        RefusalLog *refusals = nullptr, QObject *parent = nullptr);
    ~HttpConnection() override;

    void start();
    /// Graceful stop: idle connections close now, busy ones after their answer.
    void shutdown();
    [[nodiscard]] bool isIdle() const;

signals:
    /// The socket is closed; the owner deletes the connection.
    void finished();

private:
    friend class HttpResponder;
    enum class State { Idle, Head, Body, Handling, Writing, Closing, Lingering, Closed };

    void respond(quint64 serial, HttpResponse response);
    [[nodiscard]] bool isCurrent(quint64 serial) const;

    void onReadyRead();
    void process();
    [[nodiscard]] bool processHead();
    [[nodiscard]] bool processBody();
    void beginRequest();
    void runHandler();
    void refuse(const HttpError &error, const HttpHeaders &headers = {});
    void writeResponse(HttpResponse response);
    void pump();
    void responseComplete();
    void beginClose();
    void finishClose();
    void closeNow();
    void onDrained(qint64 bytes);
    void onTimeout();
    void armTimer(int ms);
    [[nodiscard]] qint64 queuedBytes() const;
    [[nodiscard]] qint64 minWindowBytes() const;
    void logAccess(int status);

    QTcpSocket *m_socket = nullptr;
    QSslSocket *m_ssl = nullptr;
    HttpRequestHandler *m_handler = nullptr;
    HttpLimits m_limits;
    RefusalLog *m_refusals = nullptr;
    State m_state = State::Idle;
    QTimer m_timer;
    QElapsedTimer m_phase; ///< start of the current head / transfer window

    QByteArray m_in;
    HttpRequestParser m_parser;
    HttpBodyDecoder m_decoder;
    std::shared_ptr<HttpRequest> m_request; ///< shared: a handler keeps it while it runs
    HttpDispatch m_dispatch;
    bool m_bodyAnnounced = false;
    bool m_firstRequest = true;
    bool m_keepAlive = true;
    bool m_shuttingDown = false;
    bool m_finished = false;
    int m_requestCount = 0;
    quint64 m_serial = 0;
    qint64 m_windowBytes = 0; ///< body bytes received / response bytes drained in this window
    qint64 m_lingerBytes = 0;

    std::shared_ptr<HttpBodySource> m_source;
    bool m_chunked = false;
    int m_status = 0;
};

} // namespace prov::server::http
