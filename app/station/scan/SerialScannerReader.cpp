#include "scan/SerialScannerReader.h"

#include "support/AppLog.h"

namespace prov::gui {

SerialScannerReader::SerialScannerReader(QObject *parent)
    : QObject(parent)
{
    connect(&m_port, &QSerialPort::readyRead, this, &SerialScannerReader::readLines);
    connect(&m_port, &QSerialPort::errorOccurred, this, &SerialScannerReader::onError);
}

SerialScannerReader::~SerialScannerReader() = default;

Status SerialScannerReader::open(const QString &portName, qint32 baudRate)
{
    close();
    m_port.setPortName(portName);
    m_port.setBaudRate(baudRate);
    if (!m_port.open(QIODevice::ReadOnly)) {
        const bool busy
            = m_port.error() == QSerialPort::PermissionError && m_port.errorString().contains(QLatin1String("locking"));
        return makeError(ResultCode::DeviceUnreachable,
            busy ? tr("scanner port %1 is in use").arg(portName)
                 : tr("cannot open scanner port %1: %2").arg(portName, m_port.errorString()));
    }
    qCInfo(lcApp) << "serial scanner on" << portName;
    return {};
}

void SerialScannerReader::close()
{
    if (m_port.isOpen())
        m_port.close();
    m_buffer.clear();
}

void SerialScannerReader::readLines()
{
    m_buffer += m_port.readAll();
    for (;;) {
        qsizetype end = -1;
        for (qsizetype i = 0; i < m_buffer.size(); ++i) {
            if (m_buffer.at(i) == '\r' || m_buffer.at(i) == '\n') {
                end = i;
                break;
            }
        }
        if (end < 0)
            break;
        const QByteArray line = m_buffer.left(end).trimmed();
        m_buffer.remove(0, end + 1);
        if (!line.isEmpty() && line.size() <= kMaxLine)
            Q_EMIT scanned(QString::fromUtf8(line));
    }
    if (m_buffer.size() > kMaxLine)
        m_buffer.clear();
}

void SerialScannerReader::onError(QSerialPort::SerialPortError error)
{
    if (error == QSerialPort::NoError || error == QSerialPort::TimeoutError)
        return;
    Q_EMIT failed(makeError(
        ResultCode::DeviceUnreachable, tr("scanner port %1 failed: %2").arg(m_port.portName(), m_port.errorString())));
    if (error == QSerialPort::ResourceError)
        close();
}

} // namespace prov::gui
