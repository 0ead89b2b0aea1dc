#pragma once

#include "domain/BatchNumber.h"
#include "domain/ConfigId.h"
#include "domain/DeviceIds.h"
#include "domain/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUuid>

#include <optional>

namespace prov::domain {

/// What the server holds of a record. Pending: the station stored the key,
/// the device may hold it, nothing more is known. Done: the run passed every
/// step (the only exportable state). Failed: the run failed after the key was
/// written (the device may hold it; never exported).
enum class EscrowState { Pending, Done, Failed };

[[nodiscard]] QString escrowStateName(EscrowState state);
/// The state a stored or sent name stands for; nullopt for an unknown name.
[[nodiscard]] std::optional<EscrowState> escrowStateFromName(QStringView name);

/// One host application's key material on a device; every field but name may
/// be empty (absent from the JSON and the export). Hex, upper-case.
struct EscrowApp
{
    QString name;
    QString id; ///< the device's application identifier (eMCM ID)
    QString key; ///< the app key encrypted with the app's public key (RSA-OAEP-SHA256)
    QString extra; ///< free application data

    friend bool operator==(const EscrowApp &a, const EscrowApp &b)
    {
        return a.name == b.name && a.id == b.id && a.key == b.key && a.extra == b.extra;
    }
};

/// The escrow record of one provisioning of one node, as the station makes it
/// (before any key reaches the device), uploads it and the server stores and
/// exports it. It never holds a plaintext key.
///
/// JSON (the upload body, docs/api): {"uuid","nodeId":"0x0001A2B3",
/// "configId":"0x...","revision","batch","station","nodeType","nodeVersion",
/// "provisionedAt":"...Z","state":"pending|done|failed","nodeRootKey":"<base64>",
/// "kmsKey":"sha256:...","apps":[{"name","id","key","extra"}],
/// "verification":{},"runLog":"..."}
struct EscrowRecord
{
    QUuid uuid; ///< the station's idempotency key
    NodeId nodeId;
    ConfigId configId;
    int revision = 0;
    BatchNumber batch;
    QString station;
    QString nodeType;
    QString nodeVersion;
    QDateTime provisionedAt; ///< UTC, the station's clock: data and the export's date filter, never the order
    EscrowState state = EscrowState::Pending;
    QByteArray nodeRootKey; ///< RSA-OAEP-SHA256 ciphertext under the KMS key
    QString kmsFingerprint; ///< "sha256:<64 hex>" of the KMS key used
    QList<EscrowApp> apps;
    QJsonObject verification; ///< what was verified and how (free form, small)
    QString runLog; ///< the station's log of the run (steps, timings, retries)

    [[nodiscard]] QJsonObject toJson() const;
    /// A missing "state" is pending. The error (InvalidArguments) names the field.
    [[nodiscard]] static Result<EscrowRecord> fromJson(const QJsonObject &json);
};

} // namespace prov::domain
