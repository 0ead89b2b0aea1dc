#include "CliOptions.h"

#include "domain/ConfigId.h"
#include "domain/DeviceIds.h"
#include "engine/StationServerConfig.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QHostInfo>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>

using namespace prov;
using namespace prov::engine;

namespace {

Error argError(const QString &message)
{
    return makeError(ResultCode::InvalidArguments, message);
}

QString defaultDataDir()
{
    const QString env = qEnvironmentVariable("PROVSTATION_DATA_DIR");
    if (!env.isEmpty())
        return env;
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + QStringLiteral("/ProvStation/station");
}

const QRegularExpression kCsys1x(QStringLiteral("^--?csys_l_x(=.*)?$"));

} // namespace

Result<CliOptions> CliOptions::parse(const QStringList &arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Provisions the device on each -d port: OPERATION is PROVISION (default, single stage), PRETEST, "
        "CHECKCONFIG or POSTTEST.\n"
        "Exit codes: 0 success, 2 internal error, 3 invalid arguments, 4 no device, 14 unknown error, "
        "36-44 node, 68-76 host (eMCM), 100-108 server, 132-134 gateway, 164 meter link; "
        "see docs/contracts/cli.md. Each failure prints one line on stderr: "
        "error <code>: <what failed> \u2014 <corrective action>."));
    p.setSingleDashWordOptionMode(QCommandLineParser::ParseAsCompactedShortOptions);
    p.addPositionalArgument(QStringLiteral("OPERATION"), QStringLiteral("PROVISION | PRETEST | CHECKCONFIG | POSTTEST"),
        QStringLiteral("[OPERATION]"));
    const auto opt = [](QStringList names, const char *help, const char *value = nullptr, const char *def = nullptr) {
        QCommandLineOption o(names, QString::fromUtf8(help));
        if (value)
            o.setValueName(QString::fromLatin1(value));
        if (def)
            o.setDefaultValue(QString::fromLatin1(def));
        return o;
    };
    const auto s = [](const char *text) {
        return QString::fromLatin1(text);
    };
    const QCommandLineOption device = opt({s("d"), s("device")},
        "Serial port of the device (COM3, /dev/ttyUSB0, /dev/pts/7); repeat to run several ports in one process.",
        "PORT");
    const QCommandLineOption baud = opt(
        {s("b"), s("baud")}, "Baud rate; default from the meter plugin (115200 direct serial, 9600 optical).", "BAUD");
    const QCommandLineOption wrapper
        = opt({s("wrapper")}, "Transport wrapper: none, orw, reliable, opt_psem (default from the plugin).", "NAME");
    const QCommandLineOption meter = opt({s("meter")},
        "Meter plugin: i210plus, kv2c, node (generic node). Without it the device says what it is: a node without a "
        "host is a node; an eMCM reports its meter's manufacturer and model, the optical port the meter's own "
        "identification (C12.19 table 1), matched against each plugin's Detect list; no match or several: the "
        "station's default meter (station/defaultMeter in its settings), else code 3.",
        "NAME");
    const QCommandLineOption server = opt({s("s"), s("server"), s("prov_srvr")},
        "Server mode address HOST[:PORT] (port default 8085; https://HOST[:PORT] for TLS).", "HOST[:PORT]");
    const QCommandLineOption gateway
        = opt({s("g"), s("gateway")}, "Factory gateway for the over-the-air join check.", "HOST", "localhost");
    const QCommandLineOption controlPort = opt({s("control_port")}, "Gateway control port.", "N", "4021");
    const QCommandLineOption configId
        = opt({s("p"), s("config-id")}, "64-bit configuration ID, decimal or 0x hex.", "ID");
    const QCommandLineOption configAlias
        = opt({s("config-alias")}, "Configuration alias; exactly one of -p and --config-alias.", "NAME");
    const QCommandLineOption batch = opt({s("B"), s("batch")},
        "32-bit unsigned batch number, parsed like C strtoul(s, 0, 0): 0x hex, leading 0 octal, else decimal.", "N");
    const QCommandLineOption factoryConfig
        = opt({s("factory-config")}, "Finish with the factory configurations instead of the field ones.");
    const QCommandLineOption skipKeys = opt({s("skip-keys")}, "Do not generate or write keys.");
    const QCommandLineOption skipLock = opt({s("skip_lock")}, "Do not lock the debug/flash interfaces at the end.");
    const QCommandLineOption partial
        = opt({s("partial_mcm_id")}, "The last 8 hex digits the eMCM must report as its ID (from a barcode).", "HEX8");
    const QCommandLineOption timeout = opt({s("t"), s("timeout")}, "Over-the-air join timeout in seconds.", "S", "600");
    const QCommandLineOption verbosity = opt({s("verbosity")},
        "What goes to stdout: 0 critical only, 1 warnings (default), 2 debug. --logfile is not affected.", "0-2", "1");
    const QCommandLineOption logfile = opt({s("logfile")},
        "The whole diagnostic log to FILE, whatever --verbosity says: debug level, time-stamped, every step, retry "
        "and exchange summary, never a secret. With several -d, one file per port: the port's name (without /dev/ "
        "or \\\\.\\, other characters than letters, digits, '.', '_', '-' made '_') joins FILE's name before its "
        "extension (-d /dev/ttyUSB0 --logfile=emcm_factory_s1.log: emcm_factory_s1-ttyUSB0.log); lines that name "
        "no port go to every file.",
        "FILE");
    const QCommandLineOption transFrom
        = opt({s("path_trans_from")}, "Rewrite a leading path A (of file paths the server hands out) ...", "A");
    const QCommandLineOption transTo = opt({s("path_trans_to")}, "... to B (shared-folder mode).", "B");
    const QCommandLineOption station
        = opt({s("station")}, "Station name recorded with the result (default: host name and port).", "NAME");
    const QCommandLineOption tokenFile = opt({s("token-file")},
        "Station credential; otherwise PROVSTATION_TOKEN, otherwise the keychain entry the GUI saved. No credential: "
        "code 3 before touching the device.",
        "FILE");
    const QCommandLineOption flush = opt({s("flush-outbox")},
        "Send escrow records still pending in this station's outbox, then exit (0 when none is left).");
    const QCommandLineOption csys1x = opt({s("csys_l_x")},
        "Legacy option that selects a 1.x factory gateway. That gateway generation is not supported: refused "
        "with code 3.");
    const QCommandLineOption help = opt({s("h"), s("help")}, "Usage (this text).");
    const QCommandLineOption version = opt({s("version")}, "Version.");
    // Additions beyond the contract.
    const QCommandLineOption set
        = opt({s("set")}, "Plugin setting KEY=VALUE (see --describe-meter), repeatable.", "KEY=VALUE");
    const QCommandLineOption scan
        = opt({s("scan")}, "Scanned label value KEY=VALUE (e.g. meterSerial=M123), repeatable.", "KEY=VALUE");
    const QCommandLineOption dataDir = opt({s("data-dir")},
        "Station data folder: key outbox, file cache, run logs (default: PROVSTATION_DATA_DIR or the user's data "
        "folder).",
        "DIR");
    const QCommandLineOption pin = opt({s("pin")},
        "Accept only a server whose TLS key matches sha256//BASE64 (or whose certificate has this SHA-256 "
        "fingerprint; docs/api/tls-pinning.md); repeatable.",
        "PIN");
    const QCommandLineOption threads
        = opt({s("threads")}, "Engine threads for many ports (default: 4, or one per port when fewer).", "N");
    const QCommandLineOption listMeters = opt({s("list-meters")}, "List the meter plugins found, then exit.");
    const QCommandLineOption describe = opt({s("describe-meter")},
        "Print a meter plugin's description (operations, steps, scans, settings) as JSON, then exit.", "NAME");
    const QCommandLineOption pluginDir = opt({s("plugin-dir")},
        "Load meter plugins from DIR (default: PROVSTATION_PLUGIN_DIR or lib/provstation/plugins beside the program).",
        "DIR");
    p.addOptions({device, baud, wrapper, meter, server, gateway, controlPort, configId, configAlias, batch,
        factoryConfig, skipKeys, skipLock, partial, timeout, verbosity, logfile, transFrom, transTo, station, tokenFile,
        flush, csys1x, help, version, set, scan, dataDir, pin, threads, listMeters, describe, pluginDir});

    // Before the parser: legacy scripts may give it a value (--csys_l_x=1) or a
    // single dash, and either way the answer must be about the gateway, not the spelling.
    for (const QString &argument : arguments.mid(1)) {
        if (kCsys1x.match(argument).hasMatch())
            return argError(QStringLiteral("%1 selects a 1.x factory gateway: this gateway generation (1.x) is not "
                                           "supported by provstation-cli")
                                .arg(argument));
    }
    if (!p.parse(arguments))
        return argError(p.errorText());
    CliOptions o;
    o.helpText = p.helpText();
    o.pluginDir = p.value(pluginDir);
    if (p.isSet(help)) {
        o.mode = Mode::Help;
        return o;
    }
    if (p.isSet(version)) {
        o.mode = Mode::Version;
        return o;
    }
    if (p.isSet(listMeters)) {
        o.mode = Mode::ListMeters;
        return o;
    }
    if (p.isSet(describe)) {
        o.mode = Mode::DescribeMeter;
        o.meter = p.value(describe);
        return o;
    }

    bool ok = false;
    o.verbosity = p.value(verbosity).toInt(&ok);
    if (!ok || o.verbosity < 0 || o.verbosity > 2)
        return argError(QStringLiteral("--verbosity \"%1\" is not 0, 1 or 2").arg(p.value(verbosity)));
    o.logFile = p.value(logfile);
    o.tokenFile = p.value(tokenFile);
    o.dataDir = p.isSet(dataDir) ? p.value(dataDir) : defaultDataDir();
    auto pins = crypto::CertificatePin::parseList(p.values(pin));
    if (!pins)
        return argError(QStringLiteral("--pin: %1").arg(pins.error().message));
    o.pins = pins.value();
    if (p.isSet(threads)) {
        o.threads = p.value(threads).toInt(&ok);
        if (!ok || o.threads < 1 || o.threads > 64)
            return argError(QStringLiteral("--threads \"%1\" is not 1..64").arg(p.value(threads)));
    }
    // A paired station (provstation-cli pair) knows its server: no -s needed,
    // and -s naming the paired host and port means the paired https server.
    auto paired = StationServerConfig::load();
    if (!paired)
        return paired.error();
    if (p.isSet(server)) {
        Result<QUrl> url = ServerEndpoint::parseServerAddress(p.value(server));
        if (!url.ok())
            return url.error();
        o.serverUrl = url.value();
    } else if (!paired->has_value()) {
        return argError(QStringLiteral("no server given: -s HOST[:PORT] (or --server, --prov_srvr), and this station "
                                       "is not paired (provstation-cli pair https://HOST[:PORT] CODE)"));
    }
    if (paired->has_value() && (!p.isSet(server) || (*paired)->names(o.serverUrl))) {
        o.serverUrl = (*paired)->url;
        if (o.pins.isEmpty())
            o.pins = {(*paired)->pin};
    }
    if (p.isSet(transFrom) != p.isSet(transTo))
        return argError(QStringLiteral("--path_trans_from and --path_trans_to go together"));
    o.pathTranslateFrom = p.value(transFrom);
    o.pathTranslateTo = p.value(transTo);

    if (p.isSet(flush)) {
        o.mode = Mode::FlushOutbox;
        if (!p.positionalArguments().isEmpty() || p.isSet(device))
            return argError(QStringLiteral("--flush-outbox takes no OPERATION and no -d"));
        return o;
    }

    RunOptions &r = o.run;
    const QStringList positional = p.positionalArguments();
    if (positional.size() > 1)
        return argError(QStringLiteral("one OPERATION at most, got \"%1\"").arg(positional.join(QLatin1Char(' '))));
    if (!positional.isEmpty() && !parseOperation(positional.first(), &r.operation))
        return argError(QStringLiteral("unknown OPERATION \"%1\" (PROVISION, PRETEST, CHECKCONFIG or POSTTEST)")
                            .arg(positional.first()));
    o.devices = p.values(device);
    if (o.devices.isEmpty())
        return argError(QStringLiteral("no device given: -d PORT"));
    if (o.devices.removeDuplicates() > 0)
        return argError(QStringLiteral("a port is given twice with -d"));
    o.meter = p.value(meter);
    if (p.isSet(meter) && o.meter.isEmpty())
        return argError(QStringLiteral("--meter is empty (without --meter the device says what it is)"));
    o.defaultMeter = QSettings(QStringLiteral("ProvStation"), QStringLiteral("provstation"))
                         .value(QStringLiteral("station/defaultMeter"))
                         .toString()
                         .trimmed();
    if (p.isSet(baud)) {
        const int b = p.value(baud).toInt(&ok);
        if (!ok || b < 300 || b > 4000000)
            return argError(QStringLiteral("-b \"%1\" is not a baud rate").arg(p.value(baud)));
        r.baud = b;
    }
    if (p.isSet(wrapper)) {
        transport::WrapperKind kind {};
        if (!transport::parseWrapperName(p.value(wrapper), &kind))
            return argError(
                QStringLiteral("--wrapper \"%1\" is not none, orw, reliable or opt_psem").arg(p.value(wrapper)));
        r.wrapper = kind;
    }
    if (p.isSet(configId) == p.isSet(configAlias))
        return argError(QStringLiteral("give exactly one of -p (--config-id) and --config-alias"));
    if (p.isSet(configId)) {
        Result<ConfigId> id = ConfigId::parse(p.value(configId));
        if (!id.ok())
            return argError(QStringLiteral("-p: %1").arg(id.error().message));
        r.config.id = id.value();
    } else {
        r.config.alias = p.value(configAlias);
        if (r.config.alias.isEmpty())
            return argError(QStringLiteral("--config-alias is empty"));
    }
    if (p.isSet(batch)) {
        Result<BatchNumber> b = BatchNumber::parse(p.value(batch));
        if (!b.ok())
            return argError(QStringLiteral("-B: %1").arg(b.error().message));
        r.batch = b.value();
    }
    r.factoryConfig = p.isSet(factoryConfig);
    r.skipKeys = p.isSet(skipKeys);
    r.skipLock = p.isSet(skipLock);
    // Legacy scripts provision a locked (already provisioned) device again
    // without a question; the server audits the replaced key.
    r.reprovisionLocked = true;
    r.partialMcmId = p.value(partial);
    if (!r.partialMcmId.isEmpty()) {
        if (const Status valid = EmcmId::validatePartial(r.partialMcmId); !valid.ok())
            return argError(QStringLiteral("--partial_mcm_id: %1").arg(valid.error().message));
    }
    r.joinTimeoutS = p.value(timeout).toInt(&ok);
    if (!ok || r.joinTimeoutS < 1 || r.joinTimeoutS > 86400)
        return argError(QStringLiteral("-t \"%1\" is not 1..86400 seconds").arg(p.value(timeout)));
    r.gatewayHost = p.value(gateway);
    // The legacy option takes a host only; "host:port" (one colon, so not an
    // IPv6 address) is a port in the wrong place, not a host to look up.
    if (const qsizetype colon = r.gatewayHost.indexOf(QLatin1Char(':'));
        colon > 0 && r.gatewayHost.count(QLatin1Char(':')) == 1)
        return argError(QStringLiteral("-g \"%1\" takes a host only: give the gateway's control port with "
                                       "--control_port=%2")
                            .arg(r.gatewayHost, r.gatewayHost.mid(colon + 1)));
    const uint port = p.value(controlPort).toUInt(&ok);
    if (!ok || port < 1 || port > 65535)
        return argError(QStringLiteral("--control_port \"%1\" is not a port number").arg(p.value(controlPort)));
    r.gatewayPort = quint16(port);
    r.stationName = p.value(station);
    for (const auto &[option, target] : {std::pair {&set, &r.settings}, std::pair {&scan, &r.scans}}) {
        for (const QString &pair : p.values(*option)) {
            const qsizetype eq = pair.indexOf(QLatin1Char('='));
            if (eq <= 0)
                return argError(QStringLiteral("--%1 \"%2\" is not KEY=VALUE").arg(option->names().first(), pair));
            target->insert(pair.left(eq), pair.mid(eq + 1));
        }
    }
    r.runLogDir = QDir(o.dataDir).filePath(QStringLiteral("runlogs"));
    if (!o.logFile.isEmpty() && o.devices.size() > 1) {
        QHash<QString, QString> owners; // file -> port
        for (const QString &devicePort : std::as_const(o.devices)) {
            const QString file = portLogFile(o.logFile, devicePort);
            if (owners.contains(file))
                return argError(QStringLiteral("--logfile: ports %1 and %2 would share the log file %3")
                                    .arg(owners.value(file), devicePort, file));
            owners.insert(file, devicePort);
            o.portLogFiles.append({devicePort, file});
        }
    }
    return o;
}

QString CliOptions::portLogFile(const QString &logFile, const QString &port)
{
    static const QRegularExpression kDevicePrefix(QStringLiteral("^(/dev/|\\\\\\\\\\.\\\\)"));
    static const QRegularExpression kUnsafe(QStringLiteral("[^A-Za-z0-9._-]"));
    QString name = port;
    name.remove(kDevicePrefix);
    name.replace(kUnsafe, QStringLiteral("_"));
    const QFileInfo info(logFile);
    const QString stem = info.suffix().isEmpty() ? info.fileName() : info.completeBaseName();
    const QString extension = info.suffix().isEmpty() ? QString() : QLatin1Char('.') + info.suffix();
    const QString file = stem + QLatin1Char('-') + name + extension;
    return logFile.left(logFile.size() - info.fileName().size()) + file;
}
