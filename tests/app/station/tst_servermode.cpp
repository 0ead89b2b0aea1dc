#include "GuiTestSupport.h"
#include "ServerFixture.h"

#include "servermode/AuditPage.h"
#include "servermode/DeviceSelection.h"
#include "servermode/ExportDialog.h"
#include "servermode/HistoryPage.h"
#include "servermode/ImportDialog.h"
#include "servermode/PackagesPage.h"
#include "servermode/ServerModeWindow.h"
#include "servermode/StationsPage.h"
#include "servermode/UsersPage.h"
#include "servermode/YieldPage.h"
#include "settings/StationSettings.h"
#include "support/SoundPlayer.h"
#include "window/HeaderBar.h"
#include "window/LoginDialog.h"
#include "window/StationWindow.h"

#include "crypto/RsaKeys.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QFile>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTimer>
#include <QUuid>
#include <QXmlStreamReader>

using namespace prov;
using namespace prov::gui;
using namespace Qt::StringLiterals;

/// The server-mode window and the station's logins against a real
/// provstation-server: first admin, users, tokens, audit chain, roles,
/// package import (dry run, then import, and a wrong passphrase) and export.
class TestServerMode : public QObject
{
    Q_OBJECT

private:
    test::ServerFixture m_server;
    std::unique_ptr<ServerModeWindow> m_window;
    static constexpr const char *kOperatorPassword = "operator password 1";
    QString m_stationToken; ///< line1-st1's

    /// A record of line1-st1 whose run never finished (pending), as its outbox sends it.
    bool postPendingRecord(const QString &nodeId)
    {
        const QString saved = m_server.api.token();
        m_server.api.setToken(m_stationToken);
        const auto config = m_server.call(m_server.api.get(u"/configurations/0x0000000000000045"_s));
        bool posted = false;
        if (config) {
            const QJsonObject c = config->json.object();
            const QJsonObject kms = c.value(u"kmsPublicKey"_s).toObject();
            const auto key = crypto::RsaPublicKey::fromPem(kms.value(u"pem"_s).toString().toLatin1());
            const auto blob = key ? key->encryptOaep(crypto::SecretBytes(16)) : Result<QByteArray>(key.error());
            const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
            const QJsonObject node = c.value(u"node"_s).toObject();
            const auto answer = m_server.call(m_server.api.postJson(u"/escrow"_s,
                QJsonDocument(QJsonObject {{u"uuid"_s, QUuid::createUuid().toString(QUuid::WithoutBraces)},
                    {u"nodeId"_s, nodeId}, {u"configId"_s, c.value(u"configId"_s)},
                    {u"revision"_s, c.value(u"revision"_s)}, {u"batch"_s, 50}, {u"nodeType"_s, node.value(u"type"_s)},
                    {u"nodeVersion"_s, node.value(u"version"_s)}, {u"provisionedAt"_s, now}, {u"sentAt"_s, now},
                    {u"state"_s, u"pending"_s},
                    {u"nodeRootKey"_s, blob ? QString::fromLatin1(blob->toBase64()) : QString()},
                    {u"kmsKey"_s, kms.value(u"fingerprint"_s)}})));
            posted = answer.ok();
            if (!answer)
                qWarning("escrow upload: %s", qPrintable(answer.error().message));
        }
        m_server.api.setToken(saved);
        return posted;
    }

    static bool tableContains(QTableWidget *table, int column, const QString &text)
    {
        for (int row = 0; row < table->rowCount(); ++row) {
            if (table->item(row, column) && table->item(row, column)->text() == text)
                return true;
        }
        return false;
    }

    /// Runs `fill` on the next modal dialog that opens (with that object name, if given).
    void onNextModal(std::function<void(QWidget *)> fill, const QString &name = {})
    {
        auto *timer = new QTimer(this);
        timer->setInterval(20);
        connect(timer, &QTimer::timeout, this, [timer, fill, name] {
            // The newest visible dialog (activeModalWidget() is not always set offscreen).
            QWidget *modal = nullptr;
            const QWidgetList windows = QApplication::topLevelWidgets();
            for (QWidget *w : windows) {
                if (qobject_cast<QDialog *>(w) && w->isVisible() && (name.isEmpty() || w->objectName() == name))
                    modal = w;
            }
            if (modal) {
                timer->stop();
                timer->deleteLater();
                fill(modal);
            }
        });
        timer->start();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_server.start(), "provstation-server did not come up"); }

    void cleanupTestCase()
    {
        m_window.reset();
        QVERIFY(m_server.process->stop());
    }

    void firstAdminFromTheSetupToken()
    {
        // The window offers the first-admin form when the server printed a setup token.
        onNextModal([](QWidget *dialog) {
            QCOMPARE(dialog->objectName(), u"firstAdminDialog"_s);
            dialog->findChild<QLineEdit *>(u"user"_s)->setText(QString::fromLatin1(test::ServerFixture::kAdmin));
            dialog->findChild<QLineEdit *>(u"password"_s)
                ->setText(QString::fromLatin1(test::ServerFixture::kAdminPassword));
            dialog->findChild<QLineEdit *>(u"again"_s)
                ->setText(QString::fromLatin1(test::ServerFixture::kAdminPassword));
            test::saveScreenshot(dialog, u"server-first-admin"_s);
            const QList<QPushButton *> buttons = dialog->findChildren<QPushButton *>();
            for (QPushButton *b : buttons) {
                if (b->text() == u"OK"_s || b->text() == u"&OK"_s)
                    b->click();
            }
        });
        m_window = std::make_unique<ServerModeWindow>(&m_server.api, m_server.process.get());
        m_window->show();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->session().isValid(), 60000);
        QCOMPARE(m_window->session().role, u"admin"_s);
        m_server.adminCreatedBy(m_window->session().token);
        // HTTPS with the server's own certificate: the Stations page shows where
        // stations connect and the key pin the server printed.
        QVERIFY(m_window->stationsPage()->serverIdentityText().contains(m_server.process->pin()));
        QVERIFY(m_server.process->pin().startsWith(u"sha256//"_s));
        QCOMPARE(m_server.process->url().scheme(), u"https"_s);
        QTRY_VERIFY(m_window->healthText().contains(u"sqlite"_s));
    }

    void usersAndStationTokens()
    {
        UsersPage *users = m_window->usersPage();
        QSignalSpy refreshed(users, &UsersPage::refreshed);
        users->addUser(u"olga"_s, u"operator"_s, QString::fromLatin1(kOperatorPassword));
        QTRY_VERIFY_WITH_TIMEOUT(tableContains(users->usersTable(), 0, u"olga"_s), 30000);
        QSignalSpy issued(users, &UsersPage::tokenIssued);
        users->issueToken(u"line1-st1"_s);
        QTRY_COMPARE_WITH_TIMEOUT(issued.size(), 1, 30000);
        QVERIFY(issued.at(0).at(1).toString().size() > 20);
        m_stationToken = issued.at(0).at(1).toString();
        QTRY_VERIFY(tableContains(users->tokensTable(), 2, u"line1-st1"_s));
        // A refusal is shown as the server words it.
        QSignalSpy failed(users, &UsersPage::failed);
        users->addUser(u"olga"_s, u"operator"_s, QString::fromLatin1(kOperatorPassword));
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 30000);
        QVERIFY2(users->statusText().contains(u"already exists"_s), qPrintable(users->statusText()));
        m_window->tabs()->setCurrentWidget(users);
        test::saveScreenshot(m_window.get(), u"server-users"_s);
    }

    void auditLogAndChain()
    {
        AuditPage *audit = m_window->auditPage();
        QSignalSpy refreshed(audit, &AuditPage::refreshed);
        audit->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.size() > 0, 30000);
        QVERIFY(audit->table()->rowCount() >= 2); // the admin and olga at least
        QSignalSpy verified(audit, &AuditPage::verified);
        audit->verifyChain();
        QTRY_COMPARE_WITH_TIMEOUT(verified.size(), 1, 30000);
        QVERIFY(verified.at(0).at(0).toBool());
        QVERIFY2(audit->verificationText().contains(u"intact"_s), qPrintable(audit->verificationText()));
        m_window->tabs()->setCurrentWidget(audit);
        test::saveScreenshot(m_window.get(), u"server-audit"_s);
    }

    void pagesShowOnlyTheirNewestAnswer()
    {
        // Asking again before the answer (another period, Refresh pressed
        // twice): the older answer, arriving in the same wait, is not shown
        // over the newer one.
        StationsPage stations(&m_server.api);
        QSignalSpy listed(&stations, &StationsPage::refreshed);
        stations.periodBox()->setCurrentIndex(2);
        stations.periodBox()->setCurrentIndex(0);
        QTRY_VERIFY2_WITH_TIMEOUT(listed.size() >= 1, qPrintable(stations.statusText()), 30000);
        QTest::qWait(500);
        QCOMPARE(listed.size(), 1);
        QVERIFY2(!stations.statusText().startsWith(u"Cannot"_s), qPrintable(stations.statusText()));

        AuditPage audit(&m_server.api);
        QSignalSpy read(&audit, &AuditPage::refreshed);
        audit.refresh();
        audit.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(read.size() >= 1, 30000);
        QTest::qWait(500);
        QCOMPARE(read.size(), 1);
        QVERIFY(audit.table()->rowCount() >= 2);
    }

    void wrongPasswordShowsTheServersWords()
    {
        ApiClient api;
        api.setBaseUrl(m_server.api.baseUrl());
        QVERIFY(api.setCertificatePins({m_server.process->pin()})); // the server's own certificate
        LoginDialog dialog(&api);
        dialog.userField()->setText(u"olga"_s);
        dialog.passwordField()->setText(u"not her password"_s);
        dialog.submit();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.errorText().isEmpty(), 30000);
        QCOMPARE(dialog.errorText(), u"Wrong user name or password."_s);
        QVERIFY(!dialog.session().isValid());
    }

    void aSupervisorRunsTheLineButNotUsersOrKeys()
    {
        // A supervisor may use server mode for the line (packages, stations,
        // history, yield, reports) but never sees users, the audit log, key
        // export or package import; the same window back with the admin.
        UsersPage *users = m_window->usersPage();
        users->addUser(u"sam"_s, u"supervisor"_s, u"sam's long password"_s);
        QTRY_VERIFY_WITH_TIMEOUT(tableContains(users->usersTable(), 0, u"sam"_s), 30000);
        const UserSession admin = m_window->session();
        const auto restore = qScopeGuard([&] { m_window->setSession(admin); });

        ApiClient api;
        api.setBaseUrl(m_server.api.baseUrl());
        QVERIFY(api.setCertificatePins({m_server.process->pin()}));
        LoginDialog dialog(&api);
        dialog.userField()->setText(u"sam"_s);
        dialog.passwordField()->setText(u"sam's long password"_s);
        dialog.submit();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.session().isValid(), 30000);
        QCOMPARE(dialog.session().role, u"supervisor"_s);
        m_window->setSession(dialog.session());

        QTabWidget *tabs = m_window->tabs();
        QVERIFY(tabs->isTabVisible(tabs->indexOf(m_window->packagesPage())));
        QVERIFY(tabs->isTabVisible(tabs->indexOf(m_window->stationsPage())));
        QVERIFY(tabs->isTabVisible(tabs->indexOf(m_window->historyPage())));
        QVERIFY(tabs->isTabVisible(tabs->indexOf(m_window->yieldPage())));
        QVERIFY(!tabs->isTabVisible(tabs->indexOf(users)));
        QVERIFY(!tabs->isTabVisible(tabs->indexOf(m_window->auditPage())));
        PackagesPage *packages = m_window->packagesPage();
        QVERIFY(!packages->findChild<QPushButton *>(u"import"_s)->isVisibleTo(packages));
        QVERIFY(!packages->findChild<QPushButton *>(u"export"_s)->isVisibleTo(packages));
        QVERIFY(packages->findChild<QPushButton *>(u"report"_s)->isVisibleTo(packages));

        m_window->setSession(admin);
        QVERIFY(tabs->isTabVisible(tabs->indexOf(users)));
        QVERIFY(packages->findChild<QPushButton *>(u"export"_s)->isVisibleTo(packages));
    }

    void stationSettingsNeedASupervisorOrAdmin()
    {
        QTemporaryDir dir;
        StationSettings settings(dir.filePath(u"station.ini"_s));
        settings.setServerUrl(m_server.api.baseUrl());
        settings.setCertificatePins({m_server.process->pin()});
        settings.setLanguage(u"en"_s);
        ApiClient api;
        SoundPlayer sounds;
        WindowServices services;
        services.settings = &settings;
        services.api = &api;
        services.sounds = &sounds;
        StationWindow station(services);
        station.show();

        // An operator logs in when asked for a supervisor: refused.
        onNextModal([](QWidget *modal) {
            auto *login = qobject_cast<LoginDialog *>(modal);
            QVERIFY(login);
            login->userField()->setText(u"olga"_s);
            login->passwordField()->setText(QString::fromLatin1(kOperatorPassword));
            login->submit();
        });
        QVERIFY(!station.openSettings());
        QCOMPARE(station.session().role, u"operator"_s);
        QVERIFY2(station.lastRefusal().contains(u"olga is logged in as operator"_s), qPrintable(station.lastRefusal()));

        // The admin may.
        onNextModal([](QWidget *modal) {
            auto *login = qobject_cast<LoginDialog *>(modal);
            QVERIFY(login);
            login->userField()->setText(QString::fromLatin1(test::ServerFixture::kAdmin));
            login->passwordField()->setText(QString::fromLatin1(test::ServerFixture::kAdminPassword));
            login->submit();
        });
        // Then the settings dialog opens, in the admin's name: look at it and close it.
        QString roleInSettings;
        onNextModal(
            [&station, &roleInSettings](QWidget *modal) {
                roleInSettings = station.session().role;
                test::saveScreenshot(modal, u"station-settings-admin"_s);
                QMetaObject::invokeMethod(modal, "reject", Qt::QueuedConnection);
            },
            u"settingsDialog"_s);
        const QString operatorToken = station.session().token;
        QVERIFY(station.openSettings());
        QCOMPARE(roleInSettings, u"admin"_s);
        // The login taken for Settings ended with the dialog: the operator's is back.
        QCOMPARE(station.session().user, u"olga"_s);
        QCOMPARE(station.session().role, u"operator"_s);
        QCOMPARE(station.session().token, operatorToken);
        QCOMPARE(api.token(), operatorToken);
        // The operator's view of the packages list works with an operator token too.
        QVERIFY(station.header()->serverText().contains(u"connected"_s));
    }

    void importVerifyThenImport()
    {
        const QString demo = m_server.dir() + u"/demo"_s;
        const test::ProcessResult made
            = test::runProcess(test::binPath(u"provstation-pack"_s), {u"demo"_s, u"--out-dir"_s, demo});
        QVERIFY2(made.exitCode == 0, made.stdErr.constData());
        const QString passphrase = QString::fromUtf8(test::readFile(demo + u"/passphrase.txt"_s)).trimmed();

        ImportDialog *dialog = m_window->openImport();
        dialog->setPackageFile(demo + u"/demo-package.tar.gz"_s);
        dialog->setComment(u"line test"_s);

        // A wrong passphrase: refused, in the server's words, nothing stored.
        dialog->setPassphrase(u"not the passphrase"_s);
        QSignalSpy failed(dialog, &ImportDialog::failed);
        dialog->verify();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 60000);
        QVERIFY2(dialog->errorText().contains(u"passphrase"_s, Qt::CaseInsensitive), qPrintable(dialog->errorText()));
        QVERIFY(!dialog->importButton()->isEnabled());

        dialog->setPassphrase(passphrase);
        QSignalSpy verified(dialog, &ImportDialog::verified);
        dialog->verify();
        QTRY_COMPARE_WITH_TIMEOUT(verified.size(), 1, 60000);
        QVERIFY2(dialog->packageInfoText().contains(u"0x0000000000000045"_s), qPrintable(dialog->packageInfoText()));
        QVERIFY(dialog->packageInfoText().contains(u"DEMO-0045"_s));
        QVERIFY(dialog->packageInfoText().contains(u"UNODE"_s));
        QVERIFY(dialog->importButton()->isEnabled());
        test::saveScreenshot(dialog, u"server-import-verified"_s);

        QSignalSpy imported(dialog, &ImportDialog::imported);
        QSignalSpy listed(m_window->packagesPage(), &PackagesPage::refreshed);
        dialog->import();
        QTRY_COMPARE_WITH_TIMEOUT(imported.size(), 1, 60000);
        QVERIFY2(
            imported.at(0).at(0).toString().contains(u"revision 1"_s), qPrintable(imported.at(0).at(0).toString()));
        QTRY_VERIFY_WITH_TIMEOUT(listed.size() > 0, 30000);
        QTRY_VERIFY(tableContains(m_window->packagesPage()->table(), 0, u"0x0000000000000045"_s));
        dialog->close();
        m_window->tabs()->setCurrentIndex(0);
        test::saveScreenshot(m_window.get(), u"server-packages"_s);
    }

    void ctrlEOpensTheExportDialog()
    {
        m_window->tabs()->setCurrentIndex(0);
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QTest::keyClick(m_window.get(), Qt::Key_E, Qt::ControlModifier);
        ExportDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<ExportDialog *>()) && dialog->isVisible());
        dialog->close();
        dialog->deleteLater();
    }

    void ctrlTabGoesThroughThePages()
    {
        // From the packages table (which takes Tab for its cells) to the next page, and back.
        m_window->tabs()->setCurrentIndex(0);
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QWidget *table = m_window->tabs()->widget(0)->findChild<QAbstractItemView *>();
        QVERIFY(table);
        table->setFocus();
        QTest::keyClick(table, Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(m_window->tabs()->currentIndex(), 1);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(m_window->tabs()->currentIndex(), 0);
    }

    void exportSavesDeviceKeys()
    {
        ExportDialog *dialog = m_window->openExport();
        const QString out = m_server.dir() + u"/device_keys.xml"_s;
        dialog->selection()->setConfiguration(u"0x0000000000000045"_s);
        dialog->selection()->setBatches(u"1-100"_s);
        dialog->setOutputFile(out);
        QSignalSpy exported(dialog, &ExportDialog::exported);
        dialog->startExport();
        QTRY_COMPARE_WITH_TIMEOUT(exported.size(), 1, 60000);
        QVERIFY(QFile::exists(out));
        QXmlStreamReader xml(test::readFile(out));
        QVERIFY(xml.readNextStartElement());
        QCOMPARE(xml.name(), u"deviceKeys"_s);
        QCOMPARE(xml.attributes().value(u"count"_s).toInt(), dialog->devicesWritten());
        test::saveScreenshot(dialog, u"server-export"_s);
        QVERIFY(dialog->leftOutNodes().isEmpty());

        // A node whose latest provisioning never finished: left out, and named.
        QVERIFY(postPendingRecord(u"0x00000042"_s));
        QSignalSpy listed(dialog, &ExportDialog::leftOutListed);
        dialog->startExport();
        QTRY_COMPARE_WITH_TIMEOUT(listed.size(), 1, 60000);
        QCOMPARE(dialog->leftOutNodes(), QStringList {u"0x00000042"_s});
        QVERIFY(!test::readFile(out).contains("0x00000042"));
        auto *label = dialog->findChild<QLabel *>(u"leftOutLabel"_s);
        QVERIFY(label && label->isVisible());
        QVERIFY2(label->text().startsWith(u"1 node(s) left out"_s) || label->text().startsWith(u"1 node left out"_s),
            qPrintable(label->text()));
        QCOMPARE(dialog->findChild<QPlainTextEdit *>(u"leftOut"_s)->toPlainText(), u"0x00000042"_s);

        // A bad selection is refused before anything is written.
        dialog->selection()->setBatches(u"5-1"_s);
        QSignalSpy failed(dialog, &ExportDialog::failed);
        dialog->startExport();
        QTRY_COMPARE(failed.size(), 1);
        dialog->close();
    }
};

QTEST_MAIN(TestServerMode)
#include "tst_servermode.moc"
