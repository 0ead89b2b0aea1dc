#include "RealPlugins.h"
#include "scan/ScanClassifier.h"

#include <QTest>

using namespace prov::gui;
using namespace Qt::StringLiterals;

class TestScanClassifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("value");

        QTest::newRow("slot label") << u"SLOT-3"_s << u"slot"_s << u"3"_s;
        QTest::newRow("slot label lower, no dash") << u"slot12"_s << u"slot"_s << u"12"_s;
        QTest::newRow("config alias") << u"CFG:ACME-I210-2024"_s << u"config"_s << u"ACME-I210-2024"_s;
        QTest::newRow("batch decimal") << u"BATCH:5082011"_s << u"batch"_s << u"5082011"_s;
        QTest::newRow("batch hex via SO") << u"SO-0x4D9C1B"_s << u"batch"_s << u"0x4D9C1B"_s;
        QTest::newRow("eMCM with prefix") << u"MCM:0013A20041B2C3D4"_s << u"emcm"_s << u"0013A20041B2C3D4"_s;
        QTest::newRow("eMCM bare, lower case") << u"0013a20041b2c3d4"_s << u"emcm"_s << u"0013a20041b2c3d4"_s;
        QTest::newRow("meter serial") << u"SN:12345678"_s << u"serial"_s << u"12345678"_s;
        QTest::newRow("meter serial bare") << u"987654"_s << u"serial"_s << u"987654"_s;
        QTest::newRow("surrounding blanks") << u"  SLOT-4 "_s << u"slot"_s << u"4"_s;
        QTest::newRow("unknown") << u"hello world"_s << u"unknown"_s << QString();
        QTest::newRow("slot with 3 digits is not a slot") << u"SLOT-123"_s << u"unknown"_s << QString();
        QTest::newRow("15 hex digits is not an eMCM") << u"0013A20041B2C3D"_s << u"unknown"_s << QString();
        QTest::newRow("serial too short") << u"12345"_s << u"unknown"_s << QString();
    }

    void defaults()
    {
        QFETCH(QString, text);
        QFETCH(QString, kind);
        QFETCH(QString, value);
        ScanClassifier classifier;
        QVERIFY(classifier.setPatterns(ScanClassifier::defaultPatterns(prov::test::realPlugins())).ok());
        const ClassifiedScan scan = classifier.classify(text);
        QCOMPARE(scanKindKey(scan.kind), kind);
        QCOMPARE(scan.value, value);
        QCOMPARE(scan.text, text.trimmed());
    }

    void customPatternsInOrder()
    {
        ScanClassifier classifier;
        // A site whose meter serials are 16 digits must put serial before eMCM.
        QVERIFY(classifier
                    .setPatterns({{ScanKind::MeterSerial, u"M(\\d{16})"_s}, {ScanKind::EmcmId, u"[0-9A-F]{16}"_s},
                        {ScanKind::SlotLabel, u"(?<value>[A-H][1-8])"_s}})
                    .ok());
        QCOMPARE(classifier.classify(u"M1234567890123456"_s).kind, ScanKind::MeterSerial);
        QCOMPARE(classifier.classify(u"M1234567890123456"_s).value, u"1234567890123456"_s);
        // No group: the whole text is the value.
        QCOMPARE(classifier.classify(u"1234567890123456"_s).kind, ScanKind::EmcmId);
        QCOMPARE(classifier.classify(u"1234567890123456"_s).value, u"1234567890123456"_s);
        QCOMPARE(classifier.classify(u"C7"_s).kind, ScanKind::SlotLabel);
        QCOMPARE(classifier.classify(u"C7"_s).value, u"C7"_s);
        // Patterns match the whole text, never a part of it.
        QCOMPARE(classifier.classify(u"xC7"_s).kind, ScanKind::Unknown);
    }

    void defaultsFollowThePluginsScanFields()
    {
        // Without plugins the station knows its own labels only.
        const QList<ScanPattern> own = ScanClassifier::defaultPatterns({});
        QCOMPARE(own.size(), 3);
        for (const ScanPattern &p : own)
            QVERIFY(p.kind != ScanKind::EmcmId && p.kind != ScanKind::MeterSerial);

        prov::engine::PluginDescription serialFirst;
        serialFirst.scans = {{u"meterSerial"_s, u"Meter serial"_s, u"S\\d{4}"_s, false},
            {u"partialMcmId"_s, u"eMCM ID"_s, u"E[0-9A-F]{8}"_s, false}, {u"colour"_s, u"Colour"_s, u"\\w+"_s, false}};
        prov::engine::PluginDescription same;
        same.scans = {{u"partialMcmId"_s, u"eMCM ID"_s, u"E[0-9A-F]{8}"_s, true}};
        const QList<ScanPattern> derived = ScanClassifier::defaultPatterns({serialFirst, same});
        // eMCM IDs before serials whatever order the plugin lists them in; one
        // pattern once; a field the router does not route adds nothing.
        QCOMPARE(derived.mid(0, 3), own);
        QCOMPARE(derived.mid(3),
            (QList<ScanPattern> {{ScanKind::EmcmId, u"E[0-9A-F]{8}"_s}, {ScanKind::MeterSerial, u"S\\d{4}"_s}}));
    }

    void invalidPatternRefused()
    {
        ScanClassifier classifier;
        const auto before = classifier.patterns();
        const prov::Status status = classifier.setPatterns({{ScanKind::BatchNumber, u"(unclosed"_s}});
        QVERIFY(!status.ok());
        QVERIFY2(status.error().message.contains(u"(unclosed"_s), qPrintable(status.error().message));
        QCOMPARE(classifier.patterns(), before);
        QVERIFY(!classifier.setPatterns({{ScanKind::Unknown, u".*"_s}}).ok());
    }

    void kindKeysRoundTrip()
    {
        for (ScanKind kind : {ScanKind::SlotLabel, ScanKind::EmcmId, ScanKind::MeterSerial, ScanKind::ConfigAlias,
                 ScanKind::BatchNumber})
            QCOMPARE(scanKindFromKey(scanKindKey(kind)), kind);
        QCOMPARE(scanKindFromKey(u"nonsense"_s), ScanKind::Unknown);
    }
};

QTEST_GUILESS_MAIN(TestScanClassifier)
#include "tst_scanclassifier.moc"
