#include "PseudoTerminal.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>

namespace prov::test {

namespace {
constexpr qint64 kReadChunk = 64 * 1024;
}

Result<std::unique_ptr<PseudoTerminal>> PseudoTerminal::create(QObject *parent)
{
    int master = -1;
    int slave = -1;
    char name[256] = {};
    termios raw {};
    cfmakeraw(&raw);
    cfsetispeed(&raw, B115200);
    cfsetospeed(&raw, B115200);
    if (::openpty(&master, &slave, name, &raw, nullptr) != 0) {
        return makeError(ResultCode::InternalError,
            QStringLiteral("cannot create a pseudo-terminal: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
    }
    ::fcntl(master, F_SETFL, ::fcntl(master, F_GETFL) | O_NONBLOCK);
    ::fcntl(master, F_SETFD, FD_CLOEXEC);
    ::fcntl(slave, F_SETFD, FD_CLOEXEC);
    std::unique_ptr<PseudoTerminal> pty(new PseudoTerminal(master, slave, QString::fromLocal8Bit(name), parent));
    return Result<std::unique_ptr<PseudoTerminal>>(std::move(pty));
}

PseudoTerminal::PseudoTerminal(int masterFd, int slaveFd, QString slavePath, QObject *parent)
    : QIODevice(parent)
    , m_master(masterFd)
    , m_slave(slaveFd)
    , m_slavePath(std::move(slavePath))
{
    setObjectName(m_slavePath);
    m_readNotifier = std::make_unique<QSocketNotifier>(m_master, QSocketNotifier::Read);
    connect(m_readNotifier.get(), &QSocketNotifier::activated, this, &PseudoTerminal::readFromFd);
    m_writeNotifier = std::make_unique<QSocketNotifier>(m_master, QSocketNotifier::Write);
    m_writeNotifier->setEnabled(false);
    connect(m_writeNotifier.get(), &QSocketNotifier::activated, this, &PseudoTerminal::flushWrites);
    QIODevice::open(QIODevice::ReadWrite | QIODevice::Unbuffered);
}

PseudoTerminal::~PseudoTerminal()
{
    close();
}

void PseudoTerminal::close()
{
    m_readNotifier.reset();
    m_writeNotifier.reset();
    if (m_master >= 0)
        ::close(m_master);
    if (m_slave >= 0)
        ::close(m_slave);
    m_master = m_slave = -1;
    if (isOpen())
        QIODevice::close();
}

qint64 PseudoTerminal::bytesAvailable() const
{
    return m_readBuffer.size() + QIODevice::bytesAvailable();
}

qint64 PseudoTerminal::bytesToWrite() const
{
    return m_writeBuffer.size();
}

void PseudoTerminal::readFromFd()
{
    bool got = false;
    // Bounded: a peer writing without pause cannot make us buffer forever;
    // the notifier fires again for the rest.
    while (m_master >= 0 && m_readBuffer.size() < 16 * kReadChunk) {
        char chunk[4096];
        const ssize_t n = ::read(m_master, chunk, sizeof chunk);
        if (n > 0) {
            m_readBuffer.append(chunk, qsizetype(n));
            got = true;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        break; // EAGAIN, or EIO while nobody has the slave open
    }
    if (got)
        emit readyRead();
}

qint64 PseudoTerminal::readData(char *data, qint64 maxSize)
{
    const qint64 n = qMin<qint64>(maxSize, m_readBuffer.size());
    std::memcpy(data, m_readBuffer.constData(), std::size_t(n));
    m_readBuffer.remove(0, qsizetype(n));
    return n;
}

qint64 PseudoTerminal::writeData(const char *data, qint64 maxSize)
{
    if (m_master < 0)
        return -1;
    m_writeBuffer.append(data, qsizetype(maxSize));
    // Written from the event loop: emitting bytesWritten() inside write()
    // would re-enter the caller.
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(true);
    return maxSize;
}

void PseudoTerminal::flushWrites()
{
    qint64 total = 0;
    while (m_master >= 0 && !m_writeBuffer.isEmpty()) {
        const ssize_t n = ::write(m_master, m_writeBuffer.constData(), std::size_t(m_writeBuffer.size()));
        if (n > 0) {
            m_writeBuffer.remove(0, qsizetype(n));
            total += n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        break;
    }
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(!m_writeBuffer.isEmpty());
    if (total > 0)
        emit bytesWritten(total);
}

} // namespace prov::test
