#include "FactoryGateway.h"

#include "SimLog.h"

#include <QTcpSocket>

#include <algorithm>
#include <cctype>

namespace prov::sim {

namespace {
// A control line longer than this is not a command: answer ERR and hang up.
constexpr qsizetype kMaxLine = 256;

bool parseNodeId(QByteArrayView text, quint32 *nodeId)
{
    QByteArrayView digits = text;
    if (digits.startsWith("0x") || digits.startsWith("0X"))
        digits = digits.sliced(2);
    if (digits.isEmpty() || digits.size() > 8)
        return false;
    bool ok = false;
    const uint v = digits.toByteArray().toUInt(&ok, 16);
    if (!ok)
        return false;
    for (char c : digits) {
        if (!std::isxdigit(static_cast<unsigned char>(c)))
            return false;
    }
    *nodeId = v;
    return true;
}

QByteArray nodeText(quint32 nodeId)
{
    return "0x" + QByteArray::number(nodeId, 16).rightJustified(8, '0').toUpper();
}

} // namespace

FactoryGateway::FactoryGateway(PolicyLookup lookup, QObject *parent)
    : QObject(parent)
    , m_lookup(std::move(lookup))
{
    connect(&m_server, &QTcpServer::newConnection, this, &FactoryGateway::acceptConnections);
}

Status FactoryGateway::listen(const QHostAddress &address, quint16 port)
{
    if (!m_server.listen(address, port))
        return makeError(ResultCode::InternalError,
            QStringLiteral("gateway control port %1:%2: %3")
                .arg(address.toString())
                .arg(port)
                .arg(m_server.errorString()));
    return {};
}

int FactoryGateway::rssiOf(quint32 nodeId)
{
    return -45 - int(nodeId % 40u);
}

void FactoryGateway::nodeMayJoin(quint32 nodeId)
{
    const JoinPolicy policy = m_lookup(nodeId);
    if (!policy.known || !policy.holdsFactoryConfig || policy.neverJoins || m_joined.contains(nodeId))
        return;
    auto timer = std::make_shared<QTimer>();
    timer->setSingleShot(true);
    connect(timer.get(), &QTimer::timeout, this, [this, nodeId] { join(nodeId); });
    timer->start(policy.delayMs);
    m_pendingJoins.insert(nodeId, std::move(timer)); // replaces (and stops) an older pending join
}

void FactoryGateway::nodeLeft(quint32 nodeId)
{
    m_pendingJoins.remove(nodeId);
}

void FactoryGateway::join(quint32 nodeId)
{
    m_pendingJoins.remove(nodeId);
    const JoinPolicy policy = m_lookup(nodeId);
    if (!policy.holdsFactoryConfig || policy.neverJoins)
        return;
    m_joined.insert(nodeId, rssiOf(nodeId));
    qCInfo(lcSim).noquote() << "gateway: node" << nodeText(nodeId) << "joined";
    emit joinChanged(nodeId, true);
}

void FactoryGateway::clear(quint32 nodeId)
{
    const bool was = m_joined.remove(nodeId) > 0;
    if (was)
        emit joinChanged(nodeId, false);
    // A cleared node that is still on the factory network announces itself again.
    nodeMayJoin(nodeId);
}

QByteArray FactoryGateway::answer(QByteArrayView line)
{
    const QByteArray trimmed = line.trimmed().toByteArray();
    const QList<QByteArray> words = trimmed.simplified().split(' ');
    const QByteArray verb = words.value(0).toUpper();
    if (verb == "PING" && words.size() == 1)
        return "PONG";
    if (verb == "LIST" && words.size() == 1) {
        QList<quint32> ids = m_joined.keys();
        std::sort(ids.begin(), ids.end());
        QByteArray out = "OK";
        for (quint32 id : ids)
            out += ' ' + nodeText(id);
        return out;
    }
    if (verb == "CLEAR" || verb == "STATUS") {
        quint32 nodeId = 0;
        if (words.size() != 2 || !parseNodeId(words.at(1), &nodeId))
            return "ERR usage: " + verb + " <nodeId as hex, e.g. 0x1A2B3C4D>";
        if (verb == "CLEAR") {
            clear(nodeId);
            return "OK";
        }
        const auto it = m_joined.constFind(nodeId);
        if (it == m_joined.constEnd())
            return "NOT_JOINED";
        return "JOINED rssi=" + QByteArray::number(*it);
    }
    if (trimmed.isEmpty())
        return "ERR empty command";
    return "ERR unknown command; expected CLEAR, STATUS, LIST or PING";
}

void FactoryGateway::acceptConnections()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readLines(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void FactoryGateway::readLines(QTcpSocket *socket)
{
    while (socket->canReadLine()) {
        const QByteArray line = socket->readLine(kMaxLine + 2);
        if (!line.endsWith('\n')) {
            socket->write("ERR line too long\n");
            socket->disconnectFromHost();
            return;
        }
        socket->write(answer(line) + '\n');
    }
    if (socket->bytesAvailable() > kMaxLine) {
        socket->write("ERR line too long\n");
        socket->disconnectFromHost();
    }
}

} // namespace prov::sim
