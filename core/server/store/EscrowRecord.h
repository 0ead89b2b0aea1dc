#pragma once

#include "domain/BatchNumber.h"
#include "domain/ConfigId.h"
#include "domain/DeviceIds.h"
#include "domain/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUuid>

#include <optional>

namespace prov::server {

/// Per host application key material of a device; every field but name may be
/// empty (absent in the export). Hex is stored upper-case.
struct EscrowApp
{
    QString name;
    QString id; ///< device's application identifier (e.g. eMCM ID), hex
    QString key; ///< app key encrypted with the app's public key, hex
    QString extra; ///< free application data, hex

    friend bool operator==(const EscrowApp &a, const EscrowApp &b)
    {
        return a.name == b.name && a.id == b.id && a.key == b.key && a.extra == b.extra;
    }
};

/// One provisioning result a station escrows. The node root key arrives already
/// encrypted for the KMS (RSA-OAEP-SHA256, base64): the server never sees it in clear.
struct EscrowRecord
{
    /// pending: the station stored the key, the device may hold it, nothing is
    /// known yet. done: the run passed every step (the only exportable state).
    /// failed: the run failed after the key was written (the device may hold it).
    enum class State { Pending, Done, Failed };

    QUuid uuid; ///< the station's idempotency key
    NodeId nodeId;
    ConfigId configId;
    int revision = 0;
    BatchNumber batch;
    QString station;
    QString nodeType;
    QString nodeVersion;
    QDateTime provisionedAt; ///< UTC, the station's clock: data and the export's date filter, never the order
    State state = State::Pending;
    QString encryptedNodeRootKey; ///< base64 of the OAEP blob
    QString kmsFingerprint; ///< sha256:<64 hex> of the KMS key it was encrypted with
    QList<EscrowApp> apps;
    QJsonObject verification; ///< how the station verified the key (free form, small)
    QString runLog; ///< the station's log of the run (truncated to kMaxRunLogBytes)

    /// Upload JSON: {"uuid","nodeId":"0x0001A2B3","configId":"0x...","revision","batch","station",
    /// "nodeType","nodeVersion","provisionedAt":"...Z","state":"pending|done|failed","nodeRootKey":"<base64>",
    /// "kmsKey":"sha256:...","apps":[{"name","id","key","extra"}],"verification":{},"runLog":"..."}
    [[nodiscard]] static Result<EscrowRecord> fromJson(const QJsonObject &json);
    [[nodiscard]] QJsonObject toJson() const;

    [[nodiscard]] static QString stateName(State state);
    /// The state a stored or sent name stands for; nullopt for an unknown name.
    [[nodiscard]] static std::optional<State> stateFromName(QStringView name);
};

/// The stored form of a device's apps: one line per app, "name\tid\tkey\textra"
/// (names have no control characters, the rest is hex), cheap to read back for
/// an export of a million devices.
[[nodiscard]] QString encodeEscrowApps(const QList<EscrowApp> &apps);
[[nodiscard]] QList<EscrowApp> decodeEscrowApps(QStringView text);

inline constexpr qsizetype kMaxRunLogBytes = 64 * 1024;
inline constexpr qsizetype kMaxVerificationBytes = 16 * 1024;

} // namespace prov::server
