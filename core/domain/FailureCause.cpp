#include "domain/FailureCause.h"

#include <QCoreApplication>

namespace prov {

namespace {

struct CauseEntry
{
    FailureCause cause;
    const char *id;
    struct
    {
        const char *source; ///< with %1.. for the facts
        const char *comment; ///< for translators: what the facts are
    } text;
    int facts;
    OperatorAction action;
};

using C = FailureCause;
using A = OperatorAction;

// Translated in context "FailureCause". The facts are device answers and IDs.
const CauseEntry kCauses[] = {
    {C::NoAnswer, "no-answer", QT_TRANSLATE_NOOP3("FailureCause", "no answer from a device on %1", "%1: serial port"),
        1, A::Reseat},
    {C::LinkDidNotComeUp, "link-not-ready",
        QT_TRANSLATE_NOOP3("FailureCause", "the link on %1 did not come up", "%1: serial port"), 1, A::Reseat},
    {C::StoppedAnswering, "stopped-answering", QT_TRANSLATE_NOOP3("FailureCause", "the device stopped answering", ""),
        0, A::Reseat},
    {C::GarbledAnswer, "garbled-answer",
        QT_TRANSLATE_NOOP3("FailureCause", "the device's answer could not be read", ""), 0, A::Retry},
    {C::StepTimedOut, "step-timed-out",
        QT_TRANSLATE_NOOP3("FailureCause", "the device did not finish within %1 s", "%1: seconds"), 1, A::Reseat},
    {C::WrongNodeHardware, "wrong-node-hardware",
        QT_TRANSLATE_NOOP3("FailureCause", "the node is %1, the configuration is for %2",
            "%1: hardware type found, %2: hardware type expected"),
        2, A::WrongProduct},
    {C::NodeCalibrationInvalid, "calibration-invalid",
        QT_TRANSLATE_NOOP3("FailureCause", "the node's calibration is invalid", ""), 0, A::RejectUnit},
    {C::NodeUncalibrated, "uncalibrated", QT_TRANSLATE_NOOP3("FailureCause", "the node was never calibrated", ""), 0,
        A::RejectUnit},
    {C::HostSelfTestFailed, "host-self-test-failed",
        QT_TRANSLATE_NOOP3("FailureCause", "the eMCM failed its self-test: %1",
            "%1: failing parts (RAM, flash, radio, meter interface)"),
        1, A::RejectUnit},
    {C::HostNotEmcm, "host-not-emcm",
        QT_TRANSLATE_NOOP3("FailureCause", "the board is %1, not an eMCM", "%1: hardware type found"), 1,
        A::WrongProduct},
    {C::HostLacksApplication, "host-lacks-application",
        QT_TRANSLATE_NOOP3("FailureCause", "the eMCM has no application %1 (it holds %2)",
            "%1: applications the configuration needs, %2: applications the eMCM holds"),
        2, A::WrongProduct},
    {C::PartialMcmIdMismatch, "label-mismatch",
        QT_TRANSLATE_NOOP3("FailureCause", "the label does not match: label %1, eMCM %2 (ID %3)",
            "%1: ID on the label, %2: last 8 digits of the eMCM's ID, %3: the eMCM's full ID"),
        3, A::RescanLabel},
    {C::MeterLinkDown, "meter-link-down", QT_TRANSLATE_NOOP3("FailureCause", "the eMCM cannot reach the meter", ""), 0,
        A::CheckMeter},
    {C::MeterSerialMismatch, "meter-serial-mismatch",
        QT_TRANSLATE_NOOP3("FailureCause", "the eMCM reaches meter %1, the label says %2",
            "%1: meter serial the eMCM reports, %2: meter serial on the label"),
        2, A::RescanLabel},
    {C::DidNotJoin, "did-not-join",
        QT_TRANSLATE_NOOP3("FailureCause", "the device did not join the gateway within %1 s", "%1: seconds"), 1,
        A::CheckAccessPoint},
    {C::FirmwareImageRejected, "firmware-crc",
        QT_TRANSLATE_NOOP3("FailureCause", "the device rejected the firmware image (checksum mismatch)", ""), 0,
        A::RetryThenReject},
    {C::ConfigurationRejected, "configuration-crc",
        QT_TRANSLATE_NOOP3("FailureCause", "the device rejected the configuration (checksum mismatch)", ""), 0,
        A::RetryThenReject},
    {C::FlashWriteFailed, "flash-write-failed",
        QT_TRANSLATE_NOOP3("FailureCause", "the device could not write its flash memory", ""), 0, A::RetryThenReject},
    {C::DeviceHardwareFailure, "hardware-failure",
        QT_TRANSLATE_NOOP3(
            "FailureCause", "the device reported a hardware failure (%1)", "%1: the request it answered to"),
        1, A::RejectUnit},
    {C::DeviceRefused, "device-refused",
        QT_TRANSLATE_NOOP3(
            "FailureCause", "the device answered \"%1\" to %2", "%1: the device's answer, %2: the request"),
        2, A::Retry},
    {C::LockIncomplete, "lock-incomplete",
        QT_TRANSLATE_NOOP3("FailureCause", "the device is still unlocked after Lock", ""), 0, A::RejectUnit},
    {C::NotPretested, "not-pretested",
        QT_TRANSLATE_NOOP3("FailureCause", "the unit has not passed PRETEST for this configuration", ""), 0,
        A::CallSupervisor},
    {C::ServerUnreachable, "server-unreachable", QT_TRANSLATE_NOOP3("FailureCause", "the server does not answer", ""),
        0, A::CallSupervisor},
    {C::GatewayUnreachable, "gateway-unreachable",
        QT_TRANSLATE_NOOP3("FailureCause", "the gateway does not answer", ""), 0, A::CallSupervisor},
    {C::AlreadyProvisioned, "already-provisioned",
        QT_TRANSLATE_NOOP3("FailureCause", "node %1 is already provisioned and locked", "%1: node ID"), 1,
        A::ProvisionAgain},
};

// Indexed by action number - 1; translated in context "OperatorAction".
const char *const kActions[] = {
    QT_TRANSLATE_NOOP("OperatorAction", "press Retry"),
    QT_TRANSLATE_NOOP("OperatorAction", "re-seat the device (connector, cable, power), then press Retry"),
    QT_TRANSLATE_NOOP("OperatorAction", "re-scan the label; if it still does not match, set the unit aside"),
    QT_TRANSLATE_NOOP("OperatorAction", "reject the unit: press Reject"),
    QT_TRANSLATE_NOOP("OperatorAction", "press Retry once; if it fails again, reject the unit"),
    QT_TRANSLATE_NOOP("OperatorAction", "call the supervisor"),
    QT_TRANSLATE_NOOP(
        "OperatorAction", "set the unit aside and call the supervisor: this slot is set up for another product"),
    QT_TRANSLATE_NOOP(
        "OperatorAction", "re-seat the eMCM in the meter and check that the meter is powered, then press Retry"),
    QT_TRANSLATE_NOOP(
        "OperatorAction", "check that the access point is on and the antenna connected, then press Retry"),
    QT_TRANSLATE_NOOP(
        "OperatorAction", "take the unit out: it is done; only a supervisor may provision it again (Provision again)"),
};

const CauseEntry *find(FailureCause cause)
{
    for (const CauseEntry &entry : kCauses) {
        if (entry.cause == cause)
            return &entry;
    }
    return nullptr;
}

QString fill(const QString &text, const QStringList &facts, int count)
{
    // One pass (multi-arg): a fact that contains "%2" stays as it is.
    const auto fact = [&facts](int i) {
        return i < facts.size() ? facts.at(i) : QStringLiteral("?");
    };
    switch (count) {
    case 0:
        return text;
    case 1:
        return text.arg(fact(0));
    case 2:
        return text.arg(fact(0), fact(1));
    default:
        return text.arg(fact(0), fact(1), fact(2));
    }
}

} // namespace

QList<FailureCause> CauseCatalogue::allCauses()
{
    QList<FailureCause> causes;
    for (const CauseEntry &entry : kCauses)
        causes.append(entry.cause);
    return causes;
}

QString CauseCatalogue::id(FailureCause cause)
{
    const CauseEntry *entry = find(cause);
    return entry ? QString::fromLatin1(entry->id) : QString();
}

FailureCause CauseCatalogue::fromId(const QString &id)
{
    for (const CauseEntry &entry : kCauses) {
        if (id == QLatin1String(entry.id))
            return entry.cause;
    }
    return FailureCause::None;
}

int CauseCatalogue::factCount(FailureCause cause)
{
    const CauseEntry *entry = find(cause);
    return entry ? entry->facts : 0;
}

QString CauseCatalogue::text(FailureCause cause, const QStringList &facts)
{
    const CauseEntry *entry = find(cause);
    if (!entry)
        return {};
    return fill(QCoreApplication::translate(
                    "FailureCause", entry->text.source, *entry->text.comment ? entry->text.comment : nullptr),
        facts, entry->facts);
}

QString CauseCatalogue::textSource(FailureCause cause, const QStringList &facts)
{
    const CauseEntry *entry = find(cause);
    return entry ? fill(QString::fromLatin1(entry->text.source), facts, entry->facts) : QString();
}

OperatorAction CauseCatalogue::action(FailureCause cause)
{
    const CauseEntry *entry = find(cause);
    return entry ? entry->action : OperatorAction::None;
}

OperatorAction CauseCatalogue::actionFor(FailureCause cause, ResultCode code)
{
    const OperatorAction own = action(cause);
    return own != OperatorAction::None ? own : defaultAction(code);
}

OperatorAction CauseCatalogue::defaultAction(ResultCode code)
{
    switch (code) {
    case ResultCode::Success:
        return OperatorAction::None;
    case ResultCode::DeviceUnreachable:
    case ResultCode::NodeMessageFailed:
    case ResultCode::HostUnreachable:
        return OperatorAction::Reseat;
    case ResultCode::UnknownError:
    case ResultCode::NodeUnexpectedError:
    case ResultCode::HostUnexpectedError:
        return OperatorAction::Retry;
    case ResultCode::NodeVerificationFailed:
    case ResultCode::HostVerificationFailed:
        return OperatorAction::RetryThenReject;
    case ResultCode::NodeHardwareIncompatible:
        return OperatorAction::WrongProduct;
    case ResultCode::NodeCalibrationIncompatible:
    case ResultCode::HostHardwareFailure:
        return OperatorAction::RejectUnit;
    case ResultCode::DeviceDidNotJoin:
        return OperatorAction::CheckAccessPoint;
    case ResultCode::ApplicationLinkFailure:
        return OperatorAction::CheckMeter;
    default:
        // The station's set-up, the server, the gateway, the package: not the
        // operator's to mend.
        return OperatorAction::CallSupervisor;
    }
}

QString CauseCatalogue::actionText(OperatorAction action)
{
    const int index = int(action) - 1;
    if (index < 0 || index >= int(std::size(kActions)))
        return {};
    return QCoreApplication::translate("OperatorAction", kActions[index]);
}

QString CauseCatalogue::actionTextSource(OperatorAction action)
{
    const int index = int(action) - 1;
    if (index < 0 || index >= int(std::size(kActions)))
        return {};
    return QString::fromLatin1(kActions[index]);
}

bool CauseCatalogue::replacesContractAction(FailureCause cause)
{
    // The contract says "collect the log" for 72; a label that names another
    // board is no case for support.
    return cause == FailureCause::PartialMcmIdMismatch;
}

} // namespace prov
