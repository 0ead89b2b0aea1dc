#include "RealPlugins.h"
#include "scan/ScanRouter.h"

#include <QSignalSpy>
#include <QTest>

using namespace prov::gui;
using namespace Qt::StringLiterals;

namespace {

/// A router with the patterns a station starts with: its own and the plugins'.
void useDefaults(ScanRouter &router)
{
    QVERIFY(router.classifier().setPatterns(ScanClassifier::defaultPatterns(prov::test::realPlugins())).ok());
}

} // namespace

class TestScanRouter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QCOMPARE(prov::test::realPlugins().size(), 3); }

    void init()
    {
        qRegisterMetaType<ScanKind>();
        qRegisterMetaType<ScanRejection>();
    }

    void slotLabelArmsThatSlotForTheNextDeviceScan()
    {
        ScanRouter router;
        useDefaults(router);
        router.setSlotLabels({u"1"_s, u"2"_s, u"3"_s, u"4"_s});
        QSignalSpy armed(&router, &ScanRouter::slotArmed);
        QSignalSpy device(&router, &ScanRouter::deviceScanned);
        router.handleScan(u"SLOT-03"_s);
        QCOMPARE(armed.size(), 1);
        QCOMPARE(armed.at(0).at(0).toInt(), 2);
        QCOMPARE(router.armedSlot(), 2);
        router.handleScan(u"MCM:0013a20041b2c3d4"_s);
        QCOMPARE(device.size(), 1);
        QCOMPARE(device.at(0).at(0).toInt(), 2);
        QCOMPARE(device.at(0).at(1).value<ScanKind>(), ScanKind::EmcmId);
        QCOMPARE(device.at(0).at(2).toString(), u"0013A20041B2C3D4"_s); // normalised upper case
        QCOMPARE(router.armedSlot(), -1); // one scan per arming
        QCOMPARE(router.pendingScans(2).value(ScanKind::EmcmId), u"0013A20041B2C3D4"_s);
    }

    void unarmedScansFillTheNextFreeSlot()
    {
        ScanRouter router;
        useDefaults(router);
        router.setSlotLabels({u"1"_s, u"2"_s, u"3"_s});
        router.setSlotBusy(0, true);
        QSignalSpy device(&router, &ScanRouter::deviceScanned);
        router.handleScan(u"SN:100001"_s);
        router.handleScan(u"SN:100002"_s);
        QCOMPARE(device.size(), 2);
        QCOMPARE(device.at(0).at(0).toInt(), 1);
        QCOMPARE(device.at(1).at(0).toInt(), 2);
        QSignalSpy rejected(&router, &ScanRouter::scanRejected);
        router.handleScan(u"SN:100003"_s);
        QCOMPARE(rejected.size(), 1);
        QCOMPARE(rejected.at(0).at(1).value<ScanRejection>(), ScanRejection::NoFreeSlot);
    }

    void busySlotRefuses()
    {
        ScanRouter router;
        useDefaults(router);
        router.setSlotLabels({u"A1"_s, u"A2"_s});
        router.setSlotBusy(1, true);
        QSignalSpy rejected(&router, &ScanRouter::scanRejected);
        router.handleScan(u"SLOT 2"_s); // no slot is labelled "2"
        QCOMPARE(rejected.size(), 1);
        QCOMPARE(rejected.at(0).at(1).value<ScanRejection>(), ScanRejection::UnknownSlot);
        QVERIFY(router.classifier()
                    .setPatterns({{ScanKind::SlotLabel, u"(?i)[A-H][1-8]"_s}, {ScanKind::MeterSerial, u"\\d{6}"_s}})
                    .ok());
        // The running slot's label is refused there and arms nothing.
        router.handleScan(u"a1"_s);
        router.handleScan(u"a2"_s);
        QCOMPARE(rejected.size(), 2);
        QCOMPARE(rejected.at(1).at(0).toInt(), 1);
        QCOMPARE(rejected.at(1).at(1).value<ScanRejection>(), ScanRejection::SlotBusy);
        QCOMPARE(router.armedSlot(), -1);
        // A slot armed before it started refuses the device label.
        router.setSlotBusy(1, false);
        router.handleScan(u"a2"_s);
        router.setSlotBusy(1, true);
        router.handleScan(u"123456"_s);
        QCOMPARE(rejected.size(), 3);
        QCOMPARE(rejected.at(2).at(0).toInt(), 1);
        QCOMPARE(rejected.at(2).at(1).value<ScanRejection>(), ScanRejection::SlotBusy);
    }

    void duplicatesInTheBatchAreRefused()
    {
        ScanRouter router;
        useDefaults(router);
        router.setSlotLabels({u"1"_s, u"2"_s});
        router.setBatch(42);
        // Provisioned with its full ID; a scan that ends in the same 8 digits is the same eMCM.
        router.markProvisioned(ScanKind::EmcmId, u"0013A20041B2C3D4"_s);
        QSignalSpy rejected(&router, &ScanRouter::scanRejected);
        QSignalSpy device(&router, &ScanRouter::deviceScanned);
        router.handleScan(u"FFFFFFFF41B2C3D4"_s);
        QCOMPARE(rejected.size(), 1);
        QCOMPARE(rejected.at(0).at(1).value<ScanRejection>(), ScanRejection::Duplicate);
        QCOMPARE(device.size(), 0);

        // The same serial waiting in slot 1 cannot also go to slot 2.
        router.handleScan(u"SN:555555"_s);
        QCOMPARE(device.size(), 1);
        router.handleScan(u"SN:555555"_s);
        QCOMPARE(rejected.size(), 2);
        QCOMPARE(rejected.at(1).at(1).value<ScanRejection>(), ScanRejection::Duplicate);

        // A new batch forgets the old one's devices.
        router.setBatch(43);
        router.handleScan(u"0013A20041B2C3D4"_s);
        QCOMPARE(device.size(), 2);
    }

    void configAndBatchScans()
    {
        ScanRouter router;
        useDefaults(router);
        router.setSlotLabels({u"1"_s});
        QSignalSpy config(&router, &ScanRouter::configAliasScanned);
        QSignalSpy batch(&router, &ScanRouter::batchScanned);
        QSignalSpy rejected(&router, &ScanRouter::scanRejected);
        router.handleScan(u"CFG:ACME-I210"_s);
        QCOMPARE(config.size(), 1);
        QCOMPARE(config.at(0).at(0).toString(), u"ACME-I210"_s);
        router.handleScan(u"BATCH:0x10"_s);
        QCOMPARE(batch.size(), 1);
        QCOMPARE(batch.at(0).at(0).toUInt(), 16u);
        // strtoul rules: a leading 0 is octal, so 8 is not a digit.
        router.handleScan(u"BATCH:05082011"_s);
        QCOMPARE(batch.size(), 1);
        QCOMPARE(rejected.size(), 1);
        QCOMPARE(rejected.at(0).at(1).value<ScanRejection>(), ScanRejection::BadValue);
        QVERIFY(!rejected.at(0).at(3).toString().isEmpty());
        router.handleScan(u"what is this"_s);
        QCOMPARE(rejected.size(), 2);
        QCOMPARE(rejected.at(1).at(1).value<ScanRejection>(), ScanRejection::Unrecognised);
        QVERIFY(ScanRouter::rejectionText(ScanRejection::Unrecognised, u"what is this"_s).contains(u"what is this"_s));
    }

    void singleSlotTakesEverything()
    {
        ScanRouter router;
        useDefaults(router);
        router.setSlotLabels({u"1"_s});
        QSignalSpy device(&router, &ScanRouter::deviceScanned);
        router.handleScan(u"SN:100001"_s);
        router.handleScan(u"0013A20041B2C3D4"_s);
        QCOMPARE(device.size(), 2);
        QCOMPARE(router.pendingScans(0).size(), 2);
        router.clearPending(0);
        QVERIFY(router.pendingScans(0).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestScanRouter)
#include "tst_scanrouter.moc"
