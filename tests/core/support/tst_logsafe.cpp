#include "support/LogSafe.h"

#include <QTest>

using namespace prov;

class tst_LogSafe : public QObject
{
    Q_OBJECT

private slots:
    void plainTextIsKept();
    void forgedLinesAndTerminalCodesBecomeVisible();
    void backslashIsDoubledSoEscapesCannotBeForged();
    void bidiOverridesAndSeparatorsAreEscaped();
    void longTextIsCutAndSaysSo();
    void bytesAreReadAsUtf8();
};

void tst_LogSafe::plainTextIsKept()
{
    QCOMPARE(logSafe(u"line1-st3 firmware/app 1.2.bin", 256), QStringLiteral("line1-st3 firmware/app 1.2.bin"));
    QCOMPARE(logSafe(u"Zählerstation 电表", 256), QStringLiteral("Zählerstation 电表"));
}

void tst_LogSafe::forgedLinesAndTerminalCodesBecomeVisible()
{
    const QString hostile
        = QStringLiteral("a.bin\n2024-05-01 12:00:00 admin login ok\r\t\x1b[2J\x07\x7f") + QChar(0x9b);
    const QString safe = logSafe(hostile);
    QCOMPARE(safe, QStringLiteral("a.bin\\n2024-05-01 12:00:00 admin login ok\\r\\t\\x1b[2J\\x07\\x7f\\x9b"));
    for (const QChar c : safe)
        QVERIFY2(c.unicode() >= 0x20 && c.unicode() != 0x7f, qPrintable(safe));
}

void tst_LogSafe::backslashIsDoubledSoEscapesCannotBeForged()
{
    QCOMPARE(logSafe(u"C:\\new\\x1b"), QStringLiteral("C:\\\\new\\\\x1b"));
}

void tst_LogSafe::bidiOverridesAndSeparatorsAreEscaped()
{
    const QString text = QStringLiteral("user") + QChar(0x202E) + QStringLiteral("nimda") + QChar(0x2028) + u'x';
    QCOMPARE(logSafe(text), QStringLiteral("user\\u{202e}nimda\\u{2028}x"));
}

void tst_LogSafe::longTextIsCutAndSaysSo()
{
    const QString text(1000, u'a');
    const QString safe = logSafe(text, 100);
    QVERIFY(safe.startsWith(QString(100, u'a') + QStringLiteral("...")));
    QVERIFY(safe.contains(QStringLiteral("900 more")));
    QVERIFY(safe.size() < 130);
}

void tst_LogSafe::bytesAreReadAsUtf8()
{
    QCOMPARE(logSafe(QByteArrayView("GET /\x1b[31m\xc3\xa4 HTTP")), QString::fromUtf8("GET /\\x1b[31mä HTTP"));
    const QByteArray big(100000, 'b');
    const QString safe = logSafe(QByteArrayView(big), 50);
    QVERIFY(safe.size() < 100);
    QVERIFY(safe.endsWith(QStringLiteral("...(100000 bytes in all)")));
}

QTEST_GUILESS_MAIN(tst_LogSafe)
#include "tst_logsafe.moc"
