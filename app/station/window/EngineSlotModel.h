#pragma once

#include "engine/RunSnapshot.h"
#include "slots/SlotSnapshot.h"
#include "window/StationBackend.h"

#include <QList>
#include <QObject>

namespace prov::gui {

/// The station window's slots as the engine sees them: one row per slot, in
/// slot order, each a typed SlotSnapshot of the engine's side (status, step,
/// progress, IDs, result, cause, log); the window adds its own (label, armed,
/// notices). Lives on the GUI thread; EngineBackend feeds it the engine's
/// queued snapshots. A slot's row stays put between runs (the engine's own
/// RunModel grows a row per station instead).
class EngineSlotModel : public QObject
{
    Q_OBJECT

public:
    explicit EngineSlotModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount() const { return int(m_rows.size()); }
    /// The engine's side of slot `slot`; an idle one when there is no such row.
    [[nodiscard]] SlotSnapshot snapshot(int slot) const;

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
    void update(const engine::RunSnapshot &snapshot);
    [[nodiscard]] bool isRunning(int slot) const;

Q_SIGNALS:
    /// Slot `slot`'s snapshot() changed.
    void slotChanged(int slot);
    /// Rows came or went (setSlots): every slot reads its snapshot again.
    void slotsReset();

private:
    struct Row
    {
        SlotStatus status = SlotStatus::Idle;
        bool stopped = false; ///< the run the operator stopped ended (shown as needing attention)
        engine::RunSnapshot snapshot;
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
