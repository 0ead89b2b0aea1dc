#include "settings/ConnectDialog.h"

#include "crypto/PairingCode.h"
#include "settings/SecretStore.h"
#include "settings/StationSettings.h"

#include <QDir>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace prov::gui {

namespace {
constexpr int kDefaultPort = 8085;
const QString kErrorStyle = QStringLiteral("color: #b34700; font-weight: bold;");
} // namespace

ConnectDialog::ConnectDialog(StationSettings *settings, SecretStore *secrets, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_secrets(secrets)
    , m_intro(new QLabel(this))
    , m_addressLabel(new QLabel(this))
    , m_codeLabel(new QLabel(this))
    , m_address(new QLineEdit(this))
    , m_code(new QLineEdit(this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_error(new QLabel(this))
    , m_detail(new QLabel(this))
    , m_result(new QLabel(this))
    , m_storage(new QLabel(this))
    , m_connect(new QPushButton(this))
    , m_cancel(new QPushButton(this))
{
    Q_ASSERT(settings && secrets);
    setObjectName(QStringLiteral("connectDialog"));
    m_address->setObjectName(QStringLiteral("address"));
    m_code->setObjectName(QStringLiteral("code"));
    m_error->setObjectName(QStringLiteral("error"));
    m_result->setObjectName(QStringLiteral("result"));
    m_storage->setObjectName(QStringLiteral("storage"));
    m_connect->setObjectName(QStringLiteral("connect"));
    m_address->setPlaceholderText(QStringLiteral("backroom:8085"));
    m_code->setPlaceholderText(QStringLiteral("7KQ4-M9XD-2R"));
    m_code->setMaxLength(24);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(mono.pointSizeF() * 1.5);
    m_code->setFont(mono);
    m_progress->setRange(0, 0); // busy, with no end known
    m_progress->setTextVisible(false);
    m_progress->hide();
    for (QLabel *label : {m_intro, m_status, m_error, m_detail, m_result, m_storage}) {
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_error->setStyleSheet(kErrorStyle);
    m_detail->setStyleSheet(QStringLiteral("color: #666666;"));
    m_result->setStyleSheet(QStringLiteral("color: #1e7b34; font-weight: bold;"));
    for (QLabel *label : {m_status, m_error, m_detail, m_result, m_storage})
        label->hide();
    m_connect->setDefault(true);

    auto *form = new QFormLayout;
    form->addRow(m_addressLabel, m_address);
    form->addRow(m_codeLabel, m_code);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_connect);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    for (QLabel *label : {m_status, m_error, m_detail, m_result, m_storage})
        layout->addWidget(label);
    layout->addStretch();
    layout->addLayout(buttons);
    setMinimumWidth(560);

    connect(m_connect, &QPushButton::clicked, this, &ConnectDialog::submit);
    connect(m_cancel, &QPushButton::clicked, this, &ConnectDialog::reject);
    retranslate();
}

ConnectDialog::~ConnectDialog() = default;

void ConnectDialog::retranslate()
{
    setWindowTitle(tr("Connect to server"));
    m_intro->setText(tr("Type the server's address and the pairing code the server's admin gives you (server mode: "
                        "Stations, Pair a station\u2026). The code is valid for 15 minutes and pairs one station."));
    m_addressLabel->setText(tr("Server address"));
    m_codeLabel->setText(tr("Pairing code"));
    m_connect->setText(tr("Connect"));
    m_cancel->setText(m_paired ? tr("Close") : tr("Cancel"));
}

void ConnectDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

QString ConnectDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString ConnectDialog::resultText() const
{
    return m_result->isHidden() ? QString() : m_result->text() + QLatin1Char('\n') + m_storage->text();
}

Result<QUrl> ConnectDialog::parseAddress(const QString &text)
{
    QString address = text.trimmed();
    if (address.isEmpty())
        return makeError(ResultCode::InvalidArguments, tr("Type the server's address, for example backroom:8085."));
    if (address.startsWith(QLatin1String("http://"), Qt::CaseInsensitive))
        return makeError(ResultCode::InvalidArguments,
            tr("Pairing needs an encrypted connection: type the address without http:// (https is used)."));
    if (!address.contains(QLatin1String("://")))
        address.prepend(QLatin1String("https://"));
    if (address.startsWith(QLatin1String("https://"), Qt::CaseInsensitive))
        address.replace(0, 8, QStringLiteral("https://"));
    auto url = engine::PairingClient::parseServerUrl(address);
    if (!url)
        return makeError(ResultCode::InvalidArguments,
            tr("\"%1\" is not a server address: type the server's name or IP address, with :PORT when it is not "
               "%2 (for example backroom or 192.168.1.20:8085).")
                .arg(text.trimmed())
                .arg(kDefaultPort));
    return url;
}

void ConnectDialog::setBusy(bool busy, const QString &status)
{
    m_address->setEnabled(!busy);
    m_code->setEnabled(!busy);
    m_connect->setEnabled(!busy);
    m_progress->setVisible(busy);
    m_status->setText(status);
    m_status->setVisible(!status.isEmpty());
}

void ConnectDialog::showError(const QString &text, const QString &detail)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
    m_detail->setText(detail.isEmpty() ? QString() : tr("Details: %1").arg(detail));
    m_detail->setVisible(!detail.isEmpty());
}

void ConnectDialog::submit()
{
    if (m_client || m_paired)
        return;
    showError(QString());
    const auto url = parseAddress(m_address->text());
    if (!url) {
        showError(url.error().message);
        m_address->setFocus();
        return;
    }
    // A mistyped code is caught here, before anything is sent (a code the
    // server has answered for once cannot be tried again).
    const auto code = crypto::PairingCode::parse(m_code->text());
    if (!code) {
        const QString why = code.error().message;
        showError(why.contains(QLatin1String("mistyped"))
                ? tr("The code is mistyped: compare it with the code the server shows, character by character.")
                : why.contains(QLatin1String("characters; a code has"))
                ? tr("A pairing code has 10 characters, like 7KQ4-M9XD-2R: check that you typed all of it.")
                : tr("This is not a pairing code: it has only digits and the letters A to Z, like 7KQ4-M9XD-2R."),
            why);
        m_code->setFocus();
        return;
    }
    const QString host = QStringLiteral("%1:%2").arg(url->host()).arg(url->port(kDefaultPort));
    setBusy(true, tr("Connecting to %1\u2026").arg(host));
    m_client = new engine::PairingClient(this);
    const int attempt = ++m_attempt;
    m_client->pair(
        url.value(), code->display(), [this, attempt, host](const Result<engine::PairingClient::Paired> &paired) {
            if (attempt != m_attempt)
                return;
            m_client->deleteLater();
            m_client = nullptr;
            if (!paired) {
                setBusy(false);
                showError(explain(paired.error(), host), paired.error().message);
                return;
            }
            setBusy(true, tr("Storing the pairing\u2026"));
            store(paired.value());
        });
}

void ConnectDialog::reject()
{
    if (!m_client) {
        QDialog::reject();
        return;
    }
    ++m_attempt;
    delete m_client;
    m_client = nullptr;
    setBusy(false);
    showError(tr("Pairing cancelled. If the server had already answered, this code may now be void: ask the "
                 "admin for a new one."));
}

QString ConnectDialog::explain(const Error &error, const QString &host)
{
    const QString why = error.message;
    const QString newCode = tr("Ask the server's admin for a new code.");
    if (error.code == ResultCode::ServerUnreachable)
        return tr("The station cannot reach a server at %1 over an encrypted connection. Check the address and the "
                  "port, that the server is running with its TLS certificate, and the network.")
            .arg(host);
    if (error.code == ResultCode::ServerResponseInvalid)
        return tr("The server at %1 could not prove that it knows this code: it is not the server that made the "
                  "code, or a machine between the station and the server answers in its place. Nothing secret was "
                  "sent. Check the address; %2")
            .arg(host, newCode);
    const QString context = error.context;
    if (context == QLatin1String("unknown_code"))
        return tr("The server at %1 has no such code. Check the code and the address.").arg(host);
    if (context == QLatin1String("server_key_mismatch"))
        return tr("A machine between the station and the server answers in the server's place (the server does not "
                  "know the key the station sees). Nothing was paired and the code is still valid: connect the "
                  "station to the server's network directly, or ask the network's administrator.");
    if (context == QLatin1String("code_unusable")) {
        if (why.contains(QLatin1String("already used")))
            return tr("This code was already used to pair a station.") + QLatin1Char(' ') + newCode;
        if (why.contains(QLatin1String("expired")))
            return tr("This code has expired (codes are valid for 15 minutes).") + QLatin1Char(' ') + newCode;
        return tr("This code is void: an earlier pairing attempt with it did not finish.") + QLatin1Char(' ') + newCode;
    }
    if (context == QLatin1String("wrong_proof"))
        return tr("The server did not accept the station's answer. Try once more; after three tries the code is "
                  "void.");
    if (context == QLatin1String("too_many_attempts"))
        return tr("Too many pairing attempts from this station: wait a few minutes, then try again.");
    return tr("The server refused the pairing.");
}

void ConnectDialog::store(const engine::PairingClient::Paired &result)
{
    engine::StationServerConfig config;
    config.url = result.url;
    config.pin = result.pin;
    config.station = result.station;
    config.pairedAt = QDateTime::currentDateTimeUtc();
    // The token first: a stored address without its token would look paired.
    const QString key = QString::fromLatin1(SecretStore::kStationTokenKey);
    m_secrets->write(key, result.token, this, [this, config](const Status &s) {
        if (!s) {
            setBusy(false);
            showError(tr("The station is paired, but its token cannot be stored. Pair again with a new code once "
                         "this is fixed."),
                s.error().message);
            return;
        }
        if (const Status saved = config.save(); !saved) {
            setBusy(false);
            showError(tr("The station is paired, but the server's address cannot be stored. Pair again with a new "
                         "code once this is fixed."),
                saved.error().message);
            return;
        }
        m_settings->clearServer();
        m_settings->sync();
        showPaired(config);
        Q_EMIT paired(config);
    });
}

void ConnectDialog::showPaired(const engine::StationServerConfig &config)
{
    m_paired = config;
    setBusy(false);
    m_address->setEnabled(false);
    m_code->setEnabled(false);
    m_connect->hide();
    m_result->setText(tr("Connected: this station is paired as %1 with %2 (server key %3).")
                          .arg(config.station, config.url.toString(), config.pin.toString()));
    m_result->show();
    if (m_secrets->usingFallback()) {
        m_storage->setText(
            tr("No OS keychain (%1): the station token is stored in the file %2, which only this "
               "user can read. Anyone logged in as this user can use it.")
                .arg(m_secrets->fallbackReason(),
                    QDir::toNativeSeparators(
                        QDir(m_secrets->fallbackDirectory()).filePath(QLatin1String(SecretStore::kStationTokenKey)))));
        m_storage->setStyleSheet(kErrorStyle);
    } else {
        m_storage->setText(tr("The station token is stored in the OS keychain."));
        m_storage->setStyleSheet(QString());
    }
    m_storage->show();
    retranslate();
    adjustSize();
    m_cancel->setFocus();
}

} // namespace prov::gui
