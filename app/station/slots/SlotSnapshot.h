#pragma once

#include "slots/SlotRunOptions.h"

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QUuid>

namespace prov::gui {

/// The five states an operator tells apart from two metres away.
enum class SlotStatus { Idle, Running, Pass, Fail, Attention };

/// Everything one slot shows, as plain values (copied from the engine's model
/// on the GUI thread, never shared with the engine thread).
struct SlotSnapshot
{
    QString label; ///< what is printed on the fixture ("1", "A3")
    QString port; ///< the bound port as found ("/dev/ttyUSB3"), empty when not found
    QString binding; ///< how it is bound ("USB serial FT4ABC12", "location 1-1.3")
    QString family; ///< meter plugin ("i210plus")
    QString operation; ///< "PRETEST", "POSTTEST", ...
    SlotStatus status = SlotStatus::Idle;
    QString step; ///< current step, as the engine names it
    QString stepKind; ///< its block ("WaitForJoin"): what the operator's step name is made from
    int stepIndex = 0; ///< 1-based while running; 0: before the steps
    int stepCount = 0;
    qint64 stepStartedMs = -1; ///< the run's time when the step began
    qint64 waitLimitMs = 0; ///< the step waits for something outside at most this long (the join)
    qint64 expectedMs = -1; ///< how long a run of this flow usually takes here; -1: not known yet
    int percent = -1; ///< -1: unknown
    qint64 elapsedMs = -1; ///< -1: not started
    QString nodeId;
    QString emcmId;
    QString meterSerial;
    int resultCode = -1; ///< the final code of the last run; -1: none yet
    QString detail; ///< the failure's own sentence (names the port, file, value)
    QString cause; ///< the failure's cause (CauseCatalogue::id); empty: only the code is known
    QStringList causeFacts; ///< its facts, untranslated
    bool rejected = false; ///< the operator rejected the failed unit
    int attempt = 0; ///< which run of the unit in the slot this is (2: the first retry); 0: none yet
    bool retryLimitReached = false; ///< the failed unit was retried as often as allowed: reject it
    bool startBlocked = false; ///< nothing may start now (the server cannot be reached)
    QString instruction; ///< what the operator does next on an idle or passed slot
    QString attention; ///< why the slot needs attention (not bound, fixture fault, ...)
    QString notice; ///< a transient message (a refused scan), shown until it expires
    QStringList waiting; ///< labels scanned for the next run ("eMCM ID 41B2C3D4"); the operator can clear them
    QString logPath; ///< the last run's log file
    QUuid runId; ///< the last run's record (null without the engine)
    bool armed = false; ///< the next device scan goes here
    bool fixtureSuspect = false; ///< failed three times in a row
    SlotRunOptions runOptions; ///< what its slot group changes in its runs (shown as markers)

    friend bool operator==(const SlotSnapshot &a, const SlotSnapshot &b);
    friend bool operator!=(const SlotSnapshot &a, const SlotSnapshot &b) { return !(a == b); }
};

} // namespace prov::gui

Q_DECLARE_METATYPE(prov::gui::SlotSnapshot)
