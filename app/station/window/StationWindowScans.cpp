// StationWindow: what became of a scan, on the status line, in the header and as a sound.
#include "window/StationWindow.h"

#include "domain/BatchNumber.h"
#include "settings/StationSettings.h"
#include "slots/StatusStyle.h"
#include "support/SoundPlayer.h"
#include "window/HeaderBar.h"

#include <QAction>
#include <QLabel>

namespace prov::gui {

void StationWindow::onScanned(const QString &text)
{
    m_statusLabel->setText(tr("Last scan: %1").arg(text));
    m_statusLabel->setStyleSheet(QString());
    m_statusLabel->setProperty("scanAccepted", QVariant());
    m_controller->handleScan(text);
}

void StationWindow::showScanOutcome(const QString &text, bool accepted)
{
    // A mark and the status colours, so the two differ without colour too; and a sound each.
    m_services.sounds->play(accepted ? SoundPlayer::Sound::Accept : SoundPlayer::Sound::Reject);
    const SlotStatus look = accepted ? SlotStatus::Pass : SlotStatus::Fail;
    m_statusLabel->setText((accepted ? QStringLiteral("\u2714 ") : QStringLiteral("\u2718 ")) + text);
    m_statusLabel->setProperty("scanAccepted", accepted);
    m_statusLabel->setStyleSheet(QStringLiteral("QLabel { background: %1; color: %2; padding: 0 6px; }")
                                     .arg(StatusStyle::background(look).name(), StatusStyle::foreground(look).name()));
    // A refusal the header still shows no longer applies once a scan is taken.
    if (accepted && m_showingScanRefusal)
        stationMessage(QString(), false);
}

void StationWindow::onScanRefused(int slot, const QString &message)
{
    showScanOutcome(message, false);
    // A refusal no slot shows goes to the header.
    if (slot < 0) {
        stationMessage(message, true);
        m_showingScanRefusal = true;
    }
}

void StationWindow::undoClearedLabels()
{
    const QString what = m_controller->undoText();
    if (m_controller->undoClear())
        showScanOutcome(what, true);
}

void StationWindow::updateUndoAction()
{
    m_undoAction->setEnabled(m_controller->canUndo());
    m_undoAction->setToolTip(m_controller->canUndo()
            ? QStringLiteral("%1 (%2)").arg(
                m_controller->undoText(), m_undoAction->shortcut().toString(QKeySequence::NativeText))
            : tr("Nothing to undo: a cleared or replaced label can be put back for %n second(s).", nullptr,
                SlotController::kUndoSeconds));
}

void StationWindow::onConfigScanned(const QString &alias)
{
    if (!jobChangeAllowed()) {
        showScanOutcome(tr("Configuration %1 scanned, but only a supervisor may change it.").arg(alias), false);
        stationMessage(
            [alias] { return tr("Configuration %1 scanned, but only a supervisor may change it.").arg(alias); }, true);
        m_showingScanRefusal = true;
        return;
    }
    showScanOutcome(tr("Configuration %1 selected by scan.").arg(alias), true);
    m_header->setCurrentConfig(alias);
    m_services.settings->setConfigAlias(alias);
    stationMessage([alias] { return tr("Configuration %1 selected by scan.").arg(alias); }, false);
}

void StationWindow::onBatchScanned(quint32 batch)
{
    if (!jobChangeAllowed()) {
        showScanOutcome(tr("Batch %1 scanned, but only a supervisor may change it.").arg(batch), false);
        stationMessage(
            [batch] { return tr("Batch %1 scanned, but only a supervisor may change it.").arg(batch); }, true);
        m_showingScanRefusal = true;
        return;
    }
    scanRouter()->setBatch(batch);
    const QString text = BatchNumber(batch).toString();
    showScanOutcome(tr("Batch %1 selected by scan.").arg(text), true);
    m_header->setBatchText(text);
    m_services.settings->setBatch(text);
    stationMessage([text] { return tr("Batch %1 selected by scan.").arg(text); }, false);
}

} // namespace prov::gui
