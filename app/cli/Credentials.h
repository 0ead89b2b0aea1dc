#pragma once

#include "domain/Result.h"

#include <QObject>

#include <functional>

/// Finds the station's server credential the way cli.md orders it:
/// --token-file, then PROVSTATION_TOKEN, then the keychain entry the station
/// GUI saved (QtKeychain, service "provstation", key "station-token", or the
/// GUI's owner-only fallback file where no keychain works). No credential is
/// code 3, and the message says why each source gave nothing (including that
/// there is no keychain). The token is never logged.
class Credentials : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const prov::Result<QByteArray> &token)>;
    /// Where a stored token went: the keychain, or (none usable) the owner-only
    /// fallback file, with the reason the keychain was not used.
    struct Stored
    {
        bool inKeychain = false;
        QString why;
    };
    using StoreCallback = std::function<void(const prov::Result<Stored> &)>;

    explicit Credentials(QObject *parent = nullptr);
    void find(const QString &tokenFile, Callback done);
    /// Stores the station token where find() and the station window look for it.
    void store(const QString &token, StoreCallback done);

    /// The GUI's fallback file (<config>/ProvStation/provstation/secrets/station-token).
    [[nodiscard]] static QString fallbackFile();

private:
    void fromKeychain(Callback done);
    [[nodiscard]] static prov::Result<Stored> toFallbackFile(const QString &token, const QString &why);
};
