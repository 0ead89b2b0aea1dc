// Export benchmark: 1,000,000 devices bulk-loaded into the store (not
// timed: one transaction of multi-row INSERTs, synchronous=OFF for the load only),
// then device_keys.xml written to a file by ExportWriter exactly as
// `provstation-server export` does (snapshot count, streamed rows, QXmlStreamWriter,
// QSaveFile). Reports seconds and peak RSS of the export phase (VmHWM reset through
// /proc/self/clear_refs after the load). Goals: <= 20 s and <= 150 MB.
// 5 % of the nodes were provisioned twice (the older record must not be exported)
// and 1 % are still pending, so the newest-per-node selection does real work.
// Usage: bench_export [DEVICES] [--postgres] [--keep] | bench_export --reuse KEPT-DIR (export only). One JSON object
// per case on stdout.

#include "BenchSupport.h"
#include "EscrowInsertLoop.h"
#include "StoreTestSupport.h"

#include "server/export/ExportWriter.h"
#include "server/store/SqlSupport.h"
#include "server/store/SqlTransaction.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <sys/resource.h>

using namespace prov;

namespace {

double threadCpuSeconds()
{
    timespec now = {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

double cpuSeconds()
{
    rusage usage = {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/// The machine's 1-minute load average: wall-clock figures mean little on a busy host.
double loadAverage()
{
    double load[1] = {0};
    return getloadavg(load, 1) == 1 ? load[0] : -1;
}

constexpr int kRowsPerStatement = 500;

/// Loads `devices` nodes (plus re-provisionings and pending ones); returns the
/// number of devices the export must contain, or -1.
qint64 bulkLoad(server::ServerStore &store, qint64 devices, QString *error)
{
    auto db = store.database().connection();
    if (!db) {
        *error = db.error().message;
        return -1;
    }
    const bool postgres = store.database().isPostgres();
    if (!postgres)
        QSqlQuery(db.value()).exec(QStringLiteral("PRAGMA synchronous=OFF"));
    else
        QSqlQuery(db.value()).exec(QStringLiteral("SET synchronous_commit TO off"));
    const QString kms = bench::benchKmsFingerprint(store);
    const QString apps = server::encodeEscrowApps({{QStringLiteral("emcm"), QStringLiteral("0A1B2C3D"),
        QString::fromLatin1(bench::benchRootKeyBlob(7).toHex().toUpper()), QString()}});
    auto transaction = server::SqlTransaction::begin(db.value(), postgres, server::SqlTransaction::Mode::Write);
    if (!transaction) {
        *error = transaction.error().message;
        return -1;
    }
    const qint64 base = 1'790'000'000'000;
    qint64 expected = 0;
    qint64 row = 0;
    QStringList values;
    const auto flush = [&]() -> bool {
        if (values.isEmpty())
            return true;
        QSqlQuery query(db.value());
        const bool ok = query.exec(
            QStringLiteral(
                "INSERT INTO escrow (uuid, node_id, config_id, revision, batch, station, node_type, node_version,"
                " provisioned_at, state, node_root_key, kms_fingerprint, apps, verification_json, run_log,"
                " content_sha256, uploaded_by, received_at, confirmed_at) VALUES ")
            + values.join(u','));
        values.clear();
        if (!ok)
            *error = query.lastError().text();
        return ok;
    };
    const auto add = [&](qint64 node, qint64 at, bool done) {
        const QString blob = QString::fromLatin1(bench::benchRootKeyBlob(row).toBase64());
        values.append(
            QStringLiteral("('%1',%2,'0x0000000000000045',1,%3,'line%4-st%5','UNODE','1.2.3.4',%6,'%7','%8','%9',"
                           "'%10','{}','','%11','bench',%6,%6)")
                .arg(QStringLiteral("00000000-0000-4000-8000-%1").arg(row, 12, 16, QLatin1Char('0')))
                .arg(node)
                .arg(1000 + node % 50)
                .arg(node % 4)
                .arg(node % 16)
                .arg(at)
                .arg(done ? QStringLiteral("done") : QStringLiteral("pending"), blob, kms, apps,
                    QString::number(row, 16).rightJustified(64, u'0')));
        ++row;
    };
    for (qint64 i = 0; i < devices; ++i) {
        // Nodes spread over the ID space, inserted out of node order.
        const qint64 node = (i * 2654435761ll) % 0xFFFFFFFFll;
        const bool pending = i % 100 == 99;
        if (i % 20 == 0) // an older provisioning of the same node, replaced
            add(node, base + i * 1000 - 86'400'000, true);
        add(node, base + i * 1000, !pending);
        if (!pending)
            ++expected;
        if (values.size() >= kRowsPerStatement && !flush())
            return -1;
    }
    if (!flush())
        return -1;
    if (auto ok = transaction->commit(); !ok) {
        *error = ok.error().message;
        return -1;
    }
    if (!postgres) {
        QSqlQuery(db.value()).exec(QStringLiteral("PRAGMA synchronous=FULL"));
        QSqlQuery(db.value()).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        QSqlQuery(db.value()).exec(QStringLiteral("ANALYZE"));
    } else {
        QSqlQuery(db.value()).exec(QStringLiteral("SET synchronous_commit TO on"));
        QSqlQuery(db.value()).exec(QStringLiteral("ANALYZE escrow"));
    }
    return expected;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    qint64 devices = 1'000'000;
    QString engine = QStringLiteral("sqlite");
    bool keep = false;
    QString reuse; // a folder kept by --keep: export only (for profiling)
    for (int i = 1; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        if (arg == u"--postgres")
            engine = QStringLiteral("postgres");
        else if (arg == u"--keep")
            keep = true;
        else if (arg == u"--reuse" && i + 1 < argc)
            reuse = QString::fromLocal8Bit(argv[++i]);
        else
            devices = arg.toLongLong();
    }
    if (!reuse.isEmpty()) {
        server::StoreOptions options;
        options.dataDir = reuse + QStringLiteral("/data");
        options.masterKeyFile = options.dataDir + QStringLiteral("/bench-master.key");
        options.useKeychain = false;
        auto store = server::ServerStore::open(options);
        if (!store)
            return 1;
        QElapsedTimer timer;
        timer.start();
        const double cpuBefore = cpuSeconds();
        const double threadBefore = threadCpuSeconds();
        server::ExportRequest request;
        request.configId = QStringLiteral("0x45");
        auto summary = server::ExportWriter::writeFile(
            *store.value(), request, reuse + QStringLiteral("/again.xml"), QStringLiteral("bench"));
        std::printf(
            "{\"devices\":%lld,\"exportSeconds\":%.3f,\"exportCpuSeconds\":%.3f,\"writerThreadCpuSeconds\":%.3f,"
            "\"loadAverage\":%.1f}\n",
            summary ? summary->devices : -1LL, double(timer.nsecsElapsed()) / 1e9, cpuSeconds() - cpuBefore,
            threadCpuSeconds() - threadBefore, loadAverage());
        return summary ? 0 : 1;
    }
    test::ScratchStore scratch(engine);
    if (scratch.isSkipped() || !scratch.error().isEmpty()) {
        std::fprintf(stderr, "bench_export: %s\n", qPrintable(scratch.skipReason() + scratch.error()));
        return 1;
    }
    if (keep) {
        scratch.keep();
        std::fprintf(stderr, "bench_export: keeping %s %s\n", qPrintable(scratch.scratchDir()),
            qPrintable(scratch.databaseUrl()));
    }
    auto store = bench::openBenchStore(scratch.dataDir(), scratch.databaseUrl());
    if (!store)
        return 1;
    QElapsedTimer timer;
    timer.start();
    QString error;
    const qint64 expected = bulkLoad(*store, devices, &error);
    if (expected < 0) {
        std::fprintf(stderr, "bench_export: load failed: %s\n", qPrintable(error));
        return 1;
    }
    const double loadSeconds = double(timer.nsecsElapsed()) / 1e9;

    const bool peakReset = bench::resetPeakRss();
    const qint64 rssBefore = bench::statusKiB("VmRSS");
    const QString out = scratch.scratchDir() + QStringLiteral("/device_keys.xml");
    timer.restart();
    const double cpuBefore = cpuSeconds();
    const double threadBefore = threadCpuSeconds();
    server::ExportRequest request;
    request.configId = QStringLiteral("0x45");
    auto summary = server::ExportWriter::writeFile(*store, request, out, QStringLiteral("bench"));
    const double exportSeconds = double(timer.nsecsElapsed()) / 1e9;
    const double exportCpuSeconds = cpuSeconds() - cpuBefore;
    const double writerCpuSeconds = threadCpuSeconds() - threadBefore;
    const qint64 peak = bench::statusKiB("VmHWM");
    if (!summary) {
        std::fprintf(stderr, "bench_export: %s\n", qPrintable(summary.error().toString()));
        return 1;
    }
    const QJsonObject json {{QStringLiteral("bench"), QStringLiteral("export")}, {QStringLiteral("engine"), engine},
        {QStringLiteral("devices"), double(summary->devices)}, {QStringLiteral("rows"), double(devices + devices / 20)},
        {QStringLiteral("loadSeconds"), loadSeconds}, {QStringLiteral("exportSeconds"), exportSeconds},
        {QStringLiteral("exportCpuSeconds"), exportCpuSeconds},
        // The XML writer thread; the rest of the CPU time is the row reader thread.
        {QStringLiteral("writerThreadCpuSeconds"), writerCpuSeconds}, {QStringLiteral("loadAverage"), loadAverage()},
        {QStringLiteral("fileMB"), double(QFileInfo(out).size()) / (1 << 20)},
        {QStringLiteral("peakRssMB"), double(peak) / 1024},
        {QStringLiteral("rssBeforeExportMB"), double(rssBefore) / 1024}, {QStringLiteral("peakResetWorked"), peakReset},
        {QStringLiteral("goalSeconds"), 20}, {QStringLiteral("goalPeakRssMB"), 150}};
    std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
    return summary->devices == expected ? 0 : 1;
}
