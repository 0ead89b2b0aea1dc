// StationWindow: runs as the slot controller decides them, shown with sounds and header messages.
#include "window/StationWindow.h"

#include "support/SoundPlayer.h"
#include "window/HeaderBar.h"

namespace prov::gui {

void StationWindow::onRunFinished(int slot, const SlotSnapshot &snapshot, bool counted)
{
    m_services.sounds->play(
        counted && snapshot.status == SlotStatus::Pass ? SoundPlayer::Sound::Pass : SoundPlayer::Sound::Fail);
    if (counted) {
        refreshHeaderCounts();
        m_shiftSync.start();
    }
    Q_EMIT runFinished(slot, snapshot.status, snapshot.resultCode);
}

void StationWindow::startSlot(int slot, bool retry)
{
    if (!m_controller->start(slot, retry) && m_controller->serverDown() && m_session.canRun())
        showServerDown(); // the header says why nothing starts, with the engine's words
}

bool StationWindow::provisionAgain(int slot)
{
    if (slot < 0 || slot >= m_controller->slotCount() || m_controller->isRunning(slot))
        return false;
    // The controller refuses without a supervisor or admin: ask for one first.
    // A login taken only for this ends once the run has started in its name
    // (the run and its escrow record carry who confirmed).
    const UserSession previous = m_session;
    if (!m_session.canChangeSettings())
        requireSupervisor(
            [] { return tr("Provisioning a unit again replaces its key: it needs a supervisor or admin login."); });
    const bool started = m_controller->provisionAgain(slot);
    returnBorrowedLogin(previous);
    return started;
}

void StationWindow::stopSlot(int slot)
{
    m_controller->stop(slot);
}

void StationWindow::startAllIdle()
{
    if (!m_controller->startAllIdle())
        showServerDown();
}

void StationWindow::startAllWhenReady()
{
    m_startAllWhenReady = !(m_session.canRun() && !m_header->currentConfig().isEmpty() && !m_controller->serverDown());
    if (!m_startAllWhenReady)
        startAllIdle();
}

void StationWindow::stopAll()
{
    m_controller->stopAll();
}

void StationWindow::onServerReachability(bool reachable, const QString &detail)
{
    const bool down = !reachable;
    if (down == m_controller->serverDown() && (!down || detail == m_serverDownDetail))
        return;
    m_serverDownDetail = down ? detail : QString();
    m_controller->setServerDown(down);
    if (down)
        showServerDown();
    else if (m_showingServerDown)
        stationMessage(QString(), false);
    updateRunPermissions();
    if (!down && m_startAllWhenReady)
        startAllWhenReady();
}

void StationWindow::showServerDown()
{
    stationMessage(
        [detail = m_serverDownDetail] {
            return tr("The server cannot be reached (%1): nothing starts until it is back.").arg(detail);
        },
        true);
    m_showingServerDown = true;
}

} // namespace prov::gui
