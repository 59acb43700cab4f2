#!/usr/bin/env bash
# Usage: scripts/bench-collect.sh [--prepare] [N]
#
# The daily cycle over a large book: `settle collect` over the N invoices (default
# 1,000,000) that scripts/bench-import.sh imported with Settle, first as of 2025-01-31
# (the first run: a catch-up over a book issued during 2024) and then as of 2025-02-01
# (a steady-state day). In the same run the bare engine (sqlite3; psql) reads the same
# rows from a second copy of the same database and writes as many action, task, approval
# and ledger rows as Settle wrote that day, in one transaction. Target: Settle within 5x.
#
# Sources (never modified; every run works on copies, each brought to this build's schema first):
#   SQLite      $SETTLE_BENCH_DIR/settle.db (default bench-output/settle.db)
#   PostgreSQL  SETTLE_BENCH_POSTGRES_URL, or SETTLE_TEST_POSTGRES_URL as scripts/with-postgres.sh
#               exports it; copied with CREATE DATABASE ... TEMPLATE into <db>_collect and
#               <db>_collect_bare on the same server (dropped first if present).
# Each source must hold N/10 clients, N invoices and N ledger entries and nothing collected
# yet, as scripts/bench-import.sh N leaves it; else the script stops. With --prepare a
# missing or different source is (re)built first, untimed: data from bench_import.py, then
# `settle migrate` and `settle import clients|invoices` (THE POSTGRESQL SCHEMA `public` OF
# THAT DATABASE IS DROPPED).
#
# A Settle run that exceeds SETTLE_BENCH_COLLECT_TIMEOUT seconds (default 3600), or that
# is still printing SETTLE_BENCH_COLLECT_AFTER_COMMIT seconds (default 900) after its
# transaction committed, or that holds more than SETTLE_BENCH_COLLECT_MAX_RSS_MIB of resident
# memory (default 16384), is stopped (so is one killed from outside); the table then shows
# its time as a lower bound, and when its transaction had committed by then the bare tool
# still gets the rows Settle wrote to match.
#
# Work files go to $SETTLE_BENCH_DIR/collect/, the table to $SETTLE_BENCH_DIR/collect-results.md.
set -euo pipefail

cd "$(dirname "$0")/.."

PREPARE=0
if [[ ${1:-} == --prepare ]]; then
    PREPARE=1
    shift
fi
N=${1:-1000000}
if ! [[ $N =~ ^[0-9]+$ ]] || ((N < 10)); then
    echo "usage: $0 [--prepare] [N]   (N = number of invoices, at least 10; default 1000000)" >&2
    exit 2
fi
CLIENTS=$((N / 10))
SETTLE=${SETTLE:-.build/release/settle}
OUT=${SETTLE_BENCH_DIR:-bench-output}
WORK=$OUT/collect
STEPS=$WORK/steps
FIRST_DAY=2025-01-31
NEXT_DAY=2025-02-01
HELPER=scripts/bench_collect.py
IMPORT_HELPER=scripts/bench_import.py
PG_URL=${SETTLE_BENCH_POSTGRES_URL:-${SETTLE_TEST_POSTGRES_URL:-}}
TIMEOUT=${SETTLE_BENCH_COLLECT_TIMEOUT:-3600}
AFTER_COMMIT=${SETTLE_BENCH_COLLECT_AFTER_COMMIT:-900}
MAX_RSS_MIB=${SETTLE_BENCH_COLLECT_MAX_RSS_MIB:-16384}
TIME=/usr/bin/time

die() { echo "bench-collect: $*" >&2; exit 1; }

[[ -x $SETTLE ]] || die "no $SETTLE: build it with 'swift build -c release --product settle' (or run 'make bench')"
for tool in sqlite3 python3; do
    command -v "$tool" >/dev/null || die "$tool is missing (run scripts/ensure-deps.sh)"
done
[[ -x $TIME ]] || die "GNU time ($TIME) is missing: apt-get install time"
if [[ -n $PG_URL ]]; then
    command -v psql >/dev/null || die "psql is missing (run scripts/ensure-deps.sh)"
fi

rm -rf "$WORK"
mkdir -p "$WORK" "$STEPS"
RESULTS=$WORK/results.tsv
: >"$RESULTS"
PSQL=(psql -X -q -v ON_ERROR_STOP=1)

# q ENGINE TARGET SQL: one query through the bare tool; fields separated by |.
q() {
    if [[ $1 == sqlite ]]; then sqlite3 -bail -batch "$2" "$3"; else "${PSQL[@]}" -At -d "$2" -c "$3"; fi
}

SOURCE_COUNTS_SQL="SELECT (SELECT count(*) FROM clients) || '|' || (SELECT count(*) FROM invoices) || '|' ||
    (SELECT count(*) FROM ledger_entries) || '|' || (SELECT count(*) FROM actions) || '|' ||
    (SELECT count(*) FROM tasks) || '|' || (SELECT count(*) FROM approvals)"
MAXIDS_SQL="SELECT (SELECT coalesce(max(id), 0) FROM actions) || '|' || (SELECT coalesce(max(id), 0) FROM tasks) || '|' ||
    (SELECT coalesce(max(id), 0) FROM approvals) || '|' || (SELECT coalesce(max(id), 0) FROM ledger_entries) || '|' ||
    (SELECT coalesce(max(id), 0) FROM cases)"
EXPECTED_SOURCE="$CLIENTS|$N|$N|0|0|0"

# source_ok ENGINE TARGET: whether the source holds the imported book and nothing else.
source_ok() {
    local found
    found=$(q "$1" "$2" "$SOURCE_COUNTS_SQL" 2>/dev/null) || return 1
    [[ $found == "$EXPECTED_SOURCE" ]]
}

source_problem() {
    local found
    found=$(q "$1" "$2" "$SOURCE_COUNTS_SQL" 2>&1) || found="not readable: $found"
    echo "$2 holds $found (clients|invoices|ledger_entries|actions|tasks|approvals), expected $EXPECTED_SOURCE:" \
        "run scripts/bench-import.sh $N first (or make bench), or pass --prepare"
}

# prepare_source URL: a fresh Settle database with the benchmark's clients and invoices (untimed).
prepare_source() {
    [[ -f $OUT/clients.csv && -f $OUT/invoices.csv && $(($(wc -l <"$OUT/invoices.csv") - 1)) == "$N" ]] \
        || python3 "$IMPORT_HELPER" data "$N" "$OUT"
    "$SETTLE" --database "$1" migrate >/dev/null
    "$SETTLE" --database "$1" import clients "$OUT/clients.csv" >/dev/null
    "$SETTLE" --database "$1" import invoices "$OUT/invoices.csv" >/dev/null
}

# settle_run NAME ENGINE TARGET URL DAY: `settle collect --format json` as of DAY, timed by GNU
# time, watched every second: its resident memory (stopped above MAX_RSS_MIB), its duration
# (stopped after TIMEOUT, or AFTER_COMMIT seconds after its transaction became visible: a new
# max(id) in actions).
# Writes $STEPS/NAME.{secs,cpu,rss,stopped,committed}.
settle_run() {
    local name=$1 engine=$2 target=$3 url=$4 day=$5
    local before child="" rss peak=0 stopped="" stop_at="" committed="" now start tpid status=0 tick=0 line
    before=$(q "$engine" "$target" "SELECT coalesce(max(id), 0) FROM actions")
    start=$(date +%s.%N)
    "$TIME" -f '%M %U %S %e' -o "$STEPS/$name.time" \
        "$SETTLE" --database "$url" --as-of "$day" collect --format json >"$WORK/$name.json" 2>"$STEPS/$name.err" &
    tpid=$!
    : >"$STEPS/$name.progress"
    while kill -0 "$tpid" 2>/dev/null; do
        sleep 1
        tick=$((tick + 1))
        now=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
        [[ -n $child ]] || child=$(pgrep -P "$tpid" | head -n 1 || true)
        rss=0
        if [[ -n $child ]]; then
            rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$child/status" 2>/dev/null || echo 0)
            rss=${rss:-0}
            if ((rss > peak)); then peak=$rss; fi
        fi
        if [[ -z $committed ]]; then
            line=$(q "$engine" "$target" "SELECT coalesce(max(id), 0) FROM actions" 2>/dev/null || echo "$before")
            if [[ $line =~ ^[0-9]+$ ]] && ((line > before)); then committed=$now; fi
        fi
        if ((tick % 60 == 0)); then
            printf '%s s: RSS %d MiB%s\n' "$now" $((rss / 1024)) "${committed:+, committed at $committed s}" \
                | tee -a "$STEPS/$name.progress" | sed 's/^/    /'
        fi
        if [[ -z $stopped && -n $child ]]; then
            if ((rss / 1024 > MAX_RSS_MIB)); then
                stopped="stopped at $now s: resident memory $((rss / 1024)) MiB above the limit of $MAX_RSS_MIB MiB"
            elif awk -v n="$now" -v t="$TIMEOUT" 'BEGIN { exit !(n > t) }'; then
                stopped="stopped after $now s (limit ${TIMEOUT} s), RSS $((rss / 1024)) MiB"
            elif [[ -n $committed ]] && awk -v n="$now" -v c="$committed" -v t="$AFTER_COMMIT" 'BEGIN { exit !(n > c + t) }'; then
                stopped="stopped after $now s, still building its output $AFTER_COMMIT s after the commit, RSS $((rss / 1024)) MiB"
            fi
            if [[ -n $stopped ]]; then
                stop_at=$now
                echo "    $stopped" | tee -a "$STEPS/$name.progress"
                kill -KILL "$child" 2>/dev/null || true
            fi
        fi
    done
    wait "$tpid" || status=$?
    if [[ -z $stopped ]] && grep -q '^Command terminated by signal' "$STEPS/$name.time"; then
        stop_at=$now
        stopped="terminated from outside this script ($(grep '^Command terminated' "$STEPS/$name.time")) after $now s"
        echo "    $stopped" | tee -a "$STEPS/$name.progress"
    fi
    if [[ -z $committed ]]; then
        line=$(q "$engine" "$target" "SELECT coalesce(max(id), 0) FROM actions")
        if ((line > before)); then committed=end; fi
    fi
    echo "${stopped}" >"$STEPS/$name.stopped"
    echo "${committed}" >"$STEPS/$name.committed"
    if [[ -n $stopped ]]; then
        # Killed: GNU time's last line still has the CPU time; the wall time is the watch's.
        echo ">$stop_at" >"$STEPS/$name.secs"
        local peak_time
        peak_time=$(tail -n 1 "$STEPS/$name.time" | awk '{ print $1 }')
        if [[ $peak_time =~ ^[0-9]+$ ]] && ((peak_time > peak)); then peak=$peak_time; fi
        echo "$peak" >"$STEPS/$name.rss"
    else
        if ((status != 0)); then
            cat "$STEPS/$name.err" >&2
            die "$name failed (exit $status)"
        fi
        tail -n 1 "$STEPS/$name.time" | awk '{ printf "%.3f\n", $4 }' >"$STEPS/$name.secs"
        tail -n 1 "$STEPS/$name.time" | awk '{ print $1 }' >"$STEPS/$name.rss"
    fi
    tail -n 1 "$STEPS/$name.time" | awk '{ printf "%.2f\n", $2 + $3 }' >"$STEPS/$name.cpu"
    printf '  %-28s %10s s%s%s\n' "$name" "$(cat "$STEPS/$name.secs")" \
        "${committed:+ (committed at ${committed} s)}" "${stopped:+ ($stopped)}"
}

# bare_run NAME ENGINE TARGET FILE: the bare tool runs FILE, timed like Settle.
bare_run() {
    local name=$1 engine=$2 target=$3 file=$4 status=0
    if [[ $engine == sqlite ]]; then
        "$TIME" -f '%M %U %S %e' -o "$STEPS/$name.time" sqlite3 -bail -batch "$target" ".read $file" \
            >"$STEPS/$name.out" 2>"$STEPS/$name.err" || status=$?
    else
        "$TIME" -f '%M %U %S %e' -o "$STEPS/$name.time" "${PSQL[@]}" -At -d "$target" -f "$file" \
            >"$STEPS/$name.out" 2>"$STEPS/$name.err" || status=$?
    fi
    if ((status != 0)); then
        cat "$STEPS/$name.err" >&2
        die "$name failed (exit $status): $file"
    fi
    tail -n 1 "$STEPS/$name.time" | awk '{ printf "%.3f\n", $4 }' >"$STEPS/$name.secs"
    tail -n 1 "$STEPS/$name.time" | awk '{ print $1 }' >"$STEPS/$name.rss"
    tail -n 1 "$STEPS/$name.time" | awk '{ printf "%.2f\n", $2 + $3 }' >"$STEPS/$name.cpu"
    printf '  %-28s %10s s\n' "$name" "$(cat "$STEPS/$name.secs")"
}

# bare_sql ENGINE DAY ORG DELTA_FILE OUT: the bare tool's day: BEGIN, the reads with output
# discarded, the writes, COMMIT.
bare_sql() {
    local engine=$1 day=$2 org=$3 delta=$4 out=$5
    {
        if [[ $engine == sqlite ]]; then
            echo "PRAGMA foreign_keys = ON;"
            echo "BEGIN IMMEDIATE;"
            echo ".output /dev/null"
        else
            echo "BEGIN;"
            echo "\\o /dev/null"
        fi
        python3 "$HELPER" reads-sql "$engine" "$day" "$org"
        if [[ $engine == sqlite ]]; then echo ".output stdout"; else echo "\\o"; fi
        python3 "$HELPER" writes-sql "$engine" "$day" "$org" "$N" "$delta"
        echo "COMMIT;"
    } >"$out"
}

# day ENGINE LABEL DAY SETTLE_TARGET SETTLE_URL BARE_TARGET ORG: one day on both copies. Sets
# COMMITTED to 1 when Settle's run committed (so the next day can follow), else 0.
day() {
    local engine=$1 label=$2 day=$3 settle_target=$4 settle_url=$5 bare_target=$6 org=$7
    local tag="${engine}_${day}" ids delta_settle delta_bare note="" invoices
    invoices=$(q "$engine" "$settle_target" "SELECT count(*) FROM invoices WHERE voided_at IS NULL")
    ids=$(q "$engine" "$settle_target" "$MAXIDS_SQL")
    settle_run "settle_$tag" "$engine" "$settle_target" "$settle_url" "$day"
    delta_settle=$WORK/settle_$tag.delta
    q "$engine" "$settle_target" "$(python3 "$HELPER" delta-sql "$ids")" >"$delta_settle"
    local stopped committed
    stopped=$(cat "$STEPS/settle_$tag.stopped")
    committed=$(cat "$STEPS/settle_$tag.committed")
    if [[ -n $stopped ]]; then
        note="Settle $stopped"
        if [[ -n $committed ]]; then
            note+="; its transaction had committed at $committed s (what follows the commit: building and printing the JSON)"
        else
            note+=" before its transaction committed: nothing written, so the bare tool has no row counts to match"
        fi
    elif [[ $committed != end && -n $committed ]] \
        && awk -v c="$committed" -v s="$(cat "$STEPS/settle_$tag.secs")" 'BEGIN { exit !(c + 5 < s) }'; then
        note="its transaction had committed at about $committed s (the rest: building and printing the JSON)"
    fi
    local sum
    sum=$(python3 "$HELPER" summary "$delta_settle")
    if [[ -z $committed ]]; then
        COMMITTED=0
        [[ -n $stopped ]] || die "$label: Settle finished but wrote no actions (delta: $sum)"
        printf '%s\t%s\t%s\t%s\tn/a\t%s\t%s\tn/a\t%s\n' "$label" "$invoices" "$sum" "$(cat "$STEPS/settle_$tag.secs")" \
            "$(cat "$STEPS/settle_$tag.cpu")" "$(cat "$STEPS/settle_$tag.rss")" "$note" >>"$RESULTS"
        return 0
    fi
    COMMITTED=1
    ids=$(q "$engine" "$bare_target" "$MAXIDS_SQL")
    bare_sql "$engine" "$day" "$org" "$delta_settle" "$WORK/bare_$tag.sql"
    bare_run "bare_$tag" "$engine" "$bare_target" "$WORK/bare_$tag.sql"
    delta_bare=$WORK/bare_$tag.delta
    q "$engine" "$bare_target" "$(python3 "$HELPER" delta-sql "$ids")" >"$delta_bare"
    printf '  '
    python3 "$HELPER" compare-delta "$label" "$delta_settle" "$delta_bare"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$invoices" "$sum" \
        "$(cat "$STEPS/settle_$tag.secs")" "$(cat "$STEPS/bare_$tag.secs")" "$(cat "$STEPS/settle_$tag.cpu")" \
        "$(cat "$STEPS/settle_$tag.rss")" "$(cat "$STEPS/bare_$tag.rss")" "$note" >>"$RESULTS"
}

# engine ENGINE NAME SETTLE_TARGET SETTLE_URL BARE_TARGET: both days.
engine() {
    local engine=$1 name=$2 settle_target=$3 settle_url=$4 bare_target=$5 org
    org=$(q "$engine" "$bare_target" "SELECT id FROM organisations WHERE slug = 'default'")
    [[ -n $org ]] || die "no default organisation in $bare_target"
    day "$engine" "$name collect, first run (catch-up) $FIRST_DAY" "$FIRST_DAY" "$settle_target" "$settle_url" "$bare_target" "$org"
    if ((COMMITTED)); then
        if [[ $engine == pg ]]; then
            # Day one inserted millions of rows: analyse both copies now, outside the timings, so
            # autovacuum does not land in one day-two run and not the other.
            for url in "$settle_target" "$bare_target"; do
                "${PSQL[@]}" -d "$url" -c 'VACUUM ANALYZE actions, tasks, approvals, ledger_entries, invoices' >/dev/null
            done
        fi
        day "$engine" "$name collect, steady state $NEXT_DAY" "$NEXT_DAY" "$settle_target" "$settle_url" "$bare_target" "$org"
    else
        echo "  $name: no steady-state day (the first run did not commit)"
    fi
}

echo "Settle collect benchmark: $N invoices, $CLIENTS clients; first run as of $FIRST_DAY, steady state $NEXT_DAY"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Settle is stopped after $TIMEOUT s, $AFTER_COMMIT s after its commit, or above $MAX_RSS_MIB MiB resident"

# ---------------------------------------------------------------------------
# SQLite: two copies of the imported database (checkpointed, so neither starts with a WAL).
SQLITE_SOURCE=$OUT/settle.db
if ! source_ok sqlite "$SQLITE_SOURCE"; then
    if ((PREPARE)); then
        echo "preparing $SQLITE_SOURCE (Settle import of $N invoices, untimed)"
        rm -f "$SQLITE_SOURCE" "$SQLITE_SOURCE-wal" "$SQLITE_SOURCE-shm"
        prepare_source "sqlite:$SQLITE_SOURCE"
        source_ok sqlite "$SQLITE_SOURCE" || die "$(source_problem sqlite "$SQLITE_SOURCE")"
    else
        die "$(source_problem sqlite "$SQLITE_SOURCE")"
    fi
fi
echo "SQLite (Settle's bundled SQLite vs the sqlite3 tool $(sqlite3 --version | cut -d' ' -f1)), copies of $SQLITE_SOURCE"
SQLITE_SETTLE=$WORK/settle.db
SQLITE_BARE=$WORK/bare.db
for copy in "$SQLITE_SETTLE" "$SQLITE_BARE"; do
    cp "$SQLITE_SOURCE" "$copy"
    [[ -f $SQLITE_SOURCE-wal ]] && cp "$SQLITE_SOURCE-wal" "$copy-wal"
    # Both copies get this build's schema (a source imported by an older build may lack migrations).
    "$SETTLE" --database "sqlite:$copy" migrate >/dev/null
    sqlite3 "$copy" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
done
engine sqlite SQLite "$SQLITE_SETTLE" "sqlite:$SQLITE_SETTLE" "$SQLITE_BARE"

# ---------------------------------------------------------------------------
# PostgreSQL: two copies of the imported database made with CREATE DATABASE ... TEMPLATE.
if [[ -n $PG_URL ]]; then
    if ! source_ok pg "$PG_URL"; then
        if ((PREPARE)); then
            echo "preparing $PG_URL (Settle import of $N invoices, untimed)"
            PGOPTIONS='-c client_min_messages=warning' "${PSQL[@]}" -d "$PG_URL" -c 'DROP SCHEMA public CASCADE' -c 'CREATE SCHEMA public' >/dev/null
            prepare_source "$PG_URL"
            "${PSQL[@]}" -d "$PG_URL" -c 'VACUUM ANALYZE clients, contacts, invoices, ledger_entries' >/dev/null
            source_ok pg "$PG_URL" || die "$(source_problem pg "$PG_URL")"
        else
            die "$(source_problem pg "$PG_URL")"
        fi
    fi
    source_db=${PG_URL##*/}
    source_db=${source_db%%\?*}
    ADMIN_URL=$(python3 "$HELPER" url-with-db "$PG_URL" postgres)
    PG_SETTLE_DB=${source_db}_collect
    PG_BARE_DB=${source_db}_collect_bare
    echo "PostgreSQL ($(psql -X -At -d "$PG_URL" -c 'SHOW server_version'), psql as the bare tool), copies of $source_db"
    for db in "$PG_SETTLE_DB" "$PG_BARE_DB"; do
        PGOPTIONS='-c client_min_messages=warning' "${PSQL[@]}" -d "$ADMIN_URL" -c "DROP DATABASE IF EXISTS \"$db\"" \
            -c "CREATE DATABASE \"$db\" TEMPLATE \"$source_db\"" >/dev/null \
            || die "could not copy $source_db (no other session may be connected to it)"
    done
    PG_SETTLE_URL=$(python3 "$HELPER" url-with-db "$PG_URL" "$PG_SETTLE_DB")
    PG_BARE_URL=$(python3 "$HELPER" url-with-db "$PG_URL" "$PG_BARE_DB")
    for url in "$PG_SETTLE_URL" "$PG_BARE_URL"; do "$SETTLE" --database "$url" migrate >/dev/null; done
    engine pg PostgreSQL "$PG_SETTLE_URL" "$PG_SETTLE_URL" "$PG_BARE_URL"
else
    echo "PostgreSQL: skipped (set SETTLE_BENCH_POSTGRES_URL, or run under scripts/with-postgres.sh)"
fi

echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Results (N = $N invoices; Settle/bare target <= 5x; written = rows each side added in that run):"
python3 "$HELPER" table "$RESULTS" "$OUT/collect-results.md"
