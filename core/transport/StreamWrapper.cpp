#include "transport/StreamWrapper.h"

#include "transport/NodeFramer.h"
#include "transport/OrwFramer.h"
#include "transport/TransportLog.h"

namespace prov::transport {

StreamWrapper::StreamWrapper(WrapperKind kind, const WrapperOptions &options, QObject *parent)
    : Wrapper(parent)
    , m_kind(kind)
{
    Q_ASSERT(kind == WrapperKind::None || kind == WrapperKind::Orw);
    if (kind == WrapperKind::Orw)
        m_scanner = std::make_unique<OrwFramer>();
    else
        m_scanner = std::make_unique<NodeFramer>();
    m_scanner->setFrameHandler([this](QByteArrayView frame) { handleFrame(frame); });
    m_scanner->setProblemHandler([this](FrameScanner::Problem problem, QByteArrayView) { handleProblem(problem); });
    m_gapTimer.setSingleShot(true);
    m_gapTimer.setInterval(qMax(1, options.interCharTimeoutMs));
    connect(&m_gapTimer, &QTimer::timeout, this, [this] {
        m_scanner->abandonPartialFrame();
        if (m_scanner->bufferedBytes() > 0)
            m_gapTimer.start();
    });
}

void StreamWrapper::start()
{
    emit ready();
}

void StreamWrapper::stop()
{
    m_gapTimer.stop();
    m_scanner->clear();
    emit finished();
}

qsizetype StreamWrapper::maxMessageSize() const
{
    return m_kind == WrapperKind::Orw ? OrwFramer::kMaxPayload : NodeFramer::kMaxPayload;
}

void StreamWrapper::sendMessage(const Message &message)
{
    if (message.payload.size() > maxMessageSize()) {
        emit failed(makeError(ResultCode::InternalError,
            QStringLiteral("message of %1 bytes exceeds the %2 wrapper's limit of %3 bytes")
                .arg(message.payload.size())
                .arg(wrapperName(m_kind))
                .arg(maxMessageSize())));
        return;
    }
    const QByteArray frame = m_kind == WrapperKind::Orw ? OrwFramer::encode(message) : NodeFramer::encode(message);
    ++m_counters.framesSent;
    m_counters.bytesWritten += quint64(frame.size());
    emit bytesToWrite(frame);
    // Nothing acknowledges a stateless frame: handed over is delivered.
    emit allMessagesDelivered();
}

void StreamWrapper::feed(QByteArrayView bytes)
{
    m_counters.bytesRead += quint64(bytes.size());
    m_scanner->feed(bytes);
    if (m_scanner->bufferedBytes() > 0)
        m_gapTimer.start();
    else
        m_gapTimer.stop();
}

void StreamWrapper::handleFrame(QByteArrayView frame)
{
    ++m_counters.framesReceived;
    emit messageReceived(m_kind == WrapperKind::Orw ? OrwFramer::decode(frame) : NodeFramer::decode(frame));
}

void StreamWrapper::handleProblem(FrameScanner::Problem problem)
{
    QString what;
    switch (problem) {
    case FrameScanner::Problem::BadChecksum:
        ++m_counters.checksumErrors;
        what = QStringLiteral("%1 frame with a bad checksum dropped").arg(wrapperName(m_kind));
        break;
    case FrameScanner::Problem::Garbage:
    case FrameScanner::Problem::BadHeader:
        ++m_counters.framingErrors;
        what = QStringLiteral("%1: bytes that start no frame skipped").arg(wrapperName(m_kind));
        break;
    case FrameScanner::Problem::Abandoned:
        ++m_counters.framingErrors;
        what = QStringLiteral("%1: incomplete frame abandoned after the line went quiet").arg(wrapperName(m_kind));
        break;
    }
    if (m_kind == WrapperKind::Orw)
        qCDebug(lcTransportOrw) << what;
    else
        qCDebug(lcTransport) << what;
    emit frameErrorOccurred(what);
}

} // namespace prov::transport
