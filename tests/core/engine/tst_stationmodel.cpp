#include "engine/StationModel.h"

#include <QSignalSpy>
#include <QTest>

using namespace prov::engine;

class tst_StationModel : public QObject
{
    Q_OBJECT

private:
    static StationSnapshot snapshot(int slot, StationSnapshot::State state, int percent = 0)
    {
        StationSnapshot s;
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
        StationModel model;
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.update(snapshot(0, StationSnapshot::State::Running, 10));
        model.update(snapshot(1, StationSnapshot::State::Running, 20));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(inserted.size(), 2);
        model.update(snapshot(0, StationSnapshot::State::Running, 60));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 0);
        QCOMPARE(model.data(model.index(0, StationModel::Progress)).toInt(), 60);
        QCOMPARE(model.data(model.index(0, 0), StationModel::PercentRole).toInt(), 60);
        QCOMPARE(model.data(model.index(1, StationModel::Port)).toString(), QStringLiteral("/dev/ttyUSB1"));
        QCOMPARE(model.data(model.index(0, StationModel::Step)).toString(), QStringLiteral("9/14 WriteKeys"));
        QCOMPARE(model.data(model.index(0, StationModel::Elapsed)).toString(), QStringLiteral("12.3 s"));
    }

    void finishedRowsShowTheResult()
    {
        StationModel model;
        StationSnapshot s = snapshot(0, StationSnapshot::State::Failed);
        s.resultCode = 134;
        model.update(s);
        QCOMPARE(model.data(model.index(0, StationModel::Result)).toString(),
            QStringLiteral("134 device did not join the gateway"));
        QCOMPARE(model.data(model.index(0, 0), StationModel::ResultCodeRole).toInt(), 134);
        QCOMPARE(model.data(model.index(0, StationModel::State)).toString(), QStringLiteral("failed"));
        QCOMPARE(model.data(model.index(0, 0), StationModel::SnapshotRole).value<StationSnapshot>().port,
            QStringLiteral("/dev/ttyUSB0"));
        QCOMPARE(model.headerData(StationModel::NodeId, Qt::Horizontal, Qt::DisplayRole).toString(),
            QStringLiteral("Node ID"));
        QCOMPARE(model.columnCount(), int(StationModel::ColumnCount));
        QVERIFY(!model.data(model.index(5, 0)).isValid());
    }
};

QTEST_GUILESS_MAIN(tst_StationModel)
#include "tst_stationmodel.moc"
