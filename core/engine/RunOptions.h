#pragma once

#include "domain/BatchNumber.h"
#include "engine/PluginTypes.h"
#include "engine/ServerClient.h"
#include "transport/Message.h"

#include <QString>
#include <QVariantMap>

#include <optional>

namespace prov::engine {

/// What one run on one port is asked to do: the CLI's options (cli.md) or the
/// GUI's form, already validated.
struct RunOptions
{
    Operation operation = Operation::Provision;
    QString port; ///< /dev/ttyUSB0, /dev/pts/7, COM3
    std::optional<qint32> baud; ///< default: the plugin's for the operation
    std::optional<transport::WrapperKind> wrapper; ///< default: the plugin's
    ConfigSelector config;
    BatchNumber batch;
    bool factoryConfig = false; ///< finish with factory instead of field configurations
    bool skipKeys = false;
    bool skipLock = false;
    /// A node that reports itself locked was provisioned before: a run that
    /// makes keys stops on it (42, cause already-provisioned) unless this is
    /// set, because its new key replaces the escrowed one. The command line
    /// sets it (legacy behaviour); the window after a supervisor confirmed.
    bool reprovisionLocked = false;
    QString reprovisionConfirmedBy; ///< who confirmed it (the window's supervisor): run log and server audit
    QString partialMcmId; ///< 8 hex digits from the label, or empty
    QVariantMap scans; ///< other scan fields of the plugin (key → text)
    QVariantMap labels; ///< every scan field as scanned (key → text), for the run record
    QVariantMap settings; ///< SettingKeys keys → values
    int joinTimeoutS = 600;
    QString stationName; ///< recorded with the result; default host name and port
    QString gatewayHost = QStringLiteral("localhost");
    quint16 gatewayPort = 4021;
    QString runLogDir; ///< where the run log file goes; empty: none
    QString slotName; ///< the run record's slot: the window's slot name; empty: the port
    QString operatorName; ///< the user logged in at the station ("" for scripts)
    int attempt = 1; ///< this device's run of this operation at this slot: 1, then each retry
    QString meterChoice; ///< how the meter plugin was chosen (--meter, or what the device reported), for the run log
};

} // namespace prov::engine
