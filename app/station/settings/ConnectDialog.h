#pragma once

#include "domain/Result.h"
#include "engine/PairingClient.h"
#include "engine/StationServerConfig.h"

#include <QDialog>
#include <QUrl>

#include <optional>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace prov::gui {

class SecretStore;
class StationSettings;

/// "Connect to server…": pairs the station with a server from its address and
/// a one-time code (engine::PairingClient, docs/api/pairing.md), then stores
/// what provstation-cli pair stores: the server's address and key
/// (engine::StationServerConfig) and the station token (SecretStore: the
/// keychain, or the owner-only fallback file, said loudly here). The station
/// settings' own server address and pins are cleared, so the pairing is the
/// server (settings/StationServer.h). The pairing runs asynchronously: the
/// dialog stays responsive and Cancel stops it.
class ConnectDialog : public QDialog
{
    Q_OBJECT

public:
    ConnectDialog(StationSettings *settings, SecretStore *secrets, QWidget *parent = nullptr);
    ~ConnectDialog() override;

    /// "HOST", "HOST:PORT" or "https://HOST[:PORT]" → https://HOST:PORT/ (port
    /// default 8085). The error is in words for the station's user.
    [[nodiscard]] static Result<QUrl> parseAddress(const QString &text);

    // For tests and automation; the user types and clicks.
    [[nodiscard]] QLineEdit *addressField() const { return m_address; }
    [[nodiscard]] QLineEdit *codeField() const { return m_code; }
    [[nodiscard]] bool isBusy() const { return m_client != nullptr; }
    [[nodiscard]] QString errorText() const;
    [[nodiscard]] QString resultText() const;
    [[nodiscard]] std::optional<engine::StationServerConfig> pairing() const { return m_paired; }

public Q_SLOTS:
    /// Starts pairing with what is typed.
    void submit();
    /// While pairing: stops it. Otherwise closes the dialog.
    void reject() override;

Q_SIGNALS:
    /// The station is paired and everything is stored.
    void paired(const prov::engine::StationServerConfig &config);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void setBusy(bool busy, const QString &status = {});
    void showError(const QString &text, const QString &detail = {});
    /// Plain words for a pairing failure at `host`.
    [[nodiscard]] static QString explain(const Error &error, const QString &host);
    void store(const engine::PairingClient::Paired &result);
    void showPaired(const engine::StationServerConfig &config);

    StationSettings *m_settings;
    SecretStore *m_secrets;
    QLabel *m_intro;
    QLabel *m_addressLabel;
    QLabel *m_codeLabel;
    QLineEdit *m_address;
    QLineEdit *m_code;
    QProgressBar *m_progress;
    QLabel *m_status;
    QLabel *m_error;
    QLabel *m_detail;
    QLabel *m_result;
    QLabel *m_storage;
    QPushButton *m_connect;
    QPushButton *m_cancel;
    engine::PairingClient *m_client = nullptr;
    int m_attempt = 0; ///< a cancelled attempt's late answer is ignored
    std::optional<engine::StationServerConfig> m_paired;
};

} // namespace prov::gui
