#include "servermode/StationsPage.h"

#include "servermode/PairStationDialog.h"
#include "support/ApiClient.h"

#include <QComboBox>
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
    , m_table(new QTableWidget(0, 10, this))
    , m_period(new QComboBox(this))
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
    // A Chinese line is drawn in a fallback font a pixel taller than the page's: room for it.
    m_status->setMinimumHeight(m_status->fontMetrics().height() + 4);
    m_identity->setObjectName(QStringLiteral("serverIdentity"));
    m_identity->setWordWrap(true);
    m_identity->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_identity->hide();
    m_pair->setObjectName(QStringLiteral("pairStation"));
    m_revoke->setObjectName(QStringLiteral("revokeStation"));
    m_revoke->setEnabled(false);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_period->setObjectName(QStringLiteral("period"));
    m_period->addItems({QString(), QString(), QString()});
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_pair);
    actions->addWidget(m_revoke);
    actions->addStretch();
    actions->addWidget(m_period);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(actions);
    layout->addWidget(m_identity);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    m_timer.setInterval(5000);
    connect(&m_timer, &QTimer::timeout, this, &StationsPage::refresh);
    connect(m_pair, &QPushButton::clicked, this, &StationsPage::pairStation);
    connect(m_period, &QComboBox::currentIndexChanged, this, &StationsPage::refresh);
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
    m_table->setHorizontalHeaderLabels({tr("Station"), tr("State"), tr("Running"), tr("Configuration"), tr("Batch"),
        tr("Passed"), tr("Failed"), tr("Station faults"), tr("First-pass yield"), tr("Outbox")});
    m_period->setItemText(0, tr("Today"));
    m_period->setItemText(1, tr("Last 7 days"));
    m_period->setItemText(2, tr("All time"));
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

QUrlQuery StationsPage::periodQuery() const
{
    QDateTime from;
    if (m_period->currentIndex() == 0)
        from = QDateTime(QDate::currentDate(), QTime(0, 0));
    else if (m_period->currentIndex() == 1)
        from = QDateTime::currentDateTime().addDays(-7);
    QUrlQuery query;
    if (from.isValid())
        query.addQueryItem(QStringLiteral("from"), from.toUTC().toString(Qt::ISODate));
    return query;
}

QString StationsPage::stateText(const QJsonObject &station) const
{
    const QLocale locale;
    const QDateTime since = QDateTime::fromString(station.value(QLatin1String("upSince")).toString(), Qt::ISODate);
    const QDateTime seen = QDateTime::fromString(station.value(QLatin1String("lastSeen")).toString(), Qt::ISODate);
    if (!seen.isValid())
        return tr("No heartbeat");
    if (station.value(QLatin1String("online")).toBool())
        return tr("Up since %1").arg(locale.toString(since.toLocalTime(), QLocale::ShortFormat));
    return tr("Down (last seen %1)").arg(locale.toString(seen.toLocalTime(), QLocale::ShortFormat));
}

QString StationsPage::runningText(const QJsonObject &station) const
{
    if (!station.value(QLatin1String("online")).toBool())
        return {};
    const QJsonObject operations = station.value(QLatin1String("operations")).toObject();
    QStringList parts;
    for (auto it = operations.begin(); it != operations.end(); ++it)
        parts.append(QStringLiteral("%1 %2").arg(it.value().toInt()).arg(it.key()));
    const QString counts = tr("%1 of %2 slots")
                               .arg(station.value(QLatin1String("running")).toInt())
                               .arg(station.value(QLatin1String("slots")).toInt());
    return parts.isEmpty() ? counts : QStringLiteral("%1 (%2)").arg(counts, parts.join(QStringLiteral(", ")));
}

void StationsPage::refresh()
{
    QNetworkReply *reply = m_api->get(QStringLiteral("/stations"), periodQuery());
    const quint64 request = m_latestRequest.begin();
    m_api->whenFinished(reply, this, [this, request](const Result<ApiResponse> &result) {
        if (!m_latestRequest.isLatest(request))
            return;
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
        int online = 0;
        for (int i = 0; i < int(list.size()); ++i) {
            const QJsonObject s = list.at(i).toObject();
            online += s.value(QLatin1String("online")).toBool() ? 1 : 0;
            const QJsonValue fpy = s.value(QLatin1String("firstPassYield"));
            const QString batch = s.value(QLatin1String("batch")).toVariant().toString();
            const QStringList cells = {
                s.value(QLatin1String("station")).toString(),
                stateText(s),
                runningText(s),
                s.value(QLatin1String("configuration")).toString(),
                batch == QLatin1String("0") ? QString() : batch,
                s.value(QLatin1String("passed")).toVariant().toString(),
                s.value(QLatin1String("failed")).toVariant().toString(),
                s.value(QLatin1String("stationFaults")).toVariant().toString(),
                fpy.isDouble() ? QStringLiteral("%1%").arg(100.0 * fpy.toDouble(), 0, 'f', 1)
                               : QStringLiteral("\u2013"),
                s.value(QLatin1String("pending")).toVariant().toString(),
            };
            for (int c = 0; c < int(cells.size()); ++c)
                m_table->setItem(i, c, new QTableWidgetItem(cells.at(c)));
        }
        m_status->setText(
            tr("%n station(s)", nullptr, int(list.size())) + QStringLiteral(", ") + tr("%n up now", nullptr, online));
        Q_EMIT refreshed();
    });
}

} // namespace prov::gui
