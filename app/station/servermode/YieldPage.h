#pragma once

#include "support/LatestRequest.h"

#include <QJsonObject>
#include <QWidget>

class QChart;
class QChartView;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;

namespace prov::gui {

class ApiClient;

/// The line's yield over a chosen period (GET /api/v1/yield): runs, devices,
/// passes, failures, station faults, first-pass and final yield, units per
/// hour; a failure Pareto by result code and by step (most frequent first)
/// and the cycle time per flow, drawn with Qt Charts. Narrowed to one
/// station when one is named.
class YieldPage : public QWidget
{
    Q_OBJECT

public:
    /// The periods the chooser offers; Custom takes the two date-time fields.
    enum class Period { LastEightHours, Today, LastSevenDays, LastThirtyDays, Custom };

    explicit YieldPage(ApiClient *api, QWidget *parent = nullptr);

    void setPeriod(Period period);
    void setStation(const QString &station);
    /// The figures as last received (empty before the first answer).
    [[nodiscard]] QJsonObject figures() const { return m_figures; }
    /// The figures line as shown ("Runs 12 · Passed 9 · …").
    [[nodiscard]] QString summaryText() const;
    [[nodiscard]] QString statusText() const;
    [[nodiscard]] QChart *resultChart() const { return m_byResult; }
    [[nodiscard]] QChart *stepChart() const { return m_byStep; }
    [[nodiscard]] QChart *cycleChart() const { return m_cycle; }

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    /// The newest request's figures are shown.
    void refreshed();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslate();
    void showFigures();
    void updateCustomFields();

    ApiClient *m_api;
    QComboBox *m_period;
    QDateTimeEdit *m_from;
    QDateTimeEdit *m_to;
    QLineEdit *m_station;
    QPushButton *m_refresh;
    QLabel *m_periodLabel;
    QLabel *m_stationLabel;
    QLabel *m_summary;
    QLabel *m_status;
    QChart *m_byResult;
    QChart *m_byStep;
    QChart *m_cycle;
    QJsonObject m_figures;
    LatestRequest m_latestRequest;
};

} // namespace prov::gui
