#include "GuiTestSupport.h"
#include "RecordingBackend.h"
#include "TestSupport.h"
#include "WindowRig.h"

#include "scan/ScanEventFilter.h"
#include "settings/SettingsDialog.h"
#include "settings/SettingsDialogTables.h"
#include "settings/StationSettings.h"
#include "slots/SlotWidget.h"
#include "support/ApiClient.h"
#include "support/LanguageManager.h"
#include "support/SoundPlayer.h"
#include "window/LoginDialog.h"
#include "window/StationWindow.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace prov;
using namespace prov::gui;
using namespace Qt::StringLiterals;
using namespace prov::gui::settingsdialog;

/// Settings → Slots as a supervisor uses it: slots named into groups in the
/// slot table, each group's run options (join timeout, factory configuration,
/// skip keys, skip lock) set in the group table, OK; they are kept with the
/// station's settings, shown again when the dialog reopens and on the slots
/// they apply to; an operator cannot open the dialog to change them.
class TestSettingsDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    test::WindowRig m_rig;

    static UserSession session(const QString &role) { return UserSession {u"sam"_s, role, u"token-not-used"_s, {}}; }

    /// The row of the group table that shows `group`, or -1.
    static int groupRow(QTableWidget *groups, const QString &group)
    {
        for (int row = 0; row < groups->rowCount(); ++row) {
            if (groups->item(row, GroupName) && groups->item(row, GroupName)->text() == group)
                return row;
        }
        return -1;
    }

    template<typename W>
    static W *cell(QTableWidget *groups, int row, int column)
    {
        return qobject_cast<W *>(groups->cellWidget(row, column));
    }

    /// Opens Settings from the window and runs `use` on the dialog while it is open.
    bool withSettings(std::function<void(SettingsDialog *)> use)
    {
        QTimer::singleShot(100, this, [use] {
            if (auto *dialog = qobject_cast<SettingsDialog *>(QApplication::activeModalWidget()))
                use(dialog);
            else if (QWidget *other = QApplication::activeModalWidget())
                QMetaObject::invokeMethod(other, "reject", Qt::QueuedConnection); // a login dialog: nobody answers
        });
        return m_rig.window->openSettings();
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_rig.make(m_dir.path(), 3));
        m_rig.settings->sync();
        m_rig.makeWindow();
        m_rig.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_rig.window.get()));
    }

    void cleanup() { m_rig.reset(); }

    void groupRunOptionsAreSetKeptAndShown()
    {
        m_rig.window->setSession(session(u"supervisor"_s));
        QString problem;
        const bool opened = withSettings([&problem](SettingsDialog *dialog) {
            dialog->tabs()->setCurrentIndex(1);
            QTableWidget *slotTable = dialog->slotTable();
            QTableWidget *groups = dialog->groupTable();
            // No group named yet: no row of options.
            if (groups->rowCount() != 0)
                problem = u"%1 group rows before any group is named"_s.arg(groups->rowCount());
            // Slots 1 and 2 into "rework", slot 3 into "night".
            slotTable->item(0, ColGroup)->setText(u"rework"_s);
            slotTable->item(1, ColGroup)->setText(u"rework"_s);
            slotTable->item(2, ColGroup)->setText(u"night"_s);
            const int rework = groupRow(groups, u"rework"_s);
            const int night = groupRow(groups, u"night"_s);
            if (groups->rowCount() != 2 || rework < 0 || night < 0) {
                problem = u"the group table does not list rework and night"_s;
                return;
            }
            auto *timeout = cell<QSpinBox>(groups, rework, GroupJoinTimeout);
            timeout->selectAll();
            QTest::keyClicks(timeout, u"120"_s);
            QTest::keyClick(timeout, Qt::Key_Tab);
            for (int column : {GroupFactoryConfig, GroupSkipKeys, GroupSkipLock})
                cell<QCheckBox>(groups, rework, column)->click();
            cell<QCheckBox>(groups, night, GroupSkipLock)->click();
            test::saveScreenshot(dialog, u"settings-slot-groups"_s);
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        });
        QVERIFY(opened);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        // Kept with the station's settings: each slot names its group, each group its options.
        QSettings ini(m_dir.filePath(u"station.ini"_s), QSettings::IniFormat);
        QCOMPARE(ini.value(u"slots/1/group"_s).toString(), u"rework"_s);
        QCOMPARE(ini.value(u"slots/2/group"_s).toString(), u"rework"_s);
        QCOMPARE(ini.value(u"slots/3/group"_s).toString(), u"night"_s);
        QCOMPARE(ini.value(u"slotGroups/size"_s).toInt(), 2);
        const QMap<QString, SlotRunOptions> groups = m_rig.settings->slotGroups();
        SlotRunOptions rework;
        rework.joinTimeoutS = 120;
        rework.factoryConfig = true;
        rework.skipKeys = true;
        rework.skipLock = true;
        SlotRunOptions night;
        night.skipLock = true;
        QCOMPARE(groups.value(u"rework"_s), rework);
        QCOMPARE(groups.value(u"night"_s), night);

        // The slots show what their group changes in their runs.
        QTRY_COMPARE(m_rig.window->slotWidget(0)->runOptionsText(), rework.markers().join(u" \u00b7 "_s));
        QVERIFY(m_rig.window->slotWidget(0)->runOptionsText().contains(u"skip lock"_s));
        QCOMPARE(m_rig.window->slotWidget(2)->runOptionsText(), night.markers().join(u" \u00b7 "_s));

        // Opened again, the dialog shows the options as they were set.
        SlotRunOptions shownRework;
        SlotRunOptions shownNight;
        QVERIFY(withSettings([&](SettingsDialog *dialog) {
            QTableWidget *table = dialog->groupTable();
            const int r = groupRow(table, u"rework"_s);
            const int n = groupRow(table, u"night"_s);
            if (r >= 0 && n >= 0) {
                shownRework.joinTimeoutS = cell<QSpinBox>(table, r, GroupJoinTimeout)->value();
                shownRework.factoryConfig = cell<QCheckBox>(table, r, GroupFactoryConfig)->isChecked();
                shownRework.skipKeys = cell<QCheckBox>(table, r, GroupSkipKeys)->isChecked();
                shownRework.skipLock = cell<QCheckBox>(table, r, GroupSkipLock)->isChecked();
                shownNight.joinTimeoutS = cell<QSpinBox>(table, n, GroupJoinTimeout)->value();
                shownNight.skipLock = cell<QCheckBox>(table, n, GroupSkipLock)->isChecked();
                shownNight.skipKeys = cell<QCheckBox>(table, n, GroupSkipKeys)->isChecked();
            }
            // A group emptied of slots leaves the table; named again, it has its options back.
            dialog->slotTable()->item(2, ColGroup)->setText(QString());
            if (groupRow(table, u"night"_s) >= 0)
                shownNight.factoryConfig = true; // fails the comparison below
            dialog->slotTable()->item(2, ColGroup)->setText(u"night"_s);
            const int again = groupRow(table, u"night"_s);
            if (again < 0 || !cell<QCheckBox>(table, again, GroupSkipLock)->isChecked())
                shownNight.skipLock = false;
            dialog->reject();
        }));
        QCOMPARE(shownRework, rework);
        QCOMPARE(shownNight, night);
    }

    void anOperatorCannotChangeThem()
    {
        SlotRunOptions night;
        night.skipLock = true;
        m_rig.settings->setSlotGroups({{u"night"_s, night}});
        m_rig.settings->sync();
        m_rig.window->setSession(session(u"operator"_s));
        bool shown = false;
        // The window asks for a supervisor's login; nobody gives one: no dialog.
        QVERIFY(!withSettings([&shown](SettingsDialog *dialog) {
            shown = true;
            dialog->groupTable()->setRowCount(0);
            dialog->accept();
        }));
        QVERIFY(!shown);
        QVERIFY2(
            m_rig.window->lastRefusal().contains(u"supervisor or admin"_s), qPrintable(m_rig.window->lastRefusal()));
        QCOMPARE(m_rig.settings->slotGroups().value(u"night"_s), night);
    }

    void aTimeoutAloneIsAGroupOption()
    {
        // The dialog on its own (as the window makes it): a join timeout with
        // no other option is kept; a group with all options off is not stored.
        QList<SlotBinding> bindings = m_rig.settings->slotBindings();
        bindings[0].group = u"slow gateway"_s;
        bindings[1].group = u"plain"_s;
        m_rig.settings->setSlotBindings(bindings);
        SettingsDialog dialog(m_rig.settings.get(), nullptr, m_rig.backend->plugins());
        dialog.show();
        QTableWidget *table = dialog.groupTable();
        QCOMPARE(table->rowCount(), 2);
        const int slow = groupRow(table, u"slow gateway"_s);
        QVERIFY(slow >= 0);
        auto *timeout = cell<QSpinBox>(table, slow, GroupJoinTimeout);
        QCOMPARE(timeout->text(), timeout->specialValueText()); // 0: the station's own limit
        timeout->setValue(900);
        QVERIFY(dialog.save());
        const QMap<QString, SlotRunOptions> groups = m_rig.settings->slotGroups();
        QCOMPARE(groups.keys(), QStringList {u"slow gateway"_s});
        QCOMPARE(groups.value(u"slow gateway"_s).joinTimeoutS, 900);
        QVERIFY(!groups.value(u"slow gateway"_s).skipLock);
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
