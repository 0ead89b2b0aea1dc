#pragma once

#include "scan/ScanClassifier.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>

namespace prov::gui {

/// Why a scan was refused.
enum class ScanRejection {
    Unrecognised, ///< no pattern matches
    BadValue, ///< matched, but the value is not valid (batch out of range, ...)
    Duplicate, ///< already provisioned in this batch, or already waiting in another slot (named)
    SlotBusy, ///< the slot it would go to (or whose label it is) is running
    NoFreeSlot, ///< no slot armed and no idle slot can take it
    UnknownSlot, ///< a slot label that no slot has
};

/// Routes classified scans: a slot label arms that slot for the next device
/// scan; device scans (eMCM ID, meter serial) wait in a slot until it starts
/// (unarmed, they go to the first idle slot: never to a running one or one
/// still showing its last result);
/// a configuration alias or batch number goes to the station. Refuses bad and
/// duplicate scans with a reason the window shows in the slot (and sounds).
class ScanRouter : public QObject
{
    Q_OBJECT

public:
    explicit ScanRouter(QObject *parent = nullptr);

    [[nodiscard]] ScanClassifier &classifier() { return m_classifier; }
    [[nodiscard]] const ScanClassifier &classifier() const { return m_classifier; }

    /// One label per slot (index = slot). Clears everything pending.
    void setSlotLabels(const QStringList &labels);
    [[nodiscard]] int slotCount() const { return int(m_slots.size()); }
    /// The slot whose label matches (case-insensitive; "07" matches "7"), or -1.
    [[nodiscard]] int slotForLabel(const QString &label) const;
    void setSlotBusy(int slot, bool busy);
    [[nodiscard]] bool isSlotBusy(int slot) const;
    /// A slot still showing its last device's PASS or FAIL takes a device scan
    /// only when armed: an unarmed label is for an empty, idle slot.
    void setSlotShowsResult(int slot, bool showsResult);
    [[nodiscard]] int armedSlot() const { return m_armed; }
    [[nodiscard]] QHash<ScanKind, QString> pendingScans(int slot) const;
    void clearPending(int slot);
    /// Puts labels back on `slot` (the operator's undo), all or none: none
    /// when the slot runs or one of them waits on another slot now or was
    /// provisioned since. True when they are back.
    bool restorePending(int slot, const QHash<ScanKind, QString> &labels);

    /// A new batch forgets what was provisioned in the old one. A scanned batch
    /// is only reported (batchScanned): the station decides whether to take it.
    void setBatch(quint32 batch);
    /// Remembers a device provisioned in the current batch (eMCM IDs compare by
    /// their last 8 digits, as the partial MCM ID check does).
    void markProvisioned(ScanKind kind, const QString &value);
    [[nodiscard]] bool isProvisioned(ScanKind kind, const QString &value) const;

    /// Text of a rejection, translated at call time.
    [[nodiscard]] static QString rejectionText(ScanRejection reason, const QString &text, const QString &detail = {});

public Q_SLOTS:
    void handleScan(const QString &text);
    /// Arms a slot as a slot-label scan would (the operator clicked it).
    void arm(int slot);

Q_SIGNALS:
    void slotArmed(int slot);
    void deviceScanned(int slot, prov::gui::ScanKind kind, const QString &value);
    /// A device scan took the place of `previous`, waiting on `slot` (emitted before deviceScanned).
    void pendingReplaced(int slot, prov::gui::ScanKind kind, const QString &previous);
    void configAliasScanned(const QString &alias);
    void batchScanned(quint32 batch);
    /// slot is -1 when no slot was concerned; detail says more (e.g. the parser's message).
    void scanRejected(int slot, prov::gui::ScanRejection reason, const QString &text, const QString &detail);

private:
    struct SlotState
    {
        QString label;
        bool busy = false;
        bool showsResult = false;
        QHash<ScanKind, QString> pending;
    };

    void routeDeviceScan(const ClassifiedScan &scan);
    [[nodiscard]] static QString identity(ScanKind kind, const QString &value);
    [[nodiscard]] bool validSlot(int slot) const { return slot >= 0 && slot < int(m_slots.size()); }

    ScanClassifier m_classifier;
    QList<SlotState> m_slots;
    int m_armed = -1;
    quint32 m_batch = 0;
    QSet<QString> m_provisioned;
};

} // namespace prov::gui

Q_DECLARE_METATYPE(prov::gui::ScanRejection)
