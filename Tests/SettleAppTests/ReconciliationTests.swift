import Foundation
import SettleApp
import SettleCore
import SettleStore
import SettleTestSupport
import Testing

/// A statement's money applied, and the effects: chasing stops, waiting messages are cancelled,
/// the client's timeline shows it; a reversal brings the invoice back; the queue's commands.
@Suite struct ReconciliationTests {
    static let clients = clientsHeader + """
        KLEE,Klee & Söhne GmbH,business,ap@klee.example,,DE,Europe/Berlin,de,net 30
        MOSS,Moss Ltd,business,ap@moss.example,,GB,Europe/London,en,net 30

        """
    static let invoices = invoicesHeader + """
        K-1,KLEE,2024-02-20,2024-03-21,EUR,1190.00,overdue
        K-2,KLEE,2024-03-20,2024-05-20,EUR,500.00,not due yet
        M-1,MOSS,2024-02-20,2024-03-21,EUR,80.00,overdue

        """
    static let policy = """
        name: simple
        stages:
          - {id: late, offset: 5, actions: [email], tone: polite}
          - {id: later, offset: 12, actions: [email], tone: firm}

        """
    static let kleeIBAN = CamtBuilder.germanIBAN(account: 202051)
    static let mossIBAN = CamtBuilder.germanIBAN(account: 777001)

    func prepared(_ settle: Settle) async throws {
        _ = try await settle.importCSV("clients", Self.clients)
        _ = try await settle.importCSV("invoices", Self.invoices)
        _ = try await settle.applyPolicy(Self.policy, file: "simple.yaml")
        _ = try await settle.addBankAccount(iban: "DE89370400440532013000", currency: "EUR", name: "Main")
    }

    func statement(_ settle: Settle, _ builder: CamtBuilder, file: String = "stmt.xml", dryRun: Bool = false) async throws -> StatementImport {
        try await settle.importStatement(InputStream(data: builder.document), file: file, dryRun: dryRun)
    }

    func status(_ settle: Settle, _ number: String) async throws -> PaymentStatus {
        try await settle.invoiceDetail(number).stored.status
    }

    @Test(arguments: TestEngine.available)
    func paidInvoicesStopBeingChasedAndAReversalBringsThemBack(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            try await prepared(settle)
            let monday = try reopened(settle, today: "2024-03-26")
            let chased = try await monday.collect(dryRun: false)
            #expect(Set(chased.messages.flatMap(\.invoices).map(\.value)) == ["K-1", "M-1"])
            try await monday.queueMessages()
            let waiting = try await settle.outbox().filter { [.queued, .held].contains($0.status) }
            #expect(waiting.count == 2)

            var first = CamtBuilder()
            first.add("1190.00", on: "2024-03-27", reference: "B-1", endToEnd: "E2E-K1", name: "Klee und Söhne",
                      iban: Self.kleeIBAN, text: ["Rechnung k 1"])
            first.add("80.00", on: "2024-03-27", reference: "B-2", name: "MOSS LIMITED", iban: Self.mossIBAN)
            first.add("1500.00", debit: true, on: "2024-03-27", reference: "B-3", name: "Landlord", text: ["Miete"])
            first.add("33.00", on: "2024-03-27", reference: "B-4", name: "Somebody", text: ["Gift"])
            let tuesday = try reopened(settle, today: "2024-03-27")
            let dry = try await statement(tuesday, first, dryRun: true)
            #expect(dry.summary.applied == 1 && dry.dryRun)
            #expect(try await count("statement_entries", in: settle) == 0)
            #expect(try await count("payments", in: settle) == 0)
            #expect(try await status(settle, "K-1") == .open)

            let read = try await statement(tuesday, first)
            #expect(read.summary.applied == 1 && read.summary.suggested == 1 && read.summary.unmatched == 1 && read.summary.ignored == 1)
            #expect(read.summary.cancelledMessages == 1)
            #expect(try await status(settle, "K-1") == .paid)
            #expect(try await status(settle, "M-1") == .open)
            // The message about K-1 alone is cancelled; the one about M-1 still waits.
            let after = try await settle.outbox()
            #expect(after.filter { $0.status == .cancelled }.map(\.recipient) == ["ap@klee.example"])
            #expect(after.filter { $0.status == .cancelled }.allSatisfy { $0.note.contains("paid") })
            #expect(after.filter { [.queued, .held].contains($0.status) }.map(\.recipient) == ["ap@moss.example"])

            // The client's timeline shows the bank entry and the payment.
            let timeline = try await settle.timeline(client: "KLEE", invoice: nil)
            let bank = try #require(timeline.first { $0.kind == "bank_entry" })
            #expect(bank.summary == "Bank statement: 1190.00 EUR received from Klee und Söhne, \(Self.kleeIBAN) for K-1, "
                    + "matched automatically (confidence 95)")
            #expect(bank.detail.contains("stmt.xml, entry 1") && bank.detail.contains("invoice number K-1"))
            #expect(timeline.contains { $0.kind == "payment" && $0.invoice == "K-1" })

            // The queue.
            let queue = try await settle.reconciliation(status: nil)
            #expect(queue.map(\.entry.decision.status) == [.applied, .suggested, .ignored, .unmatched])
            let suggested = queue[1]
            #expect(suggested.candidates.first?.invoices == ["M-1"] && suggested.candidates.first?.confidence == 80)
            #expect(suggested.candidates.first?.reason.contains("the client's name") == true)
            #expect(queue[2].entry.decision.reason.contains("money out"))

            // The next day's cycle leaves K-1 alone.
            let wednesday = try reopened(settle, today: "2024-04-02")
            let next = try await wednesday.collect(dryRun: false)
            #expect(!next.actions.contains { $0.invoice.value == "K-1" })
            #expect(next.actions.contains { $0.invoice.value == "M-1" })

            // The bank reverses the K-1 transfer: K-1 is owed again and chased the day after.
            var returned = CamtBuilder()
            returned.add("1190.00", debit: true, reversal: true, on: "2024-04-03", reference: "B-9", endToEnd: "E2E-K1",
                         text: ["RUECKBUCHUNG"])
            let reversal = try await statement(try reopened(settle, today: "2024-04-03"), returned, file: "stmt2.xml")
            #expect(reversal.summary.reversed == 1)
            #expect(try await status(settle, "K-1") == .open)
            let reversed = try #require(try await settle.reconciliation(status: .applied).last)
            #expect(reversed.entry.decision.reversesEntryID == queue[0].entry.id)
            #expect(reversed.entry.decision.invoices == ["K-1"])
            let thursday = try await reopened(settle, today: "2024-04-04").collect(dryRun: false)
            #expect(thursday.actions.contains { $0.invoice.value == "K-1" && $0.kind == .email })

            // Reading both files again changes nothing.
            let payments = try await count("payments", in: settle), ledger = try await count("ledger_entries", in: settle)
            #expect(try await statement(tuesday, first).new == 0)
            #expect(try await statement(tuesday, returned, file: "stmt2.xml").new == 0)
            #expect(try await count("payments", in: settle) == payments)
            #expect(try await count("ledger_entries", in: settle) == ledger)
            #expect(try await count("statement_entries", in: settle) == 5)
        }
    }

    @Test(arguments: TestEngine.available)
    func aPersonMatchesIgnoresAndUndoes(engine: TestEngine) async throws {
        try await withSettle(engine, today: "2024-03-27") { settle in
            try await prepared(settle)
            var builder = CamtBuilder()
            builder.add("80.00", reference: "B-1", name: "Moss Ltd.", iban: Self.mossIBAN)
            builder.add("600.00", reference: "B-2", name: "Somebody", text: ["Invoices K-1 part and K-2"])
            builder.add("12.00", reference: "B-3", name: "Insurer")
            builder.add("10.00", debit: true, reference: "B-4", name: "Bank", text: ["Fees"])
            _ = try await statement(settle, builder)
            let queue = try await settle.reconciliation(status: nil)
            let (moss, split, stray, fees) = (queue[0].entry.id, queue[1].entry.id, queue[2].entry.id, queue[3].entry.id)
            #expect(queue.map(\.entry.decision.status) == [.suggested, .applied, .unmatched, .ignored])
            // Named invoices, paid in the order named: K-1 gets the 600 in part, K-2 nothing.
            #expect(queue[1].entry.decision.invoices == ["K-1", "K-2"])
            #expect(try await settle.invoiceDetail("K-1").stored.summary.balance.total == Money(minorUnits: 59000, currency: .EUR))

            // Errors say what is wrong.
            let wrongKind = try #require(await #expect(throws: InputError.self) { _ = try await settle.matchStatementEntry(fees, invoices: ["M-1"]) })
            #expect(wrongKind.description.contains("money out"))
            let twice = try #require(await #expect(throws: InputError.self) { _ = try await settle.matchStatementEntry(split, invoices: ["M-1"]) })
            #expect(twice.description.contains("already applied") && twice.description.contains("settle reconcile undo \(split)"))
            let mixed = try #require(await #expect(throws: InputError.self) { _ = try await settle.matchStatementEntry(stray, invoices: ["M-1", "K-2"]) })
            #expect(mixed.description.contains("different clients"))
            await #expect(throws: (any Error).self) { _ = try await settle.matchStatementEntry(stray, invoices: ["NOPE-1"]) }
            let none = try #require(await #expect(throws: InputError.self) { _ = try await settle.matchStatementEntry(9999, invoices: []) })
            #expect(none.description.contains("no statement entry 9999"))
            #expect(try await settle.reconciliation(status: .unmatched).map(\.entry.id) == [stray])

            // The first suggestion, taken as it is; the debtor account is remembered for MOSS.
            let matched = try await settle.matchStatementEntry(moss, invoices: [])
            #expect(matched.decision.status == .applied && matched.decision.decidedBy == "person" && matched.client == "MOSS")
            #expect(try await status(settle, "M-1") == .paid)

            // Ignored with a reason, then back in the queue.
            let ignored = try await settle.ignoreStatementEntry(stray, reason: "insurance refund")
            #expect(ignored.decision.status == .ignored && ignored.decision.reason == "insurance refund")
            await #expect(throws: InputError.self) { _ = try await settle.ignoreStatementEntry(stray, reason: "again") }
            #expect(try await settle.undoStatementEntry(stray).decision.status == .unmatched)
            await #expect(throws: InputError.self) { _ = try await settle.undoStatementEntry(fees) }

            // Undoing a match reverses its payment: M-1 is owed again, the entry waits with its suggestion.
            let undone = try await settle.undoStatementEntry(moss)
            #expect(undone.decision.status == .suggested && undone.decision.paymentID == nil)
            #expect(try await status(settle, "M-1") == .open)

            // Next time MOSS pays from that account, Settle knows the payer: applied without a person.
            var later = CamtBuilder()
            later.add("80.00", on: "2024-03-28", reference: "B-5", name: "M. Ltd", iban: Self.mossIBAN)
            let read = try await statement(settle, later, file: "later.xml")
            #expect(read.summary.applied == 1)
            #expect(try await status(settle, "M-1") == .paid)
            let applied = try #require(try await settle.reconciliation(status: .applied).last)
            #expect(applied.entry.decision.reason.contains("known account") && applied.entry.decision.confidence == 92)
        }
    }

    /// A bad entry late in a long file: nothing of the file stays, not even the payments of the
    /// chunks applied before it.
    @Test(arguments: TestEngine.available)
    func aBadEntryLateInTheFileLeavesNothing(engine: TestEngine) async throws {
        try await withSettle(engine, today: "2024-03-27") { settle in
            try await prepared(settle)
            var builder = CamtBuilder()
            builder.add("1190.00", reference: "OK-0", text: ["K-1"])
            for index in 1..<1500 { builder.add("1.00", debit: true, reference: "OK-\(index)", name: "Fees") }
            builder.add("12,50", reference: "BAD", text: ["K-2"])
            let problem = try #require(await #expect(throws: FileProblem.self) { _ = try await statement(settle, builder) })
            #expect(problem.message.contains("entry 1501") && problem.line > 1500)
            for table in ["statement_entries", "payments", "ledger_entries", "statement_candidates"] {
                #expect(try await count(table, in: settle) == (table == "ledger_entries" ? 3 : 0), "\(table)")
            }
            #expect(try await status(settle, "K-1") == .open)
        }
    }

    /// The same matching whatever the format: an MT940 statement's structured :86: names K-1 in
    /// its SVWZ text, and a later RC line takes the money back.
    @Test(arguments: TestEngine.available)
    func mt940EntriesAreMatchedAndReversedLikeCamt(engine: TestEngine) async throws {
        try await withSettle(engine, today: "2024-03-28") { settle in
            try await prepared(settle)
            let lines = [
                ":20:STMT1", ":25:DE89370400440532013000", ":28C:00001/001", ":60F:C240327EUR0,00",
                ":61:2403280328CR1190,00NTRFNONREF//MT-1",
                ":86:166?00SEPA-GUTSCHRIFT?20EREF+E2E-MT-1?21SVWZ+Rechnung k 1 vom?22 20.02.2024?32Klee und Soehne",
                ":61:2403280328RC1190,00NMSC//MT-2",
                ":86:166?00STORNO?20EREF+E2E-MT-1?32Klee und Soehne",
                ":62F:C240328EUR0,00", "-",
            ]
            let read = try await settle.importStatement(InputStream(data: Data(lines.joined(separator: "\r\n").utf8)), file: "stmt.sta",
                                                        dryRun: false)
            #expect(read.format == .mt940)
            #expect(read.summary.applied == 1 && read.summary.reversed == 1)
            let queue = try await settle.reconciliation(status: .applied)
            #expect(queue.map(\.entry.decision.invoices) == [["K-1"], ["K-1"]])
            #expect(queue[1].entry.decision.reversesEntryID == queue[0].entry.id)
            #expect(try await status(settle, "K-1") == .open)
            #expect(try await settle.invoiceDetail("K-1").stored.summary.balance.total == Money(minorUnits: 119_000, currency: .EUR))
        }
    }

    /// A bank that reuses one reference for two entries of a file: both are kept, and once.
    @Test func aReferenceUsedTwiceInAFileKeepsBothEntries() async throws {
        try await withSettle(.sqlite, today: "2024-03-27") { settle in
            try await prepared(settle)
            var builder = CamtBuilder()
            builder.add("10.00", reference: "SAME", name: "A")
            builder.add("20.00", reference: "SAME", name: "B")
            #expect(try await statement(settle, builder).new == 2)
            #expect(try await statement(settle, builder).new == 0)
            #expect(try await count("statement_entries", in: settle) == 2)
        }
    }
}

/// The reconciliation queue through the binary.
@Suite(.serialized) struct ReconcileCommandLineTests {
    let cli = CommandLineTests()

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: CommandLineTests.binary.path)))
    func listMatchIgnoreUndo() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try ReconciliationTests.clients.write(to: folder.appendingPathComponent("clients.csv"), atomically: true, encoding: .utf8)
        try ReconciliationTests.invoices.write(to: folder.appendingPathComponent("invoices.csv"), atomically: true, encoding: .utf8)
        var builder = CamtBuilder()
        builder.add("1190.00", on: "2024-03-27", reference: "B-1", name: "Klee", text: ["INV K-1"])
        builder.add("80.00", on: "2024-03-27", reference: "B-2", name: "Moss Ltd")
        builder.add("5.00", on: "2024-03-27", reference: "B-3", name: "Stranger")
        try builder.document.write(to: folder.appendingPathComponent("stmt.xml"))
        for arguments in [["migrate"], ["import", "clients", "clients.csv"], ["import", "invoices", "invoices.csv"],
                          ["bank", "add", "--iban", "DE89370400440532013000", "--currency", "EUR", "--name", "Main"]] {
            let run = try cli.settle(arguments, in: folder)
            #expect(run.status == 0, "\(arguments): \(run.errors)")
        }
        let read = try cli.settle(["--as-of", "2024-03-27", "import", "statement", "stmt.xml"], in: folder)
        #expect(read.output.hasSuffix("applied 1, reversed 0, suggested 1, unmatched 1, ignored 0 (see `settle reconcile list`)\n"), "\(read.output)")

        let listed = try cli.settle(["reconcile", "list", "--status", "suggested", "--format", "json"], in: folder)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [[String: String]])
        #expect(rows.count == 1 && rows[0]["entry"] == "2" && rows[0]["amount"] == "80.00 EUR" && rows[0]["confidence"] == "80")
        #expect(rows[0]["candidates"]?.hasPrefix("M-1 (80: paid from the client's name") == true)
        let bad = try cli.settle(["reconcile", "list", "--status", "pending"], in: folder)
        #expect(bad.status != 0 && bad.errors.contains("--status must be one of unmatched, suggested, applied, ignored"))

        let matched = try cli.settle(["--as-of", "2024-03-27", "reconcile", "match", "2"], in: folder)
        #expect(matched.output == "entry 2: 80.00 EUR applied to M-1 of MOSS (payment 2)\n", "\(matched.errors)")
        let again = try cli.settle(["reconcile", "match", "2", "--invoice", "K-2"], in: folder)
        #expect(again.status == 1 && again.errors.contains("entry 2 is already applied"))
        #expect(try cli.settle(["reconcile", "ignore", "3", "--reason", "test transfer"], in: folder).output
                == "entry 3: ignored (test transfer)\n")
        #expect(try cli.settle(["reconcile", "undo", "3"], in: folder).output == "entry 3: back to unmatched\n")
        #expect(try cli.settle(["--as-of", "2024-03-27", "reconcile", "undo", "2"], in: folder).output == "entry 2: back to suggested\n")
        let timeline = try cli.settle(["timeline", "KLEE"], in: folder)
        #expect(timeline.output.contains("Bank statement: 1190.00 EUR received from Klee for K-1, matched automatically (confidence 95)"))
    }
}
