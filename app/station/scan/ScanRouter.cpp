#include "scan/ScanRouter.h"

#include "domain/BatchNumber.h"
#include "domain/DeviceIds.h"

#include <QCoreApplication>

namespace prov::gui {

ScanRouter::ScanRouter(QObject *parent)
    : QObject(parent)
{ }

void ScanRouter::setSlotLabels(const QStringList &labels)
{
    m_slots.clear();
    for (const QString &label : labels)
        m_slots.append(SlotState {label, false, false, {}});
    m_armed = -1;
}

int ScanRouter::slotForLabel(const QString &label) const
{
    bool labelIsNumber = false;
    const int number = label.toInt(&labelIsNumber);
    for (int i = 0; i < int(m_slots.size()); ++i) {
        const QString &own = m_slots.at(i).label;
        if (own.compare(label, Qt::CaseInsensitive) == 0)
            return i;
        bool ownIsNumber = false;
        const int ownNumber = own.toInt(&ownIsNumber);
        if (labelIsNumber && ownIsNumber && number == ownNumber)
            return i;
    }
    return -1;
}

void ScanRouter::setSlotBusy(int slot, bool busy)
{
    if (validSlot(slot))
        m_slots[slot].busy = busy;
}

void ScanRouter::setSlotShowsResult(int slot, bool showsResult)
{
    if (validSlot(slot))
        m_slots[slot].showsResult = showsResult;
}

bool ScanRouter::isSlotBusy(int slot) const
{
    return validSlot(slot) && m_slots.at(slot).busy;
}

QHash<ScanKind, QString> ScanRouter::pendingScans(int slot) const
{
    return validSlot(slot) ? m_slots.at(slot).pending : QHash<ScanKind, QString>();
}

void ScanRouter::clearPending(int slot)
{
    if (validSlot(slot))
        m_slots[slot].pending.clear();
}

bool ScanRouter::restorePending(int slot, const QHash<ScanKind, QString> &labels)
{
    if (!validSlot(slot) || m_slots.at(slot).busy)
        return false;
    for (auto label = labels.cbegin(); label != labels.cend(); ++label) {
        const QString id = identity(label.key(), label.value());
        if (label.value().isEmpty() || m_provisioned.contains(id))
            return false;
        for (int i = 0; i < int(m_slots.size()); ++i) {
            const auto it = m_slots.at(i).pending.constFind(label.key());
            if (i != slot && it != m_slots.at(i).pending.constEnd() && identity(label.key(), *it) == id)
                return false;
        }
    }
    m_slots[slot].pending.insert(labels);
    return true;
}

void ScanRouter::setBatch(quint32 batch)
{
    if (batch != m_batch)
        m_provisioned.clear();
    m_batch = batch;
}

QString ScanRouter::identity(ScanKind kind, const QString &value)
{
    QString normalised = value.trimmed().toUpper();
    if (kind == ScanKind::EmcmId)
        normalised = normalised.right(8);
    return scanKindKey(kind) + QLatin1Char(':') + normalised;
}

void ScanRouter::markProvisioned(ScanKind kind, const QString &value)
{
    if (!value.isEmpty())
        m_provisioned.insert(identity(kind, value));
}

bool ScanRouter::isProvisioned(ScanKind kind, const QString &value) const
{
    return m_provisioned.contains(identity(kind, value));
}

void ScanRouter::handleScan(const QString &text)
{
    const ClassifiedScan scan = m_classifier.classify(text);
    switch (scan.kind) {
    case ScanKind::Unknown:
        Q_EMIT scanRejected(m_armed, ScanRejection::Unrecognised, scan.text, {});
        return;
    case ScanKind::SlotLabel: {
        const int slot = slotForLabel(scan.value);
        if (slot < 0) {
            Q_EMIT scanRejected(-1, ScanRejection::UnknownSlot, scan.text, {});
            return;
        }
        if (m_slots.at(slot).busy) {
            // Its label does not arm it, and takes back an older arming: the
            // next device label must not go where the operator did not point.
            m_armed = -1;
            Q_EMIT scanRejected(slot, ScanRejection::SlotBusy, scan.text, {});
            return;
        }
        m_armed = slot;
        Q_EMIT slotArmed(slot);
        return;
    }
    case ScanKind::ConfigAlias:
        Q_EMIT configAliasScanned(scan.value);
        return;
    case ScanKind::BatchNumber: {
        const Result<BatchNumber> batch = BatchNumber::parse(scan.value);
        if (!batch) {
            Q_EMIT scanRejected(-1, ScanRejection::BadValue, scan.text, batch.error().message);
            return;
        }
        Q_EMIT batchScanned(batch->value());
        return;
    }
    case ScanKind::EmcmId:
    case ScanKind::MeterSerial:
        routeDeviceScan(scan);
        return;
    }
}

void ScanRouter::arm(int slot)
{
    if (!validSlot(slot))
        return;
    m_armed = slot;
    Q_EMIT slotArmed(slot);
}

void ScanRouter::routeDeviceScan(const ClassifiedScan &scan)
{
    QString value = scan.value.trimmed();
    if (scan.kind == ScanKind::EmcmId) {
        const Result<EmcmId> id = EmcmId::parse(value);
        if (!id) {
            Q_EMIT scanRejected(m_armed, ScanRejection::BadValue, scan.text, id.error().message);
            return;
        }
        value = id->toString();
    }

    int target = m_armed;
    m_armed = -1;
    if (target < 0 && m_slots.size() == 1)
        target = 0;
    if (target < 0) {
        for (int i = 0; i < int(m_slots.size()); ++i) {
            const SlotState &s = m_slots.at(i);
            if (!s.busy && !s.showsResult && !s.pending.contains(scan.kind)) {
                target = i;
                break;
            }
        }
    }
    if (!validSlot(target)) {
        Q_EMIT scanRejected(-1, ScanRejection::NoFreeSlot, scan.text, {});
        return;
    }
    if (m_slots.at(target).busy) {
        Q_EMIT scanRejected(target, ScanRejection::SlotBusy, scan.text, {});
        return;
    }
    const QString id = identity(scan.kind, value);
    for (int i = 0; i < int(m_slots.size()); ++i) {
        const auto it = m_slots.at(i).pending.constFind(scan.kind);
        if (i != target && it != m_slots.at(i).pending.constEnd() && identity(scan.kind, *it) == id) {
            Q_EMIT scanRejected(
                target, ScanRejection::Duplicate, scan.text, tr("already waiting in slot %1").arg(m_slots.at(i).label));
            return;
        }
    }
    if (m_provisioned.contains(id)) {
        Q_EMIT scanRejected(target, ScanRejection::Duplicate, scan.text, tr("already provisioned in this batch"));
        return;
    }
    const QString previous = m_slots.at(target).pending.value(scan.kind);
    m_slots[target].pending.insert(scan.kind, value);
    if (!previous.isEmpty() && previous != value)
        Q_EMIT pendingReplaced(target, scan.kind, previous);
    Q_EMIT deviceScanned(target, scan.kind, value);
}

QString ScanRouter::rejectionText(ScanRejection reason, const QString &text, const QString &detail)
{
    QString line;
    switch (reason) {
    case ScanRejection::Unrecognised:
        line = tr("Barcode \"%1\" is not a slot, device, configuration or batch label").arg(text);
        break;
    case ScanRejection::BadValue:
        line = tr("Barcode \"%1\" is not valid").arg(text);
        break;
    case ScanRejection::Duplicate:
        line = tr("Barcode \"%1\" is a duplicate").arg(text);
        break;
    case ScanRejection::SlotBusy:
        line = tr("Slot is running: barcode \"%1\" refused").arg(text);
        break;
    case ScanRejection::NoFreeSlot:
        line = tr("No free slot for barcode \"%1\": scan a slot label first").arg(text);
        break;
    case ScanRejection::UnknownSlot:
        line = tr("No slot is labelled \"%1\"").arg(text);
        break;
    }
    if (!detail.isEmpty())
        line += QStringLiteral(": ") + detail;
    return line;
}

} // namespace prov::gui
