#pragma once

#include "crypto/CertificatePin.h"
#include "domain/Result.h"

#include <QDateTime>
#include <QString>
#include <QUrl>

#include <optional>

namespace prov::engine {

/// The server this station is paired with (docs/api/pairing.md): its https
/// URL and the key it proved itself with. Read by provstation-cli and the
/// station window, written by whichever of them pairs. The station's token is
/// not here (it is in the keychain, see docs/engine.md). The file is
/// `<GenericConfigLocation>/provstation/station-server.json`, so
/// XDG_CONFIG_HOME keeps stations on one machine apart.
struct StationServerConfig
{
    QUrl url; ///< https://host:port/
    crypto::CertificatePin pin; ///< the server's key, sha256//BASE64
    QString station; ///< the name the server paired this station as
    QDateTime pairedAt;

    [[nodiscard]] static QString defaultPath();
    /// nullopt when the station is not paired (no file); an error naming the
    /// file when it cannot be read or does not hold a pairing.
    [[nodiscard]] static Result<std::optional<StationServerConfig>> load(const QString &path = defaultPath());
    /// Replaces the file (written whole, then renamed).
    [[nodiscard]] Status save(const QString &path = defaultPath()) const;

    /// Whether `address` (as -s HOST[:PORT] gives it, port default 8085) names
    /// this server: same host and port, whatever the scheme.
    [[nodiscard]] bool names(const QUrl &address) const;
};

} // namespace prov::engine
