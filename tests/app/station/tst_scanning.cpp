// The scanning table: what each label does at a station of eight slots with
// the patterns it starts with (its own and the real plugins'), and that the
// labels the simulator's devices carry are taken without editing a pattern.
#include "DeviceState.h"
#include "RealPlugins.h"
#include "SimIds.h"
#include "engine/RunRequest.h"
#include "scan/ScanRouter.h"

#include <QSignalSpy>
#include <QTest>

using namespace prov;
using namespace prov::gui;
using namespace Qt::StringLiterals;

namespace {

constexpr quint64 kSeed = 7;

QString emcmOf(int device)
{
    return QString::fromLatin1(sim::SimIds::derive(kSeed, device).emcmId.toHex().toUpper());
}

QString meterOf(int device)
{
    return sim::SimIds::derive(kSeed, device).meterId;
}

QString nodeOf(int device)
{
    return sim::formatNodeId(sim::SimIds::derive(kSeed, device).nodeId);
}

const engine::PluginDescription *pluginNamed(const QList<engine::PluginDescription> &plugins, const QString &id)
{
    for (const engine::PluginDescription &p : plugins) {
        if (p.id == id)
            return &p;
    }
    return nullptr;
}

} // namespace

class TestScanning : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<ScanKind>();
        qRegisterMetaType<ScanRejection>();
        QCOMPARE(test::realPlugins().size(), 3);
    }

    void table_data()
    {
        QTest::addColumn<QStringList>("before"); ///< scanned first, in order
        QTest::addColumn<QList<int>>("running"); ///< slots running a device
        QTest::addColumn<QList<int>>("showingResult"); ///< slots still showing PASS/FAIL
        QTest::addColumn<QString>("label");
        // Outcome: "device" (slot, kind, value), "armed" (slot), "config"/"batch"
        // (value), or "refused" (slot or -1, reason, words the refusal must name).
        QTest::addColumn<QString>("outcome");
        QTest::addColumn<int>("slot");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("value");
        QTest::addColumn<int>("reason");
        QTest::addColumn<QString>("names");
        QTest::addColumn<int>("armedAfter");

        const QList<int> none;
        const QString e0 = emcmOf(0);
        const QString m0 = meterOf(0);
        const auto device
            = [&](const char *name, const QStringList &before, const QList<int> &running, const QList<int> &results,
                  const QString &label, int slot, const QString &kind, const QString &value) {
                  QTest::newRow(name) << before << running << results << label << u"device"_s << slot << kind << value
                                      << 0 << QString() << -1;
              };
        const auto refused
            = [&](const char *name, const QStringList &before, const QList<int> &running, const QList<int> &results,
                  const QString &label, int slot, ScanRejection reason, const QString &names, int armedAfter) {
                  QTest::newRow(name) << before << running << results << label << u"refused"_s << slot << QString()
                                      << QString() << int(reason) << names << armedAfter;
              };

        // The labels the simulator's devices carry, as the plugins ask for them.
        device("sim eMCM ID, 16 digits", {}, none, none, e0, 0, u"emcm"_s, e0);
        device("sim eMCM ID, last 8 digits", {}, none, none, e0.right(8), 0, u"emcm"_s, e0.right(8));
        device("sim eMCM ID, prefixed, lower case", {}, none, none, u"mcm:"_s + e0.right(8).toLower(), 0, u"emcm"_s,
            e0.right(8));
        device("8 decimal digits are an eMCM ID", {}, none, none, u"12345678"_s, 0, u"emcm"_s, u"12345678"_s);
        device("sim meter serial", {}, none, none, m0, 0, u"serial"_s, m0);
        device("sim meter serial, SN: prefix", {}, none, none, u"SN:"_s + m0, 0, u"serial"_s, m0);
        device("serial digits with SN: prefix", {}, none, none, u"SN:12345678"_s, 0, u"serial"_s, u"12345678"_s);
        refused("sim node ID: no plugin asks for it", {}, none, none, nodeOf(0), -1, ScanRejection::Unrecognised,
            nodeOf(0), -1);
        refused("15 hex digits", {}, none, none, e0.left(15), -1, ScanRejection::Unrecognised, e0.left(15), -1);

        // Where an unarmed label goes: the first idle slot, never a running one
        // nor one still showing the last device's result.
        device("unarmed skips a running slot", {}, {0}, none, e0, 1, u"emcm"_s, e0);
        device("unarmed skips a slot showing PASS", {}, none, {0, 1}, e0, 2, u"emcm"_s, e0);
        device("armed slot showing PASS takes it", {u"SLOT-1"_s}, none, {0}, e0, 0, u"emcm"_s, e0);
        device("second kind joins the first slot", {e0}, none, none, m0, 0, u"serial"_s, m0);
        device("second label of one kind goes on", {e0}, none, none, emcmOf(1), 1, u"emcm"_s, emcmOf(1));
        refused("no idle slot", {}, {0, 1, 2, 3}, {4, 5, 6, 7}, e0, -1, ScanRejection::NoFreeSlot, e0, -1);

        // Arming.
        QTest::newRow("slot label arms") << QStringList() << none << none << u"SLOT-4"_s << u"armed"_s << 3 << QString()
                                         << QString() << 0 << QString() << 3;
        refused("running slot's label refused, older arming gone", {u"SLOT-3"_s}, {0}, none, u"SLOT-1"_s, 0,
            ScanRejection::SlotBusy, u"SLOT-1"_s, -1);
        refused("armed running slot refuses", {u"SLOT-2"_s}, {1}, none, e0, 1, ScanRejection::SlotBusy, e0, -1);
        refused("unknown slot", {}, none, none, u"SLOT-9"_s, -1, ScanRejection::UnknownSlot, u"SLOT-9"_s, -1);

        // Duplicates name where the label is.
        refused(
            "waiting in another slot", {u"SLOT-3"_s, e0}, none, none, e0, 0, ScanRejection::Duplicate, u"slot 3"_s, -1);
        refused("last 8 digits of one waiting", {u"SLOT-6"_s, e0}, none, none, e0.right(8), 0, ScanRejection::Duplicate,
            u"slot 6"_s, -1);

        // The station's own labels.
        QTest::newRow("configuration") << QStringList() << none << none << u"CFG:ACME-I210"_s << u"config"_s << -1
                                       << QString() << u"ACME-I210"_s << 0 << QString() << -1;
        QTest::newRow("batch") << QStringList() << none << none << u"BATCH:5082011"_s << u"batch"_s << -1 << QString()
                               << u"5082011"_s << 0 << QString() << -1;
    }

    void table()
    {
        QFETCH(QStringList, before);
        QFETCH(QList<int>, running);
        QFETCH(QList<int>, showingResult);
        QFETCH(QString, label);
        QFETCH(QString, outcome);
        QFETCH(int, slot);
        QFETCH(QString, kind);
        QFETCH(QString, value);
        QFETCH(int, reason);
        QFETCH(QString, names);
        QFETCH(int, armedAfter);

        ScanRouter router;
        QVERIFY(router.classifier().setPatterns(ScanClassifier::defaultPatterns(test::realPlugins())).ok());
        router.setSlotLabels({u"1"_s, u"2"_s, u"3"_s, u"4"_s, u"5"_s, u"6"_s, u"7"_s, u"8"_s});
        router.setBatch(1);
        QSignalSpy rejectedBefore(&router, &ScanRouter::scanRejected);
        for (const QString &text : std::as_const(before))
            router.handleScan(text);
        QCOMPARE(rejectedBefore.size(), 0);
        for (int s : std::as_const(running))
            router.setSlotBusy(s, true);
        for (int s : std::as_const(showingResult))
            router.setSlotShowsResult(s, true);

        QSignalSpy device(&router, &ScanRouter::deviceScanned);
        QSignalSpy armed(&router, &ScanRouter::slotArmed);
        QSignalSpy rejected(&router, &ScanRouter::scanRejected);
        QSignalSpy config(&router, &ScanRouter::configAliasScanned);
        QSignalSpy batch(&router, &ScanRouter::batchScanned);
        router.handleScan(label);

        if (outcome == u"device") {
            QCOMPARE(rejected.size(), 0);
            QCOMPARE(device.size(), 1);
            QCOMPARE(device.at(0).at(0).toInt(), slot);
            QCOMPARE(scanKindKey(device.at(0).at(1).value<ScanKind>()), kind);
            QCOMPARE(device.at(0).at(2).toString(), value);
            QCOMPARE(router.pendingScans(slot).value(scanKindFromKey(kind)), value);
        } else if (outcome == u"armed") {
            QCOMPARE(armed.size(), 1);
            QCOMPARE(armed.at(0).at(0).toInt(), slot);
        } else if (outcome == u"config") {
            QCOMPARE(config.size(), 1);
            QCOMPARE(config.at(0).at(0).toString(), value);
        } else if (outcome == u"batch") {
            QCOMPARE(batch.size(), 1);
            QCOMPARE(batch.at(0).at(0).toUInt(), value.toUInt());
        } else {
            QCOMPARE(device.size(), 0);
            QCOMPARE(armed.size(), 0);
            QCOMPARE(rejected.size(), 1);
            QCOMPARE(rejected.at(0).at(0).toInt(), slot);
            QCOMPARE(int(rejected.at(0).at(1).value<ScanRejection>()), reason);
            const QString text = ScanRouter::rejectionText(rejected.at(0).at(1).value<ScanRejection>(),
                rejected.at(0).at(2).toString(), rejected.at(0).at(3).toString());
            QVERIFY2(text.contains(names), qPrintable(text));
        }
        QCOMPARE(router.armedSlot(), armedAfter);
    }

    /// What the router takes from a simulated device's labels fits the plugin
    /// that asked for them: Start never says "does not fit this meter".
    void routedLabelsFitThePlugins()
    {
        const QList<engine::PluginDescription> plugins = test::realPlugins();
        const engine::PluginDescription *kv2c = pluginNamed(plugins, u"kv2c"_s);
        const engine::PluginDescription *i210 = pluginNamed(plugins, u"i210plus"_s);
        QVERIFY(kv2c && i210);
        for (int d = 0; d < 16; ++d) {
            ScanRouter router;
            QVERIFY(router.classifier().setPatterns(ScanClassifier::defaultPatterns(plugins)).ok());
            router.setSlotLabels({u"1"_s});
            const bool shortLabel = d % 2 == 1; // odd devices carry the last 8 digits only
            router.handleScan(shortLabel ? emcmOf(d).right(8) : emcmOf(d));
            router.handleScan(meterOf(d));
            const QHash<ScanKind, QString> pending = router.pendingScans(0);
            QCOMPARE(pending.size(), 2);
            for (const engine::PluginDescription *plugin : {kv2c, i210}) {
                QHash<QString, QString> scanned;
                for (const engine::ScanField &field : plugin->scans)
                    scanned.insert(field.key, pending.value(scanKindForField(field.key)));
                engine::RunRequest request;
                const std::optional<engine::ScanProblem> problem = request.takeScans(*plugin, scanned);
                QVERIFY2(!problem,
                    qPrintable(u"%1: %2 \"%3\""_s.arg(
                        plugin->id, problem ? problem->field.key : QString(), problem ? problem->value : QString())));
                QCOMPARE(request.options.partialMcmId, emcmOf(d).right(8));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestScanning)
#include "tst_scanning.moc"
