// The one way a station's engine is built and a run request becomes the
// engine's options, for provstation-cli and the window alike: requests as
// each of them makes them, the refusals with what was wrong, and the services
// and engine opened on the real plugins.
#include "TestSupport.h"

#include "engine/Engine.h"
#include "engine/KeyOutbox.h"
#include "engine/ServerClient.h"
#include "engine/StationRuntime.h"

#include <QDir>
#include <QHostInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace prov;
using namespace prov::engine;
using namespace Qt::StringLiterals;

class TestStationRuntime : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    StationRuntime::Settings settings() const
    {
        StationRuntime::Settings s;
        s.dataDir = m_dir.filePath(u"station"_s);
        s.pluginDir = QDir(test::binPath(u"../lib/provstation/plugins"_s)).absolutePath();
        s.gatewayHost = u"192.168.6.77"_s;
        s.gatewayPort = 4022;
        s.joinTimeoutS = 42;
        return s;
    }

    static RunRequest request()
    {
        RunRequest r;
        r.slot = 0;
        r.meter = u"i210plus"_s;
        r.options.port = u"/dev/ttyUSB0"_s;
        r.options.operation = Operation::Posttest;
        r.options.config.alias = u"82JX570141"_s;
        r.options.batch = BatchNumber(1000);
        return r;
    }

    static ServerEndpoint nowhere()
    {
        ServerEndpoint e;
        e.baseUrl = QUrl(u"http://127.0.0.1:1"_s); // nothing listens
        e.token = "not-a-real-token";
        return e;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void aWindowRequestMergesPluginDefaultsStationSettingsAndScans()
    {
        StationRuntime runtime(settings());
        runtime.loadPlugins();
        RunRequest r = request();
        r.slot = 5;
        // As the window makes it: the scanned label, the Settings' text (QSettings), the plugin's defaults.
        const PluginDescription *i210 = runtime.plugins().find(u"i210plus");
        QVERIFY(i210);
        QVERIFY(!r.takeScans(*i210, {{u"partialMcmId"_s, u"0013A20041B2C3D4"_s}}));
        r.pluginDefaults = true;
        r.stationSettings = {{u"blockWindow"_s, u" 8 "_s}, {u"settingOfAnotherVersion"_s, u"x"_s}};
        const Result<RunOptions> o = runtime.runOptions(r);
        QVERIFY2(o.ok(), qPrintable(o.ok() ? QString() : o.error().toString()));
        QCOMPARE(o->operation, Operation::Posttest);
        QCOMPARE(o->port, u"/dev/ttyUSB0"_s);
        QCOMPARE(o->config.alias, u"82JX570141"_s);
        QCOMPARE(o->batch.value(), 1000u);
        QCOMPARE(o->partialMcmId, u"41B2C3D4"_s);
        // The station's value over the plugin's default; the plugin's default where the station has none.
        QCOMPARE(o->settings, (QVariantMap {{u"blockWindow"_s, qlonglong(8)}, {u"joinPollMs"_s, 500}}));
        QCOMPARE(o->gatewayHost, u"192.168.6.77"_s);
        QCOMPARE(o->gatewayPort, quint16(4022));
        QCOMPARE(o->joinTimeoutS, 42);
        QCOMPARE(o->runLogDir, m_dir.filePath(u"station/runlogs"_s));
    }

    void aCommandLineRequestTypesItsSetValues()
    {
        // As provstation-cli makes it: --set texts, no plugin defaults (a
        // setting not given is the engine's), station name per port.
        StationRuntime runtime(settings());
        runtime.loadPlugins();
        RunRequest r = request();
        r.options.partialMcmId = u"41B2C3D4"_s;
        r.options.scans = {{u"meterSerial"_s, u"M591374131"_s}};
        r.options.settings = {{u"ignored"_s, u"the request's settings say"_s}};
        r.settings = {{u"blockWindow"_s, u"8 "_s}};
        r.stationSettings = {{u"blockWindow"_s, u"2"_s}};
        const Result<RunOptions> o = runtime.runOptions(r);
        QVERIFY2(o.ok(), qPrintable(o.ok() ? QString() : o.error().toString()));
        QCOMPARE(o->settings, (QVariantMap {{u"blockWindow"_s, qlonglong(8)}}));
        QCOMPARE(o->partialMcmId, u"41B2C3D4"_s);
        QCOMPARE(o->scans.value(u"meterSerial"_s).toString(), u"M591374131"_s);
        QCOMPARE(o->stationName, QHostInfo::localHostName() + u":/dev/ttyUSB0"_s);

        StationRuntime::Settings named = settings();
        named.stationName = u"line9-st1"_s;
        runtime.setSettings(named);
        QCOMPARE(runtime.runOptions(r)->stationName, u"line9-st1"_s);
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("meter");
        QTest::addColumn<int>("operation");
        QTest::addColumn<QString>("port");
        QTest::addColumn<QString>("config");
        QTest::addColumn<QVariantMap>("settings");
        QTest::addColumn<QVariantMap>("stationSettings");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        const int posttest = int(Operation::Posttest);
        QTest::newRow("unknown meter") << u"i310"_s << posttest << u"/dev/pts/1"_s << u"PN-X"_s << QVariantMap()
                                       << QVariantMap() << 3
                                       << u"unknown meter \"i310\" (found: i210plus, kv2c, node)"_s;
        QTest::newRow("operation the meter has not")
            << u"node"_s << int(Operation::CheckConfig) << u"/dev/pts/1"_s << u"PN-X"_s << QVariantMap()
            << QVariantMap() << 3 << u"meter node has no CHECKCONFIG operation (it has "_s;
        QTest::newRow("no port") << u"node"_s << int(Operation::Provision) << QString() << u"PN-X"_s << QVariantMap()
                                 << QVariantMap() << 4 << u"slot 1 has no port plugged in"_s;
        QTest::newRow("no configuration") << u"node"_s << int(Operation::Provision) << u"/dev/pts/1"_s << QString()
                                          << QVariantMap() << QVariantMap() << 3 << u"no configuration picked"_s;
        QTest::newRow("--set a setting the meter has not")
            << u"i210plus"_s << posttest << u"/dev/pts/1"_s << u"PN-X"_s << QVariantMap {{u"speed"_s, u"9"_s}}
            << QVariantMap() << 3 << u"setting speed: meter i210plus has no such setting"_s;
        QTest::newRow("--set out of range")
            << u"i210plus"_s << posttest << u"/dev/pts/1"_s << u"PN-X"_s << QVariantMap {{u"blockWindow"_s, u"99"_s}}
            << QVariantMap() << 3 << u"setting blockWindow: expects a whole number from 1 to 16, got \"99\""_s;
        QTest::newRow("station setting not a number")
            << u"i210plus"_s << posttest << u"/dev/pts/1"_s << u"PN-X"_s << QVariantMap()
            << QVariantMap {{u"blockWindow"_s, u"many"_s}} << 3
            << u"setting blockWindow: expects a whole number from 1 to 16, got \"many\""_s;
        QTest::newRow("station setting with a bad integer")
            << u"kv2c"_s << int(Operation::CheckConfig) << u"/dev/pts/1"_s << u"PN-X"_s << QVariantMap()
            << QVariantMap {{u"psemUserId"_s, u"2.5"_s}} << 3
            << u"setting psemUserId: expects a whole number from 0 to 65535, got \"2.5\""_s;
    }

    void refusals()
    {
        QFETCH(QString, meter);
        QFETCH(int, operation);
        QFETCH(QString, port);
        QFETCH(QString, config);
        QFETCH(QVariantMap, settings);
        QFETCH(QVariantMap, stationSettings);
        QFETCH(int, code);
        QFETCH(QString, message);
        StationRuntime runtime(this->settings());
        runtime.loadPlugins();
        RunRequest r = request();
        r.meter = meter;
        r.options.operation = Operation(operation);
        r.options.port = port;
        r.options.config = RunRequest::configFromPick(config);
        r.settings = settings;
        r.stationSettings = stationSettings;
        const Result<RunOptions> o = runtime.runOptions(r);
        QVERIFY(!o.ok());
        QCOMPARE(int(o.error().code), code);
        QVERIFY2(o.error().toString().contains(message), qPrintable(o.error().toString()));
    }

    void servicesLiveWhereTheOwnerAsks()
    {
        for (const bool ownThread : {false, true}) {
            StationRuntime::Settings s = settings();
            s.servicesThread = ownThread;
            StationRuntime runtime(s);
            QVERIFY(runtime.openServices(nowhere()).ok());
            QCOMPARE(runtime.outboxPath(), QDir(s.dataDir).filePath(QLatin1String(KeyOutbox::kFileName)));
            QVERIFY(QFileInfo::exists(runtime.outboxPath()));
            QCOMPARE(runtime.server()->thread() != QThread::currentThread(), ownThread);
            QCOMPARE(runtime.sync()->thread(), runtime.server()->thread());
            // The empty outbox's replay pass, told on the owner's thread (--flush-outbox waits for it).
            QSignalSpy pass(&runtime, &StationRuntime::syncPassFinished);
            runtime.syncNow();
            QTRY_COMPARE_WITH_TIMEOUT(pass.size(), 1, 10000);
            QCOMPARE(pass.constFirst().at(0).value<EscrowSync::PassResult>().remaining, 0);
        }
    }

    void anotherServerReplacesTheServicesOfTheNextRuns()
    {
        StationRuntime::Settings s = settings();
        s.servicesThread = true;
        StationRuntime runtime(s);
        QVERIFY(runtime.openServices(nowhere()).ok());
        Engine *engine = runtime.openEngine();
        QVERIFY(engine);
        QCOMPARE(engine->services().server, runtime.server());
        ServerEndpoint other = nowhere();
        other.baseUrl = QUrl(u"http://127.0.0.1:2"_s);
        runtime.switchServer(other);
        QCOMPARE(engine->services().server, runtime.server());
        QCOMPARE(runtime.server()->endpoint().baseUrl, other.baseUrl);
    }

    void aRunStartsOnTheEngineAndEndsWithItsCode()
    {
        StationRuntime runtime(settings());
        runtime.loadPlugins();
        RunRequest r = request();
        r.slot = 3;
        const Status notOpen = runtime.startRun(r);
        QVERIFY(!notOpen.ok());
        QCOMPARE(notOpen.error().code, ResultCode::InternalError);
        QVERIFY(runtime.openServices(nowhere()).ok());
        Engine *engine = runtime.openEngine();
        QSignalSpy finished(engine, &Engine::runFinished);
        r.meter = u"i310"_s;
        QCOMPARE(runtime.startRun(r).error().code, ResultCode::InvalidArguments);
        QVERIFY(!engine->isRunning(3));
        r.meter = u"i210plus"_s;
        QVERIFY(runtime.startRun(r).ok());
        QVERIFY(engine->isRunning(3));
        QVERIFY(finished.wait(60000));
        const auto snapshot = finished.constFirst().at(0).value<RunSnapshot>();
        QCOMPARE(snapshot.slot, 3);
        QCOMPARE(snapshot.port, u"/dev/ttyUSB0"_s);
        QVERIFY(snapshot.resultCode != 0); // no server, no such port: never a pass
    }
};

QTEST_GUILESS_MAIN(TestStationRuntime)
#include "tst_stationruntime.moc"
