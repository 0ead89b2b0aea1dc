#include "servermode/PairStationDialog.h"

#include "support/ApiClient.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QHostInfo>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QNetworkInterface>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace prov::gui {

namespace {
constexpr int kDefaultPort = 8085;

bool onlyThisComputer(const QString &host)
{
    const QHostAddress address(host);
    return host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0 || address.isLoopback()
        || address == QHostAddress::AnyIPv4 || address == QHostAddress::AnyIPv6 || address == QHostAddress::Any;
}
} // namespace

PairStationDialog::PairStationDialog(ApiClient *api, QWidget *parent)
    : QDialog(parent)
    , m_api(api)
    , m_intro(new QLabel(this))
    , m_nameLabel(new QLabel(this))
    , m_name(new QLineEdit(this))
    , m_create(new QPushButton(this))
    , m_error(new QLabel(this))
    , m_codePanel(new QWidget(this))
    , m_codeTitle(new QLabel(m_codePanel))
    , m_codeLabel(new QLabel(m_codePanel))
    , m_addressTitle(new QLabel(m_codePanel))
    , m_address(new QLabel(m_codePanel))
    , m_validity(new QLabel(m_codePanel))
    , m_key(new QLabel(m_codePanel))
    , m_cliHint(new QLabel(m_codePanel))
    , m_copy(new QPushButton(m_codePanel))
    , m_close(new QPushButton(this))
{
    setObjectName(QStringLiteral("pairStationDialog"));
    m_name->setObjectName(QStringLiteral("stationName"));
    m_codeLabel->setObjectName(QStringLiteral("code"));
    m_copy->setObjectName(QStringLiteral("copy"));
    m_name->setPlaceholderText(QStringLiteral("line1-st3"));
    m_name->setMaxLength(64);
    m_create->setDefault(true);
    m_close->setAutoDefault(false);
    m_copy->setAutoDefault(false);
    for (QLabel *label : {m_intro, m_error, m_validity, m_key, m_cliHint})
        label->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b34700; font-weight: bold;"));
    m_error->hide();

    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    QFont big = mono;
    big.setPointSizeF(mono.pointSizeF() * 3);
    big.setBold(true);
    big.setLetterSpacing(QFont::PercentageSpacing, 110);
    m_codeLabel->setFont(big);
    m_codeLabel->setAlignment(Qt::AlignCenter);
    QFont address = mono;
    address.setPointSizeF(mono.pointSizeF() * 1.4);
    m_address->setFont(address);
    for (QLabel *label : {m_codeLabel, m_address, m_key, m_cliHint})
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_key->setStyleSheet(QStringLiteral("color: #666666;"));
    m_cliHint->setStyleSheet(QStringLiteral("color: #666666;"));

    auto *nameRow = new QHBoxLayout;
    nameRow->addWidget(m_name, 1);
    nameRow->addWidget(m_create);
    auto *form = new QFormLayout;
    form->addRow(m_nameLabel, nameRow);

    auto *copyRow = new QHBoxLayout;
    copyRow->addStretch();
    copyRow->addWidget(m_copy);
    copyRow->addStretch();
    auto *panel = new QVBoxLayout(m_codePanel);
    panel->setContentsMargins(0, 8, 0, 0);
    panel->addWidget(m_codeTitle);
    panel->addWidget(m_codeLabel);
    panel->addLayout(copyRow);
    panel->addSpacing(8);
    panel->addWidget(m_addressTitle);
    panel->addWidget(m_address);
    panel->addWidget(m_validity);
    panel->addWidget(m_cliHint);
    panel->addWidget(m_key);
    m_codePanel->hide();

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_codePanel);
    layout->addStretch();
    layout->addLayout(buttons);
    setMinimumWidth(600);

    connect(m_create, &QPushButton::clicked, this, &PairStationDialog::submit);
    connect(m_close, &QPushButton::clicked, this, &QDialog::accept);
    connect(m_copy, &QPushButton::clicked, this, [this] {
        if (!m_code.isEmpty())
            QApplication::clipboard()->setText(m_code);
    });
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, &PairStationDialog::updateValidity);
    retranslate();
}

void PairStationDialog::retranslate()
{
    setWindowTitle(tr("Pair a station"));
    m_intro->setText(tr("A one-time code lets a station connect to this server: the station's user types the "
                        "server's address and the code in Connect to server\u2026 on the station. The code is valid "
                        "for 15 minutes and pairs one station."));
    m_nameLabel->setText(tr("Station name"));
    m_create->setText(m_code.isEmpty() ? tr("Create code") : tr("Create another code"));
    m_copy->setText(tr("Copy code"));
    m_close->setText(tr("Close"));
    m_addressTitle->setText(tr("Server address to type on the station:"));
    if (!m_code.isEmpty()) {
        m_codeTitle->setText(tr("Pairing code for station %1:").arg(m_station));
        const QString first = stationAddresses(m_api->baseUrl()).value(0);
        m_cliHint->setText(
            tr("On a station without the window: provstation-cli pair https://%1 %2").arg(first, m_code));
        m_key->setText(m_serverKey.isEmpty()
                ? tr("This server speaks plain HTTP, so stations cannot pair with it: start it with --tls-cert and "
                     "--tls-key.")
                : tr("Server key: %1 (the station shows the key it paired with; they must be the same).")
                      .arg(m_serverKey));
        m_key->setStyleSheet(m_serverKey.isEmpty() ? QStringLiteral("color: #b34700; font-weight: bold;")
                                                   : QStringLiteral("color: #666666;"));
        updateValidity();
    }
}

void PairStationDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

QStringList PairStationDialog::stationAddresses(const QUrl &serverUrl)
{
    const int port = serverUrl.port(kDefaultPort);
    const auto withPort = [port](const QString &host) {
        const QString h = host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]").arg(host) : host;
        return QStringLiteral("%1:%2").arg(h).arg(port);
    };
    if (!serverUrl.host().isEmpty() && !onlyThisComputer(serverUrl.host()))
        return {withPort(serverUrl.host())};
    QStringList addresses;
    const QString name = QHostInfo::localHostName();
    if (!name.isEmpty())
        addresses << withPort(name);
    const QList<QHostAddress> all = QNetworkInterface::allAddresses();
    for (const QHostAddress &a : all) {
        if (a.protocol() == QAbstractSocket::IPv4Protocol && !a.isLoopback() && !a.isLinkLocal())
            addresses << withPort(a.toString());
    }
    if (addresses.isEmpty())
        addresses << withPort(QStringLiteral("127.0.0.1"));
    return addresses;
}

QString PairStationDialog::addressText() const
{
    return m_address->text();
}

QString PairStationDialog::validityText() const
{
    return m_validity->text();
}

QString PairStationDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void PairStationDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void PairStationDialog::submit()
{
    const QString station = m_name->text().trimmed();
    // The server's rule for station names (PairingStore), said before asking it.
    static const QRegularExpression kName(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._@:-]{0,63}$"));
    if (!kName.match(station).hasMatch()) {
        showError(station.isEmpty() ? tr("Type the station's name, for example line1-st3.")
                                    : tr("\"%1\" is not a station name: use letters, digits and . _ @ : - (starting "
                                         "with a letter or digit), up to 64 characters.")
                                          .arg(station));
        m_name->setFocus();
        return;
    }
    showError(QString());
    m_create->setEnabled(false);
    QNetworkReply *reply = m_api->postJson(
        QStringLiteral("/pairing/codes"), QJsonDocument(QJsonObject {{QStringLiteral("station"), station}}));
    m_api->whenFinished(reply, this, [this](const Result<ApiResponse> &result) {
        m_create->setEnabled(true);
        if (!result) {
            showError(tr("Cannot create a pairing code: %1").arg(result.error().message));
            return;
        }
        const QJsonObject answer = result->json.object();
        showCode(answer.value(QLatin1String("station")).toString(), answer.value(QLatin1String("code")).toString(),
            QDateTime::fromString(answer.value(QLatin1String("expiresAt")).toString(), Qt::ISODate),
            answer.value(QLatin1String("serverKey")).toString());
    });
}

void PairStationDialog::showCode(
    const QString &station, const QString &code, const QDateTime &expiresAt, const QString &serverKey)
{
    m_station = station;
    m_code = code;
    m_expiresAt = expiresAt;
    m_serverKey = serverKey;
    m_codeLabel->setText(code);
    m_address->setText(stationAddresses(m_api->baseUrl()).join(QLatin1Char('\n')));
    m_codePanel->show();
    m_countdown.start();
    retranslate();
    // Grown to show the code panel whole (it was hidden when the dialog was sized).
    adjustSize();
    m_copy->setFocus();
    Q_EMIT codeCreated(station);
}

void PairStationDialog::updateValidity()
{
    if (!m_expiresAt.isValid()) {
        m_validity->clear();
        return;
    }
    const QLocale locale;
    const QString until = locale.toString(m_expiresAt.toLocalTime().time(), QLocale::ShortFormat);
    const qint64 left = QDateTime::currentDateTimeUtc().secsTo(m_expiresAt);
    if (left <= 0) {
        m_countdown.stop();
        m_validity->setText(tr("This code expired at %1: create another one.").arg(until));
        m_validity->setStyleSheet(QStringLiteral("color: #b34700; font-weight: bold;"));
        m_codeLabel->setEnabled(false);
        return;
    }
    m_validity->setStyleSheet(QString());
    m_codeLabel->setEnabled(true);
    m_validity->setText(
        tr("Valid until %1 (%2 left), for one station.")
            .arg(until, QStringLiteral("%1:%2").arg(left / 60).arg(left % 60, 2, 10, QLatin1Char('0'))));
}

} // namespace prov::gui
