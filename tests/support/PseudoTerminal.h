#pragma once

#include "domain/Result.h"

#include <QIODevice>
#include <QSocketNotifier>

#include <memory>

namespace prov::test {

/// The master side of a pseudo-terminal pair as a QIODevice: tests drive a
/// Link through it while the station opens slavePath() with QSerialPort like
/// real hardware (the simulator has its own, app/sim/PtyPort). Raw mode (no echo,
/// no line editing) from the start. Unix only.
class PseudoTerminal : public QIODevice
{
    Q_OBJECT

public:
    /// Opens a new pair (openpty).
    [[nodiscard]] static Result<std::unique_ptr<PseudoTerminal>> create(QObject *parent = nullptr);
    ~PseudoTerminal() override;

    /// The path the other side opens, e.g. /dev/pts/7.
    [[nodiscard]] QString slavePath() const { return m_slavePath; }
    [[nodiscard]] bool isSequential() const override { return true; }
    [[nodiscard]] qint64 bytesAvailable() const override;
    [[nodiscard]] qint64 bytesToWrite() const override;
    void close() override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 maxSize) override;

private:
    PseudoTerminal(int masterFd, int slaveFd, QString slavePath, QObject *parent);
    void readFromFd();
    void flushWrites();

    int m_master = -1;
    int m_slave = -1; ///< kept open so the master does not see EIO (hang-up) while no one has the slave open
    QString m_slavePath;
    QByteArray m_readBuffer;
    QByteArray m_writeBuffer;
    std::unique_ptr<QSocketNotifier> m_readNotifier;
    std::unique_ptr<QSocketNotifier> m_writeNotifier;
};

} // namespace prov::test
