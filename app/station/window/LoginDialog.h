#pragma once

#include "settings/UserSession.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace prov::gui {

class ApiClient;

/// Log in with a server-mode account (POST /api/v1/session): a scanned badge
/// (a scanner types the code and Enter into the badge field, focused first) or
/// user and password. The server's own words are shown when it refuses. The
/// badge and the password are dropped as soon as the request is sent.
class LoginDialog : public QDialog
{
    Q_OBJECT

public:
    explicit LoginDialog(ApiClient *api, QWidget *parent = nullptr);

    [[nodiscard]] UserSession session() const { return m_session; }
    void setUser(const QString &user);
    /// Explains why the login is needed ("Settings need a supervisor or admin").
    void setReason(const QString &reason);
    [[nodiscard]] QString errorText() const;
    /// Shows "Connect to server…" (a station with no server yet): choosing it
    /// closes the dialog with connectChosen() true.
    void offerConnect(bool offer);
    [[nodiscard]] bool connectChosen() const { return m_connectChosen; }
    [[nodiscard]] QPushButton *connectButton() const { return m_connect; }

    QLineEdit *userField() const { return m_user; }
    QLineEdit *passwordField() const { return m_password; }
    QLineEdit *badgeField() const { return m_badge; }

public Q_SLOTS:
    void submit();

Q_SIGNALS:
    void loggedIn(const prov::gui::UserSession &session);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    ApiClient *m_api;
    UserSession m_session;
    QLabel *m_reason;
    QLabel *m_userLabel;
    QLabel *m_passwordLabel;
    QLabel *m_badgeLabel;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLineEdit *m_badge;
    QLabel *m_error;
    QPushButton *m_login;
    QPushButton *m_cancel;
    QPushButton *m_connect;
    bool m_connectChosen = false;
};

} // namespace prov::gui
