#pragma once

#include "domain/Result.h"
#include "engine/ServerEndpoint.h"
#include "engine/StationServerConfig.h"

#include <QStringList>
#include <QUrl>

#include <optional>

namespace prov::gui {

class StationSettings;

/// The server the station window and its engine talk to, from the settings
/// and the station's pairing (engine::StationServerConfig, shared with
/// provstation-cli). The order (docs/gui.md, "Which server"):
///   1. the settings name a server (Settings, Server address) that is not the
///      paired host and port: that server, with the settings' pins;
///   2. the station is paired: the paired https URL and its key, unless the
///      settings list pins for it (they win, like the CLI's --pin);
///   3. neither: not configured; the settings' default address is still
///      tried (a server on this PC) and the window offers "Connect to server…".
struct StationServer
{
    enum class Source { Settings, Pairing, None };

    QUrl url;
    QStringList pins; ///< as crypto::CertificatePin::parse() takes them
    Source source = Source::None;
    QString pairedStation; ///< the name the server paired this station as (Pairing)
    /// The pairing file that could not be read, when there is one (the
    /// window says so; the station is then treated as not paired).
    std::optional<Error> pairingError;

    [[nodiscard]] bool configured() const { return source != Source::None; }
    /// The engine's endpoint for this server with the station token. Pins that
    /// do not parse fail closed (no call reaches any server) and are the error.
    [[nodiscard]] engine::ServerEndpoint endpoint(
        const QByteArray &token, std::optional<Error> *pinError = nullptr) const;

    /// Reads the pairing from `pairingFile` (default: where provstation-cli pair writes it).
    [[nodiscard]] static StationServer resolve(
        const StationSettings &settings, const QString &pairingFile = engine::StationServerConfig::defaultPath());
    [[nodiscard]] static StationServer resolve(
        const StationSettings &settings, const std::optional<engine::StationServerConfig> &paired);
};

} // namespace prov::gui
