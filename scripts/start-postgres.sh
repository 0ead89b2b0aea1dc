#!/usr/bin/env bash
# Starts the local PostgreSQL 15 cluster (Debian's) and makes a test role and
# database. Prints the URL to use, e.g.:
#   eval "$(scripts/start-postgres.sh)"   # exports PROVSTATION_TEST_PG_URL, PGPASSWORD
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! $SUDO pg_lsclusters -h 2>/dev/null | grep -q "^$ver main"; then
  $SUDO pg_createcluster "$ver" main >/dev/null
fi
if ! $SUDO pg_lsclusters -h | grep -q "^$ver main .* online"; then
  $SUDO pg_ctlcluster "$ver" main start
fi
for _ in $(seq 1 50); do
  $SUDO -u postgres psql -qAtc 'select 1' >/dev/null 2>&1 && break
  sleep 0.2
done
$SUDO -u postgres psql -qAt >/dev/null <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'provtest') THEN
    CREATE ROLE provtest LOGIN PASSWORD 'provtest' CREATEDB;
  END IF;
END $$;
SQL
if ! $SUDO -u postgres psql -qAtc "select 1 from pg_database where datname='provtest'" | grep -q 1; then
  $SUDO -u postgres createdb -O provtest provtest
fi
echo "export PROVSTATION_TEST_PG_URL=postgresql://provtest@127.0.0.1:5432/provtest"
echo "export PGPASSWORD=provtest"
