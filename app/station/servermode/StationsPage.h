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
    QTimer m_timer;
};

} // namespace prov::gui
