#include "settings/StationServer.h"

#include "settings/StationSettings.h"

namespace prov::gui {

StationServer StationServer::resolve(const StationSettings &settings, const QString &pairingFile)
{
    const auto paired = engine::StationServerConfig::load(pairingFile);
    StationServer server = resolve(settings, paired ? paired.value() : std::nullopt);
    if (!paired)
        server.pairingError = paired.error();
    return server;
}

StationServer StationServer::resolve(
    const StationSettings &settings, const std::optional<engine::StationServerConfig> &paired)
{
    StationServer server;
    server.url = settings.serverUrl();
    server.pins = settings.certificatePins();
    const bool named = settings.hasServerUrl();
    if (paired && (!named || paired->names(server.url))) {
        server.source = Source::Pairing;
        server.url = paired->url;
        server.pairedStation = paired->station;
        if (!named || server.pins.isEmpty())
            server.pins = QStringList {paired->pin.toString()};
    } else if (named) {
        server.source = Source::Settings;
    }
    return server;
}

engine::ServerEndpoint StationServer::endpoint(const QByteArray &token, std::optional<Error> *pinError) const
{
    engine::ServerEndpoint endpoint;
    endpoint.baseUrl = url;
    endpoint.token = token;
    auto parsed = crypto::CertificatePin::parseList(pins);
    if (parsed) {
        endpoint.pins = parsed.value();
    } else {
        // A pin list that does not parse must not mean "no pinning".
        endpoint.pins = {crypto::CertificatePin()};
        if (pinError)
            *pinError = parsed.error();
    }
    return endpoint;
}

} // namespace prov::gui
