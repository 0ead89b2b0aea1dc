#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace prov::gui {

class ApiClient;

/// Users (name, role; add, remove, set password) and station tokens (issue,
/// shown once; revoke), through the admin API.
class UsersPage : public QWidget
{
    Q_OBJECT

public:
    explicit UsersPage(ApiClient *api, QWidget *parent = nullptr);

    [[nodiscard]] QTableWidget *usersTable() const { return m_users; }
    [[nodiscard]] QTableWidget *tokensTable() const { return m_tokens; }
    [[nodiscard]] QString statusText() const;

    /// The dialogs' actions, callable directly (tests, scripts).
    /// `badge` empty: no badge (operators and supervisors may scan one to log in at a station).
    void addUser(const QString &name, const QString &role, const QString &password, const QString &badge = {});
    /// Sets the user's badge code; empty removes it.
    void setBadge(const QString &name, const QString &badge);
    void issueToken(const QString &station);

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void refreshed();
    void tokenIssued(const QString &station, const QString &token);
    void failed(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showStatus(const QString &text, bool error);
    void askAddUser();
    void askRemoveUser();
    void askSetPassword();
    void askSetBadge();
    void askIssueToken();
    void askRevokeToken();

    ApiClient *m_api;
    QTableWidget *m_users;
    QTableWidget *m_tokens;
    QLabel *m_status;
    QLabel *m_usersLabel;
    QLabel *m_tokensLabel;
    QPushButton *m_addUser;
    QPushButton *m_removeUser;
    QPushButton *m_setPassword;
    QPushButton *m_setBadge;
    QPushButton *m_issueToken;
    QPushButton *m_revokeToken;
};

} // namespace prov::gui
