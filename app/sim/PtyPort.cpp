#include "PtyPort.h"

#include "SimLog.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>

namespace prov::sim {

namespace {

// Line time an idle line may send at once, and the pacing timers' quantum.
constexpr double kBurstMs = 6.0;
constexpr qint64 kQuantumBytesMin = 1;
constexpr double kQuantumMs = 4.0;
// A station that writes faster than the line: the pty's own buffer back-pressures
// it once this much is waiting in the simulator.
constexpr qsizetype kMaxInbox = 16 * 1024;
// A device that answers while nobody reads: the oldest bytes are lost, as on a
// real line without a listener.
constexpr qsizetype kMaxOutbox = 256 * 1024;

speed_t speedConstant(qint32 baud)
{
    switch (baud) {
    case 1200:
        return B1200;
    case 2400:
        return B2400;
    case 4800:
        return B4800;
    case 9600:
        return B9600;
    case 19200:
        return B19200;
    case 38400:
        return B38400;
    case 57600:
        return B57600;
    case 115200:
        return B115200;
    case 230400:
        return B230400;
    case 460800:
        return B460800;
    case 921600:
        return B921600;
    default:
        break;
    }
    return B0;
}

int toMs(qint64 ns)
{
    return int((ns + 999999) / 1000000);
}

} // namespace

Result<std::unique_ptr<PtyPort>> PtyPort::open(
    qint32 baud, double bitErrorRate, double dropRate, quint64 seed, QObject *parent)
{
    const speed_t speed = speedConstant(baud);
    if (speed == B0)
        return makeError(ResultCode::InvalidArguments, QStringLiteral("unsupported baud rate %1").arg(baud));
    int master = -1;
    int slave = -1;
    char name[256] = {};
    termios raw {};
    cfmakeraw(&raw);
    cfsetispeed(&raw, speed);
    cfsetospeed(&raw, speed);
    if (::openpty(&master, &slave, name, &raw, nullptr) != 0)
        return makeError(ResultCode::InternalError,
            QStringLiteral("cannot create a pseudo-terminal: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
    ::fcntl(master, F_SETFL, ::fcntl(master, F_GETFL) | O_NONBLOCK);
    ::fcntl(master, F_SETFD, FD_CLOEXEC);
    ::fcntl(slave, F_SETFD, FD_CLOEXEC);
    return std::unique_ptr<PtyPort>(
        new PtyPort(master, slave, QString::fromLocal8Bit(name), baud, bitErrorRate, dropRate, seed, parent));
}

PtyPort::PtyPort(
    int master, int slave, QString slavePath, qint32 baud, double ber, double drop, quint64 seed, QObject *parent)
    : QObject(parent)
    , m_master(master)
    , m_slave(slave)
    , m_slavePath(std::move(slavePath))
    , m_baud(baud)
    , m_inPacer(baud, kBurstMs)
    , m_outPacer(baud, kBurstMs)
    , m_noise(ber, drop, seed)
{
    m_clock.start();
    m_readNotifier = std::make_unique<QSocketNotifier>(m_master, QSocketNotifier::Read);
    connect(m_readNotifier.get(), &QSocketNotifier::activated, this, &PtyPort::readMaster);
    for (QTimer *t : {&m_inTimer, &m_outTimer}) {
        t->setSingleShot(true);
        t->setTimerType(Qt::PreciseTimer);
    }
    connect(&m_inTimer, &QTimer::timeout, this, &PtyPort::pumpIn);
    connect(&m_outTimer, &QTimer::timeout, this, &PtyPort::pumpOut);
}

PtyPort::~PtyPort()
{
    m_readNotifier.reset();
    if (m_master >= 0)
        ::close(m_master);
    if (m_slave >= 0)
        ::close(m_slave);
}

bool PtyPort::stationBaudMatches() const
{
    termios t {};
    if (::tcgetattr(m_master, &t) != 0)
        return true;
    return cfgetispeed(&t) == speedConstant(m_baud) && cfgetospeed(&t) == speedConstant(m_baud);
}

void PtyPort::readMaster()
{
    char buf[4096];
    while (m_inbox.size() < kMaxInbox) {
        const ssize_t n = ::read(m_master, buf, sizeof buf);
        if (n > 0) {
            if (!m_silent)
                m_inbox.append(buf, n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        break; // EAGAIN: drained; EIO cannot happen while m_slave is open
    }
    // Full: stop reading, so the pty's buffer fills and the station's writes wait.
    m_readNotifier->setEnabled(m_inbox.size() < kMaxInbox);
    if (!m_inTimer.isActive())
        pumpIn();
}

void PtyPort::pumpIn()
{
    const qint64 now = nowNs();
    const qint64 n = m_inPacer.take(now, m_inbox.size());
    if (n > 0) {
        QByteArray chunk = m_inbox.left(n);
        m_inbox.remove(0, n);
        m_bytesReceived += quint64(n);
        if (!stationBaudMatches())
            m_noise.garble(chunk);
        const quint64 errorsBefore = m_noise.bitErrors() + m_noise.droppedBytes();
        m_noise.apply(chunk);
        if (m_noise.bitErrors() + m_noise.droppedBytes() != errorsBefore)
            qCDebug(lcSim).noquote() << m_slavePath << "line noise on bytes from the station, total" << m_bytesReceived;
        if (!m_readNotifier->isEnabled() && m_inbox.size() < kMaxInbox)
            m_readNotifier->setEnabled(true);
        if (!chunk.isEmpty())
            emit received(chunk);
    }
    if (!m_inbox.isEmpty()) {
        const qint64 quantum
            = std::max<qint64>(kQuantumBytesMin, qint64(m_inPacer.bytesPerSecond() * kQuantumMs / 1000.0));
        m_inTimer.start(toMs(m_inPacer.nsUntil(nowNs(), std::min<qint64>(quantum, m_inbox.size()))));
    }
}

void PtyPort::write(const QByteArray &bytes)
{
    if (m_silent || bytes.isEmpty())
        return;
    m_outbox.append(bytes);
    if (m_outbox.size() > kMaxOutbox)
        m_outbox.remove(0, m_outbox.size() - kMaxOutbox);
    if (!m_outTimer.isActive())
        pumpOut();
}

void PtyPort::pumpOut()
{
    const qint64 n = m_outPacer.take(nowNs(), m_outbox.size());
    if (n > 0) {
        QByteArray chunk = m_outbox.left(n);
        m_outbox.remove(0, n);
        m_bytesSent += quint64(n);
        if (!stationBaudMatches())
            m_noise.garble(chunk);
        const quint64 errorsBefore = m_noise.bitErrors() + m_noise.droppedBytes();
        m_noise.apply(chunk);
        if (m_noise.bitErrors() + m_noise.droppedBytes() != errorsBefore)
            qCDebug(lcSim).noquote() << m_slavePath << "line noise on bytes to the station, total" << m_bytesSent;
        qsizetype at = 0;
        while (at < chunk.size()) {
            const ssize_t w = ::write(m_master, chunk.constData() + at, size_t(chunk.size() - at));
            if (w > 0) {
                at += w;
                continue;
            }
            if (w < 0 && errno == EINTR)
                continue;
            // The station's side is full (nobody reads): like a line without a
            // listener, these bytes are gone.
            break;
        }
    }
    if (!m_outbox.isEmpty()) {
        const qint64 quantum
            = std::max<qint64>(kQuantumBytesMin, qint64(m_outPacer.bytesPerSecond() * kQuantumMs / 1000.0));
        m_outTimer.start(toMs(m_outPacer.nsUntil(nowNs(), std::min<qint64>(quantum, m_outbox.size()))));
    }
}

void PtyPort::discardIncoming()
{
    m_inbox.clear();
    m_readNotifier->setEnabled(true);
}

} // namespace prov::sim
