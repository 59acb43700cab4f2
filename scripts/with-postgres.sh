#!/usr/bin/env bash
# Usage: scripts/with-postgres.sh CMD [ARGS...]
# Runs CMD with a throwaway PostgreSQL server listening on 127.0.0.1, and
# SETTLE_TEST_POSTGRES_URL pointing at its database settle_test (user settle,
# password settle). The server and its data are removed afterwards, also on
# failure or Ctrl-C. Exits with CMD's status.
set -euo pipefail

if (($# == 0)); then
    echo "usage: $0 CMD [ARGS...]" >&2
    exit 2
fi

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [[ ! -x $pg_bin/initdb ]]; then
    echo "with-postgres: no PostgreSQL server under /usr/lib/postgresql (run scripts/ensure-deps.sh)" >&2
    exit 1
fi

# PostgreSQL refuses to run as root: run it as the postgres system user.
if ((EUID == 0)) && ! id postgres >/dev/null 2>&1; then
    useradd --system --user-group --no-create-home --home-dir /var/lib/postgresql \
        --shell /bin/sh postgres
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/settle-pg.XXXXXX")
data=$dir/data
log=$dir/server.log
((EUID == 0)) && chown postgres: "$dir"

as_pg() {  # run "$@" as the postgres user, from a directory it can read
    if ((EUID == 0)); then
        (cd "$dir" && runuser -u postgres -- "$@")
    else
        (cd "$dir" && "$@")
    fi
}

cleanup() {
    if [[ -f $data/postmaster.pid ]]; then
        as_pg "$pg_bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

as_pg "$pg_bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; echo "with-postgres: initdb failed" >&2; exit 1; }
cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 500
CONF

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Take the first free port from 54329 up; if another process grabs it first,
# the server fails to bind and the next one is tried.
port=54329
while :; do
    while port_in_use "$port"; do port=$((port + 1)); done
    if as_pg "$pg_bin/pg_ctl" -D "$data" -l "$log" -o "-p $port" -w -t 60 start >/dev/null 2>&1; then
        break
    fi
    if grep -q 'could not bind' "$log" 2>/dev/null && ((port < 54429)); then
        port=$((port + 1))
        continue
    fi
    tail -n 50 "$log" >&2 || true
    echo "with-postgres: PostgreSQL failed to start (port $port)" >&2
    exit 1
done

"$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres \
    -c "CREATE ROLE settle LOGIN PASSWORD 'settle' CREATEDB" \
    -c "CREATE DATABASE settle_test OWNER settle" >/dev/null

export SETTLE_TEST_POSTGRES_URL="postgres://settle:settle@127.0.0.1:$port/settle_test"

status=0
"$@" || status=$?
exit "$status"
