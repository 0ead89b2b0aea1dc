#include "server/http/HttpConnection.h"

#include "server/ServerLog.h"
#include "server/http/RefusalLog.h"
#include "support/LogSafe.h"

#include <QSslSocket>
#include <QTcpSocket>

#include <sys/socket.h>

namespace prov::server::http {

namespace {
constexpr qint64 kReadChunk = 64 * 1024; ///< socket read buffer and read slice
constexpr qint64 kWriteSlice = 64 * 1024; ///< response slice pulled from a source
constexpr qint64 kMaxLingerBytes = 64 * 1024; ///< discarded after a refused body
constexpr int kLingerMs = 2000;
/// A refused request whose announced body is at most this large is read and
/// dropped before the answer, so that clients which send the whole body before
/// reading (QNetworkAccessManager) see the answer rather than a reset.
constexpr qint64 kMaxDrainBytes = 4 * 1024 * 1024;
} // namespace

HttpConnection::HttpConnection(
    QTcpSocket *socket, HttpRequestHandler *handler, const HttpLimits &limits, RefusalLog *refusals, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_ssl(qobject_cast<QSslSocket *>(socket))
    , m_handler(handler)
    , m_limits(limits)
    , m_refusals(refusals)
    , m_parser(limits)
{
    m_socket->setParent(this);
    m_timer.setSingleShot(true);
}

HttpConnection::~HttpConnection() = default;

void HttpConnection::start()
{
    // Bounds what Qt reads from the kernel while the connection is not reading:
    // beyond it TCP flow control holds the client back.
    m_socket->setReadBufferSize(kReadChunk);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::closeNow);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            closeNow();
    });
    if (m_ssl) {
        connect(m_ssl, &QSslSocket::encryptedBytesWritten, this, &HttpConnection::onDrained);
        connect(m_ssl, &QSslSocket::bytesWritten, this, [this](qint64) { pump(); });
    } else {
        connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::onDrained);
    }
    connect(&m_timer, &QTimer::timeout, this, &HttpConnection::onTimeout);
    m_state = State::Idle;
    m_phase.start();
    // The first request (and a TLS handshake before it) must arrive within the head timeout.
    armTimer(m_limits.headerTimeoutMs);
    if (m_socket->bytesAvailable() > 0)
        process();
}

void HttpConnection::shutdown()
{
    m_shuttingDown = true;
    if (m_state != State::Idle)
        return; // answered first, then closed (keep-alive is off from now on)
    // A request that already arrived is in flight, not idle: serve it. (Reading
    // it emits readyRead, which may already start the request.)
    m_socket->waitForReadyRead(0);
    if (m_state == State::Idle && (m_socket->bytesAvailable() > 0 || !m_in.isEmpty()))
        process();
    if (m_state == State::Idle)
        beginClose();
}

bool HttpConnection::isIdle() const
{
    return m_state == State::Idle;
}

bool HttpConnection::isCurrent(quint64 serial) const
{
    return serial == m_serial && m_state == State::Handling;
}

void HttpConnection::armTimer(int ms)
{
    m_timer.start(qMax(1, ms));
}

qint64 HttpConnection::queuedBytes() const
{
    qint64 queued = m_socket->bytesToWrite();
    if (m_ssl)
        queued += m_ssl->encryptedBytesToWrite();
    return queued;
}

qint64 HttpConnection::minWindowBytes() const
{
    return qMax<qint64>(1, m_limits.minTransferBytesPerSecond * m_limits.transferWindowMs / 1000);
}

void HttpConnection::onReadyRead()
{
    switch (m_state) {
    case State::Idle:
    case State::Head:
    case State::Body:
        process();
        break;
    case State::Lingering:
        // Drop a little; past that stop reading, so the client's sending stalls
        // (rather than being reset) until the linger time is up and it has had
        // the chance to read our answer.
        if (m_lingerBytes < kMaxLingerBytes)
            m_lingerBytes += m_socket->skip(qMin(kReadChunk, kMaxLingerBytes - m_lingerBytes));
        break;
    case State::Handling:
    case State::Writing:
    case State::Closing:
    case State::Closed:
        break; // left in the (bounded) socket buffer until the current answer is out
    }
}

void HttpConnection::process()
{
    for (;;) {
        if (m_state == State::Idle || m_state == State::Head) {
            if (!processHead())
                return;
        } else if (m_state == State::Body) {
            if (!processBody())
                return;
        } else {
            return;
        }
    }
}

bool HttpConnection::processHead()
{
    // Never hold more than one byte past the head limit.
    const qint64 room = m_limits.maxHeaderBytes + 1 - m_in.size();
    if (room > 0 && m_socket->bytesAvailable() > 0)
        m_in.append(m_socket->read(room));
    if (m_in.isEmpty())
        return false;
    if (m_state == State::Idle) {
        m_state = State::Head;
        if (!m_firstRequest) {
            m_phase.start();
            armTimer(m_limits.headerTimeoutMs);
        }
        m_request = std::make_shared<HttpRequest>();
        m_request->peer = m_socket->peerAddress();
        m_request->secure = m_ssl != nullptr;
    }
    qsizetype consumed = 0;
    HttpError error;
    switch (m_parser.parse(m_in, *m_request, consumed, error)) {
    case HttpRequestParser::Status::NeedMore:
        return false;
    case HttpRequestParser::Status::Failed:
        m_keepAlive = false;
        refuse(error);
        return false;
    case HttpRequestParser::Status::Complete:
        m_in.remove(0, consumed);
        m_request->received.start();
        beginRequest();
        return m_state == State::Body;
    }
    return false;
}

void HttpConnection::beginRequest()
{
    m_firstRequest = false;
    ++m_requestCount;
    m_keepAlive = m_request->wantsKeepAlive() && !m_shuttingDown && m_requestCount < m_limits.maxRequestsPerConnection;

    HttpBodyFraming framing;
    HttpError error;
    if (!HttpRequestParser::bodyFraming(*m_request, framing, error)) {
        m_keepAlive = false;
        refuse(error);
        return;
    }
    m_bodyAnnounced = framing.kind != HttpBodyFraming::Kind::None;
    m_dispatch = m_handler ? m_handler->dispatch(*m_request) : HttpDispatch {};
    if (!m_dispatch.error.isSet() && !m_dispatch.handler)
        m_dispatch.error
            = makeHttpError(500, QStringLiteral("no_handler"), QStringLiteral("No handler for this request."));
    if (!m_dispatch.error.isSet() && framing.kind == HttpBodyFraming::Kind::Length
        && framing.length > m_dispatch.maxBodyBytes) {
        m_dispatch.error = makeHttpError(413, QStringLiteral("payload_too_large"),
            QStringLiteral("The request body (%1 bytes) is larger than the limit of %2 bytes.")
                .arg(framing.length)
                .arg(m_dispatch.maxBodyBytes));
    }
    // A client that waits for "100 Continue" sends no body after a refusal: it
    // gets the refusal at once and the connection closes (RFC 9110, 10.1.1).
    const bool expectsContinue = m_request->headers.value("expect").compare("100-continue", Qt::CaseInsensitive) == 0;
    if (m_dispatch.error.isSet()) {
        if (!expectsContinue && framing.kind == HttpBodyFraming::Kind::Length && framing.length <= kMaxDrainBytes) {
            // Small enough to drop: read it, then answer, and the connection stays usable.
            const HttpError refusal = m_dispatch.error;
            const HttpHeaders refusalHeaders = m_dispatch.errorHeaders;
            m_dispatch = {};
            m_dispatch.maxBodyBytes = framing.length;
            m_dispatch.discardBody = true;
            m_dispatch.handler = [refusal, refusalHeaders](HttpRequest &, HttpResponder responder) {
                HttpResponse response = HttpResponse::error(refusal);
                for (const auto &field : refusalHeaders.fields())
                    response.headers.set(field.first, field.second);
                responder.send(response);
            };
        } else {
            // Not one byte of the body is read.
            refuse(m_dispatch.error, m_dispatch.errorHeaders);
            return;
        }
    }
    if (!m_bodyAnnounced) {
        runHandler();
        return;
    }
    if (expectsContinue) // only now: the route, token and role are checked
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    m_decoder = HttpBodyDecoder(framing, m_dispatch.maxBodyBytes);
    m_state = State::Body;
    m_windowBytes = 0;
    m_phase.start();
    armTimer(m_limits.transferWindowMs);
}

bool HttpConnection::processBody()
{
    const HttpBodyDecoder::Sink sink = [this](QByteArrayView data) {
        if (m_dispatch.sink)
            return m_dispatch.sink->write(data);
        if (!m_dispatch.discardBody)
            m_request->body.append(data);
        return true;
    };
    for (;;) {
        if (m_in.isEmpty()) {
            if (m_socket->bytesAvailable() <= 0)
                return false;
            m_in = m_socket->read(kReadChunk);
            m_windowBytes += m_in.size();
        }
        HttpError error;
        switch (m_decoder.decode(m_in, sink, error)) {
        case HttpBodyDecoder::Status::NeedMore:
            continue;
        case HttpBodyDecoder::Status::Failed:
            m_keepAlive = false;
            if (error.code == QStringLiteral("body_sink_failed") && m_dispatch.sink)
                error = m_dispatch.sink->error();
            refuse(error);
            return false;
        case HttpBodyDecoder::Status::Complete:
            if (m_dispatch.sink && !m_dispatch.sink->finish()) {
                refuse(m_dispatch.sink->error());
                return false;
            }
            runHandler();
            return false;
        }
    }
}

void HttpConnection::runHandler()
{
    m_state = State::Handling;
    m_timer.stop();
    m_bodyAnnounced = false; // the body is consumed
    const quint64 serial = ++m_serial;
    auto handler = std::move(m_dispatch.handler);
    m_dispatch = {};
    // The handler may answer synchronously, which ends the request here: keep
    // it alive until the handler returns.
    const std::shared_ptr<HttpRequest> request = m_request;
    handler(*request, HttpResponder(this, serial));
}

void HttpConnection::refuse(const HttpError &refusal, const HttpHeaders &refusalHeaders)
{
    // Copies: the arguments may live in m_dispatch, which is cleared below.
    const HttpError error = refusal;
    const HttpHeaders headers = refusalHeaders;
    // A body that was announced but not read makes the connection unusable.
    if (m_bodyAnnounced || m_state == State::Body)
        m_keepAlive = false;
    if (!m_request) {
        m_request = std::make_shared<HttpRequest>();
        m_request->peer = m_socket->peerAddress();
    }
    if (!m_request->received.isValid())
        m_request->received.start();
    m_state = State::Handling;
    m_serial++;
    m_dispatch = {};
    HttpResponse response = HttpResponse::error(error);
    for (const auto &field : headers.fields())
        response.headers.set(field.first, field.second);
    writeResponse(std::move(response));
}

void HttpConnection::respond(quint64 serial, HttpResponse response)
{
    if (!isCurrent(serial))
        return;
    writeResponse(std::move(response));
}

void HttpConnection::writeResponse(HttpResponse response)
{
    m_timer.stop();
    m_status = response.status;
    const bool noBody = response.status == 204 || response.status == 304;
    const bool head = m_request && m_request->isHead();
    m_chunked = false;
    if (response.source && !noBody) {
        const qint64 size = response.source->size();
        if (size >= 0) {
            response.headers.set("Content-Length", QByteArray::number(size));
        } else if (m_request && m_request->minorVersion >= 1) {
            response.headers.set("Transfer-Encoding", "chunked");
            m_chunked = true;
        } else {
            m_keepAlive = false; // HTTP/1.0: the end of the body is the end of the connection
        }
    } else if (!noBody) {
        response.headers.set("Content-Length", QByteArray::number(response.body.size()));
    }
    if (!m_keepAlive)
        response.headers.set("Connection", "close");

    QByteArray out;
    out.reserve(256 + (head ? 0 : response.body.size()));
    out += "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + HttpResponse::reasonPhrase(response.status)
        + "\r\n";
    for (const auto &field : response.headers.fields())
        out += field.first + ": " + field.second + "\r\n";
    out += "\r\n";
    if (!head && !noBody && !response.source)
        out += response.body;
    m_socket->write(out);

    if (response.source && !head && !noBody) {
        m_source = std::move(response.source);
        m_state = State::Writing;
        m_windowBytes = 0;
        m_phase.start();
        armTimer(m_limits.transferWindowMs);
        pump();
        return;
    }
    responseComplete();
}

void HttpConnection::pump()
{
    if (m_state != State::Writing || !m_source)
        return;
    while (!m_source->atEnd() && queuedBytes() < m_limits.maxQueuedResponseBytes) {
        QByteArray slice;
        QString error;
        const qint64 want = qMin(kWriteSlice, m_limits.maxQueuedResponseBytes - queuedBytes());
        if (!m_source->read(want, slice, error)) {
            qCWarning(lcServerHttp).noquote() << "response stream failed:" << logSafe(error, 1024);
            logAccess(m_status);
            closeNow();
            return;
        }
        if (slice.isEmpty())
            continue;
        if (m_chunked)
            m_socket->write(QByteArray::number(slice.size(), 16) + "\r\n" + slice + "\r\n");
        else
            m_socket->write(slice);
    }
    if (m_source->atEnd()) {
        if (m_chunked)
            m_socket->write("0\r\n\r\n");
        m_source.reset();
        responseComplete();
    }
}

void HttpConnection::onDrained(qint64 bytes)
{
    m_windowBytes += bytes;
    if (m_state == State::Writing)
        pump();
    else if (m_state == State::Closing && queuedBytes() == 0)
        finishClose();
}

void HttpConnection::responseComplete()
{
    logAccess(m_status);
    m_request.reset();
    m_parser.reset();
    m_source.reset();
    if (!m_keepAlive || m_shuttingDown) {
        beginClose();
        return;
    }
    m_state = State::Idle;
    m_phase.start();
    armTimer(m_limits.idleTimeoutMs);
    // A pipelined request may already be buffered: take it up from the event loop.
    QMetaObject::invokeMethod(this, &HttpConnection::process, Qt::QueuedConnection);
}

void HttpConnection::beginClose()
{
    if (m_state == State::Closing || m_state == State::Lingering || m_state == State::Closed)
        return;
    m_state = State::Closing;
    m_windowBytes = 0;
    m_phase.start();
    armTimer(m_limits.transferWindowMs);
    if (queuedBytes() == 0)
        finishClose();
}

void HttpConnection::finishClose()
{
    if (m_ssl) {
        m_state = State::Closed;
        m_ssl->disconnectFromHost();
        if (m_ssl->state() == QAbstractSocket::UnconnectedState)
            closeNow();
        else
            armTimer(kLingerMs);
        return;
    }
    // Lingering close: stop sending, then read and drop a little of what the
    // client may still be sending, so that it sees our answer rather than a
    // reset caused by unread data.
    ::shutdown(static_cast<int>(m_socket->socketDescriptor()), SHUT_WR);
    m_state = State::Lingering;
    m_lingerBytes = 0;
    armTimer(kLingerMs);
    onReadyRead();
}

void HttpConnection::closeNow()
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_request && m_state != State::Closed && m_state != State::Lingering && m_state != State::Closing
        && m_state != State::Idle)
        logAccess(m_status ? m_status : 499);
    m_request.reset();
    m_state = State::Closed;
    m_timer.stop();
    m_source.reset();
    m_dispatch = {};
    m_socket->disconnect(this);
    m_socket->abort();
    emit finished();
}

void HttpConnection::onTimeout()
{
    const qint64 needed = minWindowBytes();
    switch (m_state) {
    case State::Idle:
        if (m_firstRequest && m_refusals)
            m_refusals->count(QStringLiteral("connection without a request in time"), m_socket->peerAddress());
        closeNow();
        return;
    case State::Head:
        m_keepAlive = false;
        refuse(makeHttpError(408, QStringLiteral("request_timeout"),
            QStringLiteral("The request head did not arrive within %1 ms.").arg(m_limits.headerTimeoutMs)));
        return;
    case State::Body:
        if (m_windowBytes < needed) {
            m_keepAlive = false;
            refuse(makeHttpError(408, QStringLiteral("request_timeout"),
                QStringLiteral("The request body arrived slower than %1 bytes per second.")
                    .arg(m_limits.minTransferBytesPerSecond)));
            return;
        }
        break;
    case State::Writing:
    case State::Closing:
        if (m_windowBytes < needed && queuedBytes() > 0) {
            qCInfo(lcServerHttp).noquote()
                << m_socket->peerAddress().toString() << "client reads too slowly: connection cut";
            closeNow();
            return;
        }
        break;
    case State::Lingering:
    case State::Closed:
        closeNow();
        return;
    case State::Handling:
        return;
    }
    m_windowBytes = 0;
    m_phase.start();
    armTimer(m_limits.transferWindowMs);
}

void HttpConnection::logAccess(int status)
{
    if (!m_request)
        return;
    // Refusals a stranger can cause in bulk (any 4xx without a valid token, and
    // every 401/403/429) are counted for a periodic summary, not logged each.
    const bool refusal = status == 401 || status == 403 || status == 429
        || (status >= 400 && status < 500 && !m_request->principal.isValid());
    if (refusal && m_refusals) {
        m_refusals->count(
            QString::number(status) + u' ' + QString::fromLatin1(HttpResponse::reasonPhrase(status)), m_request->peer);
        return;
    }
    if (m_request->method.isEmpty())
        return;
    // Method, target, status and time only: never bodies, never the Authorization header.
    qCInfo(lcServerHttp).noquote().nospace()
        << m_request->peer.toString() << ' ' << logSafe(QByteArrayView(m_request->method), 16) << ' '
        << logSafe(QByteArrayView(m_request->target), 512) << ' ' << status << ' '
        << (m_request->received.isValid() ? m_request->received.elapsed() : 0) << " ms";
}

} // namespace prov::server::http
