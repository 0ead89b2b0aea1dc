#pragma once

#include "domain/ResultCode.h"

#include <QString>
#include <QStringList>

namespace prov {

/// Why a run failed, finer than its result code: a code has several causes
/// (72 is a failing self-test or a label that names another board) and each
/// cause has the one thing the operator should do. The code stays what the
/// CLI contract says; the cause is what the station window shows. The facts
/// of a cause (what the device answered, what was expected) are plain values,
/// never translated; the texts around them are.
enum class FailureCause : int {
    None = 0, ///< nothing finer than the code is known
    NoAnswer, ///< facts: port
    LinkDidNotComeUp, ///< facts: port
    StoppedAnswering, ///< the device answered once, then no more
    GarbledAnswer, ///< an answer that does not decode (noise)
    StepTimedOut, ///< facts: seconds
    WrongNodeHardware, ///< facts: found type, expected type
    NodeCalibrationInvalid,
    NodeUncalibrated,
    HostSelfTestFailed, ///< facts: failing parts ("RAM, radio")
    HostNotEmcm, ///< facts: found type
    HostLacksApplication, ///< facts: missing applications, held applications
    PartialMcmIdMismatch, ///< facts: label, the eMCM ID's last 8 digits, the full ID
    MeterLinkDown,
    MeterSerialMismatch, ///< facts: meter serial found, label
    DidNotJoin, ///< facts: seconds waited
    FirmwareImageRejected, ///< the device's CRC-32 check of the image failed
    ConfigurationRejected, ///< the device's check of the configuration failed
    FlashWriteFailed,
    DeviceHardwareFailure, ///< facts: the request it answered to
    DeviceRefused, ///< facts: the device's answer, the request
    LockIncomplete,
    NotPretested, ///< the unit holds no configuration of this ID
    ServerUnreachable,
    GatewayUnreachable,
    AlreadyProvisioned, ///< facts: node ID; the node reports itself locked (provisioned before)
};

/// The operator's remedies, each one sentence in the window's language.
enum class OperatorAction : int {
    None = 0,
    Retry,
    Reseat,
    RescanLabel,
    RejectUnit,
    RetryThenReject,
    CallSupervisor,
    WrongProduct,
    CheckMeter,
    CheckAccessPoint,
    ProvisionAgain, ///< the unit is done already: only a supervisor provisions it again
};

/// The catalogue of causes beside the result codes (ResultCatalogue): a
/// stable id for logs and models, a sentence with the facts filled in, and
/// the action. Texts are marked for translation (contexts "FailureCause" and
/// "OperatorAction"); the *Source variants return them untranslated.
class CauseCatalogue
{
public:
    /// Every cause but None.
    [[nodiscard]] static QList<FailureCause> allCauses();
    /// "wrong-node-hardware"; empty for None.
    [[nodiscard]] static QString id(FailureCause cause);
    /// None for an unknown id.
    [[nodiscard]] static FailureCause fromId(const QString &id);
    /// How many facts the sentence takes.
    [[nodiscard]] static int factCount(FailureCause cause);
    /// The sentence with `facts` filled in, translated ("the node is ENODE,
    /// the configuration is for UNODE"); empty for None.
    [[nodiscard]] static QString text(FailureCause cause, const QStringList &facts);
    [[nodiscard]] static QString textSource(FailureCause cause, const QStringList &facts);
    [[nodiscard]] static OperatorAction action(FailureCause cause);
    /// The action for a failure with `cause`, or the code's own when the cause is None.
    [[nodiscard]] static OperatorAction actionFor(FailureCause cause, ResultCode code);
    /// The action of a code whose cause is not known.
    [[nodiscard]] static OperatorAction defaultAction(ResultCode code);
    [[nodiscard]] static QString actionText(OperatorAction action);
    [[nodiscard]] static QString actionTextSource(OperatorAction action);
    /// True where the CLI's error line names the cause's action in place of
    /// the contract's catalogue actions (the code's actions would mislead).
    [[nodiscard]] static bool replacesContractAction(FailureCause cause);
};

} // namespace prov
