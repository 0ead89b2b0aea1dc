#pragma once

#include "domain/Result.h"
#include "engine/PluginDescription.h"
#include "engine/RunRequest.h"

#include <QList>
#include <QObject>
#include <QString>

namespace prov::gui {

class EngineSlotModel;

/// One slot as the engine should set it up.
struct SlotSetup
{
    QString label;
    QString family; ///< plugin id
    QString port; ///< resolved port path; empty when the adapter is not plugged in
    QString operation; ///< default operation of this slot

    friend bool operator==(const SlotSetup &a, const SlotSetup &b)
    {
        return a.label == b.label && a.family == b.family && a.port == b.port && a.operation == b.operation;
    }
    friend bool operator!=(const SlotSetup &a, const SlotSetup &b) { return !(a == b); }
};

/// One run the operator (or a scan) started, as the engine's runtime takes
/// it from the window and the command line alike.
using RunRequest = engine::RunRequest;

/// What the station window needs from the engine: its model (one typed row per
/// slot, on the GUI thread, fed by queued signals from the engine threads), start
/// and stop, the outbox count and the meter plugins as data. The window never
/// calls into an engine thread directly.
class StationBackend : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    [[nodiscard]] virtual EngineSlotModel *slotModel() = 0;
    /// One row per setup. A running slot, and a slot whose setup is the same
    /// as before but for its port, keep their rows (the last run's result and
    /// log stay shown).
    virtual void setupSlots(const QList<SlotSetup> &setups) = 0;
    virtual void start(const RunRequest &request) = 0;
    virtual void stop(int slot) = 0;
    /// The operator rejected the unit after run `runId`: it reaches the
    /// server with the run record (kept in the outbox until it does).
    virtual void reject(const QUuid &runId, const QString &by) = 0;
    [[nodiscard]] virtual int outboxPending() const = 0;
    [[nodiscard]] virtual QList<engine::PluginDescription> plugins() const = 0;

Q_SIGNALS:
    void outboxPendingChanged(int pending);
    void serverReachabilityChanged(bool reachable, const QString &detail);
    void failed(const prov::Error &error);
};

} // namespace prov::gui
