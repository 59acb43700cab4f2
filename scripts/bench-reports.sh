#!/usr/bin/env bash
# Usage: scripts/bench-reports.sh [--prepare]
#
# Every report on the 1,000,000-invoice book, beside the bare SQL aggregate that reads the same
# rows (sqlite3, the same file, in the same run). The book is $SETTLE_BENCH_DIR/settle.db (default
# bench-output/settle.db, from scripts/bench-import.sh; with --prepare a missing one is built) with a
# collection history written into a copy by scripts/bench-reports-history.sql (untimed): payments
# by each client's habit, reminders at 7, 21 and 35 days past due, promises. Each step is timed as a
# whole process (Settle: open, query, compute, print CSV; bare: sqlite3 running the SQL in
# scripts/bench-reports/NAME.sql). Target: within 3x. The table goes to
# $SETTLE_BENCH_DIR/reports-results.md.
set -euo pipefail

cd "$(dirname "$0")/.."

SETTLE=${SETTLE:-.build/release/settle}
OUT=${SETTLE_BENCH_DIR:-bench-output}
WORK=$OUT/reports
AS_OF=2025-01-31
FROM=2024-02-01
BACK=2024-10-31   # the backtest's day: 13 weeks of history after it by AS_OF
die() { echo "bench-reports: $*" >&2; exit 1; }

[[ -x $SETTLE ]] || die "no $SETTLE: build it with 'swift build -c release --product settle' (or run 'make bench')"
command -v sqlite3 >/dev/null || die "sqlite3 is missing (run scripts/ensure-deps.sh)"
TIME=/usr/bin/time
[[ -x $TIME ]] || die "/usr/bin/time is missing (Debian package time)"

if [[ ! -f $OUT/settle.db ]]; then
    [[ ${1:-} == --prepare ]] || die "no $OUT/settle.db: run scripts/bench-import.sh first, or pass --prepare"
    bash scripts/bench-server.sh --prepare >/dev/null
fi
rm -rf "$WORK"
mkdir -p "$WORK"
BOOK=$WORK/book.db
cp "$OUT/settle.db" "$BOOK"
sqlite3 -bail "$BOOK" <scripts/bench-reports-history.sql
"$SETTLE" --database "sqlite:$BOOK" migrate >/dev/null
sqlite3 "$BOOK" "PRAGMA optimize; ANALYZE;" >/dev/null

# step NAME -- SETTLE ARGS: times Settle's report and the bare SQL of scripts/bench-reports/NAME.sql.
step() {
    local name=$1
    shift
    local sql="$WORK/$name.sql"
    sed -e "s/:AS_OF/$AS_OF/g" -e "s/:FROM/$FROM/g" -e "s/:BACK/$BACK/g" "scripts/bench-reports/$name.sql" >"$sql"
    for side in settle bare; do
        local start end
        start=$(date +%s.%N)
        if [[ $side == settle ]]; then
            "$TIME" -f '%M' -o "$WORK/$name.$side.rss" "$SETTLE" --database "sqlite:$BOOK" --as-of "$AS_OF" "$@" --format csv \
                >"$WORK/$name.$side.out" 2>"$WORK/$name.$side.err" || { cat "$WORK/$name.$side.err" >&2; die "$name: settle failed"; }
        else
            "$TIME" -f '%M' -o "$WORK/$name.$side.rss" sqlite3 -bail -csv "$BOOK" ".read $sql" \
                >"$WORK/$name.$side.out" 2>"$WORK/$name.$side.err" || { cat "$WORK/$name.$side.err" >&2; die "$name: sqlite3 failed"; }
        fi
        end=$(date +%s.%N)
        awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }' >"$WORK/$name.$side.secs"
    done
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$*" "$(cat "$WORK/$name.settle.secs")" "$(cat "$WORK/$name.bare.secs")" \
        "$(tail -n1 "$WORK/$name.settle.rss")" "$(tail -n1 "$WORK/$name.bare.rss")" "$(($(wc -l <"$WORK/$name.settle.out")))" >>"$WORK/results.tsv"
    printf '  %-14s settle %8.2f s   bare %8.2f s\n' "$name" "$(cat "$WORK/$name.settle.secs")" "$(cat "$WORK/$name.bare.secs")" >&2
}

: >"$WORK/results.tsv"
echo "bench-reports: $(sqlite3 "$BOOK" 'SELECT count(*) FROM invoices') invoices, $(sqlite3 "$BOOK" 'SELECT count(*) FROM payments') payments, $(sqlite3 "$BOOK" 'SELECT count(*) FROM actions') actions, as of $AS_OF" >&2
step aging report aging
step aging-stage report aging --by stage
step effectiveness report effectiveness --from "$FROM" --to "$AS_OF" --by stage
step metrics report metrics --from "$FROM" --to "$AS_OF"
step promises report promises --from "$FROM" --to "$AS_OF"
step clients report clients
step forecast report forecast
step backtest report forecast --backtest --from "$BACK"

python3 - "$WORK/results.tsv" "$OUT/reports-results.md" <<'PY'
import sys
lines = ["| report | command | Settle s | bare SQL s | ratio | within 3x | Settle max RSS | bare max RSS |",
         "|---|---|---:|---:|---:|---|---:|---:|"]
worst = 0.0
for row in open(sys.argv[1]):
    name, command, s, b, srss, brss, rows = row.rstrip("\n").split("\t")
    ratio = float(s) / max(float(b), 0.001)
    worst = max(worst, ratio)
    lines.append(f"| {name} | `settle {command}` | {float(s):.2f} | {float(b):.2f} | {ratio:.2f}x | {'yes' if ratio <= 3 else 'NO'} | "
                 f"{int(srss) // 1024:,} MiB | {int(brss) // 1024:,} MiB |")
text = "\n".join(lines) + "\n"
print(text, end="")
open(sys.argv[2], "w").write(text)
PY
