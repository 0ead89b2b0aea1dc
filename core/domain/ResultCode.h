#pragma once

#include <QList>
#include <QString>

namespace prov {

/// The result codes of the CLI contract (docs/contracts/cli.md). These numbers
/// are what factory automation reads as exit codes: never renumber them.
enum class ResultCode : int {
    Success = 0,
    InternalError = 2,
    InvalidArguments = 3,
    DeviceUnreachable = 4,
    UnknownError = 14,
    NodeMessageFailed = 36,
    NodeUnexpectedError = 37,
    NodeVerificationFailed = 38,
    NodeVersionIncompatible = 39,
    NodeHardwareIncompatible = 40,
    NodeCalibrationIncompatible = 41,
    NodeConfigurationIncompatible = 42,
    NodeFirmwareUnavailable = 43,
    NodeConfigurationUnavailable = 44,
    HostUnreachable = 68,
    HostUnexpectedError = 69,
    HostVerificationFailed = 70,
    HostHardwareFailure = 72,
    HostFirmwareUnavailable = 75,
    HostConfigurationUnavailable = 76,
    ServerUnreachable = 100,
    ServerErrorResponse = 101,
    ServerResponseInvalid = 102,
    ServerFileUnreadable = 108,
    GatewayUnreachable = 132,
    GatewayUnexpectedError = 133,
    DeviceDidNotJoin = 134,
    ApplicationLinkFailure = 164,
};

/// Corrective actions of the CLI contract, numbered as there (1..11).
enum class CorrectiveAction : int {
    CheckArguments = 1,
    CheckCableAndPower = 2,
    CheckConfiguration = 3,
    CheckServerReachable = 4,
    CheckSharedFolder = 5,
    CheckGateway = 6,
    CheckAccessPoint = 7,
    CheckAntenna = 8,
    CheckEmcmAndMeter = 9,
    CheckWorkingFolder = 10,
    CollectLog = 11,
};

/// The one catalogue that maps a result code to its message and corrective
/// actions. Texts are marked for translation (context "ResultCode" and
/// "CorrectiveAction"); the functions return them translated with the
/// application's installed translators, the *Source variants untranslated.
class ResultCatalogue
{
public:
    /// Every code of the contract, ascending.
    [[nodiscard]] static QList<ResultCode> allCodes();
    [[nodiscard]] static bool isKnown(int code);
    /// A failure of the station's side, whenever in the run it happens: the
    /// server (100, 101, 102), the shared folder (108) or the gateway (132).
    /// Such a run is a station fault even after it touched the device: the
    /// device is not at fault (yield does not count it against the device).
    [[nodiscard]] static bool isStationSide(int code);
    /// Translated meaning ("cannot communicate with the device under test").
    [[nodiscard]] static QString message(ResultCode code);
    [[nodiscard]] static QString messageSource(ResultCode code);
    [[nodiscard]] static QList<CorrectiveAction> actions(ResultCode code);
    /// Translated corrective action text ("check the cable, the port and ...").
    [[nodiscard]] static QString actionText(CorrectiveAction action);
    [[nodiscard]] static QString actionTextSource(CorrectiveAction action);
    /// All actions of a code, translated, joined by "; " (empty for success).
    [[nodiscard]] static QString actionsText(ResultCode code);
    /// The contract's one-line error: "error <code>: <detail> — <actions>".
    [[nodiscard]] static QString errorLine(ResultCode code, const QString &detail);
};

} // namespace prov
