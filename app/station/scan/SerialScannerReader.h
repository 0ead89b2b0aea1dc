#pragma once

#include "domain/Result.h"

#include <QObject>
#include <QSerialPort>

namespace prov::gui {

/// A serial (USB CDC) barcode scanner: each line it sends (ended by CR, LF or
/// CR LF) is one scan. Opens the port read-only; the port is given by name
/// (resolved from a binding by the caller).
class SerialScannerReader : public QObject
{
    Q_OBJECT

public:
    explicit SerialScannerReader(QObject *parent = nullptr);
    ~SerialScannerReader() override;

    [[nodiscard]] Status open(const QString &portName, qint32 baudRate = 9600);
    void close();
    [[nodiscard]] bool isOpen() const { return m_port.isOpen(); }
    [[nodiscard]] QString portName() const { return m_port.portName(); }

Q_SIGNALS:
    void scanned(const QString &text);
    void failed(const prov::Error &error);

private:
    void readLines();
    void onError(QSerialPort::SerialPortError error);

    QSerialPort m_port;
    QByteArray m_buffer;
    static constexpr int kMaxLine = 512; ///< a scanner never sends more; garbage is dropped
};

} // namespace prov::gui
