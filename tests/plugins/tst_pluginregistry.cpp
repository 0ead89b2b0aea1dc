#include "engine/PluginRegistry.h"

#include "TestSupport.h"

#include <QDir>
#include <QPluginLoader>
#include <QTest>

using namespace prov::engine;

class tst_PluginRegistry : public QObject
{
    Q_OBJECT

private:
    static QString shippedDir()
    {
        return QDir::cleanPath(prov::test::binPath(QStringLiteral("../lib/provstation/plugins")));
    }

private slots:
    void loadsTheShippedPlugins()
    {
        PluginRegistry registry;
        QCOMPARE(registry.loadDirectory(shippedDir()), 3);
        QVERIFY2(registry.refusals().isEmpty(), qPrintable(registry.refusals().value(0).toString()));
        QStringList ids = registry.ids();
        ids.sort();
        QCOMPARE(ids, (QStringList {QStringLiteral("i210plus"), QStringLiteral("kv2c"), QStringLiteral("node")}));
        QCOMPARE(registry.findByModel(u"SGM3xxx")->id, QStringLiteral("i210plus"));
        QCOMPARE(registry.findByModel(u"kv2c")->id, QStringLiteral("kv2c"));
        QCOMPARE(registry.find(u"KV2C")->id, QStringLiteral("kv2c"));
        QVERIFY(!registry.find(u"i210"));
        for (const PluginMetadata &meta : registry.loadedMetadata()) {
            QCOMPARE(meta.apiVersion, QStringLiteral("1.0"));
            QCOMPARE(meta.iid, QStringLiteral("org.provstation.MeterPlugin/1"));
            QVERIFY(!meta.version.isEmpty());
        }
    }

    void defaultDirectoryFollowsTheEnvironment()
    {
        qputenv(PluginRegistry::kPluginDirEnv, "/somewhere/else");
        QCOMPARE(PluginRegistry::defaultDirectory(), QStringLiteral("/somewhere/else"));
        qunsetenv(PluginRegistry::kPluginDirEnv);
        QVERIFY(PluginRegistry::defaultDirectory().endsWith(QStringLiteral("/lib/provstation/plugins")));
    }

    void aFourthFamilyIsJustAnotherFolder()
    {
        PluginRegistry registry;
        QCOMPARE(registry.loadDirectory(shippedDir()), 3);
        QCOMPARE(registry.loadDirectory(QStringLiteral(FAKE_GOOD_DIR)), 1);
        const PluginDescription *fourth = registry.findByModel(u"F4-200");
        QVERIFY(fourth);
        QCOMPARE(fourth->id, QStringLiteral("fourth"));
        QVERIFY(fourth->operation(Operation::Provision));
        QCOMPARE(fourth->operation(Operation::Provision)->wrapper, prov::transport::WrapperKind::Reliable);
        QVERIFY(!fourth->operation(Operation::Posttest));
    }

    void refusesOtherApiMajorsAndBrokenMetadataBeforeLoading()
    {
        PluginRegistry registry;
        // Both fakes abort() when instantiated: reaching the checks below proves
        // that the registry decided from metadata alone.
        QCOMPARE(registry.loadDirectory(QStringLiteral(FAKE_BAD_DIR)), 0);
        const QList<prov::Error> refusals = registry.refusals();
        QCOMPARE(refusals.size(), 2);
        QString all;
        for (const prov::Error &e : refusals)
            all += e.toString() + QLatin1Char('\n');
        QVERIFY2(all.contains(QStringLiteral("speaks meter plugin API 2.0")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("this program speaks 1.0")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("no \"Models\"")), qPrintable(all));
        QVERIFY(registry.ids().isEmpty());
        const QStringList files = QDir(QStringLiteral(FAKE_BAD_DIR)).entryList(QDir::Files);
        QCOMPARE(files.size(), 2);
        for (const QString &file : files)
            QVERIFY(!QPluginLoader(QDir(QStringLiteral(FAKE_BAD_DIR)).filePath(file)).isLoaded());
    }

    void refusesADuplicateId()
    {
        PluginRegistry registry;
        QCOMPARE(registry.loadDirectory(shippedDir()), 3);
        QCOMPARE(registry.loadDirectory(shippedDir()), 0);
        QCOMPARE(registry.refusals().size(), 3);
        QVERIFY(registry.refusals().first().message.contains(QStringLiteral("another plugin already uses")));
        QCOMPARE(registry.ids().size(), 3);
    }

    void reportsAMissingFolder()
    {
        PluginRegistry registry;
        QCOMPARE(registry.loadDirectory(QStringLiteral("/nonexistent/plugins")), 0);
        QCOMPARE(registry.refusals().size(), 1);
        QVERIFY(registry.refusals().first().message.contains(QStringLiteral("/nonexistent/plugins")));
    }
};

QTEST_GUILESS_MAIN(tst_PluginRegistry)
#include "tst_pluginregistry.moc"
