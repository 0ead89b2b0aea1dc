#include "servermode/StationsPage.h"

#include "servermode/PairStationDialog.h"
#include "support/ApiClient.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace prov::gui {

StationsPage::StationsPage(ApiClient *api, QWidget *parent)
    : QWidget(parent)
    , m_api(api)
    , m_table(new QTableWidget(0, 8, this))
    , m_status(new QLabel(this))
    , m_identity(new QLabel(this))
    , m_pair(new QPushButton(this))
    , m_revoke(new QPushButton(this))
{
    setObjectName(QStringLiteral("stationsPage"));
    m_table->setObjectName(QStringLiteral("stations"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_status->setWordWrap(true);
    m_identity->setObjectName(QStringLiteral("serverIdentity"));
    m_identity->setWordWrap(true);
    m_identity->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_identity->hide();
    m_pair->setObjectName(QStringLiteral("pairStation"));
    m_revoke->setObjectName(QStringLiteral("revokeStation"));
    m_revoke->setEnabled(false);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_pair);
    actions->addWidget(m_revoke);
    actions->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(actions);
    layout->addWidget(m_identity);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    m_timer.setInterval(5000);
    connect(&m_timer, &QTimer::timeout, this, &StationsPage::refresh);
    connect(m_pair, &QPushButton::clicked, this, &StationsPage::pairStation);
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
        [this] { m_revoke->setEnabled(m_table->currentRow() >= 0 && !m_table->selectedItems().isEmpty()); });
    connect(m_revoke, &QPushButton::clicked, this, [this] {
        const QTableWidgetItem *item = m_table->item(m_table->currentRow(), 0);
        if (!item)
            return;
        const QString station = item->text();
        if (QMessageBox::question(this, tr("Revoke station"),
                tr("Revoke station %1? Its tokens stop working at once: it cannot send keys or results until it is "
                   "paired again.")
                    .arg(station))
            == QMessageBox::Yes)
            revokeStation(station);
    });
    retranslate();
}

void StationsPage::retranslate()
{
    m_table->setHorizontalHeaderLabels({tr("Station"), tr("Last seen"), tr("Configuration"), tr("Batch"), tr("Passed"),
        tr("Failed"), tr("Yield"), tr("Outbox")});
    m_identity->setText(m_pin.isEmpty() ? tr("Stations connect to %1 (plain HTTP: no key to pin).").arg(m_address)
                                        : tr("Stations connect to %1 \u2014 server key pin: %2").arg(m_address, m_pin));
    m_pair->setText(tr("Pair a station\u2026"));
    m_revoke->setText(tr("Revoke station\u2026"));
}

void StationsPage::setServerIdentity(const QString &address, const QString &pin)
{
    m_address = address;
    m_pin = pin;
    m_identity->setVisible(!address.isEmpty());
    retranslate();
}

QString StationsPage::serverIdentityText() const
{
    return m_identity->text();
}

void StationsPage::pairStation()
{
    PairStationDialog dialog(m_api, this);
    dialog.exec();
}

void StationsPage::revokeStation(const QString &station)
{
    // Station names are letters, digits and . _ @ : - (PairingStore): nothing to escape in a path.
    QNetworkReply *reply = m_api->sendCustom("DELETE", QStringLiteral("/stations/%1/tokens").arg(station));
    m_api->whenFinished(reply, this, [this, station](const Result<ApiResponse> &result) {
        if (!result) {
            m_status->setText(tr("Cannot revoke station %1: %2").arg(station, result.error().message));
            return;
        }
        m_status->setText(tr("Station %1 is revoked: it must be paired again to reach this server.").arg(station));
        Q_EMIT stationRevoked(station);
    });
}

void StationsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void StationsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
    m_timer.start();
}

void StationsPage::hideEvent(QHideEvent *event)
{
    m_timer.stop();
    QWidget::hideEvent(event);
}

QString StationsPage::statusText() const
{
    return m_status->text();
}

void StationsPage::refresh()
{
    QNetworkReply *reply = m_api->get(QStringLiteral("/stations"));
    m_api->whenFinished(reply, this, [this](const Result<ApiResponse> &result) {
        if (!result) {
            const QString code = result.error().context;
            const bool missing = code == QLatin1String("not_found") || code == QLatin1String("http-404");
            m_status->setText(missing ? tr("This server does not report stations.")
                                      : tr("Cannot list the stations: %1").arg(result.error().message));
            return;
        }
        QJsonArray list = result->json.isArray() ? result->json.array()
                                                 : result->json.object().value(QLatin1String("stations")).toArray();
        m_table->setRowCount(int(list.size()));
        const QLocale locale;
        for (int i = 0; i < int(list.size()); ++i) {
            const QJsonObject s = list.at(i).toObject();
            const int passed = s.value(QLatin1String("passed")).toInt();
            const int failed = s.value(QLatin1String("failed")).toInt();
            const QDateTime seen = QDateTime::fromString(s.value(QLatin1String("lastSeen")).toString(), Qt::ISODate);
            const QStringList cells = {
                s.value(QLatin1String("station")).toString(),
                seen.isValid() ? locale.toString(seen.toLocalTime(), QLocale::ShortFormat) : QString(),
                s.value(QLatin1String("configuration")).toString(),
                s.value(QLatin1String("batch")).toVariant().toString(),
                QString::number(passed),
                QString::number(failed),
                passed + failed > 0 ? QStringLiteral("%1%").arg(100.0 * passed / (passed + failed), 0, 'f', 1)
                                    : QStringLiteral("\u2013"),
                s.value(QLatin1String("pending")).toVariant().toString(),
            };
            for (int c = 0; c < int(cells.size()); ++c)
                m_table->setItem(i, c, new QTableWidgetItem(cells.at(c)));
        }
        m_status->setText(tr("%n station(s)", nullptr, int(list.size())));
        Q_EMIT refreshed();
    });
}

} // namespace prov::gui
