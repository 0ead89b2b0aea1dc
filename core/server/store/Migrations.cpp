#include "server/store/Migrations.h"

#include "server/ServerLog.h"
#include "server/store/SqlSupport.h"
#include "server/store/SqlTransaction.h"

#include <QSqlQuery>
#include <QStringList>

#include <vector>

namespace prov::server {

namespace {

// One schema for both engines: portable types only (TEXT, INTEGER, BIGINT; times
// are BIGINT milliseconds UTC; 64-bit config IDs are canonical "0x" + 16 hex text
// because PostgreSQL has no unsigned BIGINT). A statement starting "sqlite:" or
// "postgres:" runs on that engine only (the append-only triggers); %AUTOID% is the
// engine's auto-increment primary key (SQLite: the rowid, max + 1, which only grows
// because no such row is ever deleted; no AUTOINCREMENT, whose counter table would
// change even on an insert that ON CONFLICT skips).
struct Migration
{
    int version;
    std::vector<const char *> statements;
};

const std::vector<Migration> &migrations()
{
    static const std::vector<Migration> list = {
        {1,
            {
                "CREATE TABLE server_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)",

                "CREATE TABLE configurations ("
                " config_id TEXT PRIMARY KEY,"
                " app_label TEXT NOT NULL,"
                " kms_fingerprint TEXT NOT NULL,"
                " latest_revision INTEGER NOT NULL,"
                " created_at BIGINT NOT NULL,"
                " updated_at BIGINT NOT NULL)",

                "CREATE TABLE revisions ("
                " config_id TEXT NOT NULL REFERENCES configurations (config_id),"
                " revision INTEGER NOT NULL,"
                " package_sha256 TEXT NOT NULL,"
                " package_size BIGINT NOT NULL,"
                " app_label TEXT NOT NULL,"
                " node_type TEXT NOT NULL,"
                " node_version TEXT NOT NULL,"
                " kms_public_key_pem TEXT NOT NULL,"
                " kms_fingerprint TEXT NOT NULL,"
                " gateway_keys_sealed TEXT NOT NULL,"
                " comment TEXT NOT NULL,"
                " imported_by TEXT NOT NULL,"
                " imported_at BIGINT NOT NULL,"
                " PRIMARY KEY (config_id, revision))",

                "CREATE TABLE revision_apps ("
                " config_id TEXT NOT NULL,"
                " revision INTEGER NOT NULL,"
                " position INTEGER NOT NULL,"
                " name TEXT NOT NULL,"
                " version TEXT NOT NULL,"
                " public_key_pem TEXT NOT NULL,"
                " public_key_fingerprint TEXT NOT NULL,"
                " PRIMARY KEY (config_id, revision, position),"
                " FOREIGN KEY (config_id, revision) REFERENCES revisions (config_id, revision))",

                "CREATE TABLE content_files ("
                " sha256 TEXT PRIMARY KEY,"
                " size BIGINT NOT NULL,"
                " md5 TEXT NOT NULL,"
                " stored_at BIGINT NOT NULL)",

                "CREATE TABLE revision_files ("
                " config_id TEXT NOT NULL,"
                " revision INTEGER NOT NULL,"
                " archive_path TEXT NOT NULL,"
                " role TEXT NOT NULL,"
                " sha256 TEXT NOT NULL REFERENCES content_files (sha256),"
                " PRIMARY KEY (config_id, revision, archive_path),"
                " FOREIGN KEY (config_id, revision) REFERENCES revisions (config_id, revision))",

                "CREATE TABLE aliases ("
                " alias TEXT PRIMARY KEY,"
                " config_id TEXT NOT NULL REFERENCES configurations (config_id),"
                " created_at BIGINT NOT NULL)",

                "CREATE TABLE escrow ("
                " id %AUTOID%,"
                " uuid TEXT NOT NULL UNIQUE,"
                " node_id BIGINT NOT NULL,"
                " config_id TEXT NOT NULL,"
                " revision INTEGER NOT NULL,"
                " batch BIGINT NOT NULL,"
                " station TEXT NOT NULL,"
                " node_type TEXT NOT NULL,"
                " node_version TEXT NOT NULL,"
                " provisioned_at BIGINT NOT NULL,"
                " state TEXT NOT NULL CHECK (state IN ('pending', 'done')),"
                " node_root_key TEXT NOT NULL,"
                " kms_fingerprint TEXT NOT NULL,"
                " apps TEXT NOT NULL," // encodeEscrowApps(): one "name\tid\tkey\textra" line per app
                " verification_json TEXT NOT NULL,"
                " run_log TEXT NOT NULL,"
                " content_sha256 TEXT NOT NULL,"
                " uploaded_by TEXT NOT NULL,"
                " received_at BIGINT NOT NULL,"
                " confirmed_at BIGINT,"
                " FOREIGN KEY (config_id, revision) REFERENCES revisions (config_id, revision))",
                // The export walks this index in node order and finds each node's newest record by a probe.
                "CREATE INDEX escrow_export ON escrow (config_id, state, node_id, provisioned_at, id)",
                "CREATE INDEX escrow_node ON escrow (node_id, provisioned_at)",

                "CREATE TABLE users ("
                " name TEXT PRIMARY KEY,"
                " role TEXT NOT NULL CHECK (role IN ('admin', 'operator', 'station')),"
                " password_hash TEXT NOT NULL,"
                " created_at BIGINT NOT NULL,"
                " updated_at BIGINT NOT NULL)",

                "CREATE TABLE tokens ("
                " token_hash TEXT PRIMARY KEY,"
                " kind TEXT NOT NULL CHECK (kind IN ('session', 'station', 'setup')),"
                " user_name TEXT REFERENCES users (name) ON DELETE CASCADE,"
                " station TEXT,"
                " role TEXT NOT NULL,"
                " created_by TEXT NOT NULL,"
                " created_at BIGINT NOT NULL,"
                " expires_at BIGINT NOT NULL,"
                " revoked_at BIGINT)",
                "CREATE INDEX tokens_expiry ON tokens (expires_at)",

                "CREATE TABLE login_throttle ("
                " throttle_key TEXT PRIMARY KEY,"
                " failures INTEGER NOT NULL,"
                " last_failure_at BIGINT NOT NULL,"
                " blocked_until BIGINT NOT NULL)",

                "CREATE TABLE audit_log ("
                " seq BIGINT PRIMARY KEY,"
                " at BIGINT NOT NULL,"
                " actor TEXT NOT NULL,"
                " action TEXT NOT NULL,"
                " subject TEXT NOT NULL,"
                " detail TEXT NOT NULL,"
                " prev_hash TEXT NOT NULL,"
                " row_hash TEXT NOT NULL)",
                // The head row is the chain's lock (appends serialise on it) and remembers
                // the last sequence number and hash, so a removed tail is detected too.
                "CREATE TABLE audit_head ("
                " id INTEGER PRIMARY KEY CHECK (id = 1),"
                " seq BIGINT NOT NULL,"
                " head_hash TEXT NOT NULL)",
                "INSERT INTO audit_head (id, seq, head_hash) VALUES "
                "(1, 0, '0000000000000000000000000000000000000000000000000000000000000000')",
                // Append-only by the server's own hand; someone with direct database access
                // can drop the trigger, which is what the hash chain is for.
                "sqlite:CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
                " BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
                "sqlite:CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
                " BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
                "postgres:CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS"
                " $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$",
                "postgres:CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log"
                " FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
            }},
        // Station pairing (docs/api/pairing.md): one-time codes, kept only as the
        // key derived from them; the locator is the code's public first part.
        {2,
            {
                "CREATE TABLE pairing_codes ("
                " locator TEXT PRIMARY KEY,"
                " station TEXT NOT NULL,"
                " code_key TEXT NOT NULL,"
                " state TEXT NOT NULL,"
                " failures INTEGER NOT NULL,"
                " server_nonce TEXT,"
                " challenged_key TEXT,"
                " challenged_at BIGINT,"
                " created_by TEXT NOT NULL,"
                " created_at BIGINT NOT NULL,"
                " expires_at BIGINT NOT NULL)",
                "CREATE TABLE pairing_throttle ("
                " address TEXT PRIMARY KEY,"
                " window_start BIGINT NOT NULL,"
                " attempts INTEGER NOT NULL)",
            }},
        // The server's sequence (escrow.id, assigned when a record first arrives)
        // orders a node's records, never a station's clock; and a record whose run
        // failed after its key was written is stored as 'failed'. SQLite cannot
        // change a CHECK constraint, so its table is rebuilt with the same ids.
        {3,
            {
                "sqlite:CREATE TABLE escrow_v2 ("
                " id INTEGER PRIMARY KEY,"
                " uuid TEXT NOT NULL UNIQUE,"
                " node_id BIGINT NOT NULL,"
                " config_id TEXT NOT NULL,"
                " revision INTEGER NOT NULL,"
                " batch BIGINT NOT NULL,"
                " station TEXT NOT NULL,"
                " node_type TEXT NOT NULL,"
                " node_version TEXT NOT NULL,"
                " provisioned_at BIGINT NOT NULL,"
                " state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed')),"
                " node_root_key TEXT NOT NULL,"
                " kms_fingerprint TEXT NOT NULL,"
                " apps TEXT NOT NULL,"
                " verification_json TEXT NOT NULL,"
                " run_log TEXT NOT NULL,"
                " content_sha256 TEXT NOT NULL,"
                " uploaded_by TEXT NOT NULL,"
                " received_at BIGINT NOT NULL,"
                " confirmed_at BIGINT,"
                " FOREIGN KEY (config_id, revision) REFERENCES revisions (config_id, revision))",
                "sqlite:INSERT INTO escrow_v2 (id, uuid, node_id, config_id, revision, batch, station, node_type,"
                " node_version, provisioned_at, state, node_root_key, kms_fingerprint, apps, verification_json,"
                " run_log, content_sha256, uploaded_by, received_at, confirmed_at)"
                " SELECT id, uuid, node_id, config_id, revision, batch, station, node_type, node_version,"
                " provisioned_at, state, node_root_key, kms_fingerprint, apps, verification_json, run_log,"
                " content_sha256, uploaded_by, received_at, confirmed_at FROM escrow",
                "sqlite:DROP TABLE escrow",
                "sqlite:ALTER TABLE escrow_v2 RENAME TO escrow",
                "postgres:ALTER TABLE escrow DROP CONSTRAINT escrow_state_check",
                "postgres:ALTER TABLE escrow ADD CONSTRAINT escrow_state_check"
                " CHECK (state IN ('pending', 'done', 'failed'))",
                "postgres:DROP INDEX escrow_export",
                "postgres:DROP INDEX escrow_node",
                // A node's latest record is a probe of (config, node) for a higher id.
                "CREATE INDEX escrow_latest ON escrow (config_id, node_id, id)",
                "CREATE INDEX escrow_node ON escrow (node_id, id)",
            }},
        // Package files in the database, so every server sharing a PostgreSQL
        // database serves what any of them imported (DatabaseContentStore).
        // SQLite keeps them in its data directory's files/ folder.
        {4,
            {
                "postgres:CREATE TABLE content_chunks ("
                " sha256 TEXT NOT NULL,"
                " seq INTEGER NOT NULL,"
                " data BYTEA NOT NULL,"
                " PRIMARY KEY (sha256, seq))",
            }},
        // Every run a station makes, pass or fail (docs/contracts/server-api.md,
        // "Run records"); `device` groups one device's runs: its node ID if known,
        // else its eMCM ID, meter serial or first scanned label.
        {5,
            {
                "CREATE TABLE runs ("
                " id %AUTOID%,"
                " uuid TEXT NOT NULL UNIQUE,"
                " station TEXT NOT NULL,"
                " slot TEXT NOT NULL DEFAULT '',"
                " port TEXT NOT NULL DEFAULT '',"
                " operator TEXT NOT NULL DEFAULT '',"
                " meter TEXT NOT NULL DEFAULT '',"
                " operation TEXT NOT NULL,"
                " config_id TEXT NOT NULL DEFAULT '',"
                " revision INTEGER NOT NULL DEFAULT 0,"
                " batch BIGINT NOT NULL DEFAULT 0,"
                " device TEXT NOT NULL DEFAULT '',"
                " node_id TEXT NOT NULL DEFAULT '',"
                " emcm_id TEXT NOT NULL DEFAULT '',"
                " emcm_tail TEXT NOT NULL DEFAULT '',"
                " meter_serial TEXT NOT NULL DEFAULT '',"
                " labels TEXT NOT NULL DEFAULT '{}',"
                " result INTEGER NOT NULL,"
                " station_fault INTEGER NOT NULL DEFAULT 0,"
                " failed_step TEXT NOT NULL DEFAULT '',"
                " cause TEXT NOT NULL DEFAULT '',"
                " attempt INTEGER NOT NULL DEFAULT 1,"
                " started_at BIGINT NOT NULL,"
                " finished_at BIGINT NOT NULL,"
                " duration_ms BIGINT NOT NULL,"
                " received_at BIGINT NOT NULL,"
                " steps TEXT NOT NULL DEFAULT '[]',"
                " escrow_uuid TEXT NOT NULL DEFAULT '',"
                " rejected_at BIGINT NOT NULL DEFAULT 0,"
                " rejected_by TEXT NOT NULL DEFAULT '')",
                "CREATE TABLE run_logs ("
                " run_id BIGINT PRIMARY KEY REFERENCES runs (id),"
                " log TEXT NOT NULL)",
                "CREATE INDEX runs_device ON runs (device, operation, started_at)",
                "CREATE INDEX runs_node ON runs (node_id)",
                "CREATE INDEX runs_emcm_tail ON runs (emcm_tail)",
                "CREATE INDEX runs_meter_serial ON runs (meter_serial)",
                "CREATE INDEX runs_started ON runs (started_at)",
                "CREATE INDEX runs_station ON runs (station, started_at)",
                "CREATE INDEX runs_batch ON runs (batch, started_at)",
                "CREATE INDEX runs_config ON runs (config_id, started_at)",
            }},
        // The supervisor role and badge logins (AccountStore): the role's CHECK
        // takes 'supervisor', and a user may have a badge hash, unique because a
        // badge names one user. SQLite cannot change a CHECK constraint, so users
        // is rebuilt; tokens (which references it and would lose its rows to the
        // cascade of the DROP) is set aside and put back around it.
        {6,
            {
                "sqlite:CREATE TABLE tokens_kept AS SELECT token_hash, kind, user_name, station, role, created_by,"
                " created_at, expires_at, revoked_at FROM tokens",
                "sqlite:DROP TABLE tokens",
                "sqlite:CREATE TABLE users_v2 ("
                " name TEXT PRIMARY KEY,"
                " role TEXT NOT NULL CHECK (role IN ('admin', 'supervisor', 'operator', 'station')),"
                " password_hash TEXT NOT NULL,"
                " badge_hash TEXT,"
                " created_at BIGINT NOT NULL,"
                " updated_at BIGINT NOT NULL)",
                "sqlite:INSERT INTO users_v2 (name, role, password_hash, created_at, updated_at)"
                " SELECT name, role, password_hash, created_at, updated_at FROM users",
                "sqlite:DROP TABLE users",
                "sqlite:ALTER TABLE users_v2 RENAME TO users",
                "sqlite:CREATE TABLE tokens ("
                " token_hash TEXT PRIMARY KEY,"
                " kind TEXT NOT NULL CHECK (kind IN ('session', 'station', 'setup')),"
                " user_name TEXT REFERENCES users (name) ON DELETE CASCADE,"
                " station TEXT,"
                " role TEXT NOT NULL,"
                " created_by TEXT NOT NULL,"
                " created_at BIGINT NOT NULL,"
                " expires_at BIGINT NOT NULL,"
                " revoked_at BIGINT)",
                "sqlite:INSERT INTO tokens (token_hash, kind, user_name, station, role, created_by, created_at,"
                " expires_at, revoked_at) SELECT token_hash, kind, user_name, station, role, created_by, created_at,"
                " expires_at, revoked_at FROM tokens_kept",
                "sqlite:DROP TABLE tokens_kept",
                "sqlite:CREATE INDEX tokens_expiry ON tokens (expires_at)",
                "postgres:ALTER TABLE users DROP CONSTRAINT users_role_check",
                "postgres:ALTER TABLE users ADD CONSTRAINT users_role_check"
                " CHECK (role IN ('admin', 'supervisor', 'operator', 'station'))",
                "postgres:ALTER TABLE users ADD COLUMN badge_hash TEXT",
                "CREATE UNIQUE INDEX users_badge ON users (badge_hash)",
            }},
        // Shifts as records: who started one and when. Starting a shift ends the
        // station's open one; the partial unique index keeps one open per station
        // even when two servers start shifts at once.
        {7,
            {
                "CREATE TABLE shifts ("
                " id %AUTOID%,"
                " station TEXT NOT NULL,"
                " started_at BIGINT NOT NULL,"
                " started_by TEXT NOT NULL,"
                " ended_at BIGINT)",
                "CREATE INDEX shifts_station ON shifts (station, started_at)",
                "CREATE UNIQUE INDEX shifts_open ON shifts (station) WHERE ended_at IS NULL",
            }},
        // Stations online: each station's newest heartbeat (one row per station,
        // replaced every 30 s). first_seen_at starts a stretch of being up: a
        // heartbeat after a silence of more than 90 s, or from a new session
        // (the station program restarted), starts a new one.
        {8,
            {
                "CREATE TABLE station_heartbeats ("
                " station TEXT PRIMARY KEY,"
                " session TEXT NOT NULL,"
                " first_seen_at BIGINT NOT NULL,"
                " last_seen_at BIGINT NOT NULL,"
                " version TEXT NOT NULL,"
                " slots INTEGER NOT NULL,"
                " running INTEGER NOT NULL,"
                " operations TEXT NOT NULL," // JSON object: operation -> slots running it
                " config_id TEXT NOT NULL,"
                " batch BIGINT NOT NULL)",
            }},
        // A device's history reads the audit entries about it (AuditLog::about):
        // by subject, which without an index reads the whole log.
        {9,
            {
                "CREATE INDEX audit_subject ON audit_log (subject, seq)",
            }},
        // Yield without grouping runs into units (YieldQuery): each counted run
        // (not a station fault, with a device) names the start and station of
        // its unit's previous and next counted run and of its device's
        // previous one (NULL: none), kept by RunStore as runs arrive in any
        // order. A scanned label finds its devices through run_labels.
        {10,
            {
                "ALTER TABLE runs ADD COLUMN unit_prev_at BIGINT",
                "ALTER TABLE runs ADD COLUMN unit_prev_station TEXT",
                "ALTER TABLE runs ADD COLUMN unit_next_at BIGINT",
                "ALTER TABLE runs ADD COLUMN unit_next_station TEXT",
                "ALTER TABLE runs ADD COLUMN device_prev_at BIGINT",
                "ALTER TABLE runs ADD COLUMN device_prev_station TEXT",
                "UPDATE runs SET unit_prev_at = w.pa, unit_prev_station = w.ps, unit_next_at = w.na,"
                " unit_next_station = w.ns, device_prev_at = w.dpa, device_prev_station = w.dps"
                " FROM (SELECT id, LAG(started_at) OVER u AS pa, LAG(station) OVER u AS ps,"
                " LEAD(started_at) OVER u AS na, LEAD(station) OVER u AS ns,"
                " LAG(started_at) OVER d AS dpa, LAG(station) OVER d AS dps"
                " FROM runs WHERE station_fault = 0 AND device <> ''"
                " WINDOW u AS (PARTITION BY device, operation ORDER BY started_at, id),"
                " d AS (PARTITION BY device ORDER BY started_at, id)) AS w"
                " WHERE runs.id = w.id",
                "CREATE TABLE run_labels ("
                " label TEXT NOT NULL,"
                " device TEXT NOT NULL,"
                " PRIMARY KEY (label, device))",
                "sqlite:INSERT INTO run_labels (label, device) SELECT DISTINCT j.value, r.device"
                " FROM runs r, json_each(r.labels) j WHERE r.device <> '' AND j.type = 'text' AND j.value <> ''",
                "postgres:INSERT INTO run_labels (label, device) SELECT DISTINCT j.value #>> '{}', r.device"
                " FROM runs r, json_each(r.labels::json) j WHERE r.device <> ''"
                " AND json_typeof(j.value) = 'string' AND j.value #>> '{}' <> ''",
            }},
        // What the device reported about itself in a run (RunRecord): the device
        // report prefers it to the configuration's versions. Runs stored before
        // are '': the report falls back to the configuration for them.
        {11,
            {
                "ALTER TABLE runs ADD COLUMN node_firmware TEXT NOT NULL DEFAULT ''",
                "ALTER TABLE runs ADD COLUMN host_firmware TEXT NOT NULL DEFAULT ''",
                "ALTER TABLE runs ADD COLUMN node_type TEXT NOT NULL DEFAULT ''",
                "ALTER TABLE runs ADD COLUMN host_type TEXT NOT NULL DEFAULT ''",
            }},
    };
    return list;
}

QString dialect(const char *statement, bool postgres, bool *skip)
{
    QString sql = QString::fromUtf8(statement);
    *skip = false;
    if (sql.startsWith(QLatin1String("sqlite:"))) {
        *skip = postgres;
        sql.remove(0, 7);
    } else if (sql.startsWith(QLatin1String("postgres:"))) {
        *skip = !postgres;
        sql.remove(0, 9);
    }
    sql.replace(QLatin1String("%AUTOID%"),
        postgres ? QStringLiteral("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
                 : QStringLiteral("INTEGER PRIMARY KEY"));
    return sql;
}

// Any constant works; it only has to be the same in every server process.
constexpr qint64 kMigrationLockKey = 0x50524f564d494752; // "PROVMIGR"

} // namespace

int latestSchemaVersion()
{
    return migrations().back().version;
}

Result<int> migrateSchema(const QSqlDatabase &db, bool postgres)
{
    auto transaction = SqlTransaction::begin(db, postgres, SqlTransaction::Mode::Write);
    if (!transaction)
        return transaction.error();
    if (postgres) {
        auto lock = runSql(db, QStringLiteral("SELECT pg_advisory_xact_lock(?)"), {kMigrationLockKey});
        if (!lock)
            return lock.error();
    }
    {
        auto create = runSql(db,
            QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version ("
                           " version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)"));
        if (!create)
            return create.error();
    }
    int current = 0;
    {
        auto query = runSql(db, QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_version"));
        if (!query)
            return query.error();
        if (query->next())
            current = query->value(0).toInt();
    }
    if (current > latestSchemaVersion()) {
        return makeError(ResultCode::InternalError,
            QStringLiteral("the database schema is version %1, newer than this server knows (%2): "
                           "upgrade the server")
                .arg(current)
                .arg(latestSchemaVersion()));
    }
    for (const Migration &migration : migrations()) {
        if (migration.version <= current)
            continue;
        for (const char *statement : migration.statements) {
            bool skip = false;
            const QString sql = dialect(statement, postgres, &skip);
            if (skip)
                continue;
            QSqlQuery query(db);
            if (!query.exec(sql))
                return sqlError(query, QStringLiteral("migrating the schema to version %1").arg(migration.version));
        }
        auto record = runSql(db, QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)"),
            {migration.version, nowMs()});
        if (!record)
            return record.error();
        qCInfo(lcServerStore) << "schema migrated to version" << migration.version;
        current = migration.version;
    }
    auto committed = transaction->commit();
    if (!committed)
        return committed.error();
    return current;
}

} // namespace prov::server
