#!/usr/bin/env bash
# Usage: scripts/bench-web.sh [--prepare]
#
# The server time of every page of the web app, beside the time the same request spent reading
# the page's data (its queries, without the session look-up and the rendering), from the
# `Server-Timing` header each page sends; medians of 5 after a warm-up (scripts/bench_web.py).
# Two books, each served by `settle serve` (release build, SQLite, no scheduler or delivery):
#   - the demo book (`settle demo` as of 2025-03-31);
#   - the 1,000,000-invoice book with its collection history as scripts/bench-reports.sh builds it
#     (bench-output/reports/book.db; with --prepare a missing one is built).
# The table goes to $SETTLE_BENCH_DIR/web-results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SETTLE=${SETTLE:-.build/release/settle}
OUT=${SETTLE_BENCH_DIR:-bench-output}
WORK=$OUT/web
PORT=${BENCH_PORT:-18490}
EMAIL=bench@settle.example
PASSWORD=bench-password-2025
die() { echo "bench-web: $*" >&2; exit 1; }
[[ -x $SETTLE ]] || die "no $SETTLE: build it with 'swift build -c release --product settle' (or run 'make bench')"
command -v sqlite3 >/dev/null || die "sqlite3 is missing (run scripts/ensure-deps.sh)"

BIG=$OUT/reports/book.db
if [[ ! -f $BIG ]]; then
    [[ ${1:-} == --prepare ]] || die "no $BIG: run scripts/bench-reports.sh first, or pass --prepare"
    bash scripts/bench-reports.sh --prepare >/dev/null
fi
rm -rf "$WORK"
mkdir -p "$WORK"
# A copy of the big book, brought to this build's schema (the source is never modified).
cp "$BIG" "$WORK/big.db"
"$SETTLE" --database "sqlite:$WORK/big.db" migrate >/dev/null
"$SETTLE" --database "sqlite:$WORK/demo.db" migrate >/dev/null
"$SETTLE" --database "sqlite:$WORK/demo.db" --as-of 2025-03-31 demo >/dev/null

SERVER=
stop() { [[ -n $SERVER ]] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null; SERVER=; }
trap stop EXIT

bench() {  # LABEL DATABASE AS_OF
    local label=$1 db=$2 day=$3
    printf '%s\n' "$PASSWORD" | "$SETTLE" --database "sqlite:$db" user create "$EMAIL" --role owner --password-stdin >/dev/null 2>&1 || true
    local client invoice
    client=$(sqlite3 "$db" "SELECT c.code FROM clients c JOIN invoices i ON i.client_id = c.id AND i.org_id = c.org_id
                            GROUP BY c.id ORDER BY count(*) DESC, c.code LIMIT 1")
    invoice=$(sqlite3 "$db" "SELECT i.number FROM invoices i JOIN clients c ON c.id = i.client_id WHERE c.code = '$client'
                             ORDER BY i.due_date DESC LIMIT 1")
    SETTLE_TODAY=$day "$SETTLE" --database "sqlite:$db" serve --port "$PORT" --no-scheduler --no-delivery >"$WORK/$label.log" 2>&1 &
    SERVER=$!
    for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/ready" >/dev/null && break; sleep 0.2; done
    curl -sf "http://127.0.0.1:$PORT/ready" >/dev/null || die "the server did not start: $(tail -5 "$WORK/$label.log")"
    python3 scripts/bench_web.py "http://127.0.0.1:$PORT" "$EMAIL" "$PASSWORD" "$label" \
        /app /app/worklist /app/clients "/app/clients/$client" /app/invoices "/app/invoices/$invoice" \
        /app/reconcile /app/policies /app/policies/standard /app/templates /app/templates/reminder/en/polite /app/imports /app/settings
    stop
}

{
    echo "Web pages, $(date -u +%Y-%m-%d), $(nproc) cores; medians of 5 after a warm-up."
    echo
    bench demo "$WORK/demo.db" 2025-03-31
    echo
    bench "1M invoices" "$WORK/big.db" 2025-01-31
} | tee "$OUT/web-results.md"
