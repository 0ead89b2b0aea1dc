#include "engine/RunModel.h"

#include <QSignalSpy>
#include <QTest>

using namespace prov::engine;

class tst_StationModel : public QObject
{
    Q_OBJECT

private:
    static RunSnapshot snapshot(int slot, RunSnapshot::State state, int percent = 0)
    {
        RunSnapshot s;
        s.slot = slot;
        s.port = QStringLiteral("/dev/ttyUSB%1").arg(slot);
        s.meter = QStringLiteral("i210plus");
        s.operation = QStringLiteral("POSTTEST");
        s.state = state;
        s.step = QStringLiteral("WriteKeys");
        s.stepIndex = 9;
        s.stepCount = 14;
        s.percent = percent;
        s.elapsedMs = 12345;
        return s;
    }

private slots:
    void rowsFollowSlots()
    {
        RunModel model;
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.update(snapshot(0, RunSnapshot::State::Running, 10));
        model.update(snapshot(1, RunSnapshot::State::Running, 20));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(inserted.size(), 2);
        model.update(snapshot(0, RunSnapshot::State::Running, 60));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 0);
        QCOMPARE(model.data(model.index(0, RunModel::Progress)).toInt(), 60);
        QCOMPARE(model.data(model.index(0, 0), RunModel::PercentRole).toInt(), 60);
        QCOMPARE(model.data(model.index(1, RunModel::Port)).toString(), QStringLiteral("/dev/ttyUSB1"));
        QCOMPARE(model.data(model.index(0, RunModel::Step)).toString(), QStringLiteral("9/14 WriteKeys"));
        QCOMPARE(model.data(model.index(0, RunModel::Elapsed)).toString(), QStringLiteral("12.3 s"));
    }

    void finishedRowsShowTheResult()
    {
        RunModel model;
        RunSnapshot s = snapshot(0, RunSnapshot::State::Failed);
        s.resultCode = 134;
        model.update(s);
        QCOMPARE(model.data(model.index(0, RunModel::Result)).toString(),
            QStringLiteral("134 device did not join the gateway"));
        QCOMPARE(model.data(model.index(0, 0), RunModel::ResultCodeRole).toInt(), 134);
        QCOMPARE(model.data(model.index(0, RunModel::State)).toString(), QStringLiteral("failed"));
        QCOMPARE(model.data(model.index(0, 0), RunModel::SnapshotRole).value<RunSnapshot>().port,
            QStringLiteral("/dev/ttyUSB0"));
        QCOMPARE(
            model.headerData(RunModel::NodeId, Qt::Horizontal, Qt::DisplayRole).toString(), QStringLiteral("Node ID"));
        QCOMPARE(model.columnCount(), int(RunModel::ColumnCount));
        QVERIFY(!model.data(model.index(5, 0)).isValid());
    }
};

QTEST_GUILESS_MAIN(tst_StationModel)
#include "tst_runmodel.moc"
