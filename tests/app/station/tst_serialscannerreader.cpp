#include "PseudoTerminal.h"
#include "scan/SerialScannerReader.h"

#include <QSignalSpy>
#include <QTest>

using namespace prov;
using namespace prov::gui;
using namespace Qt::StringLiterals;

/// A serial (CDC) scanner on a real pseudo-terminal: each line is one scan.
class TestSerialScannerReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void linesBecomeScans()
    {
        auto pty = test::PseudoTerminal::create();
        QVERIFY2(pty.ok(), pty.ok() ? "" : qPrintable(pty.error().message));
        SerialScannerReader reader;
        QVERIFY(reader.open((*pty)->slavePath(), 9600).ok());
        QSignalSpy scanned(&reader, &SerialScannerReader::scanned);
        (*pty)->write("SLOT-4\r\n0013A200");
        QTRY_COMPARE(scanned.size(), 1);
        (*pty)->write("41B2C3D4\rSN:123456\n\n");
        QTRY_COMPARE(scanned.size(), 3);
        QCOMPARE(scanned.at(0).at(0).toString(), u"SLOT-4"_s);
        QCOMPARE(scanned.at(1).at(0).toString(), u"0013A20041B2C3D4"_s);
        QCOMPARE(scanned.at(2).at(0).toString(), u"SN:123456"_s);
    }

    void garbageWithoutLineEndIsDropped()
    {
        auto pty = test::PseudoTerminal::create();
        QVERIFY(pty.ok());
        SerialScannerReader reader;
        QVERIFY(reader.open((*pty)->slavePath()).ok());
        QSignalSpy scanned(&reader, &SerialScannerReader::scanned);
        (*pty)->write(QByteArray(600, 'x'));
        QTest::qWait(100);
        (*pty)->write("SN:654321\n");
        QTRY_COMPARE(scanned.size(), 1);
        QCOMPARE(scanned.at(0).at(0).toString(), u"SN:654321"_s);
    }

    void missingPortIsNamed()
    {
        SerialScannerReader reader;
        const Status status = reader.open(u"/dev/does-not-exist-scanner"_s);
        QVERIFY(!status.ok());
        QVERIFY2(status.error().message.contains(u"/dev/does-not-exist-scanner"_s), qPrintable(status.error().message));
        QCOMPARE(status.error().code, ResultCode::DeviceUnreachable);
    }
};

QTEST_GUILESS_MAIN(TestSerialScannerReader)
#include "tst_serialscannerreader.moc"
