// SettingsDialog: the slot groups and their run options (Slots page).
#include "settings/SettingsDialog.h"
#include "settings/SettingsDialogTables.h"

#include <QCheckBox>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace prov::gui {

using namespace settingsdialog;

QWidget *SettingsDialog::buildGroupBox(QWidget *parent)
{
    auto *box = new QGroupBox(tr("Run options by slot group"), parent);
    auto *layout = new QVBoxLayout(box);
    auto *hint = new QLabel(tr("A slot belongs to the group named in its Group column; slots of no group run with "
                               "the station's defaults. The slots show the options that apply to them."),
        box);
    hint->setWordWrap(true);
    m_groupTable = new QTableWidget(0, GroupColumns, box);
    m_groupTable->setObjectName(QStringLiteral("slotGroups"));
    m_groupTable->setHorizontalHeaderLabels(
        {tr("Group"), tr("Join timeout"), tr("Factory configuration"), tr("Skip keys"), tr("Skip lock")});
    m_groupTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_groupTable->horizontalHeader()->setSectionResizeMode(GroupName, QHeaderView::Stretch);
    m_groupTable->setSelectionMode(QAbstractItemView::NoSelection);
    layout->addWidget(hint);
    layout->addWidget(m_groupTable);
    connect(m_slotTable, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (item->column() == ColGroup)
            refreshGroupRows();
    });
    return box;
}

QMap<QString, SlotRunOptions> SettingsDialog::groupOptions() const
{
    QMap<QString, SlotRunOptions> groups;
    for (int row = 0; row < m_groupTable->rowCount(); ++row) {
        SlotRunOptions o;
        o.joinTimeoutS = qobject_cast<QSpinBox *>(m_groupTable->cellWidget(row, GroupJoinTimeout))->value();
        const auto checked = [this, row](int column) {
            return qobject_cast<QCheckBox *>(m_groupTable->cellWidget(row, column))->isChecked();
        };
        o.factoryConfig = checked(GroupFactoryConfig);
        o.skipKeys = checked(GroupSkipKeys);
        o.skipLock = checked(GroupSkipLock);
        groups.insert(m_groupTable->item(row, GroupName)->text(), o);
    }
    return groups;
}

void SettingsDialog::refreshGroupRows()
{
    if (!m_groupTable)
        return;
    // What the rows show now outlives them: a group renamed back keeps its options.
    const QMap<QString, SlotRunOptions> shown = groupOptions();
    for (auto it = shown.cbegin(); it != shown.cend(); ++it)
        m_groups.insert(it.key(), it.value());
    QStringList names;
    for (int row = 0; row < m_slotTable->rowCount(); ++row) {
        const QTableWidgetItem *item = m_slotTable->item(row, ColGroup);
        const QString name = item ? item->text().trimmed() : QString();
        if (!name.isEmpty() && !names.contains(name))
            names << name;
    }
    m_groupTable->setRowCount(0);
    for (const QString &name : std::as_const(names)) {
        const SlotRunOptions o = m_groups.value(name);
        const int row = m_groupTable->rowCount();
        m_groupTable->insertRow(row);
        auto *item = new QTableWidgetItem(name);
        item->setFlags(item->flags() & ~Qt::ItemIsEditable);
        m_groupTable->setItem(row, GroupName, item);
        auto *timeout = new QSpinBox(m_groupTable);
        timeout->setObjectName(QStringLiteral("joinTimeout"));
        timeout->setRange(0, SlotRunOptions::kMaxJoinTimeoutS);
        timeout->setSuffix(tr(" s"));
        timeout->setSpecialValueText(tr("station's"));
        timeout->setValue(o.joinTimeoutS);
        m_groupTable->setCellWidget(row, GroupJoinTimeout, timeout);
        const auto check = [this, row](int column, const char *objectName, bool on) {
            auto *box = new QCheckBox(m_groupTable);
            box->setObjectName(QLatin1String(objectName));
            box->setChecked(on);
            m_groupTable->setCellWidget(row, column, box);
        };
        check(GroupFactoryConfig, "factoryConfig", o.factoryConfig);
        check(GroupSkipKeys, "skipKeys", o.skipKeys);
        check(GroupSkipLock, "skipLock", o.skipLock);
    }
}

} // namespace prov::gui
