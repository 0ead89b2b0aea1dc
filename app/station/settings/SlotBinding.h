#pragma once

#include <QList>
#include <QSerialPortInfo>
#include <QString>

namespace prov::gui {

/// Which physical port a slot uses. Bound by what survives re-plugging (the
/// adapter's USB serial number, or the USB socket it sits in), not by the
/// ttyUSBn/COMn number the OS hands out in plug-in order. A plain port name is
/// allowed too (pseudo-terminals of the simulator, fixed on-board ports).
struct SlotBinding
{
    enum class Kind { None, UsbSerial, Location, PortName };

    QString label; ///< printed on the fixture
    Kind kind = Kind::None;
    QString value; ///< serial number, location ("1-1.3"), or port name
    QString family; ///< meter plugin
    QString operation; ///< empty: the station's operation
    QString group; ///< the slot group whose run options apply (StationSettings::slotGroups); empty: none

    [[nodiscard]] static QString kindKey(Kind kind);
    [[nodiscard]] static Kind kindFromKey(const QString &key);
    /// "USB serial FT4ABC12", translated.
    [[nodiscard]] QString describe() const;

    friend bool operator==(const SlotBinding &a, const SlotBinding &b) { return a.sameDevice(b) && a.group == b.group; }
    /// The same port, meter and operation (the group's options aside): the slot keeps what it shows.
    [[nodiscard]] bool sameDevice(const SlotBinding &o) const
    {
        return label == o.label && kind == o.kind && value == o.value && family == o.family && operation == o.operation;
    }
};

/// A serial port as the settings page lists it.
struct PortDescription
{
    QString portName; ///< ttyUSB0
    QString systemPath; ///< /dev/ttyUSB0
    QString serialNumber; ///< USB serial number, may be empty
    QString location; ///< USB path like "1-1.3", may be empty
    QString description; ///< "FT232R USB UART"
};

/// Finds the port a binding means among the ports present now.
class PortLocator
{
public:
    /// Every serial port present (QSerialPortInfo; pseudo-terminals are not listed).
    [[nodiscard]] static QList<PortDescription> availablePorts();
    /// The USB path of a tty ("1-1.3") from sysfs; empty when not a USB device.
    [[nodiscard]] static QString usbLocation(const QString &portName);
    /// The port path for `binding` among `ports`, or empty when it is not plugged in.
    [[nodiscard]] static QString resolve(const SlotBinding &binding, const QList<PortDescription> &ports);
};

} // namespace prov::gui
