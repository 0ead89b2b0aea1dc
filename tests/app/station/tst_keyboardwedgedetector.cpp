#include "scan/KeyboardWedgeDetector.h"

#include <QTest>

using prov::gui::KeyboardWedgeDetector;
using prov::gui::WedgeTiming;
using Action = KeyboardWedgeDetector::Action;
using namespace Qt::StringLiterals;

/// The detector is fed key sequences written as "key@ms" tokens: a single
/// character is a text key, RET/TAB terminators, SHIFT a modifier, OTHER an arrow
/// or similar. Expected actions: P pass, H hold, F flush, A flush-and-hold, S scan.
class TestKeyboardWedgeDetector : public QObject
{
    Q_OBJECT

private:
    static QString run(KeyboardWedgeDetector &d, const QString &sequence)
    {
        QString actions;
        const QStringList tokens = sequence.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        for (const QString &token : tokens) {
            const qsizetype at = token.lastIndexOf(QLatin1Char('@'));
            const QString key = token.left(at);
            const qint64 t = token.mid(at + 1).toLongLong();
            Action a;
            if (key == QLatin1String("RET") || key == QLatin1String("TAB"))
                a = d.terminatorKey(t);
            else if (key == QLatin1String("SHIFT"))
                a = d.modifierKey(t);
            else if (key == QLatin1String("OTHER"))
                a = d.otherKey(t);
            else
                a = d.textKey(key, t);
            switch (a) {
            case Action::Pass:
                actions += QLatin1Char('P');
                break;
            case Action::Hold:
                actions += QLatin1Char('H');
                break;
            case Action::Flush:
                actions += QLatin1Char('F');
                break;
            case Action::FlushAndHold:
                actions += QLatin1Char('A');
                break;
            case Action::Scan:
                actions += QLatin1Char('S');
                break;
            }
        }
        return actions;
    }

private Q_SLOTS:
    void sequences_data()
    {
        QTest::addColumn<QString>("sequence");
        QTest::addColumn<QString>("actions");
        QTest::addColumn<QString>("scanned");

        QTest::newRow("scanner burst, Enter") << u"S@0 L@4 O@8 T@12 -@16 3@20 RET@24"_s << u"HHHHHHS"_s << u"SLOT-3"_s;
        QTest::newRow("scanner burst, Tab") << u"1@0 2@3 3@6 4@9 5@12 6@15 TAB@18"_s << u"HHHHHHS"_s << u"123456"_s;
        QTest::newRow("capitals with Shift")
            << u"SHIFT@0 A@2 SHIFT@5 B@7 1@10 2@13 3@16 4@19 RET@22"_s << u"PHHHHHHHS"_s << u"AB1234"_s;
        QTest::newRow("exactly 30 ms apart is a scan")
            << u"a@0 b@30 c@60 d@90 e@120 f@150 RET@180"_s << u"HHHHHHS"_s << u"abcdef"_s;
        QTest::newRow("typing (80 ms apart)")
            << u"a@0 b@80 c@160 d@240 e@320 f@400 RET@480"_s << u"HAAAAAF"_s << QString();
        QTest::newRow("fast but too short") << u"o@0 k@5 RET@10"_s << u"HHF"_s << QString();
        QTest::newRow("burst then pause before Enter")
            << u"1@0 2@3 3@6 4@9 5@12 6@15 RET@200"_s << u"HHHHHHF"_s << QString();
        QTest::newRow("Enter alone passes") << u"RET@0"_s << u"P"_s << QString();
        QTest::newRow("arrow breaks a burst") << u"1@0 2@3 OTHER@6 3@9"_s << u"HHFH"_s << QString();
        QTest::newRow("two scans back to back")
            << u"1@0 2@3 3@6 4@9 5@12 6@15 RET@18 7@40 8@43 9@46 0@49 1@52 2@55 RET@58"_s << u"HHHHHHSHHHHHHS"_s
            << u"789012"_s;
        QTest::newRow("typed key then scan")
            << u"x@0 1@500 2@503 3@506 4@509 5@512 6@515 RET@518"_s << u"HAHHHHHS"_s << u"123456"_s;
        QTest::newRow("slow Shift breaks") << u"a@0 SHIFT@100"_s << u"HF"_s << QString();
    }

    void sequences()
    {
        QFETCH(QString, sequence);
        QFETCH(QString, actions);
        QFETCH(QString, scanned);
        KeyboardWedgeDetector detector;
        QCOMPARE(run(detector, sequence), actions);
        QCOMPARE(detector.scannedText(), scanned);
    }

    void staleness()
    {
        KeyboardWedgeDetector detector;
        QCOMPARE(detector.textKey(u"a"_s, 100), Action::Hold);
        QVERIFY(!detector.isStale(130));
        QVERIFY(detector.isStale(131));
        QCOMPARE(detector.staleAt(), 131);
        detector.reset();
        QVERIFY(!detector.isHolding());
        QVERIFY(!detector.isStale(10000));
    }

    void maximumLength()
    {
        WedgeTiming timing;
        timing.maxLength = 8;
        KeyboardWedgeDetector detector(timing);
        for (int i = 0; i < 8; ++i)
            QCOMPARE(detector.textKey(u"x"_s, i), Action::Hold);
        QCOMPARE(detector.textKey(u"x"_s, 8), Action::Flush);
        QVERIFY(!detector.isHolding());
    }

    void configurableTiming()
    {
        WedgeTiming timing;
        timing.maxInterKeyMs = 50;
        timing.minLength = 3;
        KeyboardWedgeDetector detector(timing);
        QCOMPARE(run(detector, u"a@0 b@45 c@90 RET@135"_s), u"HHHS"_s);
        QCOMPARE(detector.scannedText(), u"abc"_s);
    }
};

QTEST_GUILESS_MAIN(TestKeyboardWedgeDetector)
#include "tst_keyboardwedgedetector.moc"
