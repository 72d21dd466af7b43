#!/usr/bin/env bash
# Start (or reuse) a throwaway PostgreSQL cluster for the clinic tests and print its URL.
#
#   scripts/start_test_postgres.sh          # init + start if needed, create the db, print the URL
#   scripts/start_test_postgres.sh stop     # stop the cluster (its files stay until you delete them)
#
#   export RETROWALK_TEST_PG_URL="$(scripts/start_test_postgres.sh)"
#
# The cluster lives in $RETROWALK_PG_DIR (default: $TMPDIR/retrowalk-test-pg), listens on
# 127.0.0.1:$RETROWALK_PG_PORT (default 55432) only, with a random password kept in that folder.
# Idempotent: a second call reuses a running cluster. As root, the server runs as the
# `postgres` system user (initdb refuses root); otherwise it runs as the calling user.
# Everything but the URL goes to stderr.
set -euo pipefail

PGDIR="${RETROWALK_PG_DIR:-${TMPDIR:-/tmp}/retrowalk-test-pg}"
PORT="${RETROWALK_PG_PORT:-55432}"
DB="${RETROWALK_PG_DB:-retrowalk_test}"
DATA="$PGDIR/data"
PWFILE="$PGDIR/password"

find_bindir() {
    if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
        pg_config --bindir
        return
    fi
    local d
    d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [ -n "$d" ] && [ -x "$d/initdb" ]; then
        echo "$d"
        return
    fi
    if command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return
    fi
    echo "PostgreSQL server binaries not found (Debian: apt-get install -y postgresql)" >&2
    exit 1
}
BIN="$(find_bindir)"

if [ "$(id -u)" = "0" ]; then
    RUNUSER=postgres
    as_pg() { runuser -u postgres -- "$@"; }
else
    RUNUSER="$(id -un)"
    as_pg() { "$@"; }
fi

if [ "${1:-}" = "stop" ]; then
    if [ -f "$DATA/PG_VERSION" ]; then
        as_pg "$BIN/pg_ctl" -D "$DATA" -m fast stop >&2 || true
    fi
    exit 0
fi

mkdir -p "$PGDIR"
if [ "$(id -u)" = "0" ]; then
    chown "$RUNUSER" "$PGDIR"
fi
chmod 700 "$PGDIR"

if [ ! -f "$DATA/PG_VERSION" ]; then
    PW="$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)"
    umask 077
    printf '%s\n' "$PW" >"$PWFILE"
    if [ "$(id -u)" = "0" ]; then chown "$RUNUSER" "$PWFILE"; fi
    as_pg "$BIN/initdb" -D "$DATA" -U postgres --pwfile="$PWFILE" \
        --auth-host=scram-sha-256 --auth-local=scram-sha-256 -E UTF8 >&2
fi
PW="$(head -n 1 "$PWFILE")"

if ! as_pg "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    as_pg "$BIN/pg_ctl" -D "$DATA" -l "$PGDIR/server.log" -w -t 60 start \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -k $PGDIR -c fsync=off" >&2
fi

export PGPASSWORD="$PW"
exists="$("$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$DB'")"
if [ "$exists" != "1" ]; then
    "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DB" >&2
fi

echo "postgresql+psycopg://postgres:${PW}@127.0.0.1:${PORT}/${DB}"
