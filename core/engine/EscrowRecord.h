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

namespace prov::engine {

/// One host application's escrowed key. Only ciphertext: the key encrypted
/// with the app's public key (RSA-OAEP-SHA256), upper-case hex as the export wants it.
struct EscrowApp
{
    QString name;
    QString id; ///< the device's application identifier (eMCM ID), hex; empty when none
    QString keyHex; ///< empty when the app has no public key (no key generated)
    QString extraHex;

    friend bool operator==(const EscrowApp &a, const EscrowApp &b)
    {
        return a.name == b.name && a.id == b.id && a.keyHex == b.keyHex && a.extraHex == b.extraHex;
    }
};

/// The escrow record of one provisioning of one node: everything the server
/// stores and exports, created the moment the keys exist and before any key
/// reaches the device. It never holds a plaintext key.
struct EscrowRecord
{
    /// How far the station got with this record's keys.
    enum class Stage {
        Escrowed, ///< encrypted and stored; the keys may be on the device (run in progress or crashed)
        Verified, ///< the run passed every step, keys verified (CMAC): the server must mark it done
        Unverified, ///< the run ended without verification: pending is final on the server
        Failed, ///< the run failed after the keys were written: "failed" on the server, never exported
    };

    QUuid uuid;
    NodeId nodeId;
    ConfigId configId;
    int revision = 0;
    BatchNumber batch;
    QString station;
    QString nodeType;
    QString nodeVersion;
    QDateTime provisionedAt; ///< UTC, this station's clock: data for the server, which orders by arrival
    QByteArray nodeRootKey; ///< RSA-OAEP ciphertext under the KMS key
    QString kmsFingerprint; ///< "sha256:<hex>" of the KMS key used
    QList<EscrowApp> apps;
    QJsonObject run; ///< operation, meter, port, eMCM ID, software version
    Stage stage = Stage::Escrowed;
    QJsonObject verification; ///< what was verified and when (filled with Verified)
    QString runLog; ///< the run's log (steps, timings, retries), attached when the run ends

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<EscrowRecord> fromJson(const QJsonObject &json);
    [[nodiscard]] static QString stageName(Stage stage);
    [[nodiscard]] static bool parseStage(QStringView text, Stage *stage);
};

} // namespace prov::engine
