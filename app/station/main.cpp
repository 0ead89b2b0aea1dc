// provstation: the station window, or with --server the server-mode window.
// Parses options, builds the services, shows the window, runs the loop.
#include "scan/ScanEventFilter.h"
#include "servermode/ServerModeWindow.h"
#include "servermode/ServerProcess.h"
#include "settings/SecretStore.h"
#include "settings/StationServer.h"
#include "settings/StationSettings.h"
#include "support/ApiClient.h"
#include "support/AppLog.h"
#include "support/DataPaths.h" // core
#include "support/LanguageManager.h"
#include "support/ShutdownSignals.h" // core
#include "support/SoundPlayer.h"
#include "window/EngineBackend.h"
#include "window/StationWindow.h"

#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QStandardPaths>
#include <QTimer>

#include <QJsonObject>
#include <QPointer>

#include <memory>

using namespace prov::gui;

int main(int argc, char **argv)
{
    QCoreApplication::setOrganizationName(QStringLiteral("ProvStation"));
    QCoreApplication::setApplicationName(QStringLiteral("provstation"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROVSTATION_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("ProvStation: the station window, or server mode with --server."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption settingsOption(QStringLiteral("settings"),
        QStringLiteral("Read and write settings in this INI file."), QStringLiteral("FILE"));
    const QCommandLineOption languageOption(
        QStringLiteral("language"), QStringLiteral("en, es or zh_CN (overrides the setting)."), QStringLiteral("LANG"));
    const QCommandLineOption userOption(
        QStringLiteral("login"), QStringLiteral("Log in as USER at start."), QStringLiteral("USER"));
    const QCommandLineOption passwordFileOption(QStringLiteral("password-file"),
        QStringLiteral("With --login: read the password from FILE."), QStringLiteral("FILE"));
    const QCommandLineOption serverOption(
        QStringLiteral("server"), QStringLiteral("Server mode: run provstation-server and show its admin window."));
    const QCommandLineOption dataDirOption(QStringLiteral("data-dir"),
        QStringLiteral(
            "Server mode's data folder (default: ~/.local/share/provstation/server, as provstation-server)."),
        QStringLiteral("DIR"));
    const QCommandLineOption dbOption(
        QStringLiteral("db"), QStringLiteral("Server mode's database URL (default SQLite)."), QStringLiteral("URL"));
    const QCommandLineOption listenOption(QStringLiteral("listen"),
        QStringLiteral("Server mode's listen address (default 0.0.0.0:8085)."), QStringLiteral("ADDR:PORT"),
        QStringLiteral("0.0.0.0:8085"));
    const QCommandLineOption attachOption(QStringLiteral("attach"),
        QStringLiteral("Server mode: administer the server at URL (trusting the settings' certificate pins) instead "
                       "of starting one."),
        QStringLiteral("URL"));
    const QCommandLineOption stationDataOption(QStringLiteral("station-data"),
        QStringLiteral("The station's data folder: key outbox, file cache, run logs (default: PROVSTATION_DATA_DIR or "
                       "the user's data folder, shared with provstation-cli)."),
        QStringLiteral("DIR"));
    const QCommandLineOption tokenFileOption(QStringLiteral("token-file"),
        QStringLiteral("Read the station's server token from FILE (default: PROVSTATION_TOKEN, then the keychain)."),
        QStringLiteral("FILE"));
    const QCommandLineOption startAllOption(QStringLiteral("start-all"),
        QStringLiteral("Start all idle slots once logged in (with --login) and the configurations have loaded."));
    parser.addOptions({settingsOption, languageOption, userOption, passwordFileOption, serverOption, dataDirOption,
        dbOption, listenOption, attachOption, stationDataOption, tokenFileOption, startAllOption});
    // --help and --version need no display: a QApplication without one aborts.
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView arg(argv[i]);
        if (arg == "--help" || arg == "-h" || arg == "-?" || arg == "--help-all" || arg == "--version" || arg == "-v") {
            QCoreApplication core(argc, argv);
            parser.process(core); // prints and exits, or names a bad option
            return 0;
        }
    }
    QApplication app(argc, argv);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/provstation/icons/provstation.png")));
    parser.process(app);

    std::unique_ptr<StationSettings> settings = parser.isSet(settingsOption)
        ? std::make_unique<StationSettings>(parser.value(settingsOption))
        : std::make_unique<StationSettings>();
    LanguageManager languages;
    languages.setLanguage(parser.isSet(languageOption) ? parser.value(languageOption) : settings->language());
    ApiClient api;
    SecretStore secrets;
    SoundPlayer sounds;
    ScanEventFilter scanFilter;
    app.installEventFilter(&scanFilter);
    // SIGTERM/SIGINT (a service manager, Ctrl-C, scripts/run-line.sh) end the
    // event loop: runs are stopped and server mode's own server is stopped
    // with it, as when the window closes, rather than the process dying.
    prov::ShutdownSignals shutdownSignals;
    QObject::connect(&shutdownSignals, &prov::ShutdownSignals::shutdownRequested, &app, [] { QApplication::quit(); });

    // Logs in at start when asked (scripted lines, the demo): --login USER --password-file F.
    auto loginAtStart = [&](auto *window) {
        if (!parser.isSet(userOption))
            return;
        QFile file(parser.value(passwordFileOption));
        if (!file.open(QIODevice::ReadOnly)) {
            qWarning("cannot read the password file %s", qPrintable(file.fileName()));
            return;
        }
        const QString password = QString::fromUtf8(file.readAll()).trimmed();
        const QJsonObject body {
            {QStringLiteral("user"), parser.value(userOption)}, {QStringLiteral("password"), password}};
        QNetworkReply *reply = api.postJson(QStringLiteral("/session"), QJsonDocument(body));
        const QString user = parser.value(userOption);
        api.whenFinished(reply, window, [window, user](const prov::Result<ApiResponse> &result) {
            if (!result) {
                qWarning("login of %s failed: %s", qPrintable(user), qPrintable(result.error().message));
                return;
            }
            UserSession session;
            session.user = user;
            session.role = result->json.object().value(QLatin1String("role")).toString();
            session.token = result->json.object().value(QLatin1String("token")).toString();
            window->setSession(session);
        });
    };

    if (parser.isSet(serverOption) || parser.isSet(attachOption)) {
        std::unique_ptr<ServerProcess> process;
        if (parser.isSet(attachOption)) {
            api.setBaseUrl(QUrl(parser.value(attachOption)));
            // As the station's own admin window; a bad pin leaves every call failing with why.
            if (const prov::Status pinned = api.setCertificatePins(settings->certificatePins()); !pinned)
                qCWarning(lcApp).noquote() << pinned.error().toString();

        } else {
            process = std::make_unique<ServerProcess>();
            ServerProcess::Options options;
            options.dataDir = parser.isSet(dataDirOption) ? parser.value(dataDirOption) : prov::defaultServerDataDir();
            QDir().mkpath(options.dataDir);
            options.databaseUrl = parser.value(dbOption);
            options.listen = parser.value(listenOption);
            process->start(options);
            api.setBaseUrl(process->url());
        }
        ServerModeWindow window(&api, process.get());
        window.show();
        loginAtStart(&window);
        const int code = app.exec();
        if (process)
            process->stop();
        return code;
    }

    // The station token, as provstation-cli finds it: --token-file, PROVSTATION_TOKEN,
    // then the keychain (or its announced fallback file). Never shown or logged.
    QByteArray token;
    if (parser.isSet(tokenFileOption)) {
        QFile file(parser.value(tokenFileOption));
        if (file.open(QIODevice::ReadOnly))
            token = file.readAll().trimmed();
        else
            qWarning("cannot read the token file %s", qPrintable(file.fileName()));
    } else if (qEnvironmentVariableIsSet("PROVSTATION_TOKEN")) {
        token = qgetenv("PROVSTATION_TOKEN").trimmed();
    } else {
        QEventLoop wait;
        secrets.read(QLatin1String(SecretStore::kStationTokenKey), &wait, [&](const prov::Result<QString> &value) {
            if (value.ok())
                token = value.value().trimmed().toUtf8();
            else
                qWarning("cannot read the station token: %s", qPrintable(value.error().message));
            wait.quit();
        });
        wait.exec();
    }

    const QString stationData = parser.isSet(stationDataOption) ? parser.value(stationDataOption)
        : qEnvironmentVariableIsSet("PROVSTATION_DATA_DIR")
        ? qEnvironmentVariable("PROVSTATION_DATA_DIR")
        : QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
            + QStringLiteral("/ProvStation/station");
    QDir().mkpath(stationData);
    const auto engineOptionsFor = [&settings, &stationData](const QByteArray &stationToken) {
        // The settings' server, else the pairing (StationServer, docs/gui.md "Which server").
        std::optional<prov::Error> pinError;
        EngineBackend::Options o;
        o.endpoint = StationServer::resolve(*settings).endpoint(stationToken, &pinError);
        if (pinError)
            qWarning("%s: no run can reach the server until the settings are corrected", qPrintable(pinError->message));
        o.dataDir = stationData;
        o.runLogDir = QDir(stationData).filePath(QStringLiteral("runlogs"));
        o.stationName = settings->stationName();
        o.gatewayHost = settings->gatewayHost();
        o.gatewayPort = quint16(settings->gatewayControlPort());
        return o;
    };
    const EngineBackend::Options engineOptions = engineOptionsFor(token);
    auto backend = std::make_unique<EngineBackend>(engineOptions);
    const prov::Status opened = backend->open();
    if (!opened)
        qWarning("the provisioning engine cannot start: %s", qPrintable(opened.error().toString()));

    WindowServices services;
    services.backend = opened ? backend.get() : nullptr;
    services.settings = settings.get();
    services.api = &api;
    services.secrets = &secrets;
    services.languages = &languages;
    services.sounds = &sounds;
    services.scanFilter = &scanFilter;
    StationWindow window(services);
    // Server mode from the station: the admin window attached to the configured server.
    QPointer<ServerModeWindow> serverWindow;
    QObject::connect(&window, &StationWindow::serverModeRequested, &window, [&] {
        if (!serverWindow) {
            auto *adminApi = new ApiClient(&window);
            adminApi->setBaseUrl(window.server().url);
            // A bad pin fails every call with its own message.
            static_cast<void>(adminApi->setCertificatePins(window.server().pins));
            serverWindow = new ServerModeWindow(adminApi);
            serverWindow->setAttribute(Qt::WA_DeleteOnClose);
        }
        serverWindow->show();
        serverWindow->raise();
    });
    // After the settings dialog (the window's own handler runs first and
    // waits for it) or a pairing: the engine takes the new server, token and
    // gateway. --token-file and PROVSTATION_TOKEN still win over the keychain.
    const bool tokenFromKeychain = !parser.isSet(tokenFileOption) && !qEnvironmentVariableIsSet("PROVSTATION_TOKEN");
    const auto reconfigureEngine = [&] {
        if (!backend->isOpen())
            return;
        if (!tokenFromKeychain)
            return backend->reconfigure(engineOptionsFor(token));
        secrets.read(QLatin1String(SecretStore::kStationTokenKey), &window, [&](const prov::Result<QString> &value) {
            if (value.ok())
                token = value.value().trimmed().toUtf8();
            backend->reconfigure(engineOptionsFor(token));
        });
    };
    QObject::connect(window.settingsAction(), &QAction::triggered, &window, reconfigureEngine);
    QObject::connect(&window, &StationWindow::serverChanged, &window, reconfigureEngine);
    QObject::connect(&shutdownSignals, &prov::ShutdownSignals::shutdownRequested, &window, [&window] {
        window.stopAll(); // the keys already escrowed or in the outbox stay there
    });
    window.show();
    window.refreshConfigurations();
    loginAtStart(&window);
    if (parser.isSet(startAllOption))
        window.startAllWhenReady();
    const int code = app.exec();
    delete serverWindow;
    return code;
}
