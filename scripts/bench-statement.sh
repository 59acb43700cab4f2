#!/usr/bin/env bash
# Usage: scripts/bench-statement.sh [--prepare] [N]
#
# Cash application over a large book: `settle import statement` reads a generated camt.053
# (scripts/bench_statement.py: RF references, loosely written invoice numbers, payers with
# amounts, unrelated credits, money out) and matches and applies every entry against the N
# invoices (default 1,000,000) that scripts/bench-import.sh imported, on SQLite. Twice: with a
# statement of N/100 entries and one of N/10 entries (100,000 for the default book), each on a
# fresh copy of the book, so the peak memory of the two shows whether it stays flat as the file
# grows. In the same run the bare tool, libxml2's streaming reader (`xmllint --stream`, the
# parser FoundationXML is built on), reads the same files. Printed: entries per second and peak
# resident memory of both, and their ratio.
#
# Source (never modified): $SETTLE_BENCH_DIR/settle.db (default bench-output/settle.db) with N/10
# clients and N invoices and nothing else, as scripts/bench-import.sh N leaves it; with
# --prepare a missing one is built first (untimed). Work files go to $SETTLE_BENCH_DIR/statement/,
# the table to $SETTLE_BENCH_DIR/statement-results.md.
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
WORK=$OUT/statement
SOURCE=$OUT/settle.db
TIME=/usr/bin/time
ACCOUNT=DE89370400440532013000
DAY=2025-02-01

die() { echo "bench-statement: $*" >&2; exit 1; }

[[ -x $SETTLE ]] || die "no $SETTLE: build it with 'swift build -c release --product settle' (or run 'make bench')"
for tool in sqlite3 python3 xmllint; do
    command -v "$tool" >/dev/null || die "$tool is missing (run scripts/ensure-deps.sh)"
done
[[ -x $TIME ]] || die "GNU time ($TIME) is missing: apt-get install time"

counts() { sqlite3 -bail -batch "$1" "SELECT (SELECT count(*) FROM clients) || '|' || (SELECT count(*) FROM invoices) || '|' ||
    (SELECT count(*) FROM ledger_entries) || '|' || (SELECT count(*) FROM payments)" 2>/dev/null || echo unreadable; }
EXPECTED="$((N / 10))|$N|$N|0"
if [[ $(counts "$SOURCE") != "$EXPECTED" ]]; then
    ((PREPARE)) || die "$SOURCE holds $(counts "$SOURCE") (clients|invoices|ledger_entries|payments), expected $EXPECTED: run scripts/bench-import.sh $N first, or pass --prepare"
    rm -f "$SOURCE"
    [[ -f $OUT/invoices.csv && $(($(wc -l <"$OUT/invoices.csv") - 1)) == "$N" ]] || python3 scripts/bench_import.py data "$N" "$OUT"
    "$SETTLE" --database "sqlite:$SOURCE" migrate >/dev/null
    "$SETTLE" --database "sqlite:$SOURCE" import clients "$OUT/clients.csv" >/dev/null
    "$SETTLE" --database "sqlite:$SOURCE" import invoices "$OUT/invoices.csv" >/dev/null
fi
[[ -f $OUT/invoices.csv ]] || python3 scripts/bench_import.py data "$N" "$OUT"

rm -rf "$WORK"
mkdir -p "$WORK"
RESULTS=$WORK/results.tsv
: >"$RESULTS"

for entries in $((N / 100)) $((N / 10)); do
    file=$WORK/statement-$entries.xml
    python3 scripts/bench_statement.py "$OUT/invoices.csv" "$entries" "$file"
    book=$WORK/book-$entries.db
    cp "$SOURCE" "$book"
    "$SETTLE" --database "sqlite:$book" migrate >/dev/null
    "$SETTLE" --database "sqlite:$book" bank add --iban "$ACCOUNT" --currency EUR --name Bench >/dev/null
    sync
    echo "bench-statement: settle import statement, $entries entries against $N invoices ..." >&2
    "$TIME" -f '%e %M' -o "$WORK/settle-$entries.time" \
        "$SETTLE" --database "sqlite:$book" --as-of "$DAY" import statement "$file" >"$WORK/settle-$entries.out"
    stored=$(sqlite3 "$book" "SELECT count(*) FROM statement_entries")
    [[ $stored == "$entries" ]] || die "Settle stored $stored entries of $entries"
    "$TIME" -f '%e %M' -o "$WORK/bare-$entries.time" xmllint --stream --noout "$file"
    read -r settle_secs settle_rss <"$WORK/settle-$entries.time"
    read -r bare_secs bare_rss <"$WORK/bare-$entries.time"
    summary=$(tail -n 1 "$WORK/settle-$entries.out")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$entries" "$(du -m "$file" | cut -f1)" "$settle_secs" "$settle_rss" \
        "$bare_secs" "$bare_rss" "$summary" "$N" >>"$RESULTS"
    rm -f "$book" "$book-wal" "$book-shm"
done

python3 - "$RESULTS" "$OUT/statement-results.md" <<'PY'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
lines = ["| entries | file | Settle: s | entries/s | peak RSS | bare parse: s | entries/s | peak RSS | ratio (time) |",
         "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
for entries, mb, s_secs, s_rss, b_secs, b_rss, summary, invoices in rows:
    n, s, b = int(entries), max(float(s_secs), 0.01), max(float(b_secs), 0.01)
    lines.append(f"| {n:,} | {mb} MB | {s:.1f} | {n / s:,.0f} | {int(s_rss) // 1024} MiB | {b:.2f} | {n / b:,.0f} | "
                 f"{int(b_rss) // 1024} MiB | {s / b:.0f}x |")
lines.append("")
lines += [f"- {int(r[0]):,} entries against {int(r[7]):,} invoices: {r[6]}" for r in rows]
text = "\n".join(lines) + "\n"
print(text, end="")
open(sys.argv[2], "w").write(text)
PY
