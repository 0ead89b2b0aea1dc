// provstation: the station window, or with --server the server-mode window.
// Parses options, builds the services, shows the window, runs the loop.
#include "scan/ScanEventFilter.h"
#include "settings/SecretStore.h"
#include "settings/StationSettings.h"
#include "station/StationWindow.h"
#include "support/ApiClient.h"
#include "support/LanguageManager.h"
#include "support/SoundPlayer.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>

#include <memory>

using namespace prov::gui;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ProvStation"));
    QApplication::setApplicationName(QStringLiteral("provstation"));
    QApplication::setApplicationVersion(QStringLiteral(PROVSTATION_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/provstation/icons/provstation.png")));

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
    parser.addOptions({settingsOption, languageOption, userOption, passwordFileOption});
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

    StationServices services;
    services.settings = settings.get();
    services.api = &api;
    services.secrets = &secrets;
    services.languages = &languages;
    services.sounds = &sounds;
    services.scanFilter = &scanFilter;
    StationWindow window(services);
    window.show();
    window.refreshConfigurations();
    return app.exec();
}
