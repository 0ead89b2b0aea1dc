#include "servermode/PackagesPage.h"

#include "support/ApiClient.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace prov::gui {

PackagesPage::PackagesPage(ApiClient *api, QWidget *parent)
    : QWidget(parent)
    , m_api(api)
    , m_table(new QTableWidget(this))
    , m_status(new QLabel(this))
    , m_import(new QPushButton(QIcon(QStringLiteral(":/provstation/icons/start.png")), QString(), this))
    , m_export(new QPushButton(QIcon(QStringLiteral(":/provstation/icons/log.png")), QString(), this))
    , m_report(new QPushButton(QIcon(QStringLiteral(":/provstation/icons/log.png")), QString(), this))
    , m_refresh(new QPushButton(QIcon(QStringLiteral(":/provstation/icons/retry.png")), QString(), this))
{
    setObjectName(QStringLiteral("packagesPage"));
    m_table->setObjectName(QStringLiteral("packages"));
    m_table->setColumnCount(9);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_import->setObjectName(QStringLiteral("import"));
    m_export->setObjectName(QStringLiteral("export"));
    m_report->setObjectName(QStringLiteral("report"));
    m_status->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_import);
    buttons->addWidget(m_export);
    buttons->addWidget(m_report);
    buttons->addStretch();
    buttons->addWidget(m_refresh);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    connect(m_import, &QPushButton::clicked, this, &PackagesPage::importRequested);
    connect(m_export, &QPushButton::clicked, this, &PackagesPage::exportRequested);
    connect(m_report, &QPushButton::clicked, this, &PackagesPage::reportRequested);
    connect(m_refresh, &QPushButton::clicked, this, &PackagesPage::refresh);
    retranslate();
}

void PackagesPage::retranslate()
{
    m_import->setText(tr("Import package\u2026"));
    m_export->setText(tr("Export keys\u2026"));
    m_report->setText(tr("Device report\u2026"));
    m_refresh->setText(tr("Refresh"));
    // After setText, which replaces a button's shortcut with its text's mnemonic.
    m_import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    m_export->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_report->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_refresh->setShortcut(QKeySequence(Qt::Key_F5));
    for (QPushButton *b : {m_import, m_export, m_report, m_refresh})
        b->setToolTip(b->shortcut().toString(QKeySequence::NativeText));
    m_table->setHorizontalHeaderLabels({tr("Configuration ID"), tr("Aliases"), tr("Revision"), tr("Node type"),
        tr("Node version"), tr("App label"), tr("Apps"), tr("Imported"), tr("Comment")});
    fill();
}

void PackagesPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void PackagesPage::setAdmin(bool admin)
{
    m_import->setVisible(admin);
    m_export->setVisible(admin);
}

void PackagesPage::refresh()
{
    QNetworkReply *reply = m_api->get(QStringLiteral("/packages"));
    m_api->whenFinished(reply, this, [this](const Result<ApiResponse> &result) {
        if (!result) {
            m_status->setText(tr("Cannot list the packages: %1").arg(result.error().message));
            return;
        }
        m_rows = parsePackageList(result->json);
        fill();
        Q_EMIT refreshed();
    });
}

void PackagesPage::fill()
{
    m_table->setRowCount(int(m_rows.size()));
    const QLocale locale;
    for (int i = 0; i < int(m_rows.size()); ++i) {
        const PackageRow &r = m_rows.at(i);
        const QStringList cells = {r.configId, r.aliases.join(QStringLiteral(", ")),
            r.latest ? tr("%1 (newest)").arg(r.revision) : QString::number(r.revision), r.nodeType, r.nodeVersion,
            r.appLabel, r.apps.join(QStringLiteral(", ")),
            r.importedAt.isValid() ? locale.toString(r.importedAt.toLocalTime(), QLocale::ShortFormat) : QString(),
            r.comment};
        for (int c = 0; c < int(cells.size()); ++c) {
            auto *item = new QTableWidgetItem(cells.at(c));
            if (c == 7 && !r.importedBy.isEmpty())
                item->setToolTip(tr("by %1").arg(r.importedBy));
            m_table->setItem(i, c, item);
        }
    }
    m_status->setText(tr("%n revision(s)", nullptr, int(m_rows.size())));
}

} // namespace prov::gui
