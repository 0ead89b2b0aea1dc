#pragma once

#include "support/LatestRequest.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace prov::gui {

class ApiClient;

/// The audit log (newest first) and its hash-chain check (GET /api/v1/audit,
/// GET /api/v1/audit/verify).
class AuditPage : public QWidget
{
    Q_OBJECT

public:
    explicit AuditPage(ApiClient *api, QWidget *parent = nullptr);

    [[nodiscard]] QTableWidget *table() const { return m_table; }
    [[nodiscard]] QString verificationText() const;

public Q_SLOTS:
    void refresh();
    void verifyChain();

Q_SIGNALS:
    void refreshed();
    void verified(bool intact);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    ApiClient *m_api;
    QTableWidget *m_table;
    QSpinBox *m_limit;
    QLabel *m_limitLabel;
    QPushButton *m_refresh;
    QPushButton *m_verify;
    QLabel *m_verification;
    LatestRequest m_latestRequest;
};

} // namespace prov::gui
