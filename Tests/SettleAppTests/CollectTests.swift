import SettleApp
import SettleCore
import SettleStore
import SettleTestSupport
import Testing

/// The daily cycle through the store: idempotent, catch-up, holds, money posted once.
@Suite struct CollectTests {
    static let book = invoicesHeader + """
        K-1,ACME,2024-03-01,2024-03-31,USD,1000.00,first
        K-2,ACME,2024-03-05,2024-04-04,USD,500.00,second
        K-3,BETA,2024-03-01,2024-03-31,EUR,700.00,other client

        """

    static let feePolicy = """
        name: with-fee
        late_fee: {flat: "25.00", percent: "1", maximum: "40.00"}
        stages:
          - {id: due, offset: 0, actions: [email], tone: polite}
          - {id: fee, offset: 10, actions: [email, late_fee], tone: firm}
          - {id: call, offset: 20, actions: [call_task], tone: firm}

        """

    func prepared(_ settle: Settle) async throws {
        _ = try await settle.importCSV("clients", twoClients)
        _ = try await settle.importCSV("invoices", Self.book)
    }

    func run(_ settle: Settle, on day: String) async throws -> CollectResult {
        try await reopened(settle, today: day).collect(dryRun: false)
    }

    @Test(arguments: TestEngine.available)
    func aDayRunTwiceRecordsNothingNewAndConsolidates(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            try await prepared(settle)
            let first = try await run(settle, on: "2024-04-01")
            // K-1 is 1 day overdue (overdue-1); K-2 is 3 days before due (pre-due): one email for ACME.
            let acme = first.messages.filter { $0.client == "ACME" }
            #expect(acme.count == 1)
            #expect(acme.first?.invoices.map(\.value) == ["K-1", "K-2"])
            #expect(acme.first?.tone == .polite)
            let recorded = try await count("actions", in: settle)
            let again = try await run(settle, on: "2024-04-01")
            #expect(try await count("actions", in: settle) == recorded)
            #expect(again.actions.isEmpty)
            let dry = try await reopened(settle, today: "2024-04-07").collect(dryRun: true)
            #expect(!dry.actions.isEmpty)
            #expect(try await count("actions", in: settle) == recorded)
        }
    }

    @Test(arguments: TestEngine.available)
    func aGapGivesOneCatchUpMessagePerInvoiceAndTheFeeOnce(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            try await prepared(settle)
            let policyFile = Self.feePolicy
            _ = try await settle.applyPolicy(policyFile, file: "fee.yaml")
            try await settle.assignPolicy("with-fee", client: "ACME")
            _ = try await run(settle, on: "2024-03-31")
            let afterGap = try await run(settle, on: "2024-04-25")
            let due = afterGap.actions.filter { $0.status == .due && $0.invoice.value == "K-1" }.map { "\($0.stage) \($0.kind.rawValue)" }
            #expect(due == ["fee late_fee", "call call_task"])
            #expect(afterGap.actions.filter { $0.invoice.value == "K-1" && $0.status == .skipped }.map(\.stage) == ["fee"])
            // 25.00 + 1 % of 1000.00 = 35.00 (under the 40.00 maximum), posted once.
            #expect(afterGap.fees.map { "\($0.invoice) \($0.amount)" }.contains("K-1 35.00 USD"))
            _ = try await run(settle, on: "2024-04-25")
            _ = try await run(settle, on: "2024-04-26")
            #expect(try await settle.invoiceDetail("K-1").entries.filter { $0.kind == .fee }.map(\.amount.decimalString) == ["35.00"])
            #expect(try await settle.tasks(dueBy: try Day(parsing: "2024-04-25")).map(\.kind) .contains(.call))
        }
    }

    @Test(arguments: TestEngine.available)
    func disputePromisePauseAndHardshipHoldTheRightInvoices(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            try await prepared(settle)
            let day = reopenedOn(settle, "2024-04-02")
            try await day.openDispute(invoice: "K-1", reason: .quality, note: "scratched")
            let disputed = try await day.collect(dryRun: true)
            #expect(!disputed.actions.contains { $0.invoice.value == "K-1" })
            #expect(disputed.actions.contains { $0.invoice.value == "K-2" })
            try await day.resolveDispute(invoice: "K-1", outcome: .partial, credit: "100.00")
            #expect(try await settle.balance("K-1") == "900.00")

            let promised = try await day.addPromise(invoice: "K-3", date: try Day(parsing: "2024-04-10"), amount: nil, note: "")
            #expect(promised > 0)
            let courtesy = try await reopened(settle, today: "2024-04-09").collect(dryRun: true)
            #expect(courtesy.actions.filter { $0.invoice.value == "K-3" }.map(\.template) == ["courtesy"])
            let inGrace = try await reopened(settle, today: "2024-04-13").collect(dryRun: true)
            #expect(!inGrace.actions.contains { $0.invoice.value == "K-3" })
            let broken = try await reopened(settle, today: "2024-04-14").collect(dryRun: false)
            #expect(broken.actions.filter { $0.invoice.value == "K-3" && $0.status == .due }.map(\.template).contains("broken_promise"))
            await #expect(throws: InputError.self) {
                _ = try await day.addPromise(invoice: "K-3", date: try Day(parsing: "2024-09-01"), amount: nil, note: "too late")
            }

            try await day.pauseClient("ACME", until: try Day(parsing: "2024-04-20"), note: "owner on holiday")
            #expect(try await reopened(settle, today: "2024-04-15").collect(dryRun: true).actions.filter { $0.client == "ACME" }.isEmpty)
            try await day.setHardship(client: "BETA", until: try Day(parsing: "2024-12-31"), note: "flood")
            let hardship = try await reopened(settle, today: "2024-05-20").collect(dryRun: true)
            let beta = hardship.actions.filter { $0.client == "BETA" && $0.status == .due }
            #expect(beta.allSatisfy { $0.tone == .supportive || !$0.kind.isMessage })
            #expect(!beta.contains { $0.kind == .lateFee || $0.kind == .interest || $0.kind == .escalate })
        }
    }

    @Test(arguments: TestEngine.available)
    func explainAndSimulateTellWhatWasDoneAndWhatWillBe(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            try await prepared(settle)
            _ = try await run(settle, on: "2024-04-01")
            _ = try await run(settle, on: "2024-04-20")
            let explanation = try await reopened(settle, today: "2024-04-20").explain("K-1")
            #expect(explanation.policy == "standard")
            #expect(explanation.lines.map { "\($0.stage) \($0.day) \($0.state)" } == [
                // The first run (2024-04-01) caught up: pre-due passed unsent; the gap to 2024-04-20 skipped overdue-7.
                "pre-due 2024-03-28 skipped", "overdue-1 2024-04-01 done", "overdue-7 2024-04-07 skipped",
                "overdue-14 2024-04-14 done", "overdue-30 2024-04-30 planned", "overdue-45 2024-05-15 planned",
                "escalate-60 2024-05-30 planned",
            ])
            let days = try await reopened(settle, today: "2024-04-20").simulate(from: try Day(parsing: "2024-04-21"), days: 40)
            let k1 = days.flatMap { day in day.actions.filter { $0.invoice.value == "K-1" && $0.status != .skipped }.map { "\(day.day) \($0.stage)" } }
            #expect(k1.first == "2024-04-30 overdue-30")
            #expect(k1.contains("2024-05-30 escalate-60"))
            #expect(try await count("actions", in: settle) == (try await count("actions", in: reopened(settle, today: "2024-06-30"))))
        }
    }

    func reopenedOn(_ settle: Settle, _ day: String) -> Settle {
        (try? reopened(settle, today: day)) ?? settle
    }
}
