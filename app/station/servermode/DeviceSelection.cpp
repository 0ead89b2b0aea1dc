#include "servermode/DeviceSelection.h"

#include "domain/ConfigId.h"
#include "domain/IdRangeList.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QUrl>
#include <QUrlQuery>

namespace prov::gui {

DeviceSelection::DeviceSelection(const QList<PackageRow> &packages, const QString &datesLabel, QWidget *parent)
    : QWidget(parent)
    , m_form(new QFormLayout(this))
    , m_config(new QComboBox(this))
    , m_batches(new QLineEdit(this))
    , m_useFrom(new QCheckBox(tr("from"), this))
    , m_from(new QDateTimeEdit(this))
    , m_useTo(new QCheckBox(tr("until (not including)"), this))
    , m_to(new QDateTimeEdit(this))
{
    // The dialog's own form, not a box inside it.
    m_form->setContentsMargins(0, 0, 0, 0);
    m_config->setObjectName(QStringLiteral("configuration"));
    m_config->setEditable(true);
    QStringList seen;
    for (const PackageRow &row : packages) {
        if (!row.latest || seen.contains(row.configId))
            continue;
        seen << row.configId;
        const QString label = row.aliases.isEmpty()
            ? row.configId
            : QStringLiteral("%1 (%2)").arg(row.configId, row.aliases.join(QStringLiteral(", ")));
        m_config->addItem(label, row.configId);
    }
    m_batches->setObjectName(QStringLiteral("batches"));
    m_batches->setPlaceholderText(tr("all, or e.g. 1000,1002-1005"));
    for (QDateTimeEdit *edit : {m_from, m_to}) {
        edit->setTimeSpec(Qt::UTC);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
        edit->setDateTime(QDateTime::currentDateTimeUtc());
        edit->setEnabled(false);
    }
    connect(m_useFrom, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_useTo, &QCheckBox::toggled, m_to, &QWidget::setEnabled);

    auto *dates = new QHBoxLayout;
    dates->addWidget(m_useFrom);
    dates->addWidget(m_from);
    dates->addWidget(m_useTo);
    dates->addWidget(m_to);
    m_form->addRow(tr("Configuration"), m_config);
    m_form->addRow(tr("Batches"), m_batches);
    m_form->addRow(datesLabel, dates);
}

void DeviceSelection::setConfiguration(const QString &configIdOrAlias)
{
    for (int i = 0; i < m_config->count(); ++i) {
        if (m_config->itemData(i).toString() == configIdOrAlias || m_config->itemText(i).contains(configIdOrAlias)) {
            m_config->setCurrentIndex(i);
            return;
        }
    }
    m_config->setEditText(configIdOrAlias);
}

void DeviceSelection::setBatches(const QString &batches)
{
    m_batches->setText(batches);
}

void DeviceSelection::setDateRange(const QDateTime &from, const QDateTime &to)
{
    m_useFrom->setChecked(from.isValid());
    if (from.isValid())
        m_from->setDateTime(from);
    m_useTo->setChecked(to.isValid());
    if (to.isValid())
        m_to->setDateTime(to);
}

bool DeviceSelection::addTo(QUrlQuery *query, const QString &batchKey, QString *error) const
{
    // An ID from the list, or typed (ID or alias).
    QString config = m_config->currentData().toString();
    if (config.isEmpty() || m_config->currentText() != m_config->itemText(m_config->currentIndex()))
        config = m_config->currentText().trimmed();
    if (config.isEmpty()) {
        *error = tr("Pick a configuration.");
        return false;
    }
    // An alias may hold '&', '=', '+' or '#': encoded whole.
    query->addQueryItem(ConfigId::parse(config).ok() ? QStringLiteral("configId") : QStringLiteral("configAlias"),
        QString::fromLatin1(QUrl::toPercentEncoding(config)));
    const QString batches = m_batches->text().trimmed();
    if (!batches.isEmpty()) {
        if (const auto parsed = IdRangeList::parse(batches, IdRangeList::Radix::Decimal); !parsed) {
            *error = tr("Batches: %1").arg(parsed.error().message);
            return false;
        }
        query->addQueryItem(batchKey, batches);
    }
    if (m_useFrom->isChecked())
        query->addQueryItem(QStringLiteral("from"), m_from->dateTime().toUTC().toString(Qt::ISODate));
    if (m_useTo->isChecked())
        query->addQueryItem(QStringLiteral("to"), m_to->dateTime().toUTC().toString(Qt::ISODate));
    return true;
}

} // namespace prov::gui
