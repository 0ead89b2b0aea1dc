#include "servermode/StationsPage.h"

#include "support/ApiClient.h"

#include <QEvent>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

namespace prov::gui {

StationsPage::StationsPage(ApiClient *api, QWidget *parent)
    : QWidget(parent)
    , m_api(api)
    , m_table(new QTableWidget(0, 8, this))
    , m_status(new QLabel(this))
    , m_identity(new QLabel(this))
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
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_identity);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    m_timer.setInterval(5000);
    connect(&m_timer, &QTimer::timeout, this, &StationsPage::refresh);
    retranslate();
}

void StationsPage::retranslate()
{
    m_table->setHorizontalHeaderLabels({tr("Station"), tr("Last seen"), tr("Configuration"), tr("Batch"), tr("Passed"),
        tr("Failed"), tr("Yield"), tr("Outbox")});
    m_identity->setText(m_pin.isEmpty() ? tr("Stations connect to %1 (plain HTTP: no key to pin).").arg(m_address)
                                        : tr("Stations connect to %1 \u2014 server key pin: %2").arg(m_address, m_pin));
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
