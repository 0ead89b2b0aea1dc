#include "EscrowInsertLoop.h"

#include "BenchSupport.h"
#include "server/store/SqlSupport.h"
#include "server/store/SqlTransaction.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <algorithm>
#include <vector>

namespace prov::bench {

QByteArray benchRootKeyBlob(qint64 seed)
{
    QByteArray blob(256, Qt::Uninitialized);
    for (int i = 0; i < blob.size(); ++i)
        blob[i] = char((seed * 131 + i * 7) & 0xFF);
    return blob;
}

QString benchRunLog()
{
    QString log;
    while (log.size() < 4096)
        log += QStringLiteral("07:01:02.345 step write-root-key ok (node 0x0001A2B3, 123 ms)\n");
    return log.left(4096);
}

InsertLoopResult runEscrowInsertLoop(server::ServerStore &store, double seconds)
{
    InsertLoopResult result;
    auto db = store.database().connection();
    if (!db) {
        result.error = db.error().message;
        return result;
    }
    const bool postgres = store.database().isPostgres();
    const QString kms = benchKmsFingerprint(store);
    const QString runLog = benchRunLog();
    QSqlQuery insert(db.value());
    if (!insert.prepare(QStringLiteral(
            "INSERT INTO escrow (uuid, node_id, config_id, revision, batch, station, node_type, node_version,"
            " provisioned_at, state, node_root_key, kms_fingerprint, apps, verification_json, run_log,"
            " content_sha256, uploaded_by, received_at, confirmed_at)"
            " VALUES (?, ?, '0x0000000000000045', 1, 1000, 'bench', 'UNODE', '1.2.3.4', ?, 'done', ?, ?,"
            " '', '{}', ?, ?, 'bench', ?, ?)"))) {
        result.error = insert.lastError().text();
        return result;
    }
    std::vector<double> latencies;
    QElapsedTimer total;
    total.start();
    qint64 i = 0;
    while (total.elapsed() < qint64(seconds * 1000)) {
        QElapsedTimer one;
        one.start();
        auto transaction = server::SqlTransaction::begin(db.value(), postgres, server::SqlTransaction::Mode::Write);
        if (!transaction) {
            result.error = transaction.error().message;
            return result;
        }
        const qint64 now = server::nowMs();
        insert.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
        insert.addBindValue(qint64(0x00100000 + i));
        insert.addBindValue(now);
        insert.addBindValue(QString::fromLatin1(benchRootKeyBlob(i).toBase64()));
        insert.addBindValue(kms);
        insert.addBindValue(runLog);
        insert.addBindValue(QString::number(i, 16).rightJustified(64, u'0'));
        insert.addBindValue(now);
        insert.addBindValue(now);
        if (!insert.exec()) {
            result.error = insert.lastError().text();
            return result;
        }
        if (auto ok = transaction->commit(); !ok) {
            result.error = ok.error().message;
            return result;
        }
        latencies.push_back(double(one.nsecsElapsed()) / 1e6);
        ++i;
    }
    result.records = i;
    result.seconds = double(total.nsecsElapsed()) / 1e9;
    result.recordsPerSecond = result.records / result.seconds;
    if (!latencies.empty()) {
        std::sort(latencies.begin(), latencies.end());
        result.p50Ms = latencies[latencies.size() / 2];
        result.p99Ms = latencies[std::min(latencies.size() - 1, size_t(latencies.size() * 0.99))];
    }
    return result;
}

} // namespace prov::bench
