#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QUuid>

namespace prov::engine {

/// An immutable picture of one device run, the only thing that leaves its engine
/// thread: the GUI's model and the CLI read these.
struct RunSnapshot
{
    enum class State { Idle, Preparing, Running, Finishing, Succeeded, Failed };

    int slot = -1;
    QString port;
    QString meter;
    QString operation;
    State state = State::Idle;
    QString step; ///< the current step's name
    QString stepKind; ///< its block ("WaitForJoin"), or the phase before the steps ("FetchConfiguration")
    qint64 stepStartedMs = 0; ///< elapsedMs when the current step began
    qint64 waitLimitMs = 0; ///< how long the current step waits at most for something outside (the join); 0: none
    int stepIndex = 0; ///< 1-based while running
    int stepCount = 0;
    int percent = 0;
    qint64 bytesDone = 0; ///< of the current transfer
    qint64 bytesTotal = 0;
    qint64 elapsedMs = 0;
    QString nodeId;
    QString emcmId;
    QString meterId;
    qint32 baud = 0; ///< the link's line speed
    quint64 lineBytesOut = 0; ///< bytes written to the port (framing and resends included)
    quint64 lineBytesIn = 0; ///< bytes read from the port
    quint64 retransmissions = 0; ///< link-level resends (noise, lost frames)
    int resultCode = -1; ///< once finished
    QString message; ///< the error detail (failed) or a summary (succeeded)
    QString action; ///< a failure's own corrective action; empty: the code's catalogue actions
    QString cause; ///< the failure's cause (CauseCatalogue::id); empty when only the code is known
    QStringList causeFacts; ///< its facts (expected, found, ...), untranslated
    QString logPath; ///< this run's local run log file; empty when none is written
    QUuid runId; ///< the run record's UUID (what a rejection names)

    [[nodiscard]] bool isFinished() const { return state == State::Succeeded || state == State::Failed; }
    [[nodiscard]] static QString stateName(State state);
};

} // namespace prov::engine

Q_DECLARE_METATYPE(prov::engine::RunSnapshot)
