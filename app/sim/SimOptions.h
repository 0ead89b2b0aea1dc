#pragma once

#include "DeviceFaults.h"
#include "domain/Result.h"
#include "protocol/FirmwareVersion.h"
#include "transport/Message.h"

#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace prov::sim {

/// One item of `--devices`: `model:count[@wrapper]`.
struct DeviceGroup
{
    QString model;
    int count = 1;
    std::optional<transport::WrapperKind> wrapper; ///< overrides the first port's wrapper
};

/// Everything provstation-sim is told on its command line (docs/sim.md).
struct SimOptions
{
    QList<DeviceGroup> groups;
    QString stateDir;
    QHostAddress gatewayAddress = QHostAddress::LocalHost;
    quint16 gatewayPort = 4021;
    quint64 seed = 1;
    double joinDelaySeconds = 3.0;
    double flashMsPerKiB = 2.0;
    int resetMs = 500;
    int maxBlock = 1024;
    quint16 nodeHardwareType = 0x0001;
    protocol::FirmwareVersion nodeFirmware {1, 0, 0, 0};
    protocol::FirmwareVersion hostFirmware {1, 0, 0, 0};
    /// The applications every eMCM holds, in application-number order (`--apps`).
    QStringList hostApps {QStringLiteral("emcm")};
    QByteArray psemPassword;
    QList<FaultRule> faults;

    /// Parses the arguments (argv without the program name is fine too: the
    /// first element is skipped). Errors name the option and the bad value;
    /// `--help` and `--version` give an error with code Success and the text to print.
    [[nodiscard]] static Result<SimOptions> parse(const QStringList &arguments);
    [[nodiscard]] static Result<QList<DeviceGroup>> parseDevices(QStringView text);
    [[nodiscard]] static QStringList knownModels();
};

} // namespace prov::sim
