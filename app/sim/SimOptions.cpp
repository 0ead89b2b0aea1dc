#include "SimOptions.h"

#include <algorithm>

#include "protocol/ProtocolTypes.h"

#include <QCommandLineParser>
#include <QRegularExpression>

namespace prov::sim {

namespace {

Error argError(const QString &message)
{
    return makeError(ResultCode::InvalidArguments, message);
}

bool toDouble(const QString &text, double min, double max, double *out)
{
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok || !(v >= min) || !(v <= max))
        return false;
    *out = v;
    return true;
}

} // namespace

QStringList SimOptions::knownModels()
{
    return {QStringLiteral("i210plus"), QStringLiteral("i210plusc"), QStringLiteral("sgm3xxx"), QStringLiteral("kv2c"),
        QStringLiteral("node")};
}

Result<QList<DeviceGroup>> SimOptions::parseDevices(QStringView text)
{
    static const QRegularExpression kItem(QStringLiteral("^([a-z0-9]+)(?::(\\d{1,3}))?(?:@([a-z_]+))?$"));
    QList<DeviceGroup> groups;
    int total = 0;
    for (QStringView item : text.split(u',')) {
        const QRegularExpressionMatch m = kItem.match(item.trimmed().toString());
        if (!m.hasMatch())
            return argError(QStringLiteral("--devices: \"%1\" is not MODEL[:COUNT][@WRAPPER]").arg(item.toString()));
        DeviceGroup g;
        g.model = m.captured(1);
        if (!knownModels().contains(g.model))
            return argError(QStringLiteral("--devices: unknown model \"%1\" (known: %2)")
                                .arg(g.model, knownModels().join(QStringLiteral(", "))));
        if (m.hasCaptured(2))
            g.count = m.captured(2).toInt();
        if (g.count < 1)
            return argError(QStringLiteral("--devices: \"%1\" wants at least one device").arg(item.toString()));
        if (m.hasCaptured(3)) {
            transport::WrapperKind kind {};
            if (!transport::parseWrapperName(m.captured(3), &kind))
                return argError(QStringLiteral("--devices: unknown wrapper \"%1\"").arg(m.captured(3)));
            g.wrapper = kind;
        }
        total += g.count;
        groups.append(g);
    }
    if (groups.isEmpty())
        return argError(QStringLiteral("--devices: no devices"));
    if (total > 256)
        return argError(QStringLiteral("--devices: %1 devices, at most 256").arg(total));
    return groups;
}

Result<SimOptions> SimOptions::parse(const QStringList &arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("Simulates meters and radio nodes on pseudo-terminals, and the factory gateway (docs/sim.md)."));
    const QCommandLineOption help(
        QStringList {QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Shows this help."));
    const QCommandLineOption version(QStringLiteral("version"), QStringLiteral("Shows the version."));
    const QCommandLineOption devices(QStringLiteral("devices"),
        QStringLiteral("Devices to simulate: MODEL[:COUNT][@WRAPPER],... with MODEL "
                       "i210plus, i210plusc, sgm3xxx, kv2c or node, e.g. i210plus:4,kv2c:2,node:1@reliable."),
        QStringLiteral("list"));
    const QCommandLineOption stateDir(QStringLiteral("state-dir"),
        QStringLiteral("Writes each device's memory to DIR/<nodeId>.json."), QStringLiteral("dir"));
    const QCommandLineOption gatewayPort(QStringLiteral("gateway-port"),
        QStringLiteral("Gateway control port (0 = any free one)."), QStringLiteral("port"), QStringLiteral("4021"));
    const QCommandLineOption gatewayAddress(QStringLiteral("gateway-address"),
        QStringLiteral("Address the gateway control port listens on."), QStringLiteral("address"),
        QStringLiteral("127.0.0.1"));
    const QCommandLineOption joinDelay(QStringLiteral("join-delay"),
        QStringLiteral("Seconds a node on the factory configuration takes to join."), QStringLiteral("seconds"),
        QStringLiteral("3"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Seed of the device IDs and the line noise."),
        QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption flash(QStringLiteral("flash-ms-per-kib"),
        QStringLiteral("Flash write time per KiB of firmware or configuration."), QStringLiteral("ms"),
        QStringLiteral("2"));
    const QCommandLineOption resetMs(QStringLiteral("reset-ms"),
        QStringLiteral("How long a device is silent while it restarts."), QStringLiteral("ms"), QStringLiteral("500"));
    const QCommandLineOption maxBlock(QStringLiteral("max-block"),
        QStringLiteral("Largest transfer block the devices accept (1..4096)."), QStringLiteral("bytes"),
        QStringLiteral("1024"));
    const QCommandLineOption nodeType(QStringLiteral("node-type"),
        QStringLiteral("Hardware type of the nodes: UNODE, ENODE or DNODE."), QStringLiteral("type"),
        QStringLiteral("UNODE"));
    const QCommandLineOption nodeFw(QStringLiteral("node-firmware"),
        QStringLiteral("Firmware version the nodes start with."), QStringLiteral("version"), QStringLiteral("1.0.0.0"));
    const QCommandLineOption hostFw(QStringLiteral("host-firmware"),
        QStringLiteral("Firmware version the eMCMs start with."), QStringLiteral("version"), QStringLiteral("1.0.0.0"));
    const QCommandLineOption apps(QStringLiteral("apps"),
        QStringLiteral("The applications every eMCM holds, comma-separated, in application-number order."),
        QStringLiteral("names"), QStringLiteral("emcm"));
    const QCommandLineOption password(QStringLiteral("psem-password"),
        QStringLiteral("The meters' C12.18 Security password (optical ports)."), QStringLiteral("text"));
    const QCommandLineOption fault(QStringLiteral("fault"),
        QStringLiteral("Fault injection, repeatable: TARGET:key[=value],... with TARGET "
                       "MODEL, MODEL#N or *; keys ber, drop, silent, wrong-hw, hw-fail, "
                       "meter-link-down, lock-fail, never-join, join-after, reset-during-fw, "
                       "flash-corrupt, calibration."),
        QStringLiteral("rule"));
    p.addOptions({help, version, devices, stateDir, gatewayPort, gatewayAddress, joinDelay, seed, flash, resetMs,
        maxBlock, nodeType, nodeFw, hostFw, apps, password, fault});
    if (!p.parse(arguments))
        return argError(p.errorText());
    if (p.isSet(help))
        return makeError(ResultCode::Success, p.helpText());
    if (p.isSet(version))
        return makeError(
            ResultCode::Success, QStringLiteral("provstation-sim %1\n").arg(QStringLiteral(PROVSTATION_VERSION)));
    if (!p.positionalArguments().isEmpty())
        return argError(QStringLiteral("unexpected argument \"%1\"").arg(p.positionalArguments().constFirst()));

    SimOptions o;
    if (!p.isSet(devices))
        return argError(QStringLiteral("--devices is required, e.g. --devices i210plus:4,kv2c:2,node:2"));
    Result<QList<DeviceGroup>> groups = parseDevices(p.value(devices));
    if (!groups.ok())
        return groups.error();
    o.groups = *groups;
    o.stateDir = p.value(stateDir);

    bool ok = false;
    const uint port = p.value(gatewayPort).toUInt(&ok);
    if (!ok || port > 65535)
        return argError(QStringLiteral("--gateway-port: \"%1\" is not a port number").arg(p.value(gatewayPort)));
    o.gatewayPort = quint16(port);
    if (!o.gatewayAddress.setAddress(p.value(gatewayAddress)))
        return argError(QStringLiteral("--gateway-address: \"%1\" is not an address").arg(p.value(gatewayAddress)));
    o.seed = p.value(seed).toULongLong(&ok, 0);
    if (!ok)
        return argError(QStringLiteral("--seed: \"%1\" is not a number").arg(p.value(seed)));
    if (!toDouble(p.value(joinDelay), 0.0, 86400.0, &o.joinDelaySeconds))
        return argError(QStringLiteral("--join-delay: \"%1\" is not 0..86400 seconds").arg(p.value(joinDelay)));
    if (!toDouble(p.value(flash), 0.0, 10000.0, &o.flashMsPerKiB))
        return argError(QStringLiteral("--flash-ms-per-kib: \"%1\" is not 0..10000").arg(p.value(flash)));
    o.resetMs = p.value(resetMs).toInt(&ok);
    if (!ok || o.resetMs < 0 || o.resetMs > 600000)
        return argError(QStringLiteral("--reset-ms: \"%1\" is not 0..600000").arg(p.value(resetMs)));
    o.maxBlock = p.value(maxBlock).toInt(&ok);
    if (!ok || o.maxBlock < 1 || o.maxBlock > protocol::kMaxBlockSize)
        return argError(QStringLiteral("--max-block: \"%1\" is not 1..4096").arg(p.value(maxBlock)));
    if (!protocol::parseHardwareType(p.value(nodeType), &o.nodeHardwareType)
        || o.nodeHardwareType == protocol::HardwareType::Emcm)
        return argError(QStringLiteral("--node-type: \"%1\" is not UNODE, ENODE or DNODE").arg(p.value(nodeType)));
    for (const auto &[option, target] : {std::pair {&nodeFw, &o.nodeFirmware}, std::pair {&hostFw, &o.hostFirmware}}) {
        Result<protocol::FirmwareVersion> v = protocol::FirmwareVersion::parse(p.value(*option));
        if (!v.ok())
            return argError(QStringLiteral("--%1: %2").arg(option->names().constFirst(), v.error().message));
        *target = *v;
    }
    o.hostApps = p.value(apps).split(QLatin1Char(','));
    if (o.hostApps.size() > protocol::kMaxHostApps)
        return argError(
            QStringLiteral("--apps: %1 applications, at most %2").arg(o.hostApps.size()).arg(protocol::kMaxHostApps));
    for (const QString &name : std::as_const(o.hostApps)) {
        const bool printable
            = std::all_of(name.cbegin(), name.cend(), [](QChar c) { return c.unicode() > 0x20 && c.unicode() < 0x7F; });
        if (name.isEmpty() || name.size() > protocol::kMaxAppNameLength || !printable || o.hostApps.count(name) > 1)
            return argError(QStringLiteral("--apps: \"%1\" is not a unique name of 1..%2 printable characters")
                                .arg(name)
                                .arg(protocol::kMaxAppNameLength));
    }
    o.psemPassword = p.value(password).toUtf8();
    for (const QString &text : p.values(fault)) {
        Result<FaultRule> rule = FaultRule::parse(text);
        if (!rule.ok())
            return rule.error();
        o.faults.append(*rule);
    }
    return o;
}

} // namespace prov::sim
