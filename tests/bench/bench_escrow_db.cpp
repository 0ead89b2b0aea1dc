// Escrow baseline: the raw Qt Sql insert loop of escrow rows (256-byte encrypted
// key, 4 KiB run log) with the store's durability (one durable commit per
// record), against SQLite and, when PROVSTATION_TEST_PG_URL is set, PostgreSQL.
// The HTTP escrow benchmark divides its records/s by this (same machine, same
// run: link provbenchescrow and call runEscrowInsertLoop()).
// Usage: bench_escrow_db [SECONDS]  (default 10). One JSON object per engine.

#include "BenchSupport.h"
#include "EscrowInsertLoop.h"
#include "StoreTestSupport.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

using namespace prov;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const double seconds = argc > 1 ? QString::fromLocal8Bit(argv[1]).toDouble() : 10.0;
    QStringList engines {QStringLiteral("sqlite")};
    if (!test::postgresUrl().isEmpty())
        engines << QStringLiteral("postgres");
    int status = 0;
    for (const QString &engine : engines) {
        // A fresh SQLite file or a PostgreSQL schema of its own, dropped afterwards.
        test::ScratchStore scratch(engine);
        if (!scratch.error().isEmpty()) {
            std::fprintf(stderr, "bench_escrow_db: %s\n", qPrintable(scratch.error()));
            return 1;
        }
        auto store = bench::openBenchStore(scratch.dataDir(), scratch.databaseUrl());
        if (!store)
            return 1;
        const bench::InsertLoopResult result = bench::runEscrowInsertLoop(*store, seconds);
        if (!result.error.isEmpty()) {
            std::fprintf(stderr, "bench_escrow_db: %s\n", qPrintable(result.error));
            status = 1;
        }
        const QJsonObject json {{QStringLiteral("bench"), QStringLiteral("escrow_db_insert_loop")},
            {QStringLiteral("engine"), engine}, {QStringLiteral("records"), double(result.records)},
            {QStringLiteral("seconds"), result.seconds}, {QStringLiteral("recordsPerSecond"), result.recordsPerSecond},
            {QStringLiteral("p50Ms"), result.p50Ms}, {QStringLiteral("p99Ms"), result.p99Ms},
            {QStringLiteral("durability"),
                engine == u"sqlite" ? QStringLiteral("WAL synchronous=FULL, commit per record")
                                    : QStringLiteral("synchronous_commit=on, commit per record")}};
        std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
    }
    return status;
}
