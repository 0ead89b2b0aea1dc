// StationWindow: what the scan router decided, shown on the slots and the status line.
#include "station/StationWindow.h"

#include "domain/BatchNumber.h"
#include "domain/ResultCode.h"
#include "engine/RunLog.h"
#include "settings/ConnectDialog.h"
#include "settings/SecretStore.h"
#include "settings/SettingsDialog.h"
#include "settings/StationSettings.h"
#include "slots/SlotModelAdapter.h"
#include "slots/SlotWidget.h"
#include "slots/StatusStyle.h"
#include "station/HeaderBar.h"
#include "station/LoginDialog.h"
#include "support/ApiClient.h"
#include "support/PackageList.h"
#include "support/SoundPlayer.h"

#include <QMessageBox>

namespace prov::gui {

void StationWindow::onScanned(const QString &text)
{
    m_statusLabel->setText(tr("Last scan: %1").arg(text));
    m_statusLabel->setStyleSheet(QString());
    m_statusLabel->setProperty("scanAccepted", QVariant());
    m_router.handleScan(text);
}

void StationWindow::showArmed(int slot)
{
    for (int i = 0; i < int(m_slots.size()); ++i) {
        const bool armed = i == slot;
        if (m_slots.at(i).armed != armed) {
            m_slots[i].armed = armed;
            refreshSlot(i);
        }
    }
}

void StationWindow::showScanOutcome(const QString &text, bool accepted)
{
    // A mark and the status colours, so the two differ without colour too.
    const SlotStatus look = accepted ? SlotStatus::Pass : SlotStatus::Fail;
    m_statusLabel->setText((accepted ? QStringLiteral("\u2714 ") : QStringLiteral("\u2718 ")) + text);
    m_statusLabel->setProperty("scanAccepted", accepted);
    m_statusLabel->setStyleSheet(QStringLiteral("QLabel { background: %1; color: %2; padding: 0 6px; }")
                                     .arg(StatusStyle::background(look).name(), StatusStyle::foreground(look).name()));
    // A refusal the header still shows no longer applies once a scan is taken.
    if (accepted && m_showingScanRefusal)
        stationMessage(QString(), false);
}

void StationWindow::onSlotArmed(int slot)
{
    showArmed(slot);
    showScanOutcome(tr("Next device scan goes to slot %1").arg(m_slots.value(slot).binding.label), true);
}

void StationWindow::onDeviceScanned(int slot, ScanKind kind, const QString &value)
{
    showArmed(-1);
    showScanOutcome(
        tr("%1 %2 scanned for slot %3").arg(scanKindName(kind), value, m_slots.value(slot).binding.label), true);
    setNotice(slot, tr("%1 %2 scanned").arg(scanKindName(kind), value), 5);
    if (!m_services.settings->autoStartOnScan())
        return;
    // Auto-start once everything the plugin requires has been scanned.
    if (const engine::PluginDescription *p = plugin(m_slots.at(slot).binding.family)) {
        const QHash<ScanKind, QString> pending = m_router.pendingScans(slot);
        for (const engine::ScanField &field : p->scans) {
            if (field.required && !pending.contains(scanKindForField(field.key)))
                return;
        }
    }
    startSlot(slot);
}

void StationWindow::onScanRejected(int slot, ScanRejection reason, const QString &text, const QString &detail)
{
    m_services.sounds->play(SoundPlayer::Sound::Reject);
    const QString message = ScanRouter::rejectionText(reason, text, detail);
    showArmed(m_router.armedSlot());
    showScanOutcome(message, false);
    setNotice(slot, message);
    m_showingScanRefusal = slot < 0; // setNotice put it in the header
}

void StationWindow::onConfigScanned(const QString &alias)
{
    if (!jobChangeAllowed()) {
        m_services.sounds->play(SoundPlayer::Sound::Reject);
        stationMessage(
            [alias] { return tr("Configuration %1 scanned, but only a supervisor may change it.").arg(alias); }, true);
        m_showingScanRefusal = true;
        return;
    }
    m_header->setCurrentConfig(alias);
    m_services.settings->setConfigAlias(alias);
    stationMessage([alias] { return tr("Configuration %1 selected by scan.").arg(alias); }, false);
}

void StationWindow::onBatchScanned(quint32 batch)
{
    if (!jobChangeAllowed()) {
        m_services.sounds->play(SoundPlayer::Sound::Reject);
        stationMessage(
            [batch] { return tr("Batch %1 scanned, but only a supervisor may change it.").arg(batch); }, true);
        m_showingScanRefusal = true;
        return;
    }
    m_router.setBatch(batch);
    const QString text = BatchNumber(batch).toString();
    m_header->setBatchText(text);
    m_services.settings->setBatch(text);
    stationMessage([text] { return tr("Batch %1 selected by scan.").arg(text); }, false);
}

} // namespace prov::gui
