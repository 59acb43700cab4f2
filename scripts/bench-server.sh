#!/usr/bin/env bash
# Usage: scripts/bench-server.sh [--prepare] [N]
#
# The HTTP API under load: wrk (Debian) against `settle serve` on SQLite with the N-invoice book
# (default 1,000,000) that scripts/bench-import.sh imported, and in the same run against a bare
# Hummingbird server built into the same binary (`settle bench-baseline`, one route answering a
# constant), each for the same time with the same connections:
#   - reads:  GET /api/v1/invoices/{number}, a random invoice of the book each request (key
#             lookup, ledger balance, JSON), beside GET /constant;
#   - writes: POST /api/v1/payments, a payment of 1.00 by a random client allocated to its
#             oldest open invoice (one SQLite transaction each), beside POST /constant.
# Printed: requests per second and p99 latency of each, and Settle's ratio to the bare route.
#
# Source (never modified): $SETTLE_BENCH_DIR/settle.db (default bench-output/settle.db); with
# --prepare a missing one is built first (untimed). The work copy and the table go to
# $SETTLE_BENCH_DIR/server/ and $SETTLE_BENCH_DIR/server-results.md.
set -euo pipefail

cd "$(dirname "$0")/.."

PREPARE=0
if [[ ${1:-} == --prepare ]]; then
    PREPARE=1
    shift
fi
N=${1:-1000000}
if ! [[ $N =~ ^[0-9]+$ ]] || ((N < 1000)); then
    echo "usage: $0 [--prepare] [N]   (N = number of invoices, at least 1000; default 1000000)" >&2
    exit 2
fi
SETTLE=${SETTLE:-.build/release/settle}
OUT=${SETTLE_BENCH_DIR:-bench-output}
WORK=$OUT/server
SOURCE=$OUT/settle.db
DURATION=${BENCH_SECONDS:-15}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
PORT=${BENCH_PORT:-18480}
BASE_PORT=$((PORT + 1))

die() { echo "bench-server: $*" >&2; exit 1; }

[[ -x $SETTLE ]] || die "no $SETTLE: build it with 'swift build -c release --product settle' (or run 'make bench')"
for tool in sqlite3 python3 wrk curl; do
    command -v "$tool" >/dev/null || die "$tool is missing (run scripts/ensure-deps.sh)"
done

counts() { sqlite3 -bail -batch "$1" "SELECT (SELECT count(*) FROM clients) || '|' || (SELECT count(*) FROM invoices)" 2>/dev/null || echo unreadable; }
if [[ $(counts "$SOURCE") != "$((N / 10))|$N" ]]; then
    ((PREPARE)) || die "$SOURCE holds $(counts "$SOURCE") (clients|invoices), expected $((N / 10))|$N: run scripts/bench-import.sh $N first, or pass --prepare"
    rm -f "$SOURCE"
    [[ -f $OUT/invoices.csv && $(($(wc -l <"$OUT/invoices.csv") - 1)) == "$N" ]] || python3 scripts/bench_import.py data "$N" "$OUT"
    "$SETTLE" --database "sqlite:$SOURCE" migrate >/dev/null
    "$SETTLE" --database "sqlite:$SOURCE" import clients "$OUT/clients.csv" >/dev/null
    "$SETTLE" --database "sqlite:$SOURCE" import invoices "$OUT/invoices.csv" >/dev/null
fi

rm -rf "$WORK"
mkdir -p "$WORK"
BOOK=$WORK/book.db
cp "$SOURCE" "$BOOK"
export SETTLE_DATABASE_URL="sqlite:$BOOK"
"$SETTLE" migrate >/dev/null
KEY=$("$SETTLE" apikey create --role collector --name bench --format json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
SETTLE_TODAY=2025-02-01 SETTLE_LOG_LEVEL=warning "$SETTLE" serve --port "$PORT" --no-scheduler --no-delivery 2>"$WORK/serve.log" &
pids+=($!)
"$SETTLE" bench-baseline --port "$BASE_PORT" 2>"$WORK/baseline.log" &
pids+=($!)
for url in "http://127.0.0.1:$PORT/ready" "http://127.0.0.1:$BASE_PORT/constant"; do
    for _ in $(seq 100); do curl -sf "$url" >/dev/null && break; sleep 0.1; done
    curl -sf "$url" >/dev/null || die "$url does not answer (see $WORK/*.log)"
done

# Each Lua script picks its request at random and, when done, prints: requests seconds p99_us non2xx
cat >"$WORK/report.lua" <<'LUA'
done = function(summary, latency, requests)
    local bad = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
    io.write(string.format("RESULT %d %.3f %d %d\n", summary.requests, summary.duration / 1e6, latency:percentile(99), bad))
end
LUA
cat >"$WORK/get.lua" <<LUA
math.randomseed(7)
wrk.headers["Authorization"] = "Bearer $KEY"
request = function()
    return wrk.format("GET", string.format("/api/v1/invoices/INV-%07d", math.random(1, $N)))
end
LUA
cat >"$WORK/post.lua" <<LUA
math.randomseed(11)
wrk.headers["Authorization"] = "Bearer $KEY"
wrk.headers["Content-Type"] = "application/json"
request = function()
    local body = string.format('{"client":"C%06d","date":"2025-02-01","currency":"EUR","amount":"1.00","method":"bank_transfer","reference":"bench"}',
                               math.random(1, $((N / 10))))
    return wrk.format("POST", "/api/v1/payments", nil, body)
end
LUA
cat >"$WORK/constant-post.lua" <<'LUA'
wrk.headers["Content-Type"] = "application/json"
request = function()
    return wrk.format("POST", "/constant", nil, '{"client":"C000001","date":"2025-02-01","currency":"EUR","amount":"1.00","method":"bank_transfer","reference":"bench"}')
end
LUA

run() {  # name url script
    local name=$1 url=$2 script=$3
    echo "bench-server: $name ($DURATION s, $CONNECTIONS connections) ..." >&2
    wrk -t2 -c"$CONNECTIONS" -d2s -s "$script" "$url" >/dev/null  # warm-up
    cat "$script" "$WORK/report.lua" >"$WORK/$name.run.lua"
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$WORK/$name.run.lua" "$url" >"$WORK/$name.out"
    echo "$name $(grep '^RESULT' "$WORK/$name.out" | cut -d' ' -f2-)" >>"$WORK/results.txt"
}
: >"$WORK/results.txt"
echo 'request = function() return wrk.format("GET", "/constant") end' >"$WORK/constant-get.lua"
run settle-get "http://127.0.0.1:$PORT" "$WORK/get.lua"
run constant-get "http://127.0.0.1:$BASE_PORT" "$WORK/constant-get.lua"
before=$(sqlite3 "$BOOK" "SELECT count(*) FROM payments")
run settle-post "http://127.0.0.1:$PORT" "$WORK/post.lua"
run constant-post "http://127.0.0.1:$BASE_PORT" "$WORK/constant-post.lua"
after=$(sqlite3 "$BOOK" "SELECT count(*) FROM payments")
echo "payments-stored $((after - before))" >>"$WORK/results.txt"

python3 - "$WORK/results.txt" "$OUT/server-results.md" "$N" "$CONNECTIONS" <<'PY'
import sys
rows, stored = {}, 0
for line in open(sys.argv[1]):
    parts = line.split()
    if parts[0] == "payments-stored":
        stored = int(parts[1])
        continue
    name, requests, seconds, p99, bad = parts[0], int(parts[1]), float(parts[2]), int(parts[3]), int(parts[4])
    rows[name] = (requests / max(seconds, 0.001), p99 / 1000, bad, requests)
n, connections = int(sys.argv[3]), sys.argv[4]
lines = [f"| request ({n:,} invoices, {connections} connections) | Settle: req/s | p99 | bare route: req/s | p99 | ratio (throughput) | target |",
         "|---|---:|---:|---:|---:|---:|---:|"]
for kind, label, target in [("get", "GET /api/v1/invoices/{number}", 3), ("post", "POST /api/v1/payments", 10)]:
    s, b = rows[f"settle-{kind}"], rows[f"constant-{kind}"]
    ratio = b[0] / max(s[0], 0.001)
    lines.append(f"| {label} | {s[0]:,.0f} | {s[1]:.1f} ms | {b[0]:,.0f} | {b[1]:.1f} ms | {ratio:.1f}x | within {target}x: "
                 f"{'yes' if ratio <= target else 'no'} |")
lines.append("")
lines.append(f"- non-2xx or socket errors: Settle GET {rows['settle-get'][2]}, POST {rows['settle-post'][2]}; "
             f"payments stored by the POST runs (warm-up and measured): {stored:,}, measured requests {rows['settle-post'][3]:,}")
text = "\n".join(lines) + "\n"
print(text, end="")
open(sys.argv[2], "w").write(text)
bad = sum(row[2] for row in rows.values())
if bad or stored < rows["settle-post"][3]:
    sys.exit(f"bench-server: {bad} requests failed or were not 2xx, or payments went missing: the figures above are not valid")
PY
