#pragma once

#include <QDialog>
#include <QPointer>

class QLabel;
class QLineEdit;
class QNetworkReply;
class QProgressBar;
class QPushButton;
class QTextBrowser;

namespace prov::gui {

class ApiClient;

/// Package import, the legacy two-step form: file, passphrase and comment,
/// then Verify (POST /api/v1/packages?dryRun=true) shows the verified package
/// information, then Import stores it. Every refusal is shown as the server
/// words it. The passphrase is dropped when the dialog closes.
class ImportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ImportDialog(ApiClient *api, QWidget *parent = nullptr);
    ~ImportDialog() override;

    void setPackageFile(const QString &path);
    void setPassphrase(const QString &passphrase);
    void setComment(const QString &comment);
    [[nodiscard]] QString packageInfoText() const;
    [[nodiscard]] QString errorText() const;
    [[nodiscard]] QString resultText() const;
    [[nodiscard]] QPushButton *verifyButton() const { return m_verify; }
    [[nodiscard]] QPushButton *importButton() const { return m_import; }

public Q_SLOTS:
    void verify();
    void import();

Q_SIGNALS:
    void verified();
    void imported(const QString &summary);
    void failed(const QString &message);

private:
    void send(bool dryRun);
    void showError(const QString &text);
    void inputsChanged();

    ApiClient *m_api;
    QLineEdit *m_file;
    QLineEdit *m_passphrase;
    QLineEdit *m_comment;
    QPushButton *m_browse;
    QPushButton *m_verify;
    QPushButton *m_import;
    QPushButton *m_close;
    QProgressBar *m_progress;
    QTextBrowser *m_info;
    QLabel *m_error;
    QLabel *m_result;
    QPointer<QNetworkReply> m_reply;
    QString m_verifiedFile;
};

} // namespace prov::gui
