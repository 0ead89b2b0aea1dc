#include "servermode/AuditPage.h"

#include "support/ApiClient.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace prov::gui {

AuditPage::AuditPage(ApiClient *api, QWidget *parent)
    : QWidget(parent)
    , m_api(api)
    , m_table(new QTableWidget(0, 6, this))
    , m_limit(new QSpinBox(this))
    , m_limitLabel(new QLabel(this))
    , m_refresh(new QPushButton(this))
    , m_verify(new QPushButton(this))
    , m_verification(new QLabel(this))
{
    setObjectName(QStringLiteral("auditPage"));
    m_table->setObjectName(QStringLiteral("audit"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_limit->setRange(1, 10000);
    m_limit->setValue(200);
    m_verify->setObjectName(QStringLiteral("verifyChain"));
    m_verification->setObjectName(QStringLiteral("verification"));
    m_verification->setWordWrap(true);
    auto *top = new QHBoxLayout;
    top->addWidget(m_limitLabel);
    top->addWidget(m_limit);
    top->addWidget(m_refresh);
    top->addStretch();
    top->addWidget(m_verify);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_verification);
    layout->addWidget(m_table, 1);
    connect(m_refresh, &QPushButton::clicked, this, &AuditPage::refresh);
    connect(m_verify, &QPushButton::clicked, this, &AuditPage::verifyChain);
    retranslate();
}

void AuditPage::retranslate()
{
    m_limitLabel->setText(tr("Newest entries:"));
    m_refresh->setText(tr("Refresh"));
    m_verify->setText(tr("Verify the chain"));
    m_table->setHorizontalHeaderLabels({tr("#"), tr("Time"), tr("Who"), tr("Action"), tr("Subject"), tr("Detail")});
}

void AuditPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

QString AuditPage::verificationText() const
{
    return m_verification->text();
}

void AuditPage::refresh()
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QString::number(m_limit->value()));
    QNetworkReply *reply = m_api->get(QStringLiteral("/audit"), query);
    const quint64 request = m_latestRequest.begin();
    m_api->whenFinished(reply, this, [this, request](const Result<ApiResponse> &result) {
        if (!m_latestRequest.isLatest(request))
            return;
        if (!result) {
            m_verification->setText(tr("Cannot read the audit log: %1").arg(result.error().message));
            return;
        }
        const QJsonArray entries = result->json.object().value(QLatin1String("entries")).toArray();
        m_table->setRowCount(int(entries.size()));
        const QLocale locale;
        for (int i = 0; i < int(entries.size()); ++i) {
            const QJsonObject e = entries.at(i).toObject();
            const QDateTime at = QDateTime::fromString(e.value(QLatin1String("at")).toString(), Qt::ISODateWithMs);
            const QStringList cells = {e.value(QLatin1String("seq")).toVariant().toString(),
                at.isValid() ? locale.toString(at.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                             : e.value(QLatin1String("at")).toString(),
                e.value(QLatin1String("actor")).toString(), e.value(QLatin1String("action")).toString(),
                e.value(QLatin1String("subject")).toString(), e.value(QLatin1String("detail")).toVariant().toString()};
            for (int c = 0; c < int(cells.size()); ++c)
                m_table->setItem(i, c, new QTableWidgetItem(cells.at(c)));
        }
        Q_EMIT refreshed();
    });
}

void AuditPage::verifyChain()
{
    m_verification->setText(tr("Verifying\u2026"));
    m_verification->setStyleSheet(QString());
    QNetworkReply *reply = m_api->get(QStringLiteral("/audit/verify"), {}, 300000);
    m_api->whenFinished(reply, this, [this](const Result<ApiResponse> &result) {
        if (!result) {
            m_verification->setText(tr("Cannot verify the audit log: %1").arg(result.error().message));
            m_verification->setStyleSheet(QStringLiteral("color: #b34700; font-weight: bold;"));
            return;
        }
        const QJsonObject o = result->json.object();
        const bool intact = o.value(QLatin1String("intact")).toBool();
        const int rows = o.value(QLatin1String("rows")).toInt();
        if (intact) {
            m_verification->setText(tr("\u2714 The audit chain is intact (%n entries).", nullptr, rows));
            m_verification->setStyleSheet(QStringLiteral("color: #00785a; font-weight: bold;"));
        } else {
            m_verification->setText(
                tr("\u2716 The audit chain is BROKEN: %1").arg(o.value(QLatin1String("problem")).toString()));
            m_verification->setStyleSheet(
                QStringLiteral("color: white; background: #d55e00; font-weight: bold; padding: 4px;"));
        }
        Q_EMIT verified(intact);
    });
}

} // namespace prov::gui
