// The station window's "Connect to server…" against a real provstation-server
// over TLS (a certificate made with `openssl req`), with codes from
// `provstation-server station pair`: a station with no server offers it at
// first start without a login; a mistyped or unknown code is said in plain
// words and stores nothing; a good code (typed in lower case, without dashes)
// stores the server's address and key and the station token where
// provstation-cli keeps them, and a window started afterwards with no server
// settings logs in to that server and its engine endpoint reaches it.
#include "GuiTestSupport.h"
#include "HttpTestSupport.h"
#include "TestSupport.h"

#include "crypto/PairingCode.h"
#include "engine/ServerClient.h"
#include "settings/ConnectDialog.h"
#include "settings/SecretStore.h"
#include "settings/StationServer.h"
#include "settings/StationSettings.h"
#include "support/ApiClient.h"
#include "support/SoundPlayer.h"
#include "window/HeaderBar.h"
#include "window/LoginDialog.h"
#include "window/StationWindow.h"

#include <QApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>

using namespace prov;
using namespace prov::gui;
using namespace prov::test;
using namespace Qt::StringLiterals;

namespace {

/// Calls `act` with the modal dialog of type T once it is shown (the window's
/// exec() is running then).
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

const QString kAdmin = u"ada"_s;
const QByteArray kPassword = "correct horse battery";

} // namespace

class TestConnectToServer : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ServerProcess m_server;
    QStringList m_globals;
    QString m_pin;
    std::unique_ptr<SecretStore> m_secrets;
    SoundPlayer m_sounds;

    ProcessResult server(const QStringList &args, const QByteArray &input = {})
    {
        return runProcess(binPath(u"provstation-server"_s), m_globals + args, input);
    }

    QString newCode(const QString &station)
    {
        const ProcessResult r = server({u"station"_s, u"pair"_s, u"--name"_s, station});
        return r.exitCode == 0 ? QString::fromLatin1(r.stdOut.trimmed().split('\n').last().trimmed()) : QString();
    }

    QString configFile() const { return m_dir.filePath(u"config/provstation/station-server.json"_s); }
    QString tokenFile() const { return m_dir.filePath(u"config/ProvStation/provstation/secrets/station-token"_s); }

    /// Runs the dialog's pairing to its end; the dialog as it ended.
    void pairWith(ConnectDialog &dialog, const QString &address, const QString &code)
    {
        dialog.addressField()->setText(address);
        dialog.codeField()->setText(code);
        dialog.submit();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), 60000);
    }

    struct Window
    {
        std::unique_ptr<StationSettings> settings;
        std::unique_ptr<ApiClient> api;
        std::unique_ptr<StationWindow> window;
    };

    Window newWindow(const QString &ini)
    {
        Window w;
        w.settings = std::make_unique<StationSettings>(m_dir.filePath(ini));
        w.settings->setLanguage(u"en"_s);
        w.api = std::make_unique<ApiClient>();
        WindowServices services;
        services.settings = w.settings.get();
        services.api = w.api.get();
        services.secrets = m_secrets.get();
        services.sounds = &m_sounds;
        w.window = std::make_unique<StationWindow>(services);
        w.window->show();
        return w;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // This station's configuration and secrets live in the test folder; no keychain.
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_dir.filePath(u"config"_s)));
        qputenv("PROVSTATION_SECRETS", "file");
        qunsetenv("PROVSTATION_TOKEN");
        QApplication::setOrganizationName(u"ProvStation"_s);
        QApplication::setApplicationName(u"provstation"_s);
        m_secrets = std::make_unique<SecretStore>();

        const ProcessResult cert = runProcess(u"sh"_s,
            {u"-c"_s,
                u"openssl req -x509 -newkey rsa:2048 -nodes -days 2 -keyout server.key -out server.pem "
                "-subj /CN=provserver.test 2>/dev/null && openssl x509 -in server.pem -pubkey -noout "
                "| openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64"_s},
            {}, 60000, m_dir.path());
        QVERIFY2(cert.exitCode == 0, cert.stdErr.constData());
        m_pin = u"sha256//"_s + QString::fromLatin1(cert.stdOut.trimmed());
        m_globals
            = {u"--data-dir"_s, m_dir.filePath(u"server"_s), u"--master-key-file"_s, m_dir.filePath(u"master.key"_s)};
        const ProcessResult admin = server({u"user"_s, u"add"_s, kAdmin, u"--role"_s, u"admin"_s}, kPassword + '\n');
        QVERIFY2(admin.exitCode == 0, admin.stdErr.constData());
        QVERIFY2(m_server.start(binPath(u"provstation-server"_s),
                     m_globals
                         + QStringList {u"--listen"_s, u"127.0.0.1:0"_s, u"--tls-cert"_s,
                             m_dir.filePath(u"server.pem"_s), u"--tls-key"_s, m_dir.filePath(u"server.key"_s)}),
            qPrintable(m_server.errorText()));
    }

    void cleanupTestCase() { m_server.stop(); }

    void aStationWithNoServerOffersConnectAtFirstStart()
    {
        Window w = newWindow(u"first.ini"_s);
        QVERIFY(!w.window->server().configured());
        QVERIFY2(w.window->header()->message().contains(u"not connected to a server"_s),
            qPrintable(w.window->header()->message()));
        // Logging in cannot work yet: the login dialog offers the way out, and
        // with no server at all nobody has to log in to take it.
        bool offered = false;
        bool connectOpened = false;
        whenModal<LoginDialog>(this, [&](LoginDialog *login) {
            offered = login->connectButton()->isVisible();
            whenModal<ConnectDialog>(this, [&](ConnectDialog *dialog) {
                connectOpened = true;
                prov::test::saveScreenshot(dialog, u"connect-to-server-empty"_s);
                dialog->reject();
            });
            login->connectButton()->click();
        });
        w.window->requestLogin();
        QVERIFY(offered);
        QVERIFY(connectOpened);
        QVERIFY(!QFile::exists(configFile()));
    }

    void aWrongCodeIsExplainedAndStoresNothing()
    {
        StationSettings settings(m_dir.filePath(u"wrong.ini"_s));
        ConnectDialog dialog(&settings, m_secrets.get());
        const QString address = u"127.0.0.1:%1"_s.arg(m_server.port());

        // One character off: caught on the station, nothing is sent.
        QString code = newCode(u"st0"_s);
        QVERIFY(!code.isEmpty());
        code[5] = code.at(5) == QLatin1Char('7') ? QLatin1Char('8') : QLatin1Char('7');
        pairWith(dialog, address, code);
        QVERIFY2(dialog.errorText().contains(u"mistyped"_s), qPrintable(dialog.errorText()));

        // A well-formed code the server never made.
        QString unknown;
        while (unknown.isEmpty()) {
            const auto made = crypto::PairingCode::generate();
            QVERIFY(made);
            if (made->id() != code.left(2))
                unknown = made->display();
        }
        pairWith(dialog, address, unknown);
        QVERIFY2(dialog.errorText().contains(u"has no such code"_s), qPrintable(dialog.errorText()));

        // No server at that address.
        pairWith(dialog, u"127.0.0.1:1"_s, unknown);
        QVERIFY2(
            dialog.errorText().contains(u"cannot reach a server at 127.0.0.1:1"_s), qPrintable(dialog.errorText()));
        // Pairing is never in the clear.
        pairWith(dialog, u"http://127.0.0.1:%1"_s.arg(m_server.port()), unknown);
        QVERIFY2(dialog.errorText().contains(u"without http://"_s), qPrintable(dialog.errorText()));
        prov::test::saveScreenshot(&dialog, u"connect-to-server-error"_s);

        QVERIFY(!dialog.pairing());
        QVERIFY(!QFile::exists(configFile()));
        QVERIFY(!QFile::exists(tokenFile()));
    }

    void theDialogPairsAndStoresWhatTheCliStores()
    {
        StationSettings settings(m_dir.filePath(u"station.ini"_s));
        settings.setServerUrl(QUrl(u"http://old-server:8085"_s));
        settings.setCertificatePins({m_pin});
        ConnectDialog dialog(&settings, m_secrets.get());
        QSignalSpy paired(&dialog, &ConnectDialog::paired);
        const QString code = newCode(u"st1"_s);
        QVERIFY(!code.isEmpty());
        // As a person may type it: lower case, no dashes.
        pairWith(dialog, u"127.0.0.1:%1"_s.arg(m_server.port()), code.toLower().remove(QLatin1Char('-')));
        QVERIFY2(dialog.pairing().has_value(), qPrintable(dialog.errorText()));
        QCOMPARE(paired.count(), 1);
        const QString result = dialog.resultText();
        QVERIFY2(result.contains(u"paired as st1"_s), qPrintable(result));
        // No keychain here: the dialog says where the token went.
        QVERIFY2(result.contains(u"No OS keychain"_s) && result.contains(tokenFile()), qPrintable(result));
        prov::test::saveScreenshot(&dialog, u"connect-to-server"_s);

        QFile config(configFile());
        QVERIFY(config.open(QIODevice::ReadOnly));
        const QJsonObject stored = QJsonDocument::fromJson(config.readAll()).object();
        QCOMPARE(stored.value(QLatin1String("url")).toString(), u"https://127.0.0.1:%1/"_s.arg(m_server.port()));
        QCOMPARE(stored.value(QLatin1String("pin")).toString(), m_pin);
        QCOMPARE(stored.value(QLatin1String("station")).toString(), u"st1"_s);
        QVERIFY(QFile::exists(tokenFile()));
        QCOMPARE(QFile(tokenFile()).permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        // The old server in the settings no longer wins over the pairing.
        QVERIFY(!settings.hasServerUrl());
        QVERIFY(settings.certificatePins().isEmpty());
    }

    void aWindowWithNoServerSettingsUsesThePairing()
    {
        Window w = newWindow(u"after.ini"_s);
        const StationServer &server = w.window->server();
        QCOMPARE(server.source, StationServer::Source::Pairing);
        QCOMPARE(w.api->baseUrl(), QUrl(u"https://127.0.0.1:%1/"_s.arg(m_server.port())));
        QCOMPARE(w.api->certificatePins().size(), 1);
        QCOMPARE(w.api->certificatePins().first().toString(), m_pin);

        // The login goes to the paired server over its pinned key.
        whenModal<LoginDialog>(this, [](LoginDialog *login) {
            QVERIFY(!login->connectButton()->isVisible());
            login->userField()->setText(kAdmin);
            login->passwordField()->setText(QString::fromLatin1(kPassword));
            login->submit();
        });
        w.window->requestLogin();
        QTRY_VERIFY_WITH_TIMEOUT(w.window->session().isValid(), 60000);
        QCOMPARE(w.window->session().role, u"admin"_s);

        // The engine's endpoint (main.cpp builds it the same way) carries the
        // stored token: the server answers "no such configuration", not 401.
        std::optional<Result<QString>> token;
        m_secrets->read(QLatin1String(SecretStore::kStationTokenKey), this,
            [&token](const Result<QString> &value) { token = value; });
        QTRY_VERIFY(token.has_value());
        QVERIFY(token->ok() && token->value().startsWith(u"pst_"_s));
        engine::ServerClient client(server.endpoint(token->value().toUtf8()));
        std::optional<Result<engine::ConfigurationPtr>> fetched;
        client.fetchConfiguration(engine::ConfigSelector {std::nullopt, u"NO-SUCH-CONFIG"_s}, this,
            [&fetched](const Result<engine::ConfigurationPtr> &r) { fetched = r; });
        QTRY_VERIFY_WITH_TIMEOUT(fetched.has_value(), 30000);
        QVERIFY(!fetched->ok());
        QVERIFY2(fetched->error().context == u"http 404"_s, qPrintable(fetched->error().message));
    }

    void changingAPairedServerNeedsASupervisor()
    {
        Window w = newWindow(u"gate.ini"_s);
        QVERIFY(w.window->server().configured());
        whenModal<LoginDialog>(this, [](LoginDialog *login) { login->reject(); });
        QVERIFY(!w.window->connectToServer());
        QVERIFY2(w.window->lastRefusal().contains(u"supervisor or admin"_s), qPrintable(w.window->lastRefusal()));
    }
};

QTEST_MAIN(TestConnectToServer)
#include "tst_connecttoserver.moc"
