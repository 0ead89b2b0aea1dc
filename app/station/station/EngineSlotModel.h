#pragma once

#include "engine/StationSnapshot.h"
#include "station/StationBackend.h"

#include <QAbstractListModel>
#include <QList>

namespace prov::gui {

/// The station window's slots as the engine sees them: one row per slot, in
/// slot order, with the role names SlotModelAdapter reads ("status", "step",
/// "resultCode", ...). Lives on the GUI thread; EngineBackend feeds it the
/// engine's queued snapshots. A slot's row stays put between runs (the
/// engine's own StationModel grows a row per station instead).
class EngineSlotModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        StatusRole = Qt::UserRole + 1, ///< "idle", "running", "pass", "fail", "stopped"
        StepRole,
        PercentRole,
        ElapsedRole,
        NodeIdRole,
        EmcmIdRole,
        MeterSerialRole,
        ResultCodeRole, ///< invalid until a run ended
        DetailRole,
        LogPathRole,
        FamilyRole,
        OperationRole,
        PortRole,
        AttentionRole, ///< why a stopped slot needs the operator
        RunRole, ///< the engine's StationSnapshot of the slot's current or last run
    };

    explicit EngineSlotModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    /// One idle row per slot; a slot whose row is running, or whose setup
    /// did not change, keeps it.
    void setSlots(const QList<SlotSetup> &setups);
    /// A run was asked for: the row shows it running before the engine's first snapshot.
    void markStarting(int slot, const QString &family, const QString &operation, const QString &port);
    /// The operator stopped the run: when it ends, the slot asks for
    /// attention instead of counting a failed device.
    void markStopping(int slot);
    /// A run that could not start: the row shows the failure like a finished run.
    void markFailed(int slot, const Error &error);
    /// The engine's picture of the slot's current run.
    void update(const engine::StationSnapshot &snapshot);
    [[nodiscard]] bool isRunning(int slot) const;

private:
    struct Row
    {
        QString status = QStringLiteral("idle");
        engine::StationSnapshot snapshot;
        QString family;
        QString operation;
        QString port;
        bool stopping = false;
        SlotSetup setup; ///< as the window set the slot up
    };

    void changed(int slot);

    QList<Row> m_rows;
};

} // namespace prov::gui
