#pragma once

#include "engine/RunSnapshot.h"

#include <QAbstractTableModel>
#include <QList>

namespace prov::engine {

/// The runs of an Engine as a table the GUI can show directly (one row
/// per slot). Lives on the GUI (main) thread and is fed queued snapshots,
/// which the runs already coalesce.
class RunModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Port, Meter, Operation, State, Step, Progress, NodeId, EmcmId, Elapsed, Result, ColumnCount };
    enum Role {
        SnapshotRole = Qt::UserRole + 1, ///< the whole RunSnapshot
        PercentRole, ///< int 0..100
        ResultCodeRole, ///< int, -1 while running
        StateRole, ///< RunSnapshot::State as int
    };

    using QAbstractTableModel::QAbstractTableModel;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    /// Adds or replaces the row of snapshot.slot.
    void update(const prov::engine::RunSnapshot &snapshot);
    [[nodiscard]] RunSnapshot snapshotAt(int row) const { return m_rows.value(row); }

private:
    QList<RunSnapshot> m_rows;
};

} // namespace prov::engine
