#!/usr/bin/env bash
# Starts the local PostgreSQL 15 cluster (Debian's) and makes a test role and
# database. Prints only the exports to use on stdout (everything else goes to
# stderr), e.g.:
#   eval "$(scripts/start-postgres.sh)"   # exports PROVSTATION_TEST_PG_URL, PGPASSWORD
set -euo pipefail
exec 3>&1 1>&2

# Run as root (CI) or as a user with sudo.
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! as_root pg_lsclusters -h 2>/dev/null | grep -q "^$ver main"; then
  as_root pg_createcluster "$ver" main
fi
if ! as_root pg_lsclusters -h | grep -q "^$ver main .* online"; then
  # The server must inherit no descriptor but 0-2: it would hold fd 3 (the
  # caller's $(...) pipe), or a CI runner's pipe, open for ever and the caller
  # would wait for ever (CI did, for 90 minutes).
  (
    for fd in /proc/$BASHPID/fd/*; do
      fd=${fd##*/}
      if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi
    done
    as_root pg_ctlcluster "$ver" main start
  ) </dev/null
fi
ready=0
for _ in $(seq 1 100); do
  if as_postgres psql -qAtc 'select 1' >/dev/null 2>&1; then ready=1; break; fi
  sleep 0.2
done
if [ $ready -ne 1 ]; then
  echo "start-postgres: PostgreSQL $ver did not accept connections within 20 s" >&2
  exit 1
fi
as_postgres psql -qAt >/dev/null <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'provtest') THEN
    CREATE ROLE provtest LOGIN PASSWORD 'provtest' CREATEDB;
  END IF;
END $$;
SQL
if ! as_postgres psql -qAtc "select 1 from pg_database where datname='provtest'" | grep -q 1; then
  as_postgres createdb -O provtest provtest
fi
echo "export PROVSTATION_TEST_PG_URL=postgresql://provtest@127.0.0.1:5432/provtest" >&3
echo "export PGPASSWORD=provtest" >&3
