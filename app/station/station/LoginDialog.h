#pragma once

#include "settings/UserSession.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace prov::gui {

class ApiClient;

/// Log in with a server-mode account (POST /api/v1/session). The server's own
/// words are shown when it refuses. The password is dropped as soon as the
/// request is sent.
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
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLabel *m_error;
    QPushButton *m_login;
    QPushButton *m_cancel;
    QPushButton *m_connect;
    bool m_connectChosen = false;
};

} // namespace prov::gui
