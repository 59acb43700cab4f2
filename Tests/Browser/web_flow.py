#!/usr/bin/env python3
"""Browser tests of Settle's web app (docs/web.md), driven by Playwright with Debian's chromium.

Runs against a live `settle serve` on a fresh SQLite database, with a real SMTP server
(scripts/smtp_test_server.py) receiving what the delivery worker sends:

  sign in; import clients and invoices; restart the server as of a later day and run the cycle;
  see the reminder on the client's timeline with its text; complete a call task as a promise;
  approve an escalation; match a bank entry; edit a policy and see the simulation change; edit a
  template and see the preview; a collector cannot open settings; one organisation's user never
  sees another's client, by URL guessing too.

On every page: a screenshot at desktop and phone widths (written to --screenshots), axe-core
(no serious or critical violation), and every POST form carries a CSRF token; a POST without
one is refused.

    python3 Tests/Browser/web_flow.py --settle .build/debug/settle --work /tmp/w --screenshots test-output/screenshots
"""
import argparse
import os
import pathlib
import re
import socket
import subprocess
import sys
import time
import urllib.request

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect, sync_playwright

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIRST_DAY, LATER_DAY = "2025-01-06", "2025-02-10"
PASSWORD = "a long test password"
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}

CLIENTS = """id,name,kind,email,phone,country,time_zone,language,terms
C-ANNA,Anna Schmidt GmbH,business,anna@anna.example,+4930123456,DE,Europe/Berlin,en,net 30
C-BERT,Bert Bakery Ltd,business,bert@bert.example,,DE,Europe/Berlin,en,net 30
C-CARL,Carl Consulting,business,carl@carl.example,,DE,Europe/Berlin,en,net 30
"""
# On the later day: INV-100 is 7 days overdue (an email and a call), INV-200 62 days (an
# escalation waiting for approval), INV-300 10 days (paid by the bank entry below).
INVOICES = """number,client,issue_date,due_date,currency,amount,description
INV-100,C-ANNA,2025-01-04,2025-02-03,EUR,1200.00,Website redesign
INV-200,C-BERT,2024-11-10,2024-12-10,EUR,860.50,Bread oven service
INV-300,C-CARL,2025-01-01,2025-01-31,EUR,450.00,Strategy workshop
"""
STATEMENT = """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>
  <GrpHdr><MsgId>M-WEB</MsgId><CreDtTm>2025-02-10T06:00:00</CreDtTm></GrpHdr>
  <Stmt><Id>S-WEB</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>
    <Ntry><Amt Ccy="EUR">450.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2025-02-09</Dt></BookgDt>
      <AcctSvcrRef>R-WEB-1</AcctSvcrRef><NtryDtls><TxDtls><RltdPties><Dbtr><Pty><Nm>Carl Consulting</Nm></Pty></Dbtr></RltdPties>
      <RmtInf><Ustrd>Invoice INV-300</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
  </Stmt></BkToCstmrStmt></Document>
"""


class Failure(Exception):
    pass


def check(condition, what):
    if not condition:
        raise Failure(what)


class Settle:
    """The settle binary on one database; a server started and stopped as the days need."""

    def __init__(self, binary, work):
        self.binary, self.work = binary, work
        self.database = f"sqlite:{work / 'web.db'}"
        self.server, self.port, self.log = None, None, work / "server.log"

    def run(self, *arguments, stdin=None, org=None):
        command = [self.binary, "--database", self.database] + (["--org", org] if org else []) + list(arguments)
        done = subprocess.run(command, input=stdin, capture_output=True, text=True, cwd=self.work)
        check(done.returncode == 0, f"{' '.join(arguments)} failed: {done.stdout}{done.stderr}")
        return done.stdout

    def serve(self, day, smtp_url):
        self.stop()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        environment = dict(os.environ, SETTLE_TODAY=day, SETTLE_SMTP_URL=smtp_url)
        self.server = subprocess.Popen(
            [self.binary, "--database", self.database, "serve", "--port", str(self.port), "--no-scheduler"],
            stdout=open(self.log, "a"), stderr=subprocess.STDOUT, env=environment, cwd=self.work)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.base + "/ready", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise Failure(f"settle serve did not become ready: {self.log.read_text()[-2000:]}")

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def stop(self):
        if self.server:
            self.server.terminate()
            try:
                self.server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.server.kill()
            self.server = None


def start_smtp(work):
    mailbox = work / "mailbox"
    mailbox.mkdir()
    process = subprocess.Popen([sys.executable, str(ROOT / "scripts/smtp_test_server.py"), "--mode", "plain",
                                "--mailbox", str(mailbox)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    line = process.stdout.readline()
    check(line.startswith("PORT "), f"the SMTP test server did not start: {line}")
    return process, f"smtp://settle:s3cret%3Apass@localhost:{line.split()[1]}", mailbox


class Pages:
    """Screenshots, axe-core and the CSRF check for each page visited."""

    def __init__(self, screenshots):
        self.screenshots = screenshots
        self.axe = Axe()
        self.seen, self.actions, self.problems = [], {}, []

    def visit(self, page, name):
        """Checks the page as it is now and records it under `name`."""
        self.seen.append(name)
        for size, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(viewport)
            page.screenshot(path=str(self.screenshots / f"{name}-{size}.png"), full_page=True)
            results = self.axe.run(page)
            for violation in results.response["violations"]:
                if violation["impact"] in ("serious", "critical"):
                    nodes = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
                    self.problems.append(f"{name} ({size}): {violation['id']} ({violation['impact']}): {violation['help']} at {nodes}")
        page.set_viewport_size(DESKTOP)
        for form in page.locator("form").all():
            if (form.get_attribute("method") or "get").lower() != "post":
                continue
            action = form.get_attribute("action")
            token = form.locator("input[name=csrf]")
            if token.count() != 1 or not token.first.get_attribute("value"):
                self.problems.append(f"{name}: the form posting to {action} has no CSRF token")
            self.actions.setdefault(action, name)


def sign_in(page, base, email, organisation="default"):
    page.goto(base + "/signin")
    page.get_by_label("Organisation").fill(organisation)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/app$"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--settle", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--screenshots", required=True)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    options = parser.parse_args()
    work, screenshots = pathlib.Path(options.work), pathlib.Path(options.screenshots)
    work.mkdir(parents=True, exist_ok=True)
    screenshots.mkdir(parents=True, exist_ok=True)
    for old in screenshots.glob("*.png"):
        old.unlink()
    (work / "clients.csv").write_text(CLIENTS)
    (work / "invoices.csv").write_text(INVOICES)
    (work / "statement.xml").write_text(STATEMENT)

    settle = Settle(str(pathlib.Path(options.settle).resolve()), work)
    settle.run("migrate")
    for email, role in (("owner@acme.example", "owner"), ("collector@acme.example", "collector")):
        settle.run("user", "create", email, "--role", role, "--password-stdin", stdin=PASSWORD + "\n")
    settle.run("org", "create", "other", "--name", "Other Ltd", "--currency", "EUR", "--time-zone", "Europe/London", "--country", "GB")
    settle.run("user", "create", "owner@other.example", "--role", "owner", "--password-stdin", stdin=PASSWORD + "\n", org="other")
    (work / "other.csv").write_text("id,name,kind,email,phone,country,time_zone,language,terms\n"
                                    "O-SECRET,Other's Secret Client,business,s@other.example,,GB,Europe/London,en,net 30\n")
    settle.run("import", "clients", str(work / "other.csv"), org="other")
    smtp, smtp_url, mailbox = start_smtp(work)
    pages = Pages(screenshots)
    steps = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=options.chromium, args=["--no-sandbox"])
            context = browser.new_context(viewport=DESKTOP)
            page = context.new_page()
            settle.serve(FIRST_DAY, smtp_url)
            base = settle.base

            page.goto(base + "/signin")
            pages.visit(page, "signin")
            sign_in(page, base, "owner@acme.example")
            steps.append("signed in")
            run_first_day(page, base, pages, work)
            steps.append("settings saved, clients and invoices imported")

            # A month later: yesterday's session has expired, as sessions do.
            settle.serve(LATER_DAY, smtp_url)
            base = settle.base
            page.goto(base + "/app")
            expect(page).to_have_url(re.compile(r"/signin$"))
            sign_in(page, base, "owner@acme.example")
            run_later_day(page, base, pages, work, mailbox)
            steps.append("the cycle of a later day ran; its reminder is on the timeline with its text")
            steps.append("a call task completed as a promise; an escalation approved; a bank entry matched")
            edit_policy_and_template(page, base, pages)
            steps.append("a policy edited with its simulation; a template edited with its preview")
            check_csrf_refusals(page, base, pages)
            steps.append(f"every form of {len(pages.seen)} pages carries a CSRF token; {len(pages.actions)} form actions refuse a POST without one")

            collector = browser.new_context(viewport=DESKTOP).new_page()
            sign_in(collector, base, "collector@acme.example")
            answer = collector.goto(base + "/app/settings")
            check(answer.status == 403, f"a collector opened settings: {answer.status}")
            expect(collector.get_by_text("Settings are for admins and owners")).to_be_visible()
            pages.visit(collector, "settings-collector")
            steps.append("a collector cannot open settings")

            other = browser.new_context(viewport=DESKTOP).new_page()
            sign_in(other, base, "owner@other.example", organisation="other")
            other.goto(base + "/app/clients")
            expect(other.get_by_text("O-SECRET")).to_be_visible()
            check("C-ANNA" not in other.content(), "another organisation's client is listed")
            for path in ("/app/clients/C-ANNA", "/app/invoices/INV-100", "/app/clients/C-ANNA/statement.pdf", "/app/invoices/INV-100/pdf"):
                answer = other.goto(base + path)
                check(answer.status == 404, f"{path} answered {answer.status} to another organisation")
            pages.visit(other, "not-found")
            answer = other.request.post(base + "/app/clients/C-ANNA/note", form={"csrf": other_csrf(other), "text": "peeking"})
            check(answer.status == 404, f"a note on another organisation's client answered {answer.status}")
            steps.append("another organisation's user sees none of this one's clients, by URL guessing too")
            browser.close()
    finally:
        settle.stop()
        smtp.terminate()
    for step in steps:
        print("ok:", step)
    print(f"screenshots: {screenshots} ({len(list(screenshots.glob('*.png')))} files)")
    if pages.problems:
        print("\n".join(["FAILED:"] + pages.problems))
        sys.exit(1)


def other_csrf(page):
    """The session's CSRF token, read from a form of the current organisation's pages."""
    page.goto(page.url.split("/app")[0] + "/app")
    return page.locator("input[name=csrf]").first.get_attribute("value")


def run_first_day(page, base, pages, work):
    """Settings the rest needs (the sender, the bank account, every match confirmed by a person),
    then the clients and invoices imported from their CSV files."""
    page.goto(base + "/app/settings")
    page.get_by_label("Sender name").fill("Acme Receivables")
    page.get_by_label("Sender email address").fill("ar@acme.example")
    page.get_by_label("Bank transfers are matched without a person at this confidence (50-100)").fill("100")
    page.get_by_role("button", name="Save sender and bank details").click()
    expect(page.get_by_text("The sender, letterhead and bank details are saved.")).to_be_visible()
    page.get_by_label("Name", exact=True).nth(1).fill("Main account")
    page.get_by_label("IBAN", exact=True).fill("DE89370400440532013000")
    page.get_by_role("button", name="Add the account").click()
    expect(page.get_by_text("Main account: DE89370400440532013000 (EUR)")).to_be_visible()
    pages.visit(page, "settings")

    import_files(page, base, pages, work)
    page.goto(base + "/app/clients")
    for code in ("C-ANNA", "C-BERT", "C-CARL"):
        expect(page.get_by_role("link", name=code)).to_be_visible()
    pages.visit(page, "clients")
    page.goto(base + "/app/invoices")
    expect(page.get_by_role("link", name="INV-200")).to_be_visible()
    pages.visit(page, "invoices")


def run_later_day(page, base, pages, work, mailbox):
    """The cycle of the later day from the dashboard; what it sent on the client's timeline; the
    call completed as a promise; the escalation approved; the bank entry matched."""
    page.goto(base + "/app")
    page.get_by_role("button", name="Run today's cycle now").click()
    expect(page.get_by_text(re.compile(r"The cycle of 2025-02-10 ran: [1-9]\d* actions"))).to_be_visible()
    pages.visit(page, "dashboard")

    # The delivery worker sends the reminder to the SMTP server; the timeline shows it with its text.
    deadline = time.time() + 60
    while time.time() < deadline and not any("anna@anna.example" in path.read_text(errors="replace") for path in mailbox.glob("*")):
        time.sleep(0.5)
    page.goto(base + "/app/clients/C-ANNA")
    expect(page.get_by_text("Email sent to anna@anna.example")).to_be_visible()
    sent = page.locator("ol.timeline details").filter(has_text="What was sent").first
    sent.locator("summary").click()
    text = sent.locator("pre").inner_text()
    check("INV-100" in text and ("1,200.00" in text or "1200.00" in text), f"the reminder's text does not name the invoice and amount: {text}")
    pages.visit(page, "client")

    # The worklist: the call about INV-100 completed as a promise.
    page.goto(base + "/app/worklist")
    pages.visit(page, "worklist")
    call = page.locator("ol.work > li").filter(has_text="Call").filter(has_text="INV-100")
    call.get_by_label("Outcome").select_option("promise")
    call.get_by_label("Promised day (for a promise)").fill("2025-02-20")
    call.get_by_label("Note").fill("Anna will pay after the board meeting")
    call.get_by_role("button", name=re.compile("Complete task")).click()
    expect(page.get_by_text(re.compile(r"Task \d+ is done."))).to_be_visible()
    page.goto(base + "/app/clients/C-ANNA")
    expect(page.get_by_text("Promise to pay the balance by 2025-02-20")).to_be_visible()

    # The escalation of INV-200, with what is at stake, approved for an agency.
    page.goto(base + "/app/worklist")
    approval = page.locator("ol.work > li").filter(has_text="Approve escalation").filter(has_text="INV-200")
    expect(approval.get_by_text(re.compile(r"At stake: \d+\.\d\d EUR, 62 days overdue"))).to_be_visible()
    approval.get_by_label("Hand over to").select_option("agency")
    approval.get_by_role("button", name=re.compile("^Approve")).click()
    expect(page.get_by_text(re.compile(r"Approval \d+ approved: case \d+ opened."))).to_be_visible()

    page.goto(base + "/app/invoices/INV-200")
    pages.visit(page, "invoice")
    reconcile(page, base, pages, work)


def import_files(page, base, pages, work):
    """The clients, then the invoices, each checked first: a bad file names its row and writes nothing."""
    page.goto(base + "/app/imports")
    (work / "bad.csv").write_text(CLIENTS.replace("C-BERT,Bert Bakery Ltd,business", "C-BERT,Bert Bakery Ltd,company"))
    page.get_by_label("Clients CSV file").set_input_files(str(work / "bad.csv"))
    page.get_by_role("button", name="Upload clients").click()
    expect(page.get_by_role("alert")).to_contain_text("the file was not imported, nothing was written")
    check("<td>bad.csv</td><td>3</td>" in page.content(), "the bad row's file and line are not shown")
    pages.visit(page, "imports-refused")
    for kind, title in (("clients", "Clients"), ("invoices", "Invoices")):
        page.get_by_label(f"{title} CSV file").set_input_files(str(work / f"{kind}.csv"))
        page.get_by_role("button", name=f"Upload {kind}").click()
        expect(page.get_by_role("status")).to_have_text(f"{kind}.csv: 3 {kind} imported.")
    pages.visit(page, "imports")


def reconcile(page, base, pages, work):
    """The later day's statement read; its entry waits for a person (every match does, by the
    settings) with INV-300 as the candidate; matched, INV-300 is paid."""
    page.goto(base + "/app/reconcile")
    page.get_by_label("Statement file").set_input_files(str(work / "statement.xml"))
    page.get_by_role("button", name="Read statement").click()
    expect(page.get_by_role("status")).to_be_visible()
    entry = page.locator("section.entry").filter(has_text="450.00 EUR")
    expect(entry.get_by_text("Carl Consulting")).to_be_visible()
    pages.visit(page, "reconcile")
    entry.get_by_role("button", name="Match to INV-300").click()
    expect(page.get_by_role("status")).to_contain_text("is matched to INV-300")
    page.goto(base + "/app/invoices/INV-300")
    expect(page.get_by_text(re.compile(r"paid · balance\s+0\.00 EUR"))).to_be_visible()


def edit_policy_and_template(page, base, pages):
    """A stage added to the standard policy: the preview's simulation changes and nothing is saved
    until Save; the firm reminder's wording changed: the preview shows it on a real invoice, an
    unknown merge field is refused with its name."""
    page.goto(base + "/app/policies")
    pages.visit(page, "policies")
    page.goto(base + "/app/policies/standard")
    page.get_by_role("button", name="Preview").click()
    unchanged = page.get_by_role("status").last.inner_text()
    new = page.locator("fieldset.stage").last
    new.get_by_label("Id").fill("overdue-25")
    new.get_by_label("Offset (days)").fill("25")
    new.get_by_label("email", exact=True).check()
    page.get_by_role("button", name="Preview").click()
    changed = page.get_by_role("status").last.inner_text()
    check(changed != unchanged and "This change would" in changed and "email" in changed,
          f"the simulation did not change: before {unchanged!r}, after {changed!r}")
    pages.visit(page, "policy")
    page.goto(base + "/app/policies/standard")
    check(page.locator("fieldset.stage input[value='overdue-25']").count() == 0, "a preview saved the stage")

    page.goto(base + "/app/templates")
    pages.visit(page, "templates")
    page.goto(base + "/app/templates/reminder/en/firm")
    page.get_by_label("Subject").fill("Please settle {{invoice.number}} ({{nonsense}})")
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("alert")).to_contain_text("nonsense")
    page.get_by_label("Subject").fill("Please settle invoice {{invoice.number}} today")
    page.get_by_label("Preview on invoice").select_option("INV-100")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("pre").first).to_have_text("Please settle invoice INV-100 today")
    pages.visit(page, "template")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_label("Subject")).to_have_value("Please settle invoice {{invoice.number}} today")


def check_csrf_refusals(page, base, pages):
    """A POST to every form action seen, without the token: refused, whatever the form."""
    for action, name in pages.actions.items():
        url = action if action.startswith("http") else base + action
        answer = page.request.post(url, form={}, max_redirects=0)
        check(answer.status == 403, f"POST {action} (from {name}) without a CSRF token answered {answer.status}")


if __name__ == "__main__":
    try:
        main()
    except Failure as failure:
        print("FAILED:", failure)
        sys.exit(1)
