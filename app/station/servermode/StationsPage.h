#pragma once

#include "support/LatestRequest.h"

#include <QTimer>
#include <QUrlQuery>
#include <QWidget>

class QComboBox;
class QJsonObject;
class QLabel;
class QPushButton;
class QTableWidget;

namespace prov::gui {

class ApiClient;

/// Live stations: which are up now (a heartbeat within 90 s) and since when,
/// what they run, their run figures over the chosen period (today, the last
/// 7 days, all time) and their outbox, from GET /api/v1/stations, refreshed
/// every few seconds while shown. "Pair a
/// station…" makes a one-time pairing code (PairStationDialog); "Revoke
/// station…" ends every token of the selected station.
class StationsPage : public QWidget
{
    Q_OBJECT

public:
    explicit StationsPage(ApiClient *api, QWidget *parent = nullptr);

    [[nodiscard]] QTableWidget *table() const { return m_table; }
    [[nodiscard]] QString statusText() const;
    /// Where stations reach this server and the pin of its key, shown above
    /// the table so an admin can read them off (empty pin: plain HTTP).
    void setServerIdentity(const QString &address, const QString &pin);
    [[nodiscard]] QString serverIdentityText() const;
    [[nodiscard]] QPushButton *pairButton() const { return m_pair; }
    [[nodiscard]] QPushButton *revokeButton() const { return m_revoke; }
    [[nodiscard]] QComboBox *periodBox() const { return m_period; }

public Q_SLOTS:
    void refresh();
    /// Opens "Pair a station…" (modal).
    void pairStation();
    /// Revokes every token of `station` at once (DELETE /api/v1/stations/{station}/tokens), without asking.
    void revokeStation(const QString &station);

Q_SIGNALS:
    void refreshed();
    void stationRevoked(const QString &station);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    /// The chosen period as the request's query (from=...; empty for all time).
    [[nodiscard]] QUrlQuery periodQuery() const;
    [[nodiscard]] QString stateText(const QJsonObject &station) const;
    [[nodiscard]] QString runningText(const QJsonObject &station) const;

    ApiClient *m_api;
    QTableWidget *m_table;
    QComboBox *m_period;
    LatestRequest m_latestRequest;
    QLabel *m_status;
    QLabel *m_identity;
    QString m_address;
    QString m_pin;
    QPushButton *m_pair;
    QPushButton *m_revoke;
    QTimer m_timer;
};

} // namespace prov::gui
