#pragma once

#include "slots/SlotSnapshot.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QObject>
#include <QPointer>

namespace prov::gui {

/// Reads the engine's station model (one row per slot) into SlotSnapshots on
/// the GUI thread. Columns are not used: each field is a role, found by its
/// role name (roleNames()), so the model can grow roles without breaking the
/// GUI. Accepted names per field are listed in SlotModelAdapter.cpp.
class SlotModelAdapter : public QObject
{
    Q_OBJECT

public:
    explicit SlotModelAdapter(QObject *parent = nullptr);

    void setModel(QAbstractItemModel *model);
    [[nodiscard]] QAbstractItemModel *model() const { return m_model; }
    [[nodiscard]] int rowCount() const;
    /// The engine's view of one slot (label, armed, notice are the GUI's own).
    [[nodiscard]] SlotSnapshot snapshot(int row) const;
    /// Parses a status value: a name ("running", "PASS", "needs attention") or a number 0..4.
    [[nodiscard]] static SlotStatus parseStatus(const QVariant &value);

Q_SIGNALS:
    void rowChanged(int row);
    void rowsReset();

private:
    enum Field {
        Status,
        Step,
        Percent,
        Elapsed,
        NodeId,
        EmcmId,
        MeterSerial,
        ResultCode,
        Detail,
        LogPath,
        Family,
        Operation,
        Port,
        Attention,
        Run, ///< the engine's whole StationSnapshot (typed: cause, facts, step kind and number, waits)
        FieldCount
    };

    void resolveRoles();
    [[nodiscard]] QVariant value(int row, Field field) const;
    void onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight);

    QPointer<QAbstractItemModel> m_model;
    int m_roles[FieldCount];
};

} // namespace prov::gui
