#!/usr/bin/env bash
# Usage: scripts/bench-import.sh [N]
#
# Imports N invoices (default 1,000,000) for N/10 clients from CSV into a fresh
# database with Settle, then runs the aging report; and, in the same run, has the
# bare engine do the same work into the same schema (sqlite3 `.import` + INSERT ...
# SELECT; psql `\copy` + INSERT ... SELECT, then the same aging SQL). Prints
# Settle's time beside the bare tool's and their ratio (target: within 3x).
#
# SQLite always; PostgreSQL too when SETTLE_BENCH_POSTGRES_URL is set, or
# SETTLE_TEST_POSTGRES_URL (as scripts/with-postgres.sh exports it; `make bench`
# runs this script under it). THE SCHEMA `public` OF THAT DATABASE IS DROPPED;
# the bare copy goes to a database of the same name + "_bare" on the same server
# (created when missing; SETTLE_BENCH_POSTGRES_BARE_URL overrides).
#
# Needs .build/release/settle (`make build`; SETTLE=PATH overrides), sqlite3,
# python3, and psql for PostgreSQL. Work files go to bench-output/ (gitignored);
# the table is also written to bench-output/results.md.
set -euo pipefail

cd "$(dirname "$0")/.."

N=${1:-1000000}
if ! [[ $N =~ ^[0-9]+$ ]] || ((N < 10)); then
    echo "usage: $0 [N]   (N = number of invoices, at least 10; default 1000000)" >&2
    exit 2
fi
CLIENTS=$((N / 10))
SETTLE=${SETTLE:-.build/release/settle}
WORK=bench-output
AS_OF=2025-01-31
HELPER=scripts/bench_import.py
PG_URL=${SETTLE_BENCH_POSTGRES_URL:-${SETTLE_TEST_POSTGRES_URL:-}}

die() { echo "bench-import: $*" >&2; exit 1; }

[[ -x $SETTLE ]] || die "no $SETTLE: build it with 'swift build -c release --product settle' (or run 'make bench')"
for tool in sqlite3 python3; do
    command -v "$tool" >/dev/null || die "$tool is missing (run scripts/ensure-deps.sh)"
done
if [[ -n $PG_URL ]]; then
    command -v psql >/dev/null || die "psql is missing (run scripts/ensure-deps.sh)"
fi
TIME=/usr/bin/time
[[ -x $TIME ]] || TIME=""

STEPS=$WORK/steps  # per step: .secs, .cpu, .rss, .err
rm -rf "$WORK"
mkdir -p "$WORK" "$STEPS"
RESULTS=$WORK/results.tsv
: >"$RESULTS"

# timed NAME OUT CMD...: runs CMD with stdout to OUT (stderr to $STEPS/NAME.err) and
# records its wall time in $STEPS/NAME.secs, its peak RSS (KiB) in $STEPS/NAME.rss and
# its CPU time (user + system, seconds; the client process only) in $STEPS/NAME.cpu.
timed() {
    local name=$1 out=$2 start end status=0
    shift 2
    start=$(date +%s.%N)
    if [[ -n $TIME ]]; then
        "$TIME" -f '%M %U %S' -o "$STEPS/$name.time" "$@" >"$out" 2>"$STEPS/$name.err" || status=$?
    else
        "$@" >"$out" 2>"$STEPS/$name.err" || status=$?
        echo 'n/a n/a n/a' >"$STEPS/$name.time"
    fi
    end=$(date +%s.%N)
    if ((status != 0)); then
        cat "$STEPS/$name.err" >&2
        die "$name failed (exit $status): $*"
    fi
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f\n", e - s }' >"$STEPS/$name.secs"
    tail -n 1 "$STEPS/$name.time" | awk '{ print $1 }' >"$STEPS/$name.rss"
    tail -n 1 "$STEPS/$name.time" | awk '{ print ($2 == "n/a" ? "n/a" : sprintf("%.2f", $2 + $3)) }' >"$STEPS/$name.cpu"
    printf '  %-28s %8.2f s\n' "$name" "$(cat "$STEPS/$name.secs")"
}

# result LABEL ROWS SETTLE_NAME BARE_NAME: one line of the table.
result() {
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$(cat "$STEPS/$3.secs")" "$(cat "$STEPS/$4.secs")" \
        "$(cat "$STEPS/$3.cpu")" "$(cat "$STEPS/$3.rss")" "$(cat "$STEPS/$4.rss")" >>"$RESULTS"
}

# same_counts WHAT COUNTS_A COUNTS_B: fail loudly unless both databases hold the same rows.
same_counts() {
    if [[ $2 != "$3" ]]; then
        die "$1: row counts differ: Settle $2, bare $3 (clients|invoices|ledger_entries)"
    fi
    local expected="$CLIENTS|$N|$N"
    [[ $2 == "$expected" ]] || die "$1: expected $expected rows (clients|invoices|ledger_entries), found $2"
    echo "  row counts agree: $2 (clients|invoices|ledger_entries)"
}

COUNTS_SQL="SELECT (SELECT count(*) FROM clients) || '|' || (SELECT count(*) FROM invoices) || '|' || (SELECT count(*) FROM ledger_entries);"

echo "Settle import benchmark: $N invoices, $CLIENTS clients, aging as of $AS_OF"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg)"
timed generate_csv /dev/null python3 "$HELPER" data "$N" "$WORK"

# ---------------------------------------------------------------------------
# SQLite. Both files are migrated by Settle itself, so the bare tool writes into the
# identical schema (tables, indexes, CHECKs, foreign keys; WAL) and `default` organisation.
echo "SQLite (Settle's bundled SQLite vs the sqlite3 tool $(sqlite3 --version | cut -d' ' -f1))"
SQLITE_SETTLE=$WORK/settle.db
SQLITE_BARE=$WORK/bare.db
"$SETTLE" --database "sqlite:$SQLITE_SETTLE" migrate >/dev/null
"$SETTLE" --database "sqlite:$SQLITE_BARE" migrate >/dev/null
diff <(sqlite3 "$SQLITE_SETTLE" .schema) <(sqlite3 "$SQLITE_BARE" .schema) >/dev/null \
    || die "the two SQLite schemas differ"
ORG_ID=$(sqlite3 "$SQLITE_BARE" "SELECT id FROM organisations WHERE slug = 'default'")
[[ -n $ORG_ID ]] || die "no default organisation in $SQLITE_BARE"

# What Settle writes (Sources/SettleApp/Import/, ClientStore, InvoiceStore, LedgerStore):
# clients with terms, tags '' and created_at; invoices with the client's terms, an RF
# reference (here a placeholder of the same length: Settle's check digits need mod 97)
# and created_at; one 'principal' ledger entry per invoice. Amounts become minor units
# in SQL. Foreign keys are enforced as Settle's connection does.
cat >"$WORK/bare-sqlite-clients.sql" <<SQL
PRAGMA foreign_keys = ON;
PRAGMA journal_mode = WAL;
BEGIN IMMEDIATE;
CREATE TEMP TABLE stage_clients (id TEXT, name TEXT, kind TEXT, email TEXT, phone TEXT, country TEXT,
    time_zone TEXT, language TEXT, terms TEXT);
.import --csv --skip 1 --schema temp $WORK/clients.csv stage_clients
INSERT INTO clients (org_id, code, name, kind, country, time_zone, language, terms, tags, created_at)
SELECT o.id, s.id, s.name, lower(s.kind), upper(s.country), coalesce(nullif(s.time_zone, ''), o.time_zone),
       coalesce(nullif(s.language, ''), 'en'), coalesce(nullif(s.terms, ''), 'net 30'), '',
       strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM temp.stage_clients s JOIN organisations o ON o.id = $ORG_ID;
INSERT INTO contacts (org_id, client_id, name, email, phone, role)
SELECT c.org_id, c.id, s.name, nullif(s.email, ''), nullif(s.phone, ''), 'billing'
FROM temp.stage_clients s JOIN clients c ON c.org_id = $ORG_ID AND c.code = s.id
WHERE s.email <> '' OR s.phone <> '';
COMMIT;
SQL
cat >"$WORK/bare-sqlite-invoices.sql" <<SQL
PRAGMA foreign_keys = ON;
PRAGMA journal_mode = WAL;
BEGIN IMMEDIATE;
CREATE TEMP TABLE stage_invoices (number TEXT, client TEXT, issue_date TEXT, due_date TEXT, currency TEXT,
    amount TEXT, description TEXT);
.import --csv --skip 1 --schema temp $WORK/invoices.csv stage_invoices
INSERT INTO invoices (org_id, client_id, number, issue_date, due_date, currency, terms, description,
                      total_minor, reference, created_at)
SELECT c.org_id, c.id, s.number, s.issue_date, s.due_date, s.currency, c.terms, s.description,
       CAST(replace(s.amount, '.', '') AS INTEGER), 'RF00' || replace(s.number, '-', ''),
       strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM temp.stage_invoices s JOIN clients c ON c.org_id = $ORG_ID AND c.code = s.client;
INSERT INTO ledger_entries (org_id, invoice_id, kind, component, amount_minor, date, payment_id, note, created_at)
SELECT org_id, id, 'principal', 'principal', total_minor, issue_date, NULL, 'issued', created_at
FROM invoices WHERE org_id = $ORG_ID ORDER BY id;
COMMIT;
SQL
python3 "$HELPER" aging-sql "$AS_OF" "$ORG_ID" >"$WORK/aging.sql"

timed sqlite_settle_clients "$STEPS/sqlite_settle_clients.out" \
    "$SETTLE" --database "sqlite:$SQLITE_SETTLE" import clients "$WORK/clients.csv"
timed sqlite_settle_invoices "$STEPS/sqlite_settle_invoices.out" \
    "$SETTLE" --database "sqlite:$SQLITE_SETTLE" import invoices "$WORK/invoices.csv"
timed sqlite_bare_clients "$STEPS/sqlite_bare_clients.out" \
    sqlite3 -bail "$SQLITE_BARE" ".read $WORK/bare-sqlite-clients.sql"
timed sqlite_bare_invoices "$STEPS/sqlite_bare_invoices.out" \
    sqlite3 -bail "$SQLITE_BARE" ".read $WORK/bare-sqlite-invoices.sql"
timed sqlite_settle_aging /dev/null \
    "$SETTLE" --database "sqlite:$SQLITE_SETTLE" report aging --as-of "$AS_OF" --format csv
timed sqlite_bare_aging /dev/null \
    sqlite3 -bail -csv "$SQLITE_BARE" ".read $WORK/aging.sql"

same_counts SQLite "$(sqlite3 "$SQLITE_SETTLE" "$COUNTS_SQL")" "$(sqlite3 "$SQLITE_BARE" "$COUNTS_SQL")"
"$SETTLE" --database "sqlite:$SQLITE_SETTLE" report aging --as-of "$AS_OF" --format csv >"$WORK/sqlite_settle_aging.csv"
sqlite3 -bail -csv "$SQLITE_BARE" ".read $WORK/aging.sql" >"$WORK/sqlite_bare_aging.csv"
printf '  '
python3 "$HELPER" compare-aging "$WORK/sqlite_settle_aging.csv" "$WORK/sqlite_bare_aging.csv"

result "SQLite import clients" "$CLIENTS" sqlite_settle_clients sqlite_bare_clients
result "SQLite import invoices" "$N" sqlite_settle_invoices sqlite_bare_invoices
result "SQLite aging report" "$N" sqlite_settle_aging sqlite_bare_aging

# ---------------------------------------------------------------------------
# PostgreSQL. Both databases are emptied and migrated by Settle, the bare one then
# filled by psql (\copy into temp staging tables, INSERT ... SELECT).
if [[ -n $PG_URL ]]; then
    PG_BARE_URL=${SETTLE_BENCH_POSTGRES_BARE_URL:-$(python3 "$HELPER" bare-url "$PG_URL")}
    PSQL=(psql -X -q -v ON_ERROR_STOP=1)
    echo "PostgreSQL ($(psql -X -At -d "$PG_URL" -c 'SHOW server_version'), psql \\copy as the bare tool)"
    if [[ -z ${SETTLE_BENCH_POSTGRES_BARE_URL:-} ]]; then
        bare_db=${PG_BARE_URL##*/}
        bare_db=${bare_db%%\?*}
        if [[ -z $(psql -X -At -d "$PG_URL" -c "SELECT 1 FROM pg_database WHERE datname = '$bare_db'") ]]; then
            "${PSQL[@]}" -d "$PG_URL" -c "CREATE DATABASE \"$bare_db\"" >/dev/null
        fi
    fi
    for url in "$PG_URL" "$PG_BARE_URL"; do
        PGOPTIONS='-c client_min_messages=warning' "${PSQL[@]}" -d "$url" -c 'DROP SCHEMA public CASCADE' -c 'CREATE SCHEMA public' >/dev/null
        "$SETTLE" --database "$url" migrate >/dev/null
    done
    if command -v pg_dump >/dev/null; then
        # (comments and pg_dump's random \restrict keys aside)
        diff <(pg_dump --schema-only --no-owner -d "$PG_URL" | grep -Ev '^(--|\\(un)?restrict )') \
             <(pg_dump --schema-only --no-owner -d "$PG_BARE_URL" | grep -Ev '^(--|\\(un)?restrict )') >/dev/null \
            || die "the two PostgreSQL schemas differ"
    fi
    PG_ORG_ID=$(psql -X -At -d "$PG_BARE_URL" -c "SELECT id FROM organisations WHERE slug = 'default'")
    [[ -n $PG_ORG_ID ]] || die "no default organisation in $PG_BARE_URL"
    NOW_SQL="to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

    cat >"$WORK/bare-pg-clients.sql" <<SQL
BEGIN;
CREATE TEMP TABLE stage_clients (id text, name text, kind text, email text, phone text, country text,
    time_zone text, language text, terms text) ON COMMIT DROP;
\copy stage_clients FROM '$WORK/clients.csv' WITH (FORMAT csv, HEADER true)
INSERT INTO clients (org_id, code, name, kind, country, time_zone, language, terms, tags, created_at)
SELECT o.id, s.id, s.name, lower(s.kind), upper(s.country), coalesce(nullif(s.time_zone, ''), o.time_zone),
       coalesce(nullif(s.language, ''), 'en'), coalesce(nullif(s.terms, ''), 'net 30'), '', $NOW_SQL
FROM stage_clients s JOIN organisations o ON o.id = $PG_ORG_ID;
INSERT INTO contacts (org_id, client_id, name, email, phone, role)
SELECT c.org_id, c.id, s.name, nullif(s.email, ''), nullif(s.phone, ''), 'billing'
FROM stage_clients s JOIN clients c ON c.org_id = $PG_ORG_ID AND c.code = s.id
WHERE s.email <> '' OR s.phone <> '';
COMMIT;
SQL
    cat >"$WORK/bare-pg-invoices.sql" <<SQL
BEGIN;
CREATE TEMP TABLE stage_invoices (number text, client text, issue_date text, due_date text, currency text,
    amount text, description text) ON COMMIT DROP;
\copy stage_invoices FROM '$WORK/invoices.csv' WITH (FORMAT csv, HEADER true)
INSERT INTO invoices (org_id, client_id, number, issue_date, due_date, currency, terms, description,
                      total_minor, reference, created_at)
SELECT c.org_id, c.id, s.number, s.issue_date, s.due_date, s.currency, c.terms, s.description,
       CAST(replace(s.amount, '.', '') AS BIGINT), 'RF00' || replace(s.number, '-', ''), $NOW_SQL
FROM stage_invoices s JOIN clients c ON c.org_id = $PG_ORG_ID AND c.code = s.client;
INSERT INTO ledger_entries (org_id, invoice_id, kind, component, amount_minor, date, payment_id, note, created_at)
SELECT org_id, id, 'principal', 'principal', total_minor, issue_date, NULL, 'issued', created_at
FROM invoices WHERE org_id = $PG_ORG_ID ORDER BY id;
COMMIT;
SQL
    python3 "$HELPER" aging-sql "$AS_OF" "$PG_ORG_ID" >"$WORK/aging-pg.sql"

    timed pg_settle_clients "$STEPS/pg_settle_clients.out" \
        "$SETTLE" --database "$PG_URL" import clients "$WORK/clients.csv"
    timed pg_settle_invoices "$STEPS/pg_settle_invoices.out" \
        "$SETTLE" --database "$PG_URL" import invoices "$WORK/invoices.csv"
    timed pg_bare_clients "$STEPS/pg_bare_clients.out" "${PSQL[@]}" -d "$PG_BARE_URL" -f "$WORK/bare-pg-clients.sql"
    timed pg_bare_invoices "$STEPS/pg_bare_invoices.out" "${PSQL[@]}" -d "$PG_BARE_URL" -f "$WORK/bare-pg-invoices.sql"
    # Autovacuum would otherwise analyse the fresh tables at a random moment, in the
    # middle of one report or the other: analyse both first, outside the timings.
    for url in "$PG_URL" "$PG_BARE_URL"; do "${PSQL[@]}" -d "$url" -c 'VACUUM ANALYZE clients, contacts, invoices, ledger_entries' >/dev/null; done
    timed pg_settle_aging /dev/null \
        "$SETTLE" --database "$PG_URL" report aging --as-of "$AS_OF" --format csv
    timed pg_bare_aging /dev/null "${PSQL[@]}" -At -F, -d "$PG_BARE_URL" -f "$WORK/aging-pg.sql"

    same_counts PostgreSQL "$(psql -X -At -d "$PG_URL" -c "$COUNTS_SQL")" "$(psql -X -At -d "$PG_BARE_URL" -c "$COUNTS_SQL")"
    "$SETTLE" --database "$PG_URL" report aging --as-of "$AS_OF" --format csv >"$WORK/pg_settle_aging.csv"
    "${PSQL[@]}" --csv -t -d "$PG_BARE_URL" -f "$WORK/aging-pg.sql" >"$WORK/pg_bare_aging.csv"
    printf '  '
    python3 "$HELPER" compare-aging "$WORK/pg_settle_aging.csv" "$WORK/pg_bare_aging.csv"

    result "PostgreSQL import clients" "$CLIENTS" pg_settle_clients pg_bare_clients
    result "PostgreSQL import invoices" "$N" pg_settle_invoices pg_bare_invoices
    result "PostgreSQL aging report" "$N" pg_settle_aging pg_bare_aging
else
    echo "PostgreSQL: skipped (set SETTLE_BENCH_POSTGRES_URL, or run under scripts/with-postgres.sh)"
fi

echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Results (N = $N invoices; Settle/bare target <= 3x; rows/s and RSS for information):"
python3 "$HELPER" table "$RESULTS" "$WORK/results.md"
