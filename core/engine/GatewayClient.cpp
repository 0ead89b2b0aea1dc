#include "engine/GatewayClient.h"

namespace prov::engine {

namespace {
constexpr qsizetype kMaxAnswer = 4096;
}

GatewayClient::GatewayClient(QString host, quint16 port, QObject *parent)
    : QObject(parent)
    , m_host(std::move(host))
    , m_port(port)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        finish(makeError(ResultCode::GatewayUnreachable,
            QStringLiteral("gateway %1 did not answer \"%2\" within %3 ms")
                .arg(address(), QString::fromLatin1(m_line))
                .arg(m_timeoutMs)));
    });
}

QString GatewayClient::address() const
{
    return QStringLiteral("%1:%2").arg(m_host).arg(m_port);
}

void GatewayClient::cancel()
{
    m_done = nullptr;
    m_timer.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
}

void GatewayClient::command(const QByteArray &line, Callback<QByteArray> done)
{
    cancel();
    m_line = line;
    m_buffer.clear();
    m_done = std::move(done);
    m_socket = new QTcpSocket(this);
    connect(m_socket, &QTcpSocket::connected, this, [this] { m_socket->write(m_line + '\n'); });
    connect(m_socket, &QTcpSocket::readyRead, this, [this] {
        m_buffer += m_socket->readAll();
        const qsizetype nl = m_buffer.indexOf('\n');
        if (nl >= 0) {
            finish(m_buffer.left(nl).trimmed());
        } else if (m_buffer.size() > kMaxAnswer) {
            finish(makeError(ResultCode::GatewayUnexpectedError,
                QStringLiteral("gateway %1 sent more than %2 bytes without a line end")
                    .arg(address())
                    .arg(kMaxAnswer)));
        }
    });
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        const bool answered = !m_buffer.isEmpty();
        finish(makeError(answered ? ResultCode::GatewayUnexpectedError : ResultCode::GatewayUnreachable,
            QStringLiteral("gateway %1: %2").arg(address(), m_socket->errorString())));
    });
    m_timer.start(m_timeoutMs);
    m_socket->connectToHost(m_host, m_port);
}

void GatewayClient::finish(const Result<QByteArray> &result)
{
    Callback<QByteArray> done = std::move(m_done);
    cancel();
    if (done)
        done(result);
}

void GatewayClient::clear(NodeId node, Callback<bool> done)
{
    const QByteArray line = "CLEAR " + node.toString().toLatin1();
    command(line, [this, line, done = std::move(done)](const Result<QByteArray> &r) {
        if (!r.ok())
            return done(r.error());
        if (r.value() == "OK")
            return done(true);
        done(makeError(ResultCode::GatewayUnexpectedError,
            QStringLiteral("gateway %1 answered \"%2\" to \"%3\"")
                .arg(address(), QString::fromLatin1(r.value()), QString::fromLatin1(line))));
    });
}

void GatewayClient::status(NodeId node, Callback<JoinState> done)
{
    const QByteArray line = "STATUS " + node.toString().toLatin1();
    command(line, [this, line, done = std::move(done)](const Result<QByteArray> &r) {
        if (!r.ok())
            return done(r.error());
        if (r.value() == "JOINED" || r.value().startsWith("JOINED "))
            return done(JoinState::Joined);
        if (r.value() == "NOT_JOINED")
            return done(JoinState::NotJoined);
        done(makeError(ResultCode::GatewayUnexpectedError,
            QStringLiteral("gateway %1 answered \"%2\" to \"%3\"")
                .arg(address(), QString::fromLatin1(r.value()), QString::fromLatin1(line))));
    });
}

} // namespace prov::engine
