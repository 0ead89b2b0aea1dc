// EngineBackend's side of a run request: the window's engine settings reach
// the runtime's RunOptions (station name, gateway, join timeout, run logs,
// the station's plugin defaults typed by the schema), and a request the
// engine cannot run shows on its slot as a failed run with its code. How a
// request becomes RunOptions in general is tst_stationruntime's. The real
// plugins are loaded; runs against the simulator are tst_stationrun's.
#include "TestSupport.h"

#include "engine/RunOptions.h"
#include "window/EngineBackend.h"
#include "window/EngineSlotModel.h"

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
        r.meter = u"i210plus"_s;
        r.options.port = u"/dev/pts/99"_s;
        r.options.operation = engine::Operation::Posttest;
        r.options.config = RunRequest::configFromPick(u"PN-X"_s);
        r.options.batch = BatchNumber(1000);
        return r;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void requestBecomesRunOptions()
    {
        EngineBackend backend(options());
        RunRequest r = request();
        r.options.partialMcmId = u"41B2C3D4"_s;
        // QSettings gives text back; the schema says blockWindow is a number.
        r.pluginDefaults = true;
        r.stationSettings = {{u"blockWindow"_s, u"8"_s}, {u"noSuchSetting"_s, u"x"_s}};
        const Result<engine::RunOptions> o = backend.runtime().runOptions(r);
        QVERIFY2(o.ok(), qPrintable(o.ok() ? QString() : o.error().toString()));
        QCOMPARE(o->operation, engine::Operation::Posttest);
        QCOMPARE(o->port, u"/dev/pts/99"_s);
        QCOMPARE(o->config.alias, u"PN-X"_s);
        QCOMPARE(o->partialMcmId, u"41B2C3D4"_s);
        QCOMPARE(o->settings.value(u"blockWindow"_s).typeId(), QMetaType::LongLong);
        QCOMPARE(o->settings.value(u"blockWindow"_s).toInt(), 8);
        QCOMPARE(o->settings.value(u"joinPollMs"_s).toInt(), 500); // the plugin's default
        QVERIFY(!o->settings.contains(u"noSuchSetting"_s));
        QCOMPARE(o->stationName, u"line9-st1"_s);
        QCOMPARE(o->gatewayHost, u"gw.factory"_s);
        QCOMPARE(o->gatewayPort, quint16(4999));
        QCOMPARE(o->joinTimeoutS, 42);
        QCOMPARE(o->runLogDir, m_dir.filePath(u"station/runlogs"_s));
    }

    void reconfiguredSettingsApplyToTheNextRun()
    {
        EngineBackend backend(options());
        EngineBackend::Options changed = options();
        changed.stationName = u"line9-st2"_s;
        changed.gatewayHost = u"gw2.factory"_s;
        changed.joinTimeoutS = 90;
        backend.reconfigure(changed);
        const Result<engine::RunOptions> o = backend.runtime().runOptions(request());
        QVERIFY(o.ok());
        QCOMPARE(o->stationName, u"line9-st2"_s);
        QCOMPARE(o->gatewayHost, u"gw2.factory"_s);
        QCOMPARE(o->joinTimeoutS, 90);
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
        EngineSlotModel *model = backend.slotModel();
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(model->snapshot(1).status, SlotStatus::Idle);
        QSignalSpy changed(model, &EngineSlotModel::slotChanged);
        RunRequest r = request();
        r.meter = u"i310"_s;
        backend.start(r);
        // Running, then failed, as a run that ended at once: the window counts it and offers Retry.
        QCOMPARE(changed.size(), 2);
        const SlotSnapshot row = model->snapshot(1);
        QCOMPARE(row.status, SlotStatus::Fail);
        QCOMPARE(row.resultCode, 3);
        QVERIFY(row.detail.contains(u"i310"_s));
        QCOMPARE(row.family, u"i310"_s);
        QCOMPARE(model->snapshot(0).status, SlotStatus::Idle);
        QCOMPARE(model->snapshot(0).resultCode, -1);
        // Nothing listens at the server address: the header hears it.
        QSignalSpy reachability(&backend, &StationBackend::serverReachabilityChanged);
        QVERIFY(reachability.wait(10000));
        QCOMPARE(reachability.constLast().at(0).toBool(), false);
        QCOMPARE(backend.outboxPending(), 0);
    }
};

QTEST_GUILESS_MAIN(TestEngineBackend)
#include "tst_enginebackend.moc"
