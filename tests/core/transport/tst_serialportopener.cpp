// Opening ports by path, on real pseudo-terminals, and the error sentences.
#include "PseudoTerminal.h"
#include "transport/SerialPortOpener.h"

#include <QTest>

using namespace prov::transport;
using prov::test::PseudoTerminal;

class TestSerialPortOpener : public QObject
{
    Q_OBJECT

private slots:
    void opensPseudoTerminalWithBaudRate();
    void missingPortNamed();
    void busyPortSaysInUse();
    void invalidBaudRateRefused();
};

void TestSerialPortOpener::opensPseudoTerminalWithBaudRate()
{
    auto pty = PseudoTerminal::create();
    QVERIFY2(pty.ok(), qPrintable(pty.ok() ? QString() : pty.error().message));
    const QString path = pty.value()->slavePath();
    QVERIFY(path.startsWith(QLatin1String("/dev/pts/")));
    auto port = SerialPortOpener::open(path, 9600);
    QVERIFY2(port.ok(), qPrintable(port.ok() ? QString() : port.error().message));
    QCOMPARE(port.value()->baudRate(), 9600);
    QCOMPARE(port.value()->objectName(), path);
    // Bytes really pass: slave -> master.
    port.value()->write("ping");
    QTRY_COMPARE(pty.value()->bytesAvailable(), 4);
    QCOMPARE(pty.value()->readAll(), QByteArray("ping"));
}

void TestSerialPortOpener::missingPortNamed()
{
    auto port = SerialPortOpener::open(QStringLiteral("/dev/pts/does-not-exist"), 115200);
    QVERIFY(!port.ok());
    QCOMPARE(port.error().code, prov::ResultCode::DeviceUnreachable);
    QCOMPARE(port.error().message, QStringLiteral("port /dev/pts/does-not-exist does not exist"));
}

void TestSerialPortOpener::busyPortSaysInUse()
{
    auto pty = PseudoTerminal::create();
    QVERIFY(pty.ok());
    const QString path = pty.value()->slavePath();
    auto first = SerialPortOpener::open(path, 115200);
    QVERIFY(first.ok());
    auto second = SerialPortOpener::open(path, 115200);
    QVERIFY(!second.ok());
    QCOMPARE(second.error().message, QStringLiteral("port %1 is in use by another program").arg(path));
    // Released again, it opens.
    first.value()->close();
    auto third = SerialPortOpener::open(path, 115200);
    QVERIFY2(third.ok(), qPrintable(third.ok() ? QString() : third.error().message));
}

void TestSerialPortOpener::invalidBaudRateRefused()
{
    auto pty = PseudoTerminal::create();
    QVERIFY(pty.ok());
    auto port = SerialPortOpener::open(pty.value()->slavePath(), 0);
    QVERIFY(!port.ok());
    QCOMPARE(port.error().code, prov::ResultCode::InvalidArguments);
    QVERIFY(port.error().message.contains(pty.value()->slavePath()));
}

QTEST_GUILESS_MAIN(TestSerialPortOpener)
#include "tst_serialportopener.moc"
