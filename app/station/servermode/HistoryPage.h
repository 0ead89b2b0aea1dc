#pragma once

#include "support/LatestRequest.h"

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace prov::gui {

class ApiClient;

/// A device's history: look it up by any identity (node ID, eMCM ID or its
/// last 8 hex digits, meter serial, a scanned label) through
/// GET /api/v1/devices/{id}/history, see its runs oldest first, the selected
/// run's log (GET /api/v1/results/{uuid}/log), its key records' states (never
/// key material) and the audit entries about it.
class HistoryPage : public QWidget
{
    Q_OBJECT

public:
    /// Columns of the runs table.
    enum RunColumn {
        ResultColumn,
        OperationColumn,
        StationColumn,
        SlotColumn,
        OperatorColumn,
        BatchColumn,
        TimeColumn,
        AttemptColumn,
        FirmwareColumn,
        FailedStepColumn,
        RunColumns
    };

    explicit HistoryPage(ApiClient *api, QWidget *parent = nullptr);

    [[nodiscard]] QLineEdit *searchField() const { return m_search; }
    [[nodiscard]] QTableWidget *runsTable() const { return m_runs; }
    [[nodiscard]] QTableWidget *keysTable() const { return m_keys; }
    [[nodiscard]] QTableWidget *auditTable() const { return m_audit; }
    [[nodiscard]] QString deviceText() const;
    [[nodiscard]] QString statusText() const;
    [[nodiscard]] QString logText() const;
    /// The UUID of the run in `row` of the runs table.
    [[nodiscard]] QString runUuid(int row) const;

public Q_SLOTS:
    /// Looks up `identity` (or the search field's text when empty).
    void lookUp(const QString &identity = {});
    /// Shows the log of the run in `row`.
    void showLog(int row);

Q_SIGNALS:
    /// A look-up answered: `found` false when no run and no key names the device.
    void lookedUp(bool found);
    void logShown(const QString &uuid);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void clear();
    void fill(const QJsonObject &history);
    void setStatus(const QString &text, bool problem);

    ApiClient *m_api;
    QLineEdit *m_search;
    QPushButton *m_lookUp;
    QLabel *m_device;
    QLabel *m_status;
    QTableWidget *m_runs;
    QPlainTextEdit *m_log;
    QTableWidget *m_keys;
    QTableWidget *m_audit;
    QLabel *m_runsLabel;
    QLabel *m_logLabel;
    QLabel *m_keysLabel;
    QLabel *m_auditLabel;
    QJsonObject m_history; ///< the last answer, for retranslating the device line
    LatestRequest m_latestLookUp;
};

} // namespace prov::gui
