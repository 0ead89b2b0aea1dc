#include "settings/SlotBinding.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace prov::gui {

QString SlotBinding::kindKey(Kind kind)
{
    switch (kind) {
    case Kind::UsbSerial:
        return QStringLiteral("usb-serial");
    case Kind::Location:
        return QStringLiteral("location");
    case Kind::PortName:
        return QStringLiteral("port");
    case Kind::None:
        break;
    }
    return QStringLiteral("none");
}

SlotBinding::Kind SlotBinding::kindFromKey(const QString &key)
{
    for (Kind kind : {Kind::UsbSerial, Kind::Location, Kind::PortName}) {
        if (kindKey(kind) == key)
            return kind;
    }
    return Kind::None;
}

QString SlotBinding::describe() const
{
    switch (kind) {
    case Kind::UsbSerial:
        return QCoreApplication::translate("SlotBinding", "USB serial %1").arg(value);
    case Kind::Location:
        return QCoreApplication::translate("SlotBinding", "USB socket %1").arg(value);
    case Kind::PortName:
        return QCoreApplication::translate("SlotBinding", "port %1").arg(value);
    case Kind::None:
        break;
    }
    return QCoreApplication::translate("SlotBinding", "not bound");
}

QList<PortDescription> PortLocator::availablePorts()
{
    QList<PortDescription> ports;
    const QList<QSerialPortInfo> infos = QSerialPortInfo::availablePorts();
    for (const QSerialPortInfo &info : infos) {
        ports.append(PortDescription {info.portName(), info.systemLocation(), info.serialNumber(),
            usbLocation(info.portName()), info.description()});
    }
    return ports;
}

QString PortLocator::usbLocation(const QString &portName)
{
    // /sys/class/tty/ttyUSB0/device -> ../../devices/pci0000:00/.../usb1/1-1/1-1.3/1-1.3:1.0/ttyUSB0
    // The USB path is the interface's name without its ":config.interface" part.
    const QString name = QFileInfo(portName).fileName();
    const QString device = QFileInfo(QStringLiteral("/sys/class/tty/%1/device").arg(name)).canonicalFilePath();
    if (device.isEmpty())
        return {};
    static const QRegularExpression usbInterface(QStringLiteral("^(\\d+-[\\d.]+):\\d+\\.\\d+$"));
    const QStringList parts = device.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (auto it = parts.crbegin(); it != parts.crend(); ++it) {
        const QRegularExpressionMatch match = usbInterface.match(*it);
        if (match.hasMatch())
            return match.captured(1);
    }
    return {};
}

QString PortLocator::resolve(const SlotBinding &binding, const QList<PortDescription> &ports)
{
    switch (binding.kind) {
    case SlotBinding::Kind::None:
        return {};
    case SlotBinding::Kind::PortName: {
        for (const PortDescription &port : ports) {
            if (port.portName == binding.value || port.systemPath == binding.value)
                return port.systemPath;
        }
        // Not listed (pseudo-terminals never are): trust a path that exists.
        return QFileInfo::exists(binding.value) ? binding.value : QString();
    }
    case SlotBinding::Kind::UsbSerial:
        for (const PortDescription &port : ports) {
            if (!port.serialNumber.isEmpty() && port.serialNumber == binding.value)
                return port.systemPath;
        }
        return {};
    case SlotBinding::Kind::Location:
        for (const PortDescription &port : ports) {
            if (!port.location.isEmpty() && port.location == binding.value)
                return port.systemPath;
        }
        return {};
    }
    return {};
}

} // namespace prov::gui
