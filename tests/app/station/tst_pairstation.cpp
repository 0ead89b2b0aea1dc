// Server mode's Stations page against a real provstation-server over TLS:
// "Pair a station…" makes a code that a station's PairingClient then pairs
// with, showing the code, the address to type, the time left and the key the
// station will see; "Revoke" ends the station's token at once.
#include "GuiTestSupport.h"
#include "HttpTestSupport.h"
#include "TestSupport.h"

#include "engine/PairingClient.h"
#include "servermode/PairStationDialog.h"
#include "servermode/StationsPage.h"
#include "support/ApiClient.h"

#include <QApplication>
#include <QClipboard>
#include <QJsonArray>
#include <QJsonObject>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace prov;
using namespace prov::gui;
using namespace prov::test;
using namespace Qt::StringLiterals;

namespace {

template<typename T>
void whenModal(QObject *context, std::function<void(T *)> act, int triesLeft = 400)
{
    QTimer::singleShot(25, context, [context, act, triesLeft] {
        if (auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget()))
            return act(dialog);
        if (triesLeft > 0)
            whenModal<T>(context, act, triesLeft - 1);
    });
}

} // namespace

class TestPairStation : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ServerProcess m_server;
    QString m_pin;
    ApiClient m_api;
    QString m_code;

    Result<ApiResponse> call(QNetworkReply *reply)
    {
        std::optional<Result<ApiResponse>> result;
        m_api.whenFinished(reply, this, [&result](const Result<ApiResponse> &r) { result = r; });
        if (!QTest::qWaitFor([&result] { return result.has_value(); }, 60000))
            return makeError(ResultCode::ServerUnreachable, u"no answer within 60 s"_s);
        return *result;
    }

    int activeStationTokens(const QString &station)
    {
        const auto tokens = call(m_api.get(u"/tokens"_s));
        if (!tokens)
            return -1;
        int n = 0;
        for (const QJsonValue &v : tokens->json.object().value(QLatin1String("tokens")).toArray()) {
            const QJsonObject t = v.toObject();
            n += t.value(QLatin1String("owner")).toString() == station && !t.value(QLatin1String("revoked")).toBool()
                ? 1
                : 0;
        }
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const ProcessResult cert = runProcess(u"sh"_s,
            {u"-c"_s,
                u"openssl req -x509 -newkey rsa:2048 -nodes -days 2 -keyout server.key -out server.pem "
                "-subj /CN=provserver.test 2>/dev/null && openssl x509 -in server.pem -pubkey -noout "
                "| openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64"_s},
            {}, 60000, m_dir.path());
        QVERIFY2(cert.exitCode == 0, cert.stdErr.constData());
        m_pin = u"sha256//"_s + QString::fromLatin1(cert.stdOut.trimmed());
        const QStringList globals {
            u"--data-dir"_s, m_dir.filePath(u"server"_s), u"--master-key-file"_s, m_dir.filePath(u"master.key"_s)};
        const ProcessResult admin = runProcess(binPath(u"provstation-server"_s),
            globals + QStringList {u"user"_s, u"add"_s, u"ada"_s, u"--role"_s, u"admin"_s}, "correct horse battery\n");
        QVERIFY2(admin.exitCode == 0, admin.stdErr.constData());
        QVERIFY2(m_server.start(binPath(u"provstation-server"_s),
                     globals
                         + QStringList {u"--listen"_s, u"127.0.0.1:0"_s, u"--tls-cert"_s,
                             m_dir.filePath(u"server.pem"_s), u"--tls-key"_s, m_dir.filePath(u"server.key"_s)}),
            qPrintable(m_server.errorText()));
        m_api.setBaseUrl(QUrl(u"https://127.0.0.1:%1/"_s.arg(m_server.port())));
        QVERIFY(m_api.setCertificatePins({m_pin}));
        const auto session = call(m_api.postJson(u"/session"_s,
            QJsonDocument(QJsonObject {{u"user"_s, u"ada"_s}, {u"password"_s, u"correct horse battery"_s}})));
        QVERIFY2(session, qPrintable(session ? QString() : session.error().message));
        m_api.setToken(session->json.object().value(QLatin1String("token")).toString());
    }

    void cleanupTestCase() { m_server.stop(); }

    void theAddressToTypeNamesThisComputerNotLoopback()
    {
        QCOMPARE(PairStationDialog::stationAddresses(QUrl(u"https://provserver.line1:9000/"_s)),
            QStringList {u"provserver.line1:9000"_s});
        const QStringList local = PairStationDialog::stationAddresses(QUrl(u"http://127.0.0.1:8085"_s));
        QVERIFY(!local.isEmpty());
        for (const QString &a : local)
            QVERIFY2(a.endsWith(u":8085"_s), qPrintable(a));
        QVERIFY2(!local.first().startsWith(u"127."_s) || local.size() == 1, qPrintable(local.join(u' ')));
    }

    void thePagesCodePairsAStation()
    {
        StationsPage page(&m_api);
        page.show();
        QString error;
        QString address;
        QString validity;
        QString serverKey;
        QString clipboard;
        whenModal<PairStationDialog>(this, [&](PairStationDialog *dialog) {
            dialog->submit();
            error = dialog->errorText();
            dialog->nameField()->setText(u"st9"_s);
            dialog->submit();
            QTRY_VERIFY_WITH_TIMEOUT(!dialog->code().isEmpty() || !dialog->errorText().isEmpty(), 30000);
            m_code = dialog->code();
            address = dialog->addressText();
            validity = dialog->validityText();
            serverKey = dialog->serverKey();
            dialog->copyButton()->click();
            clipboard = QApplication::clipboard()->text();
            saveScreenshot(dialog, u"pair-station"_s);
            dialog->accept();
        });
        page.pairButton()->click();

        QVERIFY2(error.contains(u"station's name"_s), qPrintable(error));
        QVERIFY2(QRegularExpression(u"^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$"_s)
                     .match(m_code)
                     .hasMatch(),
            qPrintable(m_code));
        QCOMPARE(clipboard, m_code);
        QVERIFY2(address.contains(u":%1"_s.arg(m_server.port())), qPrintable(address));
        QVERIFY2(validity.startsWith(u"Valid until"_s) && validity.contains(u"left"_s), qPrintable(validity));
        QCOMPARE(serverKey, m_pin);

        // A station pairs with it, and sees the key the dialog showed.
        engine::PairingClient client;
        std::optional<Result<engine::PairingClient::Paired>> paired;
        client.pair(QUrl(u"https://127.0.0.1:%1/"_s.arg(m_server.port())), m_code,
            [&paired](const Result<engine::PairingClient::Paired> &r) { paired = r; });
        QTRY_VERIFY_WITH_TIMEOUT(paired.has_value(), 60000);
        QVERIFY2(paired->ok(), qPrintable(paired->ok() ? QString() : paired->error().message));
        QCOMPARE(paired->value().station, u"st9"_s);
        QCOMPARE(paired->value().pin.toString(), serverKey);
        QCOMPARE(activeStationTokens(u"st9"_s), 1);
    }

    void revokeEndsTheStationsTokens()
    {
        StationsPage page(&m_api);
        QSignalSpy revoked(&page, &StationsPage::stationRevoked);
        page.revokeStation(u"st9"_s);
        QTRY_COMPARE_WITH_TIMEOUT(revoked.count(), 1, 30000);
        QCOMPARE(activeStationTokens(u"st9"_s), 0);
        // Nothing left to revoke: said, not silent.
        page.revokeStation(u"st9"_s);
        QTRY_VERIFY_WITH_TIMEOUT(page.statusText().contains(u"Cannot revoke station st9"_s), 30000);
        QCOMPARE(revoked.count(), 1);
    }
};

QTEST_MAIN(TestPairStation)
#include "tst_pairstation.moc"
