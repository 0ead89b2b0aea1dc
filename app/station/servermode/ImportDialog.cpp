#include "servermode/ImportDialog.h"

#include "support/ApiClient.h"

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHttpMultiPart>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkReply>
#include <QProgressBar>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace prov::gui {

namespace {

QString escape(const QString &s)
{
    return s.toHtmlEscaped();
}

/// The package information as the import form shows it (config ID, app label,
/// node type and version, apps with versions, aliases, KMS key fingerprint).
QString describe(const QJsonObject &root)
{
    // The information may be the body itself or under "package"/"info".
    QJsonObject o = root;
    for (const char *key : {"package", "info", "packageInfo"}) {
        if (root.value(QLatin1String(key)).isObject()) {
            o = root.value(QLatin1String(key)).toObject();
            break;
        }
    }
    auto value = [&](const char *key) {
        const QJsonValue v
            = o.contains(QLatin1String(key)) ? o.value(QLatin1String(key)) : root.value(QLatin1String(key));
        return v.isDouble() ? QString::number(qint64(v.toDouble())) : v.toString();
    };
    QStringList apps;
    for (const QJsonValue &a : o.value(QLatin1String("apps")).toArray()) {
        const QJsonObject app = a.toObject();
        apps << escape(QStringLiteral("%1 %2").arg(
            app.value(QLatin1String("name")).toString(), app.value(QLatin1String("version")).toString()));
    }
    QStringList aliases;
    for (const QJsonValue &a : o.value(QLatin1String("aliases")).toArray())
        aliases << escape(a.toString());
    QString html = QStringLiteral("<table>");
    auto row = [&html](const QString &label, const QString &v) {
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(escape(label), v);
    };
    row(ImportDialog::tr("Configuration ID"), escape(value("configId")));
    row(ImportDialog::tr("App label"), escape(value("appLabel")));
    row(ImportDialog::tr("Node type"), escape(value("nodeType")));
    row(ImportDialog::tr("Node version"), escape(value("nodeVersion")));
    row(ImportDialog::tr("Apps"), apps.join(QStringLiteral("<br>")));
    row(ImportDialog::tr("Aliases"), aliases.join(QStringLiteral(", ")));
    row(ImportDialog::tr("KMS key"), escape(value("kmsFingerprint")));
    const QJsonObject outcome = root.value(QLatin1String("outcome")).toObject();
    if (outcome.contains(QLatin1String("revision")))
        row(ImportDialog::tr("Revision"), QString::number(outcome.value(QLatin1String("revision")).toInt()));
    const QString summary = outcome.value(QLatin1String("summary")).toString();
    if (!summary.isEmpty())
        row(ImportDialog::tr("Result"), escape(summary));
    QStringList warnings;
    for (const QJsonValue &w : o.value(QLatin1String("warnings")).toArray())
        warnings << escape(w.toString());
    if (!warnings.isEmpty())
        row(ImportDialog::tr("Warnings"), warnings.join(QStringLiteral("<br>")));
    html += QStringLiteral("</table>");
    return html;
}

} // namespace

ImportDialog::ImportDialog(ApiClient *api, QWidget *parent)
    : QDialog(parent)
    , m_api(api)
    , m_file(new QLineEdit(this))
    , m_passphrase(new QLineEdit(this))
    , m_comment(new QLineEdit(this))
    , m_browse(new QPushButton(tr("Browse\u2026"), this))
    , m_verify(new QPushButton(tr("Verify"), this))
    , m_import(new QPushButton(tr("Import"), this))
    , m_close(new QPushButton(tr("Close"), this))
    , m_progress(new QProgressBar(this))
    , m_info(new QTextBrowser(this))
    , m_error(new QLabel(this))
    , m_result(new QLabel(this))
{
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(tr("Import a provisioning package"));
    m_file->setObjectName(QStringLiteral("packageFile"));
    m_passphrase->setObjectName(QStringLiteral("passphrase"));
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_comment->setObjectName(QStringLiteral("comment"));
    m_info->setObjectName(QStringLiteral("packageInfo"));
    m_error->setObjectName(QStringLiteral("error"));
    m_result->setObjectName(QStringLiteral("result"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #b34700; font-weight: bold;"));
    m_error->hide();
    m_result->setWordWrap(true);
    m_result->hide();
    m_progress->hide();
    m_import->setEnabled(false);

    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(m_browse);
    auto *form = new QFormLayout;
    form->addRow(tr("Package (.tar.gz)"), fileRow);
    form->addRow(tr("Passphrase"), m_passphrase);
    form->addRow(tr("Comment"), m_comment);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_progress, 1);
    buttons->addWidget(m_verify);
    buttons->addWidget(m_import);
    buttons->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_info, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_result);
    layout->addLayout(buttons);

    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Provisioning package"), QString(), tr("Packages (*.tar.gz *.tgz);;All files (*)"));
        if (!path.isEmpty())
            setPackageFile(path);
    });
    connect(m_verify, &QPushButton::clicked, this, &ImportDialog::verify);
    connect(m_import, &QPushButton::clicked, this, &ImportDialog::import);
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);
    for (QLineEdit *edit : {m_file, m_passphrase, m_comment})
        connect(edit, &QLineEdit::textEdited, this, &ImportDialog::inputsChanged);
    resize(720, 520);
}

ImportDialog::~ImportDialog()
{
    if (m_reply)
        m_reply->abort();
}

void ImportDialog::setPackageFile(const QString &path)
{
    m_file->setText(path);
    inputsChanged();
}

void ImportDialog::setPassphrase(const QString &passphrase)
{
    m_passphrase->setText(passphrase);
    inputsChanged();
}

void ImportDialog::setComment(const QString &comment)
{
    m_comment->setText(comment);
}

QString ImportDialog::packageInfoText() const
{
    return m_info->toPlainText();
}

QString ImportDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString ImportDialog::resultText() const
{
    return m_result->isHidden() ? QString() : m_result->text();
}

void ImportDialog::inputsChanged()
{
    // A verified package must be verified again once anything changes.
    m_import->setEnabled(false);
    m_verifiedFile.clear();
}

void ImportDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
    if (!text.isEmpty())
        Q_EMIT failed(text);
}

void ImportDialog::verify()
{
    send(true);
}

void ImportDialog::import()
{
    send(false);
}

void ImportDialog::send(bool dryRun)
{
    const QString path = m_file->text().trimmed();
    if (!QFileInfo(path).isFile()) {
        showError(tr("The package file %1 does not exist.").arg(path));
        return;
    }
    if (m_passphrase->text().isEmpty()) {
        showError(tr("Enter the package's passphrase."));
        return;
    }
    auto *file = new QFile(path);
    if (!file->open(QIODevice::ReadOnly)) {
        showError(tr("Cannot read %1: %2").arg(path, file->errorString()));
        delete file;
        return;
    }
    auto *multipart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    QHttpPart packagePart;
    packagePart.setHeader(QNetworkRequest::ContentDispositionHeader,
        QStringLiteral("form-data; name=\"package\"; filename=\"%1\"").arg(QFileInfo(path).fileName()));
    packagePart.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/gzip"));
    packagePart.setBodyDevice(file);
    file->setParent(multipart);
    QHttpPart passphrasePart;
    passphrasePart.setHeader(
        QNetworkRequest::ContentDispositionHeader, QStringLiteral("form-data; name=\"passphrase\""));
    passphrasePart.setBody(m_passphrase->text().toUtf8());
    QHttpPart commentPart;
    commentPart.setHeader(QNetworkRequest::ContentDispositionHeader, QStringLiteral("form-data; name=\"comment\""));
    commentPart.setBody(m_comment->text().toUtf8());
    multipart->append(packagePart);
    multipart->append(passphrasePart);
    multipart->append(commentPart);

    QUrlQuery query;
    if (dryRun)
        query.addQueryItem(QStringLiteral("dryRun"), QStringLiteral("true"));
    showError(QString());
    m_result->hide();
    m_verify->setEnabled(false);
    m_import->setEnabled(false);
    m_progress->setRange(0, 0);
    m_progress->show();
    m_reply = m_api->postMultipart(QStringLiteral("/packages"), multipart, query);
    connect(m_reply, &QNetworkReply::uploadProgress, this, [this](qint64 sent, qint64 total) {
        if (total > 0) {
            m_progress->setRange(0, 1000);
            m_progress->setValue(int(sent * 1000 / total));
        }
        if (total > 0 && sent == total)
            m_progress->setRange(0, 0); // the server is verifying
    });
    m_api->whenFinished(m_reply, this, [this, dryRun, path](const Result<ApiResponse> &result) {
        m_progress->hide();
        m_verify->setEnabled(true);
        if (!result) {
            showError(result.error().message);
            if (!dryRun)
                m_import->setEnabled(false);
            return;
        }
        const QJsonObject body = result->json.object();
        m_info->setHtml(describe(body));
        if (dryRun) {
            m_verifiedFile = path;
            m_import->setEnabled(true);
            m_result->setText(tr("Verified: check the information above, then Import."));
            m_result->show();
            Q_EMIT verified();
            return;
        }
        QString summary = body.value(QLatin1String("outcome")).toObject().value(QLatin1String("summary")).toString();
        if (summary.isEmpty())
            summary = tr("Imported (HTTP %1).").arg(result->status);
        m_result->setText(summary);
        m_result->show();
        m_passphrase->clear();
        Q_EMIT imported(summary);
    });
}

} // namespace prov::gui
