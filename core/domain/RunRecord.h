#pragma once

#include "domain/Result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QUuid>

namespace prov::domain {

/// One run of one operation on one device as a station made it, pass or fail
/// (docs/contracts/server-api.md, "Run records"): what the station sends to
/// POST /api/v1/results and keeps in its outbox until the server has it.
/// Identities are as the station knows them; the server derives the device.
struct RunRecord
{
    QUuid uuid; ///< made by the station: a replay of the same run is the same record
    QString station;
    QString slot; ///< the window's slot name, the port for the CLI
    QString port;
    QString operatorName; ///< the user logged in at the station ("" for scripts)
    QString meter; ///< plugin id
    QString operation; ///< PRETEST, CHECKCONFIG, POSTTEST, PROVISION
    QString configId; ///< canonical ID, or the alias asked for when the configuration was never found
    int revision = 0;
    qint64 batch = 0;
    QString nodeId; ///< "0x0001E240" form, or empty
    QString emcmId; ///< upper-case hex, or empty
    QString meterSerial;
    QJsonObject labels; ///< scanned field -> label as scanned
    int result = 0; ///< the result code, 0 = passed
    QString message;
    bool stationFault = false; ///< failed before it touched a device
    QString failedStep;
    QString cause; ///< cause id of the cause catalogue
    int attempt = 1; ///< 1 for the device's first run of this operation at this slot
    qint64 startedAtMs = 0;
    qint64 finishedAtMs = 0;
    qint64 durationMs = 0;
    QJsonArray steps; ///< [{"step": id, "ms": n, "result": code}]
    QString escrowUuid;
    QString runLog;
    // What the device reported last in the run ("" = not learnt): after a
    // firmware update, the version it runs now.
    QString nodeFirmware;
    QString hostFirmware; ///< the eMCM's: the configuration's first application, else HostIdentify's
    QString nodeType; ///< the node's hardware type ("UNODE")
    QString hostType; ///< the host's hardware type ("EMCM")

    [[nodiscard]] QJsonObject toJson() const;
    /// Parses and checks a run as sent; an error names the field.
    [[nodiscard]] static Result<RunRecord> fromJson(const QJsonObject &json);

    /// What groups one device's runs: node ID, else eMCM ID, else meter
    /// serial, else the first scanned label (by field name); "" = no device.
    [[nodiscard]] QString device() const;
    /// Last 8 hex digits of the eMCM ID, upper case ("" without one).
    [[nodiscard]] QString emcmTail() const;
};

} // namespace prov::domain
