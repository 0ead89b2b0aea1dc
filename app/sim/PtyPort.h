#pragma once

#include "LineNoise.h"
#include "LinePacer.h"
#include "domain/Result.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QSocketNotifier>
#include <QTimer>

#include <memory>

namespace prov::sim {

/// One simulated serial port: the master side of a pseudo-terminal whose slave
/// path the station opens. Bytes move at the device's baud rate in both
/// directions (a pseudo-terminal itself moves them at memory speed), pass
/// through the line's noise, and turn to garbage when the station's termios
/// speed differs from the device's (on Linux a pty's termios is shared, so the
/// master reads the speed the station set on the slave).
class PtyPort : public QObject
{
    Q_OBJECT

public:
    [[nodiscard]] static Result<std::unique_ptr<PtyPort>> open(
        qint32 baud, double bitErrorRate, double dropRate, quint64 seed, QObject *parent = nullptr);
    ~PtyPort() override;

    [[nodiscard]] QString slavePath() const { return m_slavePath; }
    [[nodiscard]] qint32 baud() const { return m_baud; }
    /// Unplugged: everything the station sends is lost, nothing is sent.
    void setSilent(bool silent) { m_silent = silent; }
    /// Queues bytes to leave at line rate.
    void write(const QByteArray &bytes);
    /// Drops what the station sent that the device has not taken yet (a reset).
    void discardIncoming();

    [[nodiscard]] quint64 bytesSent() const { return m_bytesSent; }
    [[nodiscard]] quint64 bytesReceived() const { return m_bytesReceived; }
    [[nodiscard]] const LineNoise &noise() const { return m_noise; }

signals:
    /// Bytes that arrived from the station, at line rate, after the line's noise.
    void received(const QByteArray &bytes);

private:
    PtyPort(
        int master, int slave, QString slavePath, qint32 baud, double ber, double drop, quint64 seed, QObject *parent);
    void readMaster();
    void pumpIn();
    void pumpOut();
    [[nodiscard]] bool stationBaudMatches() const;
    [[nodiscard]] qint64 nowNs() const { return m_clock.nsecsElapsed(); }

    int m_master = -1;
    int m_slave = -1; ///< held open so the master never reads EIO while no station has the port
    QString m_slavePath;
    qint32 m_baud;
    bool m_silent = false;
    QElapsedTimer m_clock;
    LinePacer m_inPacer;
    LinePacer m_outPacer;
    LineNoise m_noise;
    QByteArray m_inbox; ///< read from the station, not yet "on the line"
    QByteArray m_outbox; ///< from the device, not yet "on the line"
    std::unique_ptr<QSocketNotifier> m_readNotifier;
    QTimer m_inTimer;
    QTimer m_outTimer;
    quint64 m_bytesSent = 0;
    quint64 m_bytesReceived = 0;
};

} // namespace prov::sim
