#!/usr/bin/env bash
# Usage: scripts/bench-deliver.sh [N]
#
# Delivery over a real SMTP server (scripts/smtp_test_server.py on aiosmtpd, plain, AUTH):
# `settle deliver` sends N queued reminder emails (default 5,000: N clients, one invoice
# each, one email each), and in the same run the bare limit sends the very same bytes
# (exported from Settle's outbox) to a fresh instance of the same server with the simplest
# client there is (Python's smtplib over one connection: scripts/bench_smtp_client.py).
# Then letters: `settle letters print` renders N/10 demand letters into one PDF, beside
# poppler's pdftocairo re-rendering that PDF through Cairo (the same library writing the
# same pages: a floor for the drawing and the PDF writing alone). Target: within 5x.
#
# Needs .build/release/settle (SETTLE=PATH overrides), python3 with aiosmtpd, sqlite3,
# poppler-utils. Work files and the table go to $SETTLE_BENCH_DIR/deliver (default
# bench-output/deliver).
set -euo pipefail

cd "$(dirname "$0")/.."

N=${1:-5000}
if ! [[ $N =~ ^[0-9]+$ ]] || ((N < 10)); then
    echo "usage: $0 [N]   (N = number of messages, at least 10; default 5000)" >&2
    exit 2
fi
SETTLE=${SETTLE:-.build/release/settle}
WORK=${SETTLE_BENCH_DIR:-bench-output}/deliver
DB=$WORK/settle.db
DAY=2025-02-01
AT=2025-02-01T09:00:00Z
LETTER_DAY=2025-03-03

die() { echo "bench-deliver: $*" >&2; exit 1; }
[[ -x $SETTLE ]] || die "no $SETTLE: build it with 'swift build -c release --product settle'"
for tool in sqlite3 python3 pdftocairo pdfinfo; do command -v "$tool" >/dev/null || die "$tool is missing (run scripts/ensure-deps.sh)"; done

rm -rf "$WORK"
mkdir -p "$WORK/mail-settle" "$WORK/mail-bare" "$WORK/export"

# start_server MAILBOX: a server in the background (in this shell, so it lives on); sets PORT.
SERVERS=()
PORT=
start_server() {
    local mailbox=$1 out=$WORK/server-${#SERVERS[@]}.txt
    python3 scripts/smtp_test_server.py --mode plain --mailbox "$mailbox" >"$out" 2>&1 &
    SERVERS+=($!)
    for _ in $(seq 1 200); do
        if grep -q '^PORT ' "$out"; then PORT=$(awk '/^PORT /{print $2}' "$out"); return; fi
        sleep 0.05
    done
    die "the SMTP test server did not start: $(cat "$out")"
}
cleanup() { for pid in "${SERVERS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

# seconds CMD...: wall seconds of CMD (its output to $WORK/last.out).
seconds() {
    local start end
    start=$(date +%s.%N)
    "$@" >"$WORK/last.out" 2>"$WORK/last.err" || { cat "$WORK/last.err" >&2; die "$1 failed"; }
    end=$(date +%s.%N)
    python3 -c "print(f'{$end - $start:.3f}')"
}

echo "Delivery benchmark: $N emails, $((N / 10)) letters; load average $(cut -d' ' -f1-3 /proc/loadavg)"
# The book (untimed): N clients in Berlin, each with one invoice due 2025-01-31, so on
# 2025-02-01 each gets the polite overdue-1 email; 11:00 in Berlin, inside the contact hours.
python3 - "$N" "$WORK" <<'PY'
import sys
n, work = int(sys.argv[1]), sys.argv[2]
with open(f"{work}/clients.csv", "w") as c, open(f"{work}/invoices.csv", "w") as i:
    c.write("id,name,kind,email,country,time_zone,language,address\n")
    i.write("number,client,issue_date,due_date,currency,amount,description\n")
    for k in range(1, n + 1):
        c.write(f"C{k},Kunde {k} GmbH,business,ap{k}@kunde.example,DE,Europe/Berlin,de,Hauptstraße {k}|10115 Berlin\n")
        i.write(f"R-{k},C{k},2025-01-01,2025-01-31,EUR,{k % 900 + 100}.50,Beratung\n")
PY
S=("$SETTLE" --database "sqlite:$DB")
"${S[@]}" migrate >/dev/null
"${S[@]}" import clients "$WORK/clients.csv" >/dev/null
"${S[@]}" import invoices "$WORK/invoices.csv" >/dev/null
"${S[@]}" org settings --sender-email ar@acme.example --sender-name "Acme Forderungen" --iban "DE89 3704 0044 0532 0130 00" \
    --address "Acme GmbH|Hauptstraße 1|10115 Berlin" >/dev/null
"${S[@]}" --as-of "$DAY" collect >/dev/null
# Queue (render) first, untimed here: without SETTLE_SMTP_URL deliver queues and exits 1.
queue_secs=$(python3 -c "import subprocess,time; t=time.time(); subprocess.run(['$SETTLE','--database','sqlite:$DB','--as-of','$AT','deliver'], capture_output=True); print(f'{time.time()-t:.3f}')")
queued=$(sqlite3 "$DB" "SELECT COUNT(*) FROM messages WHERE status = 'queued' AND channel = 'email'")
((queued == N)) || die "expected $N queued emails, found $queued"

start_server "$WORK/mail-settle"
settle_secs=$(seconds env SETTLE_SMTP_URL="smtp://settle:s3cret%3Apass@127.0.0.1:$PORT" "${S[@]}" --as-of "$AT" deliver --batch 200)
sent=$(sqlite3 "$DB" "SELECT COUNT(*) FROM messages WHERE status = 'sent'")
((sent == N)) || die "Settle sent $sent of $N"

# The exact bytes Settle sent, for the bare client.
sqlite3 "$DB" "SELECT id, hex(content), recipient FROM messages ORDER BY id" | python3 -c "
import sys
for line in sys.stdin:
    id, content, rcpt = line.rstrip('\n').split('|', 2)
    open(f'$WORK/export/{id}.eml', 'wb').write(bytes.fromhex(content))
    open(f'$WORK/export/{id}.rcpt', 'w').write('ar@acme.example\n' + rcpt + '\n')
"
start_server "$WORK/mail-bare"
bare_secs=$(seconds python3 scripts/bench_smtp_client.py 127.0.0.1 "$PORT" settle 's3cret:pass' "$WORK/export")
received=$(ls "$WORK/mail-bare" | grep -c '\.json$')
((received == N)) || die "the bare client delivered $received of $N"

# Letters: on 2025-03-03 the first N/10 invoices are 31 days overdue (the formal stage: an
# email and a letter each); the others are moved to fall due on 2025-02-10 (a firm email only).
LETTERS=$((N / 10))
sqlite3 "$DB" "UPDATE invoices SET due_date = '2025-02-10' WHERE id > $LETTERS"
"${S[@]}" --as-of "$LETTER_DAY" collect >/dev/null
"${S[@]}" --as-of "$LETTER_DAY" deliver >/dev/null 2>&1 || true   # queues the day's messages (no SMTP: emails wait)
letters_secs=$(seconds "${S[@]}" --as-of "$LETTER_DAY" letters print --out "$WORK/letters.pdf")
printed=$(sqlite3 "$DB" "SELECT COUNT(*) FROM messages WHERE channel = 'letter' AND status = 'sent'")
((printed == LETTERS)) || die "Settle printed $printed of $LETTERS letters"
pages=$(pdfinfo "$WORK/letters.pdf" | awk '/^Pages:/{print $2}')
cairo_secs=$(seconds pdftocairo -pdf "$WORK/letters.pdf" "$WORK/letters-cairo.pdf")

python3 - "$N" "$queue_secs" "$settle_secs" "$bare_secs" "$LETTERS" "$pages" "$letters_secs" "$cairo_secs" <<'PY' | tee "$WORK/results.md"
import sys
n, queue, settle, bare, letters, pages, lsecs, csecs = sys.argv[1:]
n, letters, pages = int(n), int(letters), int(pages)
queue, settle, bare, lsecs, csecs = map(float, (queue, settle, bare, lsecs, csecs))
print()
print("| step | work | Settle s | bare s | Settle/s | bare/s | ratio | <= 5x |")
print("|---|---|---:|---:|---:|---:|---:|---:|")
print(f"| email: `settle deliver` vs smtplib sending the same bytes | {n:,} messages, one connection | {settle:.2f} | {bare:.2f} | {n/settle:,.0f} msg/s | {n/bare:,.0f} msg/s | {settle/bare:.2f}x | {'yes' if settle <= 5*bare else 'NO'} |")
print(f"| letters: `settle letters print` vs pdftocairo re-rendering its PDF | {letters:,} letters, {pages:,} pages | {lsecs:.2f} | {csecs:.2f} | {letters/lsecs:,.1f} PDF/s | {letters/csecs:,.1f} PDF/s | {lsecs/csecs:.2f}x | {'yes' if lsecs <= 5*csecs else 'NO'} |")
print()
print(f"Queueing (rendering {n:,} emails from their templates, untimed above): {queue:.2f} s, {n/queue:,.0f} msg/s.")
PY
