#pragma once

#include <QDateTime>
#include <QDialog>
#include <QTimer>
#include <QUrl>

class QLabel;
class QLineEdit;
class QPushButton;
class QWidget;

namespace prov::gui {

class ApiClient;

/// "Pair a station…" on the Stations page: asks for the station's name, makes
/// a one-time code (POST /api/v1/pairing/codes, admin) and shows what the
/// station's user types in "Connect to server…" (docs/api/pairing.md): the
/// code, large and grouped, the server's address, and until when the code is
/// valid, counting down. Copy puts the code on the clipboard.
class PairStationDialog : public QDialog
{
    Q_OBJECT

public:
    explicit PairStationDialog(ApiClient *api, QWidget *parent = nullptr);

    /// What a station types to reach the server at `serverUrl` (HOST:PORT):
    /// the URL's own host, or this computer's name and addresses when the URL
    /// names only this computer (127.0.0.1, localhost, 0.0.0.0).
    [[nodiscard]] static QStringList stationAddresses(const QUrl &serverUrl);

    // For tests and automation.
    [[nodiscard]] QLineEdit *nameField() const { return m_name; }
    [[nodiscard]] QString code() const { return m_code; }
    [[nodiscard]] QString serverKey() const { return m_serverKey; }
    [[nodiscard]] QDateTime expiresAt() const { return m_expiresAt; }
    [[nodiscard]] QString addressText() const;
    [[nodiscard]] QString validityText() const;
    [[nodiscard]] QString errorText() const;
    [[nodiscard]] QPushButton *copyButton() const { return m_copy; }

public Q_SLOTS:
    /// Makes a code for the name typed.
    void submit();

Q_SIGNALS:
    void codeCreated(const QString &station);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showError(const QString &text);
    void showCode(const QString &station, const QString &code, const QDateTime &expiresAt, const QString &serverKey);
    void updateValidity();

    ApiClient *m_api;
    QLabel *m_intro;
    QLabel *m_nameLabel;
    QLineEdit *m_name;
    QPushButton *m_create;
    QLabel *m_error;
    QWidget *m_codePanel;
    QLabel *m_codeTitle;
    QLabel *m_codeLabel;
    QLabel *m_addressTitle;
    QLabel *m_address;
    QLabel *m_validity;
    QLabel *m_key;
    QLabel *m_cliHint;
    QPushButton *m_copy;
    QPushButton *m_close;
    QTimer m_countdown;
    QString m_station;
    QString m_code;
    QString m_serverKey;
    QDateTime m_expiresAt;
};

} // namespace prov::gui
