import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SettleApp
import SettleCore
import SettleTestSupport
import SQLKit
import Testing

/// The reconciliation page: a statement read from the page, the queue with its candidates, and
/// each decision (match, split, ignore, undo) made through its form by those who may.
@Suite struct WebReconcileTests {
    let web = WebAppTests()
    /// The entries a page shows.
    static let pageSize = 100

    /// A camt.053 statement for the default organisation's account, one `<Ntry>` per entry.
    static func statement(_ entries: [(amount: String, reference: String, name: String, text: String)]) -> String {
        let body = entries.map { entry in
            """
                <Ntry><Amt Ccy="EUR">\(entry.amount)</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2024-03-31</Dt></BookgDt>
                  <AcctSvcrRef>\(entry.reference)</AcctSvcrRef><NtryDtls><TxDtls><RltdPties><Dbtr><Pty><Nm>\(entry.name)</Nm></Pty></Dbtr></RltdPties>
                  <RmtInf><Ustrd>\(entry.text)</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
            """
        }.joined(separator: "\n")
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>
              <GrpHdr><MsgId>M</MsgId><CreDtTm>2024-03-31T06:00:00</CreDtTm></GrpHdr>
              <Stmt><Id>S</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>
            \(body)
              </Stmt></BkToCstmrStmt></Document>
            """
    }

    /// Entry 1 pays D-1 (the payer's name is the client's), entry 2 is from an unknown payer, entry 3 a gift.
    static let book = statement([
        ("100.00", "R-1", "Acme default", "Danke"),
        ("300.00", "R-2", "Holding Company", "two invoices"),
        ("77.00", "R-3", "Somebody Else", "gift"),
    ])

    func balance(_ settle: Settle, _ number: String) async throws -> String {
        try await settle.invoiceDetail(number).stored.summary.balance.total.decimalString
    }

    func count(_ table: String, _ settle: Settle) async throws -> Int {
        try await settle.database.sql.raw("SELECT CAST(COUNT(*) AS BIGINT) AS n FROM \(unsafeRaw: table)").first()?
            .decode(column: "n", as: Int.self) ?? -1
    }

    func upload(_ client: any TestClientProtocol, _ session: (cookie: String, csrf: String), file: String, named name: String,
                check: Bool = false) async throws -> WebAppTests.Answer {
        var fields = ["csrf": session.csrf]
        if check { fields["check"] = "1" }
        return try await sendMultipartForm(client, "/app/reconcile/statements", cookie: session.cookie, fields: fields,
                                       file: (name, file))
    }

    @Test(arguments: TestEngine.available)
    func aStatementIsReadFromThePageByAdminsOnly(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            _ = try await settle.addBankAccount(iban: "DE89370400440532013000", currency: "EUR", name: "Main")
            let admin = try await web.session(settle, role: .admin), collector = try await web.session(settle, role: .collector)
            var page = try await web.send(client, .get, "/app/reconcile", cookies: ["settle_session": collector.cookie])
            #expect(page.status == .ok && !page.body.contains(#"action="/app/reconcile/statements""#))
            #expect(page.body.contains("Admins and the owner read bank statements; you are signed in as collector."))
            page = try await web.send(client, .get, "/app/reconcile", cookies: ["settle_session": admin.cookie])
            #expect(page.body.contains(#"enctype="multipart/form-data""#) && page.body.contains(#"<label for="statement">"#))
            #expect(page.body.contains("The organisation's accounts: Main (DE89 3704 0044 0532 0130 00, EUR)."), "\(page.body)")
            #expect(!page.body.contains(">nil<") && !page.body.contains("role=\"alert\""))

            #expect(try await upload(client, collector, file: Self.book, named: "march.xml").status == .forbidden)
            #expect(try await upload(client, (admin.cookie, "forged"), file: Self.book, named: "march.xml").status == .forbidden)
            // Checking only reads it all and writes nothing.
            var answer = try await upload(client, admin, file: Self.book, named: "march.xml", check: true)
            #expect(answer.status == .ok && answer.body.contains("Checked only, nothing was written. march.xml (camt.053) for Main: 3 entries read"),
                    "\(answer.body)")
            #expect(try await count("statement_entries", settle) == 0)

            // A bad amount on one entry refuses the whole file, with the place the reader names.
            let bad = Self.book.replacingOccurrences(of: "77.00", with: "7x.00")
            let problem: FileProblem
            do {
                _ = try await settle.importStatement(InputStream(data: Data(bad.utf8)), file: "bad.xml", dryRun: true)
                Issue.record("the bad statement was read")
                return
            } catch let error as FileProblem { problem = error }
            answer = try await upload(client, admin, file: bad, named: "bad.xml")
            #expect(answer.status == .unprocessableContent && answer.body.contains("The statement was not read, nothing was written."))
            #expect(answer.body.contains("<tr><td>bad.xml</td><td>\(problem.line)</td><td>\(problem.column)</td>"), "\(answer.body)")
            #expect(try await count("statement_entries", settle) == 0 && problem.line > 1)

            answer = try await upload(client, admin, file: Self.book, named: "march.xml")
            #expect(answer.status == .ok && answer.body.contains("march.xml (camt.053) for Main: 3 entries read, 3 new"), "\(answer.body)")
            #expect(try await count("statement_entries", settle) == 3)
            // Read again: nothing new.
            answer = try await upload(client, admin, file: Self.book, named: "march.xml")
            #expect(answer.body.contains("3 entries read, 0 new"))
            #expect(try await count("statement_entries", settle) == 3)
        }
    }

    @Test(arguments: TestEngine.available)
    func entriesAreMatchedSplitIgnoredAndUndone(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            _ = try await settle.addBankAccount(iban: "DE89370400440532013000", currency: "EUR", name: "Main")
            _ = try await settle.importStatement(InputStream(data: Data(Self.book.utf8)), file: "march.xml", dryRun: false)
            let queue = try await settle.reconciliation(status: nil)
            #expect(queue.map(\.entry.decision.status) == [.suggested, .unmatched, .unmatched])
            let (paying, split, gift) = (queue[0].entry.id, queue[1].entry.id, queue[2].entry.id)
            let candidate = try #require(queue[0].candidates.first)
            #expect(candidate.invoices == ["D-1"])
            let collector = try await web.session(settle, role: .collector)
            let cookies = ["settle_session": collector.cookie]
            func post(_ id: Int64, _ action: String, _ fields: [String: String]) async throws -> WebAppTests.Answer {
                try await web.send(client, .post, "/app/reconcile/\(id)/\(action)", cookies: cookies,
                                   form: ["csrf": collector.csrf, "show": "waiting"].merging(fields) { $1 })
            }

            // The suggested entry with its candidate and why; the one-click form names the candidate's invoices.
            var page = try await web.send(client, .get, "/app/reconcile?show=suggested", cookies: cookies)
            #expect(page.status == .ok && page.body.contains("Entry \(paying) · 2024-03-31 · 100.00 EUR in"), "\(page.body)")
            #expect(page.body.contains("<td>D-1</td><td>\(candidate.confidence)</td><td>\(htmlEscaped(candidate.reason))</td>"))
            #expect(page.body.contains("From <strong>Acme default</strong>") && page.body.contains("“Danke”"))
            #expect(page.body.contains(#"<input type="hidden" name="invoices" value="D-1">"#))
            #expect(!page.body.contains("Entry \(split) ·"))
            page = try await web.send(client, .get, "/app/reconcile", cookies: cookies)
            #expect(page.body.contains("Entry \(paying) ·") && page.body.contains("Entry \(split) ·") && page.body.contains("Entry \(gift) ·"))
            #expect(page.body.contains(#"<label for="invoices-\#(split)">"#) && page.body.contains(#"<label for="reason-\#(gift)">"#))

            // Match to the candidate: out of the queue, D-1 paid.
            var answer = try await post(paying, "match", ["invoices": "D-1"])
            #expect(answer.status == .seeOther && answer.headers[.location] == "/app/reconcile?show=waiting&done=match&entry=\(paying)")
            #expect(try await balance(settle, "D-1") == "0.00")
            page = try await web.send(client, .get, answer.headers[.location] ?? "", cookies: cookies)
            #expect(page.body.contains("Entry \(paying) is matched to D-1 (client D-ACME).") && !page.body.contains("Entry \(paying) ·"))
            page = try await web.send(client, .get, "/app/reconcile?show=applied", cookies: cookies)
            #expect(page.body.contains(#"action="/app/reconcile/\#(paying)/undo""#))
            // Matching it again is refused with what to do, and changes nothing.
            answer = try await post(paying, "match", ["invoices": "D-1"])
            #expect(answer.status == .unprocessableContent && answer.body.contains("Entry \(paying) is already applied"), "\(answer.body)")

            // Undo: D-1 is owed again and the entry waits again.
            answer = try await post(paying, "undo", [:])
            #expect(answer.status == .seeOther)
            #expect(try await balance(settle, "D-1") == "100.00")
            #expect(try await settle.reconciliationItem(paying)?.entry.decision.status == .suggested)
            page = try await web.send(client, .get, "/app/reconcile?show=waiting", cookies: cookies)
            #expect(page.body.contains("Entry \(paying) ·"))

            // Split 300.00 across D/2 then D-1, in the order named: D/2 (250.50) in full, 49.50 to D-1.
            answer = try await post(split, "match", ["invoices": "D/2 D-9"])
            #expect(answer.status == .unprocessableContent && answer.body.contains("Entry \(split): no invoice"))
            #expect(answer.body.contains(#"value="D/2 D-9""#))
            #expect(try await count("payments", settle) == 1)
            answer = try await post(split, "match", ["invoices": "D/2, D-1"])
            #expect(answer.status == .seeOther)
            #expect(try await balance(settle, "D/2") == "0.00")
            #expect(try await balance(settle, "D-1") == "50.50")
            #expect(try await settle.reconciliationItem(split)?.entry.decision.invoices == ["D/2", "D-1"])

            // Ignore, with a reason (none is refused).
            answer = try await post(gift, "ignore", ["reason": "  "])
            #expect(answer.status == .unprocessableContent && answer.body.contains("Entry \(gift): give the reason"))
            answer = try await post(gift, "ignore", ["reason": "a gift, not a payment"])
            #expect(answer.status == .seeOther)
            let ignored = try #require(try await settle.reconciliationItem(gift)).entry.decision
            #expect(ignored.status == .ignored && ignored.reason == "a gift, not a payment" && ignored.decidedBy == "person")
            page = try await web.send(client, .get, "/app/reconcile?show=ignored&done=ignore&entry=\(gift)", cookies: cookies)
            #expect(page.body.contains("Entry \(gift) is set aside: a gift, not a payment."))
            answer = try await post(gift, "undo", [:])
            #expect(answer.status == .seeOther)
            #expect(try await settle.reconciliationItem(gift)?.entry.decision.status == .unmatched)
        }
    }

    @Test(arguments: TestEngine.available)
    func onlyThoseWhoMayDecideAndOnlyTheirOwnEntries(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            _ = try await settle.addBankAccount(iban: "DE89370400440532013000", currency: "EUR", name: "Main")
            _ = try await settle.importStatement(InputStream(data: Data(Self.book.utf8)), file: "march.xml", dryRun: false)
            let paying = try #require(try await settle.reconciliation(status: .suggested).first?.entry.id)
            let other = Settle(database: settle.database, organisation: "other", time: settle.time)
            _ = try await other.addBankAccount(iban: "GB33BUKB20201555555555", currency: "EUR", name: "Main")
            let theirs = Self.statement([("100.00", "R-1", "Acme other", "Danke")])
                .replacingOccurrences(of: "DE89370400440532013000", with: "GB33BUKB20201555555555")
            _ = try await other.importStatement(InputStream(data: Data(theirs.utf8)), file: "o.xml", dryRun: false)
            let foreign = try #require(try await other.reconciliation(status: nil).first?.entry.id)
            let viewer = try await web.session(settle, role: .viewer), collector = try await web.session(settle, role: .collector)

            // A viewer sees the queue and its candidates, no forms, and may not post.
            let page = try await web.send(client, .get, "/app/reconcile", cookies: ["settle_session": viewer.cookie])
            #expect(page.status == .ok && page.body.contains("Entry \(paying) ·") && page.body.contains("<td>D-1</td>"))
            #expect(!page.body.contains("<form method=\"post\" action=\"/app/reconcile/") && !page.body.contains("Acme other"))
            var answer = try await web.send(client, .post, "/app/reconcile/\(paying)/match", cookies: ["settle_session": viewer.cookie],
                                            form: ["csrf": viewer.csrf, "invoices": "D-1"])
            #expect(answer.status == .forbidden)
            // Without the session's token: refused, nothing written.
            answer = try await web.send(client, .post, "/app/reconcile/\(paying)/match", cookies: ["settle_session": collector.cookie],
                                        form: ["invoices": "D-1"])
            #expect(answer.status == .forbidden)
            answer = try await web.send(client, .post, "/app/reconcile/\(paying)/ignore", cookies: ["settle_session": collector.cookie],
                                        form: ["csrf": "forged", "reason": "no"])
            #expect(answer.status == .forbidden)
            #expect(try await settle.reconciliationItem(paying)?.entry.decision.status == .suggested)
            #expect(try await count("payments", settle) == 0)
            #expect(try await balance(settle, "D-1") == "100.00")
            // Another organisation's entry is not found, and stays as it was.
            for action in ["match", "ignore", "undo"] {
                answer = try await web.send(client, .post, "/app/reconcile/\(foreign)/\(action)", cookies: ["settle_session": collector.cookie],
                                            form: ["csrf": collector.csrf, "invoices": "O-1", "reason": "not ours"])
                #expect(answer.status == .notFound, "\(action)")
            }
            #expect(try await other.reconciliationItem(foreign)?.entry.decision.status == .suggested)
            #expect(try await web.send(client, .get, "/app/reconcile").headers[.location] == "/signin")
        }
    }

    @Test(arguments: TestEngine.available)
    func theQueueIsPagedByTheLastEntry(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            _ = try await settle.addBankAccount(iban: "DE89370400440532013000", currency: "EUR", name: "Main")
            let many = Self.statement((1...(Self.pageSize + 2)).map { ("\($0).00", "P-\($0)", "Nobody \($0)", "gift \($0)") })
            _ = try await settle.importStatement(InputStream(data: Data(many.utf8)), file: "many.xml", dryRun: false)
            let ids = try await settle.reconciliation(status: nil).map(\.entry.id)
            let viewer = try await web.session(settle, role: .viewer)
            var page = try await web.send(client, .get, "/app/reconcile?show=all", cookies: ["settle_session": viewer.cookie])
            let last = ids[Self.pageSize - 1]
            #expect(page.body.contains("Entry \(last) ·") && !page.body.contains("Entry \(ids[Self.pageSize]) ·"))
            #expect(page.body.contains(#"<a href="/app/reconcile?show=all&amp;after=\#(last)">Next 100 entries</a>"#))
            page = try await web.send(client, .get, "/app/reconcile?show=all&after=\(last)", cookies: ["settle_session": viewer.cookie])
            #expect(page.body.contains("Entry \(ids[Self.pageSize]) ·") && page.body.contains("Entry \(ids.last ?? 0) ·"))
            #expect(!page.body.contains("Entry \(last) ·") && !page.body.contains("Next 100 entries"))
        }
    }
}
