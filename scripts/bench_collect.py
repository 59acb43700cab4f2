#!/usr/bin/env python3
"""Helpers for scripts/bench-collect.sh (standard library only).

  bench_collect.py reads-sql ENGINE AS_OF ORG_ID
      The SELECTs `settle collect` runs to load its book (CollectionBook.load and what
      Settle.collect reads before it), literally, for the bare tool. ENGINE: sqlite or pg.
  bench_collect.py delta-sql MAXIDS
      One query listing what was written after the ids in MAXIDS ("actions|tasks|approvals|
      ledger_entries|cases", the max(id) of each table before the run): one line per table
      (per kind and component for the ledger) with the count and average text widths.
  bench_collect.py writes-sql ENGINE DAY ORG_ID INVOICES DELTA_FILE
      One transaction's INSERTs writing as many rows into actions, tasks, approvals and
      ledger_entries (per kind and component) as DELTA_FILE (delta-sql output of Settle's run)
      lists, with unique keys that include DAY, texts of the same average width, spread over the
      organisation's first invoices by id (at most ceil(count / INVOICES) rows per invoice).
  bench_collect.py compare-delta LABEL SETTLE_DELTA BARE_DELTA
      Exits 1 unless both wrote the same number of rows per table (and ledger kind/component).
  bench_collect.py summary DELTA_FILE
      Prints "actions<TAB>tasks<TAB>approvals<TAB>ledger entries (by kind)".
  bench_collect.py table RESULTS_TSV MARKDOWN_OUT
      Prints the results table and writes it as Markdown.
  bench_collect.py url-with-db URL NAME
      URL with its database name replaced by NAME (same server and credentials).
"""
import datetime
import math
import sys
import urllib.parse

TARGET = 5  # Settle within 5x of the bare tool


def reads_sql(engine: str, as_of: str, org: int) -> str:
    """Every SELECT of Settle.collect before it decides, in its order, with the same filters."""
    day = datetime.date.fromisoformat(as_of).isoformat()
    cast = "BIGINT"
    joined = "string_agg(key, E'\\n')" if engine == "pg" else "group_concat(key, char(10))"
    return f"""SELECT version FROM schema_migrations;
SELECT * FROM organisations WHERE slug = 'default';
SELECT name, source FROM policies WHERE org_id = {org} ORDER BY name;
SELECT id, policy FROM clients WHERE org_id = {org} AND policy IS NOT NULL;
SELECT id, policy FROM invoices WHERE org_id = {org} AND policy IS NOT NULL;
SELECT table_name, effective_from, rate_millionths FROM reference_rates ORDER BY table_name, effective_from;
SELECT table_name, known_through FROM reference_rate_tables;
SELECT i.*, COALESCE(s.principal, 0) AS s_principal, COALESCE(s.costs, 0) AS s_costs,
       COALESCE(s.interest, 0) AS s_interest, COALESCE(s.received, 0) AS s_received,
       COALESCE(s.write_offs, 0) AS s_write_offs, COALESCE(s.entries, 0) AS s_entries, c.code AS client_code
FROM invoices i
INNER JOIN clients c ON c.id = i.client_id AND c.org_id = i.org_id
LEFT JOIN (SELECT e.invoice_id,
        CAST(SUM(CASE WHEN e.component = 'principal' THEN e.amount_minor ELSE 0 END) AS {cast}) AS principal,
        CAST(SUM(CASE WHEN e.component = 'costs' THEN e.amount_minor ELSE 0 END) AS {cast}) AS costs,
        CAST(SUM(CASE WHEN e.component = 'interest' THEN e.amount_minor ELSE 0 END) AS {cast}) AS interest,
        CAST(SUM(CASE WHEN e.kind IN ('allocation', 'reversal') THEN e.amount_minor ELSE 0 END) AS {cast}) AS received,
        CAST(SUM(CASE WHEN e.kind = 'write_off' THEN 1 ELSE 0 END) AS {cast}) AS write_offs,
        CAST(COUNT(*) AS {cast}) AS entries
     FROM ledger_entries e WHERE e.org_id = {org} AND e.date <= '{day}' GROUP BY e.invoice_id) s ON s.invoice_id = i.id
WHERE i.org_id = {org}
ORDER BY i.due_date, i.number;
SELECT * FROM clients WHERE org_id = {org} ORDER BY code;
SELECT * FROM contacts WHERE org_id = {org} ORDER BY id;
SELECT invoice_id, {joined} AS keys FROM actions WHERE org_id = {org} GROUP BY invoice_id;
SELECT * FROM promises WHERE org_id = {org} AND status = 'open' ORDER BY id;
SELECT invoice_id FROM disputes WHERE org_id = {org} AND status = 'open';
SELECT client_id, until_day FROM client_holds WHERE org_id = {org} AND kind = 'pause' AND from_day <= '{day}' ORDER BY id;
SELECT client_id, until_day FROM client_holds WHERE org_id = {org} AND kind = 'hardship' AND from_day <= '{day}' ORDER BY id;
SELECT p.client_id, p.currency, CAST(SUM(p.amount_minor + COALESCE(a.applied, 0)) AS {cast}) AS unapplied
FROM payments p
LEFT JOIN (SELECT payment_id, SUM(amount_minor) AS applied FROM ledger_entries
           WHERE org_id = {org} AND kind = 'allocation' GROUP BY payment_id) a ON a.payment_id = p.id
WHERE p.org_id = {org} AND p.reversed_on IS NULL
GROUP BY p.client_id, p.currency;
SELECT ci.invoice_id FROM case_invoices ci JOIN cases c ON c.id = ci.case_id AND c.org_id = ci.org_id
WHERE ci.org_id = {org} AND c.status <> 'closed';
SELECT p.*, c.code AS client_code FROM payment_plans p INNER JOIN clients c ON c.id = p.client_id AND c.org_id = p.org_id
WHERE p.org_id = {org} ORDER BY p.id;
SELECT pi.plan_id, pi.invoice_id, i.number FROM plan_invoices pi JOIN invoices i ON i.id = pi.invoice_id AND i.org_id = pi.org_id
WHERE pi.org_id = {org} ORDER BY pi.plan_id, pi.position;
SELECT plan_id, number, due_day, amount_minor FROM plan_instalments WHERE org_id = {org} ORDER BY plan_id, number;
"""


TABLES = ["actions", "tasks", "approvals", "ledger_entries", "cases"]


def delta_sql(maxids: str) -> str:
    ids = dict(zip(TABLES, (int(x) for x in maxids.split("|"))))
    if len(ids) != len(TABLES):
        sys.exit("delta-sql: MAXIDS needs five ids")

    def width(expr: str) -> str:
        return f"CAST(COALESCE(ROUND(AVG(LENGTH({expr}))), 0) AS INTEGER)"

    return f"""SELECT 'actions', '', '', COUNT(*), {width('key')}, {width('reason')} FROM actions WHERE id > {ids['actions']}
UNION ALL SELECT 'tasks', '', '', COUNT(*), {width('key')}, {width('reason')} FROM tasks WHERE id > {ids['tasks']}
UNION ALL SELECT 'approvals', '', '', COUNT(*), {width('action_key')}, 0 FROM approvals WHERE id > {ids['approvals']}
UNION ALL SELECT 'cases', '', '', COUNT(*), 0, 0 FROM cases WHERE id > {ids['cases']}
UNION ALL SELECT 'ledger_entries', kind, component, COUNT(*), 0, {width('note')} FROM ledger_entries
    WHERE id > {ids['ledger_entries']} GROUP BY kind, component;
"""


def read_delta(path: str) -> list:
    rows = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            table, kind, component, count, key_width, text_width = line.split("|")
            rows.append((table, kind, component, int(count), int(key_width), int(text_width)))
    if not rows or rows[0][0] != "actions":
        sys.exit(f"bench_collect.py: {path} is not delta-sql output")
    return rows


FILLER = "stage overdue-30 (due date +30): 120 days overdue; skipped on catch-up: a later stage is due; " * 4


def writes_sql(engine: str, day: str, org: int, invoices: int, delta_file: str) -> str:
    if engine not in ("sqlite", "pg"):
        sys.exit("writes-sql: ENGINE is sqlite or pg")
    datetime.date.fromisoformat(day)
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    greatest = "max" if engine == "sqlite" else "GREATEST"

    def numbers(count: int) -> str:
        """A derived table k(n) of 1 ... ceil(count / invoices)."""
        per = max(1, math.ceil(count / invoices))
        if engine == "pg":
            return f"generate_series(1, {per}) AS k(n)"
        return f"(WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < {per}) SELECT n FROM s) AS k"

    def padded(prefix: str, width: int) -> str:
        """prefix (an SQL expression, unique) followed by filler up to width characters."""
        return f"{prefix} || substr('/{FILLER}', 1, {greatest}(0, {width} - length({prefix})))"

    def text(width: int) -> str:
        return f"'{FILLER[:max(1, width)]}'"

    source = f"(SELECT id, org_id, client_id, number FROM invoices WHERE org_id = {org} ORDER BY id) AS i"
    statements = []
    for table, kind, component, count, key_width, text_width in read_delta(delta_file):
        if count == 0:
            continue
        rows = f"FROM {source} CROSS JOIN {numbers(count)} LIMIT {count}"
        unique = f"(i.number || '/{day}/' || CAST(k.n AS TEXT))"
        if table == "actions":
            statements.append(
                "INSERT INTO actions (org_id, key, invoice_id, day, stage, kind, tone, template, status, reason, message_key, created_at)\n"
                f"SELECT i.org_id, {padded(unique, key_width)}, i.id, '{day}', 'stage-' || CAST(k.n AS TEXT), 'email', 'firm', "
                f"'reminder', 'skipped', {text(text_width)}, CASE WHEN k.n = 1 THEN i.number || '/{day}/email' ELSE NULL END, '{now}'\n"
                f"{rows};")
        elif table == "tasks":
            statements.append(
                "INSERT INTO tasks (org_id, key, kind, client_id, invoice_id, due_day, reason, created_at)\n"
                f"SELECT i.org_id, {padded(unique, key_width)}, 'call', i.client_id, i.id, '{day}', {text(text_width)}, '{now}'\n"
                f"{rows};")
        elif table == "approvals":
            statements.append(
                "INSERT INTO approvals (org_id, action_key, invoice_id, stage, requested_on, created_at)\n"
                f"SELECT i.org_id, {padded(unique, key_width)}, i.id, 'escalate-60', '{day}', '{now}'\n"
                f"{rows};")
        elif table == "ledger_entries":
            if kind not in ("fee", "compensation", "interest"):
                sys.exit(f"writes-sql: Settle posted ledger entries of kind {kind}, which this benchmark does not write")
            statements.append(
                "INSERT INTO ledger_entries (org_id, invoice_id, kind, component, amount_minor, date, payment_id, note, created_at)\n"
                f"SELECT i.org_id, i.id, '{kind}', '{component}', 4000 + k.n, '{day}', NULL, {text(text_width)}, '{now}'\n"
                f"{rows};")
        elif table == "cases":
            sys.exit(f"writes-sql: Settle opened {count} escalation cases, which this benchmark does not write")
    return "\n".join(statements) + "\n"


def compare_delta(label: str, settle_file: str, bare_file: str) -> None:
    settle = {(r[0], r[1], r[2]): r[3] for r in read_delta(settle_file) if r[3]}
    bare = {(r[0], r[1], r[2]): r[3] for r in read_delta(bare_file) if r[3]}
    if settle != bare:
        sys.exit(f"compare-delta: {label}: Settle and the bare tool wrote different row counts:\n"
                 f"  Settle {sorted(settle.items())}\n  bare   {sorted(bare.items())}")
    print(f"{label}: both wrote " + ", ".join(f"{n:,} {t}{' ' + k if k else ''}" for (t, k, _), n in sorted(settle.items())))


def summary(delta_file: str) -> None:
    rows = read_delta(delta_file)
    count = {t: sum(r[3] for r in rows if r[0] == t) for t in TABLES}
    ledger = ", ".join(f"{r[3]:,} {r[1]}" for r in sorted(rows) if r[0] == "ledger_entries" and r[3]) or "0"
    print(f"{count['actions']}\t{count['tasks']}\t{count['approvals']}\t{count['ledger_entries']:,} ({ledger})")


def table(results_tsv: str, markdown_out: str) -> None:
    """RESULTS_TSV lines: label, invoices read, actions, tasks, approvals, ledger entries (text), Settle seconds
    (a number, or ">N" when stopped), bare seconds, Settle CPU s, Settle max RSS KiB, bare max RSS KiB, note."""
    rows = []
    notes = []
    with open(results_tsv) as f:
        for line in f:
            (label, invoices, actions, tasks, approvals, ledger, settle, bare, settle_cpu, settle_rss, bare_rss,
             note) = line.rstrip("\n").split("\t")
            bare_s = float(bare) if bare not in ("", "n/a") else None
            stopped = settle.startswith(">")
            settle_s = float(settle.lstrip(">")) if settle not in ("", "n/a") else None
            if settle_s is not None and bare_s:
                ratio = settle_s / bare_s
                ratio_text = (">" if stopped else "") + f"{ratio:.2f}x"
                meets = "NO" if ratio > TARGET else ("n/a" if stopped else "yes")
            else:
                ratio_text, meets = "n/a", "n/a"

            def rss(kib: str) -> str:
                return f"{int(kib) / 1024:,.0f} MiB" if kib.isdigit() else "n/a"

            written = f"{int(actions):,} / {int(tasks):,} / {int(approvals):,} / {ledger}"
            rows.append([label, f"{int(invoices):,}", written,
                         (">" if stopped else "") + (f"{settle_s:.3f}" if settle_s is not None else "n/a"),
                         f"{bare_s:.3f}" if bare_s is not None else "n/a", ratio_text, meets, settle_cpu,
                         rss(settle_rss), rss(bare_rss)])
            if note:
                notes.append(f"{label}: {note}")
    header = ["step", "invoices read", "written: actions / tasks / approvals / ledger entries", "Settle s", "bare s",
              "Settle/bare", f"<= {TARGET}x", "Settle CPU s", "Settle max RSS", "bare max RSS"]
    widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header))]
    left = {0, 2}
    for r in [header] + rows:
        print("  ".join(c.ljust(w) if i in left else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))))
    for note in notes:
        print("  " + note)
    with open(markdown_out, "w") as out:
        out.write("| " + " | ".join(header) + " |\n")
        out.write("|" + "|".join("---" if i in left else "---:" for i in range(len(header))) + "|\n")
        for r in rows:
            out.write("| " + " | ".join(r) + " |\n")
        if notes:
            out.write("\n" + "\n".join(f"- {n}" for n in notes) + "\n")


def url_with_db(url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


def main() -> None:
    args = sys.argv[1:]
    commands = {
        "reads-sql": (3, lambda a: sys.stdout.write(reads_sql(a[0], a[1], int(a[2])))),
        "delta-sql": (1, lambda a: sys.stdout.write(delta_sql(a[0]))),
        "writes-sql": (5, lambda a: sys.stdout.write(writes_sql(a[0], a[1], int(a[2]), int(a[3]), a[4]))),
        "compare-delta": (3, lambda a: compare_delta(a[0], a[1], a[2])),
        "summary": (1, lambda a: summary(a[0])),
        "table": (2, lambda a: table(a[0], a[1])),
        "url-with-db": (2, lambda a: print(url_with_db(a[0], a[1]))),
    }
    if not args or args[0] not in commands or len(args) - 1 != commands[args[0]][0]:
        sys.exit(__doc__)
    commands[args[0]][1](args[1:])


if __name__ == "__main__":
    main()
