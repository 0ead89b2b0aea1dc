#pragma once

#include "HttpTestSupport.h"
#include "StoreTestSupport.h"
#include "server/store/ServerStore.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QUrl>

#include <functional>
#include <memory>
#include <vector>

namespace prov::bench {

/// What a load of station clients did (shared by every client of one load).
struct HttpLoad
{
    QByteArray path; ///< what is posted to, e.g. "/api/v1/escrow"
    QByteArray token;
    std::function<QByteArray(qint64 n)> body; ///< the n-th request's JSON body
    qint64 deadlineMs = 0; ///< while loading; afterwards the elapsed time
    QElapsedTimer clock;
    qint64 next = 0;
    qint64 ok = 0;
    qint64 failed = 0;
    qint64 dropped = 0; ///< connections lost (the client reconnects)
    QByteArray firstFailure;
    std::vector<double> latenciesMs;
    int active = 0;
};

/// `clients` keep-alive station clients, spread over `targets`, each posting
/// load.body(n) to load.path and waiting for the answer before the next,
/// until `seconds` pass. Runs the event loop; load.deadlineMs is the elapsed
/// time afterwards.
void runHttpLoad(HttpLoad &load, const QList<QUrl> &targets, double seconds, int clients);

/// CPU seconds (user + system) a process has used, from /proc/PID/stat (<= 0: this process).
[[nodiscard]] double cpuSeconds(qint64 pid);
/// The p-quantile (0..1) of `values`; 0 when empty.
[[nodiscard]] double percentile(std::vector<double> values, double p);
/// One compact JSON line on stdout.
void printJson(const QJsonObject &json);
/// Reports the load's failed requests on stderr; true when there were none.
bool reportFailures(const char *bench, const HttpLoad &load);

/// The engines an HTTP bench loads: SQLite, and PostgreSQL when
/// PROVSTATION_TEST_PG_URL is set.
[[nodiscard]] QStringList benchEngines();

/// A station token ("bench-st") for the load's clients; empty when the store
/// refused it (printed on stderr after `bench`).
[[nodiscard]] QByteArray issueBenchToken(const char *bench, server::ServerStore &store);

/// What an HTTP bench's servers and clients share: a fresh scratch store on
/// one engine (its folder, database and master key are the servers'), opened
/// with the bench configuration, and the clients' station token.
struct HttpBenchStore
{
    std::unique_ptr<test::ScratchStore> scratch;
    std::unique_ptr<server::ServerStore> store;
    QByteArray token;
};

/// Opens an HttpBenchStore on `engine`; errors go to stderr after `bench`
/// and leave `store` null.
[[nodiscard]] HttpBenchStore openHttpBenchStore(const char *bench, const QString &engine);

/// Local provstation-server processes on one database (and one master key),
/// each with its own data folder, as they run in production (own processes,
/// the access log on).
class ServerGroup
{
public:
    ServerGroup(const QString &scratchDir, const QString &masterKeyFile, const QString &databaseUrl);

    [[nodiscard]] bool start(int count, QString *error);
    [[nodiscard]] QList<QUrl> targets() const;
    [[nodiscard]] double totalCpuSeconds() const;
    /// Stops them; returns their "escrow writer:" lines (the group commit's figures).
    QStringList stop();

private:
    QString m_scratchDir;
    QString m_masterKeyFile;
    QString m_databaseUrl;
    std::vector<std::unique_ptr<test::ServerProcess>> m_servers;
};

} // namespace prov::bench
