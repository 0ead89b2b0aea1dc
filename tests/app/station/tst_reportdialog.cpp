#include "ApiTestSupport.h"
#include "GuiTestSupport.h"
#include "TestPackages.h"

#include "servermode/DeviceSelection.h"
#include "servermode/PackagesPage.h"
#include "servermode/ReportDialog.h"
#include "servermode/ServerModeWindow.h"
#include "support/ApiClient.h"

#include "domain/RunRecord.h"
#include "server/store/ServerStore.h"

#include <QDir>
#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUuid>

using namespace prov;
using namespace prov::gui;
using namespace Qt::StringLiterals;

/// Server mode's device report dialog against a real provstation-server: the
/// server's templates and their parameters, and the CSV it saves is the one
/// `provstation-server report` writes for the same choices.
class TestReportDialog : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::ApiServerFixture> m_server;
    ApiClient m_api;
    QTemporaryDir m_out;
    static inline const QString kConfig = u"0x0000000000000045"_s;

    static void storeRun(server::ServerStore &store, const QString &node, qint64 batch, int result, qint64 at)
    {
        domain::RunRecord run;
        run.uuid = QUuid::createUuid();
        run.station = u"line1-st3"_s;
        run.slot = u"A1"_s;
        run.operation = u"PROVISION"_s;
        run.meter = u"meter_kv2c"_s;
        run.configId = kConfig;
        run.revision = 1;
        run.batch = batch;
        run.nodeId = node;
        run.emcmId = u"0011223344556677"_s + node.right(8);
        run.meterSerial = u"SN-"_s + node.right(4);
        run.result = result;
        run.startedAtMs = at;
        run.finishedAtMs = at + 5000;
        auto stored = store.runs().store(run);
        QVERIFY2(stored, qPrintable(stored ? QString() : stored.error().message));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<test::ApiServerFixture>(u"sqlite"_s);
        {
            auto store = m_server->scratch().open();
            QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
            server::PackageStore::ImportOptions options;
            options.actor = u"cli:test"_s;
            const crypto::RsaPrivateKey kms = test::makeKmsKey();
            auto imported = store.value()->packages().import(
                test::makeVerifiedPackage({}, kms.publicKey(), m_server->scratch().scratchDir() + u"/q"_s), options);
            QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().message));
            const qint64 t0 = 1'800'000'000'000;
            storeRun(*store.value(), u"0x00010001"_s, 1000, 0, t0);
            storeRun(*store.value(), u"0x00010002"_s, 1000, 134, t0 + 1000);
            storeRun(*store.value(), u"0x00010003"_s, 1001, 0, t0 + 2000);
        }
        QVERIFY2(m_server->start(), qPrintable(m_server->error()));
        m_api.setBaseUrl(QUrl(m_server->url(QString())));
        m_api.setToken(QString::fromLatin1(m_server->adminToken));
        QVERIFY(m_out.isValid());
    }

    void cleanupTestCase() { m_server.reset(); }

    void theServersTemplatesAndTheirParameters()
    {
        ReportDialog dialog(&m_api, {});
        QSignalSpy listed(&dialog, &ReportDialog::templatesListed);
        QTRY_COMPARE_WITH_TIMEOUT(listed.size(), 1, 30000);
        QCOMPARE(dialog.templateNames(), (QStringList {u"devices"_s, u"carrier-host-identity"_s}));
        QVERIFY(dialog.parameterNames().isEmpty());
        QVERIFY(dialog.saveButton()->isEnabled());
        QVERIFY(dialog.setTemplate(u"carrier-host-identity"_s));
        QCOMPARE(dialog.parameterNames(), QStringList {u"manufacturer"_s});
        QVERIFY(!dialog.setTemplate(u"carrier"_s));
    }

    void savesTheCsvTheCommandLineWrites()
    {
        ReportDialog dialog(&m_api, {});
        dialog.show();
        QSignalSpy listed(&dialog, &ReportDialog::templatesListed);
        QTRY_COMPARE_WITH_TIMEOUT(listed.size(), 1, 30000);
        const QString path = m_out.filePath(u"host-identity.csv"_s);
        const QString maker = u"Meters & Co = A+B, Inc."_s;
        dialog.selection()->setConfiguration(kConfig);
        dialog.selection()->setBatches(u"1000"_s);
        QVERIFY(dialog.setTemplate(u"carrier-host-identity"_s));
        dialog.setOutputFile(path);

        // A parameter left empty: said so, nothing written.
        QSignalSpy failed(&dialog, &ReportDialog::failed);
        dialog.saveReport();
        QCOMPARE(failed.size(), 1);
        QVERIFY2(dialog.errorText().contains(u"manufacturer"_s), qPrintable(dialog.errorText()));
        QVERIFY(!QFile::exists(path));

        dialog.setParameter(u"manufacturer"_s, maker);
        QSignalSpy saved(&dialog, &ReportDialog::saved);
        dialog.saveReport();
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, 60000);
        QCOMPARE(saved.at(0).at(0).toString(), path);
        QCOMPARE(saved.at(0).at(1).toInt(), 1); // batch 1000: one device whose last run passed
        QVERIFY2(dialog.resultText().contains(path), qPrintable(dialog.resultText()));
        test::saveScreenshot(&dialog, u"server-report"_s);

        const test::ProcessResult cli = m_server->command({u"report"_s, u"--config-id"_s, kConfig, u"--batch"_s,
            u"1000"_s, u"--template"_s, u"carrier-host-identity"_s, u"--set"_s, u"manufacturer="_s + maker});
        QVERIFY2(cli.exitCode == 0, cli.stdErr.constData());
        QCOMPARE(test::readFile(path), cli.stdOut);
        QVERIFY(cli.stdOut.contains("\"Meters & Co = A+B, Inc.\""));
    }

    void refusalsLeaveNoFile()
    {
        ReportDialog dialog(&m_api, {});
        QSignalSpy listed(&dialog, &ReportDialog::templatesListed);
        QTRY_COMPARE_WITH_TIMEOUT(listed.size(), 1, 30000);
        const QString path = m_out.filePath(u"refused.csv"_s);
        dialog.setOutputFile(path);
        QSignalSpy failed(&dialog, &ReportDialog::failed);

        // Checked in the dialog.
        dialog.selection()->setConfiguration(kConfig);
        dialog.selection()->setBatches(u"5-1"_s);
        dialog.saveReport();
        QCOMPARE(failed.size(), 1);
        QVERIFY2(dialog.errorText().startsWith(u"Batches:"_s), qPrintable(dialog.errorText()));

        // Refused by the server, in its words.
        dialog.selection()->setBatches(QString());
        dialog.selection()->setConfiguration(u"NO-SUCH-ALIAS"_s);
        dialog.saveReport();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 2, 30000);
        QVERIFY2(dialog.errorText().contains(u"NO-SUCH-ALIAS"_s), qPrintable(dialog.errorText()));
        QVERIFY(!QFile::exists(path));
        QCOMPARE(QDir(m_out.path()).entryList({u"refused*"_s}, QDir::Files | QDir::Hidden), QStringList());
    }

    void packagesPageOpensTheDialog()
    {
        ServerModeWindow window(&m_api);
        window.show();
        auto *button = window.packagesPage()->findChild<QPushButton *>(u"report"_s);
        QVERIFY(button);
        button->click();
        ReportDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<ReportDialog *>()) && dialog->isVisible());
        dialog->close();
    }
};

QTEST_MAIN(TestReportDialog)
#include "tst_reportdialog.moc"
