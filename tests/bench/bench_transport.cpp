// The transport benchmark: a 256 KiB firmware image through each wrapper
// (none, orw, reliable) into provstation-sim at 115200 baud, and 16 KiB (a
// configuration plus keys) through opt_psem at 9600, each on a clean line and
// with a bit error rate of 1e-5 (both directions). Real pseudo-terminals, the
// simulator's line-rate pacing, the station's real wrappers and clients.
//
// Goodput ratio = payload bytes / seconds / (baud / 10), measured in the same
// run. Goals: >= 0.90 at 115200 with orw and reliable, >= 0.85 opt_psem at
// 9600, >= 0.80 reliable under bit errors. One JSON object per case on stdout.
//
// Checks that keep the figure honest (a failed check is an error of the case):
// the payload is in the device's memory afterwards (the simulator's state file:
// firmware CRC-32 and version, configuration SHA-256, the four keys), and the
// station did not write faster than the line rate (line_utilisation <= 1.02),
// i.e. the simulator's pacing really was the limit. load1 is the 1-minute load
// average at the end of the case: figures from a busy machine can be read.
//
// Usage: bench_transport [--quick] [--case NAME]
//   --quick: 1/8 of the sizes, for a smoke run; --case: only the named case.
//   Environment for experiments: BENCH_SEED (simulator seed, default 1),
//   BENCH_WINDOW (ClientOptions::transferWindow).

#include "SimHarness.h"
#include "protocol/Crc32.h"
#include "protocol/Exchanger.h"
#include "transport/Message.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cstdio>

using namespace prov;
using namespace prov::protocol;
using namespace prov::test;
using transport::WrapperKind;

namespace {

struct Case
{
    const char *name;
    const char *model;
    int index;
    const char *role;
    bool noisy;
    double goal; ///< the goal for the goodput ratio; 0: none
};

double loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    if (!f.open(QIODevice::ReadOnly))
        return -1.0;
    return f.readLine().split(' ').value(0).toDouble();
}

QString crcText(const QByteArray &data)
{
    return QString::number(crc32Of(data), 16).rightJustified(8, QLatin1Char('0')).toUpper();
}

/// Empty when the device's memory holds `firmware` as `version`.
QString checkFirmware(const SimPort &port, const QByteArray &firmware, const FirmwareVersion &version)
{
    const QJsonObject fw = SimProcess::readState(port)
                               .value(QStringLiteral("node"))
                               .toObject()
                               .value(QStringLiteral("firmware"))
                               .toObject();
    if (fw.value(QStringLiteral("crc32")).toString() != crcText(firmware)
        || fw.value(QStringLiteral("version")).toString() != version.toString())
        return QStringLiteral("the device's memory does not hold the image: %1")
            .arg(QString::fromUtf8(QJsonDocument(fw).toJson(QJsonDocument::Compact)));
    return {};
}

/// Empty when the device's memory holds `config` and the four keys `key`.
QString checkConfigAndKeys(const SimPort &port, const QByteArray &config, const QByteArray &key)
{
    const QJsonObject state = SimProcess::readState(port);
    const QJsonObject node = state.value(QStringLiteral("node")).toObject();
    const QString sha = QString::fromLatin1(QCryptographicHash::hash(config, QCryptographicHash::Sha256).toHex());
    if (node.value(QStringLiteral("config")).toObject().value(QStringLiteral("sha256")).toString() != sha)
        return QStringLiteral("the device's memory does not hold the configuration");
    const QString keyHex = QString::fromLatin1(key.toHex());
    const QJsonObject nodeKeys = node.value(QStringLiteral("keys")).toObject();
    const QJsonObject hostKeys
        = state.value(QStringLiteral("host")).toObject().value(QStringLiteral("keys")).toObject();
    for (const QString &slot :
        {QStringLiteral("gateway"), QStringLiteral("codeDownload"), QStringLiteral("nodeRoot")}) {
        if (nodeKeys.value(slot).toString() != keyHex)
            return QStringLiteral("the device's memory does not hold the %1 key").arg(slot);
    }
    if (hostKeys.value(QStringLiteral("app")).toString() != keyHex)
        return QStringLiteral("the device's memory does not hold the app key");
    return {};
}

void print(const QJsonObject &o)
{
    std::fputs(QJsonDocument(o).toJson(QJsonDocument::Compact).constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

quint64 retransmissionsOf(const Station &station, int blocksResent)
{
    return station.link()->counters().retransmissions + station.node()->exchanger()->resends()
        + station.host()->exchanger()->resends() + quint64(blocksResent);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const bool quick = app.arguments().contains(QStringLiteral("--quick"));
    const int firmwareBytes = quick ? 32 * 1024 : 256 * 1024;
    const int opticalBytes = quick ? 2 * 1024 : 16 * 1024;
    const qsizetype caseAt = app.arguments().indexOf(QStringLiteral("--case"));
    const QString onlyCase = caseAt > 0 ? app.arguments().value(caseAt + 1) : QString();

    QTemporaryDir dir;
    SimProcess sim;
    QString error;
    // node#0 none, node#1 reliable, node#2 none + BER, node#3 reliable + BER;
    // i210plus#0 orw, i210plus#1 orw + BER; kv2c#0 optical, kv2c#1 optical + BER.
    const QStringList args = {QStringLiteral("--devices"),
        QStringLiteral("node:1,node:1@reliable,node:1,node:1@reliable,i210plus:2,kv2c:2"),
        QStringLiteral("--state-dir"), dir.path(), QStringLiteral("--seed"),
        qEnvironmentVariable("BENCH_SEED", QStringLiteral("1")), QStringLiteral("--psem-password"),
        QStringLiteral("bench"), QStringLiteral("--fault"), QStringLiteral("node#2:ber=1e-5"),
        QStringLiteral("--fault"), QStringLiteral("node#3:ber=1e-5"), QStringLiteral("--fault"),
        QStringLiteral("i210plus#1:ber=1e-5"), QStringLiteral("--fault"), QStringLiteral("kv2c#1:ber=1e-5")};
    if (!sim.start(args, &error)) {
        std::fprintf(stderr, "bench_transport: %s\n", qPrintable(error));
        return 2;
    }

    const QList<Case> cases = {
        {"firmware_none", "node", 0, "direct", false, 0.0},
        {"firmware_orw", "i210plus", 0, "direct", false, 0.90},
        {"firmware_reliable", "node", 1, "direct", false, 0.90},
        {"config_keys_opt_psem", "kv2c", 0, "optical", false, 0.85},
        {"firmware_none_ber", "node", 2, "direct", true, 0.0},
        {"firmware_orw_ber", "i210plus", 1, "direct", true, 0.0},
        {"firmware_reliable_ber", "node", 3, "direct", true, 0.80},
        {"config_keys_opt_psem_ber", "kv2c", 1, "optical", true, 0.0},
    };
    int failures = 0;
    for (const Case &c : cases) {
        if (!onlyCase.isEmpty() && onlyCase != QLatin1String(c.name))
            continue;
        const SimPort port = sim.port(QString::fromLatin1(c.model), c.index, QString::fromLatin1(c.role));
        WrapperKind kind {};
        if (!transport::parseWrapperName(port.wrapper, &kind)) {
            std::fprintf(stderr, "bench_transport: %s: no port %s#%d\n", c.name, c.model, c.index);
            ++failures;
            continue;
        }
        transport::WrapperOptions wrapperOptions;
        wrapperOptions.psemPassword = QByteArrayLiteral("bench");
        ClientOptions options;
        options.retries = 4;
        if (qEnvironmentVariableIsSet("BENCH_WINDOW"))
            options.transferWindow = qEnvironmentVariableIntValue("BENCH_WINDOW");
        Station station;
        if (!station.open(port.path, port.baud, kind, &error, options, wrapperOptions)) {
            std::fprintf(stderr, "bench_transport: %s: %s\n", c.name, qPrintable(error));
            ++failures;
            continue;
        }
        qint64 bytes = 0;
        double seconds = 0.0;
        int blocksResent = 0;
        QString failure;
        if (kind != WrapperKind::OptPsem) {
            const QByteArray image = testImage(firmwareBytes, c.index);
            const FirmwareVersion version(2, 0, 0, quint16(c.index));
            const JobOutcome out
                = Station::run(station.node()->updateFirmware(image, HardwareType::Unode, version), 600000);
            bytes = image.size();
            seconds = out.seconds;
            blocksResent = out.blocksResent;
            if (!out.finished)
                failure = out.timedOut ? QStringLiteral("timed out") : out.error.toString();
            else
                failure = checkFirmware(port, image, version);
        } else {
            // A configuration plus the four 16-byte keys of a device, 16 KiB in all.
            const QByteArray config = testImage(opticalBytes - 4 * int(kKeySize), 77 + c.index);
            const QByteArray key = testImage(int(kKeySize), 99 + c.index);
            QElapsedTimer clock;
            clock.start();
            JobOutcome out = Station::run(
                station.node()->writeConfiguration(ConfigKind::Field, 0x45, config, HardwareType::Unode), 600000);
            blocksResent = out.blocksResent;
            const QList<QPair<DeviceClient *, KeySlot>> keys
                = {{station.node(), KeySlot::Gateway}, {station.node(), KeySlot::CodeDownload},
                    {station.node(), KeySlot::NodeRoot}, {station.host(), KeySlot::App}};
            for (const auto &[client, slot] : keys) {
                if (!out.finished)
                    break;
                out = Station::run(client->writeKey(slot, crypto::SecretBytes::copyOf(key)), 60000);
            }
            seconds = double(clock.nsecsElapsed()) / 1e9;
            bytes = config.size() + 4 * kKeySize;
            if (!out.finished)
                failure = out.timedOut ? QStringLiteral("timed out") : out.error.toString();
            else
                failure = checkConfigAndKeys(port, config, key);
        }
        const double lineRate = double(port.baud) / 10.0;
        const transport::LinkCounters counters = station.link()->counters();
        const double goodput = seconds > 0 ? double(bytes) / seconds / lineRate : 0.0;
        // What the station got onto the line: above 1 the simulator did not pace.
        const double utilisation = seconds > 0 ? double(counters.bytesWritten) / seconds / lineRate : 0.0;
        if (failure.isEmpty() && utilisation > 1.02)
            failure = QStringLiteral("the station wrote faster than the line rate: the simulator did not pace");
        QJsonObject line {
            {QStringLiteral("case"), QString::fromLatin1(c.name)},
            {QStringLiteral("wrapper"), port.wrapper},
            {QStringLiteral("baud"), port.baud},
            {QStringLiteral("ber"), c.noisy ? 1e-5 : 0.0},
            {QStringLiteral("bytes"), bytes},
            {QStringLiteral("seconds"), seconds},
            {QStringLiteral("goodput_ratio"), goodput},
            {QStringLiteral("goal"), c.goal > 0 ? QJsonValue(c.goal) : QJsonValue()},
            // --quick sizes are too small to hold a goal against.
            {QStringLiteral("goal_met"), c.goal > 0 && !quick ? QJsonValue(goodput >= c.goal) : QJsonValue()},
            {QStringLiteral("line_utilisation"), utilisation},
            {QStringLiteral("retransmissions"), qint64(retransmissionsOf(station, blocksResent))},
            {QStringLiteral("resent_blocks"), blocksResent},
            {QStringLiteral("checksum_errors"), qint64(counters.checksumErrors)},
            {QStringLiteral("framing_errors"), qint64(counters.framingErrors)},
            {QStringLiteral("bytes_written"), qint64(counters.bytesWritten)},
            {QStringLiteral("load1"), loadAverage()},
        };
        if (!failure.isEmpty()) {
            line.insert(QStringLiteral("error"), failure);
            ++failures;
        }
        print(line);
    }
    sim.stop();
    return failures == 0 ? 0 : 1;
}
