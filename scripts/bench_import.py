#!/usr/bin/env python3
"""Helpers for scripts/bench-import.sh (standard library only).

  bench_import.py data N OUTDIR
      Writes OUTDIR/clients.csv (N/10 clients) and OUTDIR/invoices.csv (N invoices),
      the same bytes for the same N on every run.
  bench_import.py aging-sql AS_OF ORG_ID
      Prints the SQL Settle's AgingQuery runs (Sources/SettleStore/Stores/AgingQuery.swift),
      with the bucket edges of AgingBucket.dueDates(asOf:) written out for AS_OF.
  bench_import.py compare-aging SETTLE_CSV BARE_CSV
      Checks that `settle report aging --format csv` and the bare query's rows agree
      (same clients, currencies and amounts per bucket); exits 1 if not.
  bench_import.py bare-url URL
      The URL of the database holding the bare tool's copy: same server, database name + "_bare".
  bench_import.py table RESULTS_TSV MARKDOWN_OUT
      Prints the results table and writes it as Markdown.
"""
import csv
import datetime
import os
import random
import sys
import urllib.parse


def data(invoices: int, outdir: str) -> None:
    """Invoices go to random clients, are issued on random days of 2024, fall due 30 days
    later (the clients' `net 30`), and are for EUR 10.00 to 9,999.99."""
    if invoices < 10:
        sys.exit("bench_import.py: N must be at least 10")
    clients = invoices // 10
    rng = random.Random(20250131)
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "clients.csv"), "w", newline="") as out:
        out.write("id,name,kind,email,phone,country,time_zone,language,terms\n")
        out.writelines(f"C{i:06d},Client {i},business,,,DE,Europe/Berlin,de,net 30\n" for i in range(1, clients + 1))
    start = datetime.date(2024, 1, 1)
    days = [((start + datetime.timedelta(days=d)).isoformat(), (start + datetime.timedelta(days=d + 30)).isoformat())
            for d in range(366)]
    with open(os.path.join(outdir, "invoices.csv"), "w", newline="") as out:
        out.write("number,client,issue_date,due_date,currency,amount,description\n")
        lines = []
        for i in range(1, invoices + 1):
            issue, due = days[rng.randrange(366)]
            cents = rng.randrange(1000, 1000000)
            lines.append(f"INV-{i:07d},C{rng.randrange(1, clients + 1):06d},{issue},{due},EUR,"
                         f"{cents // 100}.{cents % 100:02d},Services\n")
            if len(lines) == 100000:
                out.writelines(lines)
                lines.clear()
        out.writelines(lines)


BUCKETS = [  # column, days back for `from` (None: open), days back for `through` (None: open)
    ("b_current", 0, None),
    ("b_1_30", 30, 1),
    ("b_31_60", 60, 31),
    ("b_61_90", 90, 61),
    ("b_90_plus", None, 91),
]


def aging_sql(as_of: str, org_id: int) -> str:
    day = datetime.date.fromisoformat(as_of)

    def back(days: int) -> str:
        return "'" + (day - datetime.timedelta(days=days)).isoformat() + "'"

    columns = []
    for name, start, end in BUCKETS:
        conditions = []
        if start is not None:
            conditions.append(f"i.due_date >= {back(start)}")
        if end is not None:
            conditions.append(f"i.due_date <= {back(end)}")
        columns.append(f"CAST(SUM(CASE WHEN {' AND '.join(conditions)} THEN b.balance ELSE 0 END) AS BIGINT) AS {name}")
    return f"""SELECT c.code, c.name, i.currency, {', '.join(columns)}
FROM invoices i
JOIN (SELECT invoice_id, CAST(SUM(amount_minor) AS BIGINT) AS balance FROM ledger_entries
      WHERE org_id = {org_id} AND date <= '{day.isoformat()}' GROUP BY invoice_id) b ON b.invoice_id = i.id
JOIN clients c ON c.id = i.client_id AND c.org_id = i.org_id
WHERE i.org_id = {org_id} AND i.voided_at IS NULL AND b.balance <> 0
GROUP BY c.code, c.name, i.currency;
"""


def minor(decimal: str) -> int:
    negative = decimal.startswith("-")
    whole, _, fraction = decimal.lstrip("-").partition(".")
    value = int(whole) * 100 + int((fraction + "00")[:2])
    return -value if negative else value


def compare_aging(settle_csv: str, bare_csv: str) -> None:
    with open(settle_csv, newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    expected = ["client", "name", "currency", "current", "1-30", "31-60", "61-90", "90+", "total"]
    if header != expected:
        sys.exit(f"compare-aging: unexpected Settle header {header}")
    settle = {(r[0], r[1], r[2]): [minor(v) for v in r[3:8]] for r in body if r[0] != "TOTAL"}
    with open(bare_csv, newline="") as f:
        bare = {(r[0], r[1], r[2]): [int(v) for v in r[3:8]] for r in csv.reader(f) if r}
    if settle != bare:
        missing = sorted(set(bare) - set(settle))[:5]
        extra = sorted(set(settle) - set(bare))[:5]
        differ = sorted(k for k in set(settle) & set(bare) if settle[k] != bare[k])[:5]
        sys.exit(f"compare-aging: Settle and the bare query disagree: {len(settle)} vs {len(bare)} rows; "
                 f"only in bare {missing}, only in Settle {extra}, different {differ}")
    total = sum(sum(v) for v in settle.values())
    print(f"aging agrees: {len(settle)} client rows, {total / 100:.2f} outstanding")


def bare_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/") or "postgres"
    return urllib.parse.urlunsplit(parts._replace(path="/" + name + "_bare"))


def table(results_tsv: str, markdown_out: str) -> None:
    """RESULTS_TSV lines: label, rows, settle seconds, bare seconds, settle CPU seconds (user + system of
    the settle process), settle max RSS KiB, bare max RSS KiB."""
    rows = []
    with open(results_tsv) as f:
        for line in f:
            label, count, settle, bare, settle_cpu, settle_rss, bare_rss = line.rstrip("\n").split("\t")
            settle, bare, count = float(settle), float(bare), int(count)
            ratio = settle / bare if bare > 0 else float("inf")

            def rss(kib: str) -> str:
                return f"{int(kib) / 1024:.0f} MiB" if kib.isdigit() else "n/a"

            rows.append([label, f"{count:,}", f"{settle:.3f}", f"{bare:.3f}", f"{ratio:.2f}x",
                         "yes" if ratio <= 3 else "NO", f"{count / settle:,.0f}", f"{count / bare:,.0f}",
                         settle_cpu, rss(settle_rss), rss(bare_rss)])
    header = ["step", "rows", "Settle s", "bare s", "Settle/bare", "<= 3x", "Settle rows/s", "bare rows/s",
              "Settle CPU s", "Settle max RSS", "bare max RSS"]
    widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header))]
    left = {0}
    for r in [header] + rows:
        print("  ".join(c.ljust(w) if i in left else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))))
    with open(markdown_out, "w") as out:
        out.write("| " + " | ".join(header) + " |\n")
        out.write("|" + "|".join("---" if i in left else "---:" for i in range(len(header))) + "|\n")
        for r in rows:
            out.write("| " + " | ".join(r) + " |\n")


def main() -> None:
    args = sys.argv[1:]
    commands = {
        "data": (2, lambda a: data(int(a[0]), a[1])),
        "aging-sql": (2, lambda a: sys.stdout.write(aging_sql(a[0], int(a[1])))),
        "compare-aging": (2, lambda a: compare_aging(a[0], a[1])),
        "bare-url": (1, lambda a: print(bare_url(a[0]))),
        "table": (2, lambda a: table(a[0], a[1])),
    }
    if not args or args[0] not in commands or len(args) - 1 != commands[args[0]][0]:
        sys.exit(__doc__)
    commands[args[0]][1](args[1:])


if __name__ == "__main__":
    main()
