#pragma once

#include <QTimer>
#include <QWidget>

class QLabel;
class QTableWidget;

namespace prov::gui {

class ApiClient;

/// Live stations: which station runs what, its yield, its outbox, from
/// GET /api/v1/stations, refreshed every few seconds while shown.
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

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void refreshed();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    ApiClient *m_api;
    QTableWidget *m_table;
    QLabel *m_status;
    QLabel *m_identity;
    QString m_address;
    QString m_pin;
    QTimer m_timer;
};

} // namespace prov::gui
