// EngineBackend's side of a run request: what the window asks for becomes
// the engine's RunOptions (plugin by family, configuration by alias or ID,
// scans, settings typed by the plugin's schema), and a request the engine
// cannot run shows on its slot as a failed run with its code. The real
// plugins are loaded; runs against the simulator are tst_stationrun's.
#include "TestSupport.h"

#include "engine/RunOptions.h"
#include "station/EngineBackend.h"
#include "station/EngineSlotModel.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace prov;
using namespace prov::gui;
using namespace Qt::StringLiterals;

class TestEngineBackend : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    EngineBackend::Options options() const
    {
        EngineBackend::Options o;
        o.endpoint.baseUrl = QUrl(u"http://127.0.0.1:1"_s); // nothing listens
        o.endpoint.token = "not-a-real-token";
        o.dataDir = m_dir.filePath(u"station"_s);
        o.stationName = u"line9-st1"_s;
        o.gatewayHost = u"gw.factory"_s;
        o.gatewayPort = 4999;
        o.joinTimeoutS = 42;
        o.healthIntervalMs = 200;
        o.pluginDir = QDir(test::binPath(u"../lib/provstation/plugins"_s)).absolutePath();
        return o;
    }

    static RunRequest request()
    {
        RunRequest r;
        r.slot = 1;
        r.family = u"i210plus"_s;
        r.port = u"/dev/pts/99"_s;
        r.operation = u"POSTTEST"_s;
        r.configAlias = u"PN-X"_s;
        r.batch = 1000;
        return r;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void requestBecomesRunOptions()
    {
        EngineBackend backend(options());
        RunRequest r = request();
        r.scans = {{u"partialMcmId"_s, u"41B2C3D4"_s}, {u"meterSerial"_s, u"M131187933"_s}};
        // QSettings gives text back; the schema says blockWindow is a number.
        r.settings = {{u"blockWindow"_s, u"8"_s}, {u"joinPollMs"_s, 250}, {u"noSuchSetting"_s, u"x"_s}};
        const Result<engine::RunOptions> o = backend.runOptions(r);
        QVERIFY2(o.ok(), qPrintable(o.ok() ? QString() : o.error().toString()));
        QCOMPARE(o->operation, engine::Operation::Posttest);
        QCOMPARE(o->port, u"/dev/pts/99"_s);
        QCOMPARE(o->config.alias, u"PN-X"_s);
        QVERIFY(!o->config.id.has_value());
        QCOMPARE(o->batch.value(), 1000u);
        QCOMPARE(o->partialMcmId, u"41B2C3D4"_s);
        QCOMPARE(o->scans, (QVariantMap {{u"meterSerial"_s, u"M131187933"_s}}));
        QCOMPARE(o->settings.value(u"blockWindow"_s).typeId(), QMetaType::LongLong);
        QCOMPARE(o->settings.value(u"blockWindow"_s).toInt(), 8);
        QCOMPARE(o->settings.value(u"joinPollMs"_s).toInt(), 250);
        QVERIFY(!o->settings.contains(u"noSuchSetting"_s));
        QCOMPARE(o->stationName, u"line9-st1"_s);
        QCOMPARE(o->gatewayHost, u"gw.factory"_s);
        QCOMPARE(o->gatewayPort, quint16(4999));
        QCOMPARE(o->joinTimeoutS, 42);
        QCOMPARE(o->runLogDir, m_dir.filePath(u"station/runlogs"_s));
    }

    void aConfigurationIdIsTakenAsAnId()
    {
        EngineBackend backend(options());
        RunRequest r = request();
        r.configAlias = u"0x0000000000000047"_s; // the list offers the ID where there is no alias
        const Result<engine::RunOptions> o = backend.runOptions(r);
        QVERIFY(o.ok());
        QVERIFY(o->config.id.has_value());
        QCOMPARE(o->config.id->toString(), u"0x0000000000000047"_s);
        QVERIFY(o->config.alias.isEmpty());
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("family");
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QString>("port");
        QTest::addColumn<QString>("config");
        QTest::addColumn<QString>("blockWindow");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown meter") << u"i310"_s << u"PROVISION"_s << u"/dev/pts/1"_s << u"PN-X"_s << u"4"_s << 3
                                       << u"no meter plugin \"i310\""_s;
        QTest::newRow("operation the meter has not") << u"node"_s << u"CHECKCONFIG"_s << u"/dev/pts/1"_s << u"PN-X"_s
                                                     << u"4"_s << 3 << u"has no CHECKCONFIG operation"_s;
        QTest::newRow("no such operation") << u"node"_s << u"CALIBRATE"_s << u"/dev/pts/1"_s << u"PN-X"_s << u"4"_s << 3
                                           << u"has no CALIBRATE operation"_s;
        QTest::newRow("adapter not plugged in")
            << u"node"_s << u"PROVISION"_s << QString() << u"PN-X"_s << u"4"_s << 4 << u"has no port plugged in"_s;
        QTest::newRow("no configuration") << u"node"_s << u"PROVISION"_s << u"/dev/pts/1"_s << QString() << u"4"_s << 3
                                          << u"no configuration picked"_s;
        QTest::newRow("setting out of range")
            << u"i210plus"_s << u"PROVISION"_s << u"/dev/pts/1"_s << u"PN-X"_s << u"99"_s << 3 << u"from 1 to 16"_s;
        QTest::newRow("setting not a number")
            << u"i210plus"_s << u"PROVISION"_s << u"/dev/pts/1"_s << u"PN-X"_s << u"many"_s << 3 << u"got \"many\""_s;
    }

    void refusals()
    {
        QFETCH(QString, family);
        QFETCH(QString, operation);
        QFETCH(QString, port);
        QFETCH(QString, config);
        QFETCH(QString, blockWindow);
        QFETCH(int, code);
        QFETCH(QString, message);
        EngineBackend backend(options());
        RunRequest r = request();
        r.family = family;
        r.operation = operation;
        r.port = port;
        r.configAlias = config;
        if (family == "i210plus"_L1)
            r.settings = {{u"blockWindow"_s, blockWindow}};
        const Result<engine::RunOptions> o = backend.runOptions(r);
        QVERIFY(!o.ok());
        QCOMPARE(int(o.error().code), code);
        QVERIFY2(o.error().toString().contains(message), qPrintable(o.error().toString()));
    }

    void aRefusedStartShowsOnItsSlotAsAFailedRun()
    {
        EngineBackend backend(options());
        QVERIFY(backend.open().ok());
        QVERIFY(QFileInfo::exists(backend.outboxPath()));
        QStringList ids;
        for (const engine::PluginDescription &p : backend.plugins())
            ids << p.id;
        QVERIFY2(ids.contains(u"i210plus"_s) && ids.contains(u"kv2c"_s) && ids.contains(u"node"_s),
            qPrintable(ids.join(u", "_s)));
        backend.setupSlots({{u"1"_s, u"node"_s, u"/dev/pts/1"_s, {}}, {u"2"_s, u"i310"_s, u"/dev/pts/2"_s, {}}});
        QAbstractItemModel *model = backend.slotModel();
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(model->index(1, 0).data(EngineSlotModel::StatusRole).toString(), u"idle"_s);
        QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
        RunRequest r = request();
        r.family = u"i310"_s;
        backend.start(r);
        // Running, then failed, as a run that ended at once: the window counts it and offers Retry.
        QCOMPARE(changed.size(), 2);
        const QModelIndex row = model->index(1, 0);
        QCOMPARE(row.data(EngineSlotModel::StatusRole).toString(), u"fail"_s);
        QCOMPARE(row.data(EngineSlotModel::ResultCodeRole).toInt(), 3);
        QVERIFY(row.data(EngineSlotModel::DetailRole).toString().contains(u"i310"_s));
        QCOMPARE(model->index(0, 0).data(EngineSlotModel::StatusRole).toString(), u"idle"_s);
        // Nothing listens at the server address: the header hears it.
        QSignalSpy reachability(&backend, &StationBackend::serverReachabilityChanged);
        QVERIFY(reachability.wait(10000));
        QCOMPARE(reachability.constLast().at(0).toBool(), false);
        QCOMPARE(backend.outboxPending(), 0);
    }
};

QTEST_GUILESS_MAIN(TestEngineBackend)
#include "tst_enginebackend.moc"
