// Which plugin a device's own report picks (engine/MeterDetection): every
// model of the shipped plugins, an unknown meter, two plugins that match, the
// station's default meter, and the plugin files' Detect lists.
#include "engine/MeterDetection.h"
#include "engine/PluginRegistry.h"
#include "engine/RunOptions.h"

#include "TestSupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace prov;
using namespace prov::engine;

namespace {

QString shippedDir()
{
    return QDir::cleanPath(test::binPath(QStringLiteral("../lib/provstation/plugins")));
}

DeviceReport meterReport(DeviceReport::Source source, const QString &manufacturer, const QString &model)
{
    DeviceReport r;
    r.port = QStringLiteral("/dev/ttyUSB0");
    r.source = source;
    r.link = QStringLiteral("orw at 115200 baud");
    transport::MeterIdentification id;
    id.manufacturer = manufacturer;
    id.model = model;
    id.serial = QStringLiteral("M000000001");
    r.meter = id;
    return r;
}

DeviceReport bareNode()
{
    DeviceReport r;
    r.port = QStringLiteral("/dev/ttyUSB1");
    r.source = DeviceReport::Source::BareNode;
    r.link = QStringLiteral("none at 115200 baud");
    return r;
}

} // namespace

class tst_MeterDetection : public QObject
{
    Q_OBJECT

private slots:
    void everyModelPicksItsPlugin_data()
    {
        QTest::addColumn<int>("source");
        QTest::addColumn<QString>("manufacturer");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("plugin");
        QTest::addColumn<QString>("family");
        const auto emcm = int(DeviceReport::Source::Emcm);
        const auto optical = int(DeviceReport::Source::OpticalPort);
        // What the meters' C12.19 table 1 holds (space padded on the wire).
        QTest::newRow("i210+") << emcm << "GE"
                               << "I210+"
                               << "i210plus"
                               << "i210+";
        QTest::newRow("i210+c") << emcm << "GE  "
                                << "I210+C  "
                                << "i210plus"
                                << "i210+c";
        QTest::newRow("SGM3xxx") << emcm << "GE"
                                 << "SGM3300"
                                 << "i210plus"
                                 << "SGM3xxx";
        QTest::newRow("kV2c on the fixture") << emcm << "GE"
                                             << "KV2C"
                                             << "kv2c"
                                             << "kV2c";
        QTest::newRow("kV2c optical") << optical << "ge"
                                      << "kv2c"
                                      << "kv2c"
                                      << "kV2c";
        QTest::newRow("node") << -1 << ""
                              << ""
                              << "node"
                              << "node";
    }

    void everyModelPicksItsPlugin()
    {
        QFETCH(int, source);
        QFETCH(QString, manufacturer);
        QFETCH(QString, model);
        QFETCH(QString, plugin);
        QFETCH(QString, family);
        PluginRegistry registry;
        QCOMPARE(registry.loadDirectory(shippedDir()), 3);
        const DeviceReport report
            = source < 0 ? bareNode() : meterReport(DeviceReport::Source(source), manufacturer, model);
        const Result<MeterChoice> choice = chooseMeter(report, registry);
        QVERIFY2(choice.ok(), qPrintable(choice.ok() ? QString() : choice.error().toString()));
        QCOMPARE(choice->plugin->id, plugin);
        // The log says what the device reported and which model of the plugin it is.
        QVERIFY2(choice->reason.contains(QStringLiteral("%1 (%2)").arg(plugin, family)), qPrintable(choice->reason));
        if (source >= 0)
            QVERIFY2(choice->reason.contains(model.trimmed()), qPrintable(choice->reason));
    }

    void anUnknownMeterNamesWhatItReportedAndHowToChoose()
    {
        PluginRegistry registry;
        QCOMPARE(registry.loadDirectory(shippedDir()), 3);
        const Result<MeterChoice> choice = chooseMeter(
            meterReport(DeviceReport::Source::Emcm, QStringLiteral("LGYR"), QStringLiteral("E350")), registry);
        QVERIFY(!choice.ok());
        QCOMPARE(choice.error().code, ResultCode::InvalidArguments);
        const QString m = choice.error().message;
        for (const char *part : {"/dev/ttyUSB0", "LGYR", "E350", "no meter plugin matches", "--meter i210plus",
                 "--meter kv2c", "--meter node"})
            QVERIFY2(m.contains(QLatin1String(part)), qPrintable(m));
    }

    void anEmcmThatCannotReadItsMeterIsNotGuessed()
    {
        PluginRegistry registry;
        QCOMPARE(registry.loadDirectory(shippedDir()), 3);
        DeviceReport report = meterReport(DeviceReport::Source::Emcm, {}, {});
        report.meter.reset();
        report.note = QStringLiteral("its meter link is down");
        const Result<MeterChoice> choice = chooseMeter(report, registry);
        QVERIFY(!choice.ok());
        QCOMPARE(choice.error().code, ResultCode::InvalidArguments);
        QVERIFY2(choice.error().message.contains(QLatin1String("its meter link is down")),
            qPrintable(choice.error().message));
        // The station's default meter is the last fallback.
        const Result<MeterChoice> fallback = chooseMeter(report, registry, QStringLiteral("kv2c"));
        QVERIFY(fallback.ok());
        QCOMPARE(fallback->plugin->id, QStringLiteral("kv2c"));
        QVERIFY2(fallback->reason.contains(QLatin1String("default meter kv2c")), qPrintable(fallback->reason));
    }

    void twoMatchingPluginsAreNamedNotChosen()
    {
        // A fourth family of bare nodes: a node without a host matches it and node.
        PluginRegistry registry;
        QCOMPARE(registry.loadDirectory(shippedDir()), 3);
        QCOMPARE(registry.loadDirectory(QStringLiteral(FAKE_GOOD_DIR)), 1);
        QCOMPARE(registry.find(u"fourth")->detect.size(), 1);
        const Result<MeterChoice> choice = chooseMeter(bareNode(), registry);
        QVERIFY(!choice.ok());
        QCOMPARE(choice.error().code, ResultCode::InvalidArguments);
        const QString m = choice.error().message;
        for (const char *part : {"/dev/ttyUSB1", "node without a host", "2 meter plugins match", "fourth (F4-100)",
                 "node (node)", "--meter node or --meter fourth"})
            QVERIFY2(m.contains(QLatin1String(part)), qPrintable(m));
        // A default meter among them decides; one that did not match does not.
        const Result<MeterChoice> byDefault = chooseMeter(bareNode(), registry, QStringLiteral("node"));
        QVERIFY(byDefault.ok());
        QCOMPARE(byDefault->plugin->id, QStringLiteral("node"));
        QVERIFY(!chooseMeter(bareNode(), registry, QStringLiteral("kv2c")).ok());
    }

    void detectionAsksOnTheLinksOfThePluginsThatHaveTheOperation()
    {
        PluginRegistry registry;
        QCOMPARE(registry.loadDirectory(shippedDir()), 3);
        RunOptions run;
        run.operation = Operation::Provision; // i210plus and kv2c fixture on orw, node on none
        QCOMPARE(detectionLinks(registry, run),
            (QList<LinkSetting> {{115200, transport::WrapperKind::Orw}, {115200, transport::WrapperKind::None}}));
        run.operation = Operation::Posttest; // i210plus direct, kv2c optical
        QCOMPARE(detectionLinks(registry, run),
            (QList<LinkSetting> {{115200, transport::WrapperKind::Orw}, {9600, transport::WrapperKind::OptPsem}}));
        // -b 9600 --wrapper=opt_psem: the legacy optical lines.
        run.operation = Operation::CheckConfig;
        run.baud = 9600;
        run.wrapper = transport::WrapperKind::OptPsem;
        QCOMPARE(detectionLinks(registry, run), (QList<LinkSetting> {{9600, transport::WrapperKind::OptPsem}}));
    }

    void detectEntriesAreCheckedData_data()
    {
        QTest::addColumn<QString>("entry");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown key") << R"({"Model":"X1","Vendor":"GE"})"
                                     << "\"Vendor\"";
        QTest::newRow("no model") << R"({"Manufacturer":"GE"})"
                                  << "without \"Model\"";
        QTest::newRow("asks nothing") << R"({"Model":"X1"})"
                                      << "names neither";
        QTest::newRow("host not bool") << R"({"Model":"X1","Host":"no"})"
                                       << "not true or false";
        QTest::newRow("bare node with a meter") << R"({"Model":"X1","Host":false,"Manufacturer":"GE"})"
                                                << "reports no meter";
    }

    void detectEntriesAreCheckedData()
    {
        QFETCH(QString, entry);
        QFETCH(QString, message);
        const QJsonObject json = QJsonDocument::fromJson(entry.toUtf8()).object();
        const Result<DetectRule> rule = DetectRule::fromJson(json, QStringLiteral("plugin x.so"));
        QVERIFY(!rule.ok());
        QVERIFY2(rule.error().toString().contains(message), qPrintable(rule.error().toString()));
        QVERIFY2(rule.error().toString().contains(QLatin1String("x.so")), qPrintable(rule.error().toString()));
    }

    void aDetectEntryMustNameOneOfThePluginsModels()
    {
        QJsonObject meta {{QStringLiteral("IID"), QStringLiteral("org.provstation.MeterPlugin/1")},
            {QStringLiteral("MetaData"),
                QJsonObject {{QStringLiteral("Id"), QStringLiteral("x")},
                    {QStringLiteral("Version"), QStringLiteral("1")},
                    {QStringLiteral("ApiVersion"), QStringLiteral("1.0")},
                    {QStringLiteral("Models"), QJsonArray {QStringLiteral("X1")}},
                    {QStringLiteral("Detect"),
                        QJsonArray {QJsonObject {{QStringLiteral("Model"), QStringLiteral("X2")},
                            {QStringLiteral("EdModel"), QStringLiteral("X2*")}}}}}}};
        const Result<PluginMetadata> m = PluginMetadata::fromLoaderMetaData(meta, QStringLiteral("x.so"));
        QVERIFY(!m.ok());
        QVERIFY2(m.error().message.contains(QLatin1String("\"X2\", which is not one of its Models")),
            qPrintable(m.error().message));
    }

    void wildcardsAndCaseInTheModel()
    {
        DetectRule rule;
        rule.model = QStringLiteral("SGM3xxx");
        rule.manufacturer = QStringLiteral("GE");
        rule.edModel = QStringLiteral("SGM3*");
        QVERIFY(rule.matches(meterReport(DeviceReport::Source::Emcm, QStringLiteral("ge"), QStringLiteral("sgm3100"))));
        QVERIFY(
            !rule.matches(meterReport(DeviceReport::Source::Emcm, QStringLiteral("GE"), QStringLiteral("SGM4100"))));
        QVERIFY(
            !rule.matches(meterReport(DeviceReport::Source::Emcm, QStringLiteral("GEX"), QStringLiteral("SGM3100"))));
        // A model pattern never matches a part of a longer model.
        rule.edModel = QStringLiteral("I210+");
        QVERIFY(!rule.matches(meterReport(DeviceReport::Source::Emcm, QStringLiteral("GE"), QStringLiteral("I210+C"))));
        QVERIFY(!rule.matches(bareNode()));
    }
};

QTEST_GUILESS_MAIN(tst_MeterDetection)
#include "tst_meterdetection.moc"
