#pragma once

#include "settings/UserSession.h"

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QToolButton;

namespace prov::gui {

class ApiClient;
class AuditPage;
class ExportDialog;
class HistoryPage;
class ImportDialog;
class PackagesPage;
class ReportDialog;
class ServerProcess;
class StationsPage;
class UsersPage;
class YieldPage;

/// The backroom admin's window (`provstation --server`): packages (import,
/// export), live stations, a device's history, users and tokens, the audit log with its chain
/// check, and the server's own output. A client of server mode's HTTP API,
/// whether the server runs as this window's child process or elsewhere.
class ServerModeWindow : public QMainWindow
{
    Q_OBJECT

public:
    /// `process` may be null (attached to a server that runs elsewhere).
    ServerModeWindow(ApiClient *api, ServerProcess *process = nullptr, QWidget *parent = nullptr);
    ~ServerModeWindow() override;

    [[nodiscard]] PackagesPage *packagesPage() const { return m_packages; }
    [[nodiscard]] StationsPage *stationsPage() const { return m_stations; }
    [[nodiscard]] HistoryPage *historyPage() const { return m_history; }
    [[nodiscard]] YieldPage *yieldPage() const { return m_yield; }
    [[nodiscard]] UsersPage *usersPage() const { return m_users; }
    [[nodiscard]] AuditPage *auditPage() const { return m_audit; }
    [[nodiscard]] QTabWidget *tabs() const { return m_tabs; }
    [[nodiscard]] UserSession session() const { return m_session; }
    [[nodiscard]] QString healthText() const;
    void setSession(const UserSession &session);

public Q_SLOTS:
    /// Opens (non-modal) and returns the import / export / report dialogs.
    ImportDialog *openImport();
    ExportDialog *openExport();
    ReportDialog *openReport();
    void requestLogin();
    void checkHealth();
    void refreshAll();

Q_SIGNALS:
    void sessionChanged(const prov::gui::UserSession &session);
    void healthChecked(bool ok);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void offerFirstAdmin(const QString &setupToken);

    ApiClient *m_api;
    QPointer<ServerProcess> m_process;
    UserSession m_session;
    QLabel *m_health;
    QLabel *m_user;
    QToolButton *m_login;
    QTabWidget *m_tabs;
    PackagesPage *m_packages;
    StationsPage *m_stations;
    HistoryPage *m_history;
    YieldPage *m_yield;
    UsersPage *m_users;
    AuditPage *m_audit;
    QPlainTextEdit *m_log;
    QTimer m_healthTimer;
    QString m_healthDetail;
    bool m_healthy = false;
};

} // namespace prov::gui
