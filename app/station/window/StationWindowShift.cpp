// StationWindow: shifts as the server records them, and the header's shift counts from the server's yield.
#include "window/StationWindow.h"

#include "settings/StationSettings.h"
#include "support/ApiClient.h"
#include "window/HeaderBar.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMessageBox>
#include <QUrlQuery>

namespace prov::gui {

QString StationWindow::shiftStation() const
{
    // Runs are filed under the name the station was paired as (its token's).
    return m_server.pairedStation.isEmpty() ? m_services.settings->stationName() : m_server.pairedStation;
}

bool StationWindow::startNewShift()
{
    const UserSession previous = m_session;
    if (!requireSupervisor([] { return tr("A new shift needs a supervisor or admin login."); }))
        return false;
    // A login taken only for the new shift ends with it, as for Settings:
    // once the server has answered the request made in its name.
    const bool borrowed = m_session.token != previous.token;
    auto giveBack = [this, borrowed, previous] {
        if (borrowed)
            returnBorrowedLogin(previous);
    };
    const auto answer = QMessageBox::question(this, tr("New shift"),
        tr("Start a new shift at station %1? The shift counts start again from zero; the server records that %2 "
           "started it.")
            .arg(shiftStation(), m_session.user));
    if (answer != QMessageBox::Yes) {
        giveBack();
        return false;
    }
    m_controller->counters().startShift(QDateTime::currentDateTimeUtc());
    m_serverShiftCounts = false;
    m_controller->refreshAll();
    refreshHeaderCounts();
    QNetworkReply *reply = m_services.api->postJson(
        QStringLiteral("/shifts"), QJsonDocument(QJsonObject {{QStringLiteral("station"), shiftStation()}}));
    m_services.api->whenFinished(reply, this, [this, giveBack](const Result<ApiResponse> &result) {
        giveBack();
        if (!result) {
            stationMessage(
                [error = result.error().message] {
                    return tr("The new shift is counted at this station only: the server did not record it (%1).")
                        .arg(error);
                },
                true);
            useLocalShiftCounts();
            return;
        }
        readShiftYield(result->json.object().value(QLatin1String("id")).toInteger(), m_shiftSyncRequest.begin());
    });
    return true;
}

void StationWindow::syncShiftCounts()
{
    // Answers may overtake each other (several connections): only the
    // newest request's may set the header, or a count from before the last
    // runs could stay there.
    const quint64 sync = m_shiftSyncRequest.begin();
    if (!m_session.isValid() || shiftStation().isEmpty())
        return useLocalShiftCounts();
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("station"), shiftStation());
    query.addQueryItem(QStringLiteral("limit"), QStringLiteral("1"));
    QNetworkReply *reply = m_services.api->get(QStringLiteral("/shifts"), query, 10000);
    m_services.api->whenFinished(reply, this, [this, sync](const Result<ApiResponse> &result) {
        if (!m_shiftSyncRequest.isLatest(sync))
            return;
        const QJsonObject shift = result
            ? result->json.object().value(QLatin1String("shifts")).toArray().first().toObject()
            : QJsonObject();
        // No open shift on the server (none started yet): nothing there to show.
        if (shift.isEmpty() || !shift.value(QLatin1String("endedAt")).isNull())
            return useLocalShiftCounts();
        readShiftYield(shift.value(QLatin1String("id")).toInteger(), sync);
    });
}

void StationWindow::readShiftYield(qint64 shiftId, quint64 sync)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("shift"), QString::number(shiftId));
    QNetworkReply *reply = m_services.api->get(QStringLiteral("/yield"), query, 10000);
    m_services.api->whenFinished(reply, this, [this, sync](const Result<ApiResponse> &result) {
        if (!m_shiftSyncRequest.isLatest(sync))
            return;
        if (!result)
            return useLocalShiftCounts();
        const QJsonObject o = result->json.object();
        RunCounts counts;
        counts.passed = int(o.value(QLatin1String("passed")).toInteger());
        counts.failed = int(o.value(QLatin1String("failed")).toInteger());
        counts.firstAttempts = int(o.value(QLatin1String("units")).toInteger());
        counts.firstAttemptPasses = int(o.value(QLatin1String("firstPassUnits")).toInteger());
        counts.rejected = counters().shift().rejected;
        m_serverShift = counts;
        m_serverUnitsPerHour = o.value(QLatin1String("unitsPerHour")).toDouble();
        m_serverShiftCounts = true;
        refreshHeaderCounts();
        Q_EMIT shiftCountsSynced(true);
    });
}

void StationWindow::useLocalShiftCounts()
{
    m_serverShiftCounts = false;
    refreshHeaderCounts();
    Q_EMIT shiftCountsSynced(false);
}

} // namespace prov::gui
