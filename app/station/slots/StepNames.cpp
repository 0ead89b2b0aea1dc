#include "slots/StepNames.h"

#include <QCoreApplication>

namespace prov::gui {

namespace {

struct StepName
{
    const char *kind;
    const char *text;
};

// The engine's step blocks (core/engine/PluginTypes.cpp) and the phases before them.
const StepName kNames[] = {
    {"Starting", QT_TRANSLATE_NOOP("StepName", "starting")},
    {"FetchConfiguration", QT_TRANSLATE_NOOP("StepName", "loading the configuration")},
    {"IdentifyNode", QT_TRANSLATE_NOOP("StepName", "reading the node")},
    {"CheckNodeCompatibility", QT_TRANSLATE_NOOP("StepName", "checking the node type")},
    {"IdentifyHost", QT_TRANSLATE_NOOP("StepName", "reading the eMCM")},
    {"CheckPartialMcmId", QT_TRANSLATE_NOOP("StepName", "checking the label")},
    {"UpdateNodeFirmware", QT_TRANSLATE_NOOP("StepName", "updating the node firmware")},
    {"UpdateHostFirmware", QT_TRANSLATE_NOOP("StepName", "updating the eMCM firmware")},
    {"WriteFactoryConfig", QT_TRANSLATE_NOOP("StepName", "writing the factory configuration")},
    {"WriteFieldConfig", QT_TRANSLATE_NOOP("StepName", "writing the field configuration")},
    {"ClearGatewayStatus", QT_TRANSLATE_NOOP("StepName", "preparing the gateway")},
    {"CheckFactoryConfigPresent", QT_TRANSLATE_NOOP("StepName", "checking the earlier test")},
    {"WaitForJoin", QT_TRANSLATE_NOOP("StepName", "waiting for the node to join the gateway")},
    {"GenerateAndEscrowKeys", QT_TRANSLATE_NOOP("StepName", "making the keys")},
    {"WriteKeys", QT_TRANSLATE_NOOP("StepName", "writing the keys")},
    {"VerifyKeys", QT_TRANSLATE_NOOP("StepName", "checking the keys")},
    {"ConfirmEscrow", QT_TRANSLATE_NOOP("StepName", "storing the keys on the server")},
    {"VerifyConfiguration", QT_TRANSLATE_NOOP("StepName", "checking what was written")},
    {"Lock", QT_TRANSLATE_NOOP("StepName", "locking the device")},
    {"CheckMeterLink", QT_TRANSLATE_NOOP("StepName", "checking the meter link")},
};

} // namespace

QString StepNames::text(const QString &stepKind)
{
    for (const StepName &name : kNames) {
        if (stepKind == QLatin1String(name.kind))
            return QCoreApplication::translate("StepName", name.text);
    }
    return stepKind;
}

bool StepNames::waits(const QString &stepKind)
{
    return stepKind == QLatin1String("WaitForJoin");
}

} // namespace prov::gui
