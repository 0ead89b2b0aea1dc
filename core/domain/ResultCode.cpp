#include "domain/ResultCode.h"

#include <QCoreApplication>

#include <array>

namespace prov {

namespace {

struct CodeEntry
{
    ResultCode code;
    const char *message;
    std::initializer_list<CorrectiveAction> actions;
};

using A = CorrectiveAction;

// The contract's table, in its order. Texts are translated in context "ResultCode".
const CodeEntry kCodes[] = {
    {ResultCode::Success, QT_TRANSLATE_NOOP("ResultCode", "success"), {}},
    {ResultCode::InternalError, QT_TRANSLATE_NOOP("ResultCode", "internal software error"), {A::CollectLog}},
    {ResultCode::InvalidArguments, QT_TRANSLATE_NOOP("ResultCode", "invalid command-line arguments"),
        {A::CheckArguments}},
    {ResultCode::DeviceUnreachable, QT_TRANSLATE_NOOP("ResultCode", "cannot communicate with the device under test"),
        {A::CheckCableAndPower}},
    {ResultCode::UnknownError, QT_TRANSLATE_NOOP("ResultCode", "unknown error"),
        {A::CheckWorkingFolder, A::CollectLog}},
    {ResultCode::NodeMessageFailed, QT_TRANSLATE_NOOP("ResultCode", "message to node failed"), {A::CollectLog}},
    {ResultCode::NodeUnexpectedError, QT_TRANSLATE_NOOP("ResultCode", "node returned unexpected error"),
        {A::CollectLog}},
    {ResultCode::NodeVerificationFailed, QT_TRANSLATE_NOOP("ResultCode", "verification of node provisioning failed"),
        {A::CheckConfiguration}},
    {ResultCode::NodeVersionIncompatible,
        QT_TRANSLATE_NOOP("ResultCode", "node version incompatible with this provisioning version"), {A::CollectLog}},
    {ResultCode::NodeHardwareIncompatible, QT_TRANSLATE_NOOP("ResultCode", "node hardware type incompatible"),
        {A::CollectLog}},
    {ResultCode::NodeCalibrationIncompatible,
        QT_TRANSLATE_NOOP("ResultCode", "node calibration information incompatible"), {A::CollectLog}},
    {ResultCode::NodeConfigurationIncompatible,
        QT_TRANSLATE_NOOP("ResultCode", "node configuration information incompatible"), {A::CollectLog}},
    {ResultCode::NodeFirmwareUnavailable,
        QT_TRANSLATE_NOOP("ResultCode", "node firmware from server unavailable or does not match node type"),
        {A::CheckConfiguration}},
    {ResultCode::NodeConfigurationUnavailable,
        QT_TRANSLATE_NOOP("ResultCode", "node configuration from server unavailable or invalid"),
        {A::CheckConfiguration}},
    {ResultCode::HostUnreachable, QT_TRANSLATE_NOOP("ResultCode", "cannot communicate with the host (eMCM)"),
        {A::CheckCableAndPower}},
    {ResultCode::HostUnexpectedError, QT_TRANSLATE_NOOP("ResultCode", "host returned unexpected error"),
        {A::CollectLog}},
    {ResultCode::HostVerificationFailed, QT_TRANSLATE_NOOP("ResultCode", "verification of host provisioning failed"),
        {A::CheckConfiguration}},
    {ResultCode::HostHardwareFailure, QT_TRANSLATE_NOOP("ResultCode", "host reported failing or invalid hardware"),
        {A::CollectLog}},
    {ResultCode::HostFirmwareUnavailable,
        QT_TRANSLATE_NOOP("ResultCode", "host firmware from server unavailable or does not match host type"),
        {A::CheckConfiguration, A::CheckSharedFolder, A::CheckWorkingFolder}},
    {ResultCode::HostConfigurationUnavailable,
        QT_TRANSLATE_NOOP("ResultCode", "host configuration from server unavailable or invalid"),
        {A::CheckConfiguration, A::CheckSharedFolder, A::CheckWorkingFolder}},
    {ResultCode::ServerUnreachable, QT_TRANSLATE_NOOP("ResultCode", "server unreachable"), {A::CheckServerReachable}},
    {ResultCode::ServerErrorResponse, QT_TRANSLATE_NOOP("ResultCode", "server returned an error response"),
        {A::CheckConfiguration}},
    {ResultCode::ServerResponseInvalid,
        QT_TRANSLATE_NOOP("ResultCode", "server response invalid, or file hash/signature mismatch"),
        {A::CheckConfiguration}},
    {ResultCode::ServerFileUnreadable, QT_TRANSLATE_NOOP("ResultCode", "cannot open a file from the server"),
        {A::CheckSharedFolder, A::CheckWorkingFolder}},
    {ResultCode::GatewayUnreachable, QT_TRANSLATE_NOOP("ResultCode", "gateway unreachable"), {A::CheckGateway}},
    {ResultCode::GatewayUnexpectedError, QT_TRANSLATE_NOOP("ResultCode", "gateway returned unexpected error"),
        {A::CollectLog}},
    {ResultCode::DeviceDidNotJoin, QT_TRANSLATE_NOOP("ResultCode", "device did not join the gateway"),
        {A::CheckAccessPoint, A::CheckAntenna}},
    {ResultCode::ApplicationLinkFailure,
        QT_TRANSLATE_NOOP("ResultCode", "application link failure (eMCM cannot talk to the meter)"),
        {A::CheckEmcmAndMeter}},
};

// Indexed by action number - 1; translated in context "CorrectiveAction".
const std::array<const char *, 11> kActions = {
    QT_TRANSLATE_NOOP("CorrectiveAction", "check the arguments"),
    QT_TRANSLATE_NOOP("CorrectiveAction", "check the cable, the port and that the device is powered"),
    QT_TRANSLATE_NOOP(
        "CorrectiveAction", "check the configuration ID or alias and that the latest package is imported"),
    QT_TRANSLATE_NOOP("CorrectiveAction", "check that server mode is running and reachable from this station"),
    QT_TRANSLATE_NOOP("CorrectiveAction", "in shared-folder mode, check that the station can read the shared folder"),
    QT_TRANSLATE_NOOP("CorrectiveAction", "check that the gateway runs and is reachable"),
    QT_TRANSLATE_NOOP("CorrectiveAction", "check that the access point is online and the device is near it"),
    QT_TRANSLATE_NOOP("CorrectiveAction", "check the external antenna"),
    QT_TRANSLATE_NOOP("CorrectiveAction", "check that the eMCM is seated, the meter powered and configured to match"),
    QT_TRANSLATE_NOOP("CorrectiveAction", "check that the station may write its working folder"),
    QT_TRANSLATE_NOOP("CorrectiveAction", "collect the log and send it to support"),
};

const CodeEntry *find(ResultCode code)
{
    for (const CodeEntry &entry : kCodes) {
        if (entry.code == code)
            return &entry;
    }
    return nullptr;
}

const CodeEntry &entryOrUnknown(ResultCode code)
{
    const CodeEntry *entry = find(code);
    return entry ? *entry : *find(ResultCode::UnknownError);
}

} // namespace

QList<ResultCode> ResultCatalogue::allCodes()
{
    QList<ResultCode> codes;
    for (const CodeEntry &entry : kCodes)
        codes.append(entry.code);
    return codes;
}

bool ResultCatalogue::isKnown(int code)
{
    return find(static_cast<ResultCode>(code)) != nullptr;
}

bool ResultCatalogue::isStationSide(int code)
{
    switch (static_cast<ResultCode>(code)) {
    case ResultCode::ServerUnreachable:
    case ResultCode::ServerErrorResponse:
    case ResultCode::ServerResponseInvalid:
    case ResultCode::ServerFileUnreadable:
    case ResultCode::GatewayUnreachable:
        return true;
    default:
        return false;
    }
}

QString ResultCatalogue::message(ResultCode code)
{
    return QCoreApplication::translate("ResultCode", entryOrUnknown(code).message);
}

QString ResultCatalogue::messageSource(ResultCode code)
{
    return QString::fromLatin1(entryOrUnknown(code).message);
}

QList<CorrectiveAction> ResultCatalogue::actions(ResultCode code)
{
    return QList<CorrectiveAction>(entryOrUnknown(code).actions);
}

QString ResultCatalogue::actionText(CorrectiveAction action)
{
    const int index = static_cast<int>(action) - 1;
    if (index < 0 || index >= int(kActions.size()))
        return {};
    return QCoreApplication::translate("CorrectiveAction", kActions[size_t(index)]);
}

QString ResultCatalogue::actionTextSource(CorrectiveAction action)
{
    const int index = static_cast<int>(action) - 1;
    if (index < 0 || index >= int(kActions.size()))
        return {};
    return QString::fromLatin1(kActions[size_t(index)]);
}

QString ResultCatalogue::actionsText(ResultCode code)
{
    QStringList texts;
    for (CorrectiveAction action : actions(code))
        texts.append(actionText(action));
    return texts.join(QStringLiteral("; "));
}

QString ResultCatalogue::errorLine(ResultCode code, const QString &detail)
{
    QString line = QStringLiteral("error %1: %2").arg(static_cast<int>(code)).arg(detail);
    const QString actionTexts = actionsText(code);
    if (!actionTexts.isEmpty())
        line += QStringLiteral(" \u2014 ") + actionTexts;
    return line;
}

} // namespace prov
