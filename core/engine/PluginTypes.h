#pragma once

#include <QString>
#include <QStringView>

namespace prov::engine {

/// The operations of the CLI contract. PROVISION is the single-stage flow;
/// PRETEST, CHECKCONFIG and POSTTEST are the multi-stage ones.
enum class Operation { Provision, Pretest, CheckConfig, Posttest };

/// "PROVISION", "PRETEST", "CHECKCONFIG", "POSTTEST".
[[nodiscard]] QString operationName(Operation operation);
/// Case-insensitive inverse of operationName(); false for anything else.
[[nodiscard]] bool parseOperation(QStringView text, Operation *operation);

/// Which physical port of the device an operation runs on.
enum class PortRole { Direct, Fixture, Optical };

[[nodiscard]] QString portRoleName(PortRole role);
[[nodiscard]] bool parsePortRole(QStringView text, PortRole *role);

/// The processors a step acts on. Host steps are skipped on a bare node.
enum class Targets { Node = 1, Host = 2, Both = 3 };

[[nodiscard]] inline bool includesNode(Targets t)
{
    return (int(t) & int(Targets::Node)) != 0;
}
[[nodiscard]] inline bool includesHost(Targets t)
{
    return (int(t) & int(Targets::Host)) != 0;
}
[[nodiscard]] QString targetsName(Targets targets);

/// The step blocks core offers; a plugin builds each operation from them.
/// Names are stable: they appear in run logs, progress, docs/engine.md and
/// the step boundaries (RunServices::stepBoundary).
enum class StepKind {
    IdentifyNode, ///< NodeIdentify; the first answer proves the device is there (else 4)
    CheckNodeCompatibility, ///< hardware type (40), calibration (41), held configuration (42)
    IdentifyHost, ///< HostIdentify; silent host 68, failing hardware 72
    CheckPartialMcmId, ///< the eMCM ID ends in the scanned 8 hex digits
    UpdateNodeFirmware, ///< only where the version differs from the configuration's (43)
    UpdateHostFirmware, ///< same for each host application (75)
    WriteFactoryConfig, ///< node (44) and/or host (76)
    WriteFieldConfig, ///< node (44) and/or host (76); factory ones with --factory-config
    ClearGatewayStatus, ///< factory gateway CLEAR (132, 133)
    CheckFactoryConfigPresent, ///< a PRETEST has run: factory configuration of this ID held (42)
    WaitForJoin, ///< gateway STATUS until JOINED or --timeout (134)
    GenerateAndEscrowKeys, ///< CSPRNG, encrypt, outbox, server pending
    WriteKeys, ///< network keys and node root key to the node, app keys to the host
    VerifyKeys, ///< AES-CMAC over a fresh challenge per slot (38, 70)
    ConfirmEscrow, ///< server marks the record done; outbox forgets it (100)
    VerifyConfiguration, ///< identify again: firmware and configuration as written (38, 70)
    Lock, ///< debug/flash interfaces locked (skipped with --skip_lock)
    CheckMeterLink, ///< the eMCM reaches the meter (164)
};

[[nodiscard]] QString stepKindName(StepKind kind);
[[nodiscard]] bool parseStepKind(QStringView text, StepKind *kind);

} // namespace prov::engine
