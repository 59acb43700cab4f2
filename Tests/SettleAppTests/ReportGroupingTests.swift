import SettleApp
import SettleCore
import SettleStore
import SettleTestSupport
import SQLKit
import Testing

/// Aging by country and by stage reached with its drill-down, and which stages get invoices paid,
/// on a book chased by the real daily cycle.
@Suite struct ReportGroupingTests {
    static let policy = """
        name: three-steps
        stages:
          - {id: nudge, offset: 1, actions: [email], tone: polite}
          - {id: firm, offset: 7, actions: [email], tone: firm}
          - {id: call, offset: 21, actions: [call_task], tone: firm}

        """

    /// Four invoices due Monday 2024-03-04, chased on 03-05 (nudge), 03-11 (firm) and 03-25 (call):
    /// E-4 (EUR) paid 03-06, E-1 paid 03-08, E-2 paid 03-23, E-3 only 50.00 of 300.00 on 03-27 (and
    /// 10.00 on 03-06 that bounced on 03-07). E-5 is due later and never chased.
    func chasedBook(_ settle: Settle) async throws {
        _ = try await settle.importCSV("clients", twoClients)
        _ = try await settle.importCSV("invoices", invoicesHeader + """
            E-1,ACME,2024-02-03,2024-03-04,USD,100.00,paid 3 days after the nudge
            E-2,ACME,2024-02-03,2024-03-04,USD,200.00,paid 18 days after the nudge
            E-3,ACME,2024-02-03,2024-03-04,USD,300.00,partly paid
            E-4,BETA,2024-02-03,2024-03-04,EUR,400.00,paid the day after the nudge
            E-5,ACME,2024-03-20,2024-04-30,USD,80.00,not due yet

            """)
        _ = try await settle.applyPolicy(Self.policy, file: "three-steps.yaml")
        try await settle.assignPolicy("three-steps", client: "ACME")
        try await settle.assignPolicy("three-steps", client: "BETA")
        _ = try await reopened(settle, today: "2024-03-05").collect(dryRun: false)
        _ = try await settle.importCSV("payments", paymentsHeader + """
            BETA,2024-03-06,EUR,400.00,bank_transfer,e4,E-4
            ACME,2024-03-06,USD,10.00,check,bounces,E-3
            ACME,2024-03-08,USD,100.00,bank_transfer,e1,E-1

            """)
        let bounced = try #require(try await settle.database.sql.raw("SELECT id FROM payments WHERE reference = 'bounces'").first())
        _ = try await reopened(settle, today: "2024-03-07").reversePayment(try bounced.decode(column: "id", as: Int64.self), reason: .bounced)
        _ = try await reopened(settle, today: "2024-03-11").collect(dryRun: false)
        _ = try await settle.importCSV("payments", paymentsHeader + "ACME,2024-03-23,USD,200.00,bank_transfer,e2,E-2\n")
        _ = try await reopened(settle, today: "2024-03-25").collect(dryRun: false)
        _ = try await settle.importCSV("payments", paymentsHeader + "ACME,2024-03-27,USD,50.00,bank_transfer,e3,E-3\n")
    }

    func line(_ row: StageEffectiveness.Row) -> String {
        "\(row.key) \(row.reached) \(row.paidWithin) \(row.medianDaysToPay.map(String.init) ?? "-") "
            + row.recovered.map { "\($0.decimalString) \($0.currency.code)" }.joined(separator: " + ")
    }

    @Test(arguments: TestEngine.available)
    func effectivenessCountsPaymentsAfterEachStage(engine: TestEngine) async throws {
        try await withSettle(engine, today: "2024-04-30") { settle in
            try await chasedBook(settle)
            let from = try Day(parsing: "2024-03-01"), to = try Day(parsing: "2024-03-31")
            let stages = try await settle.effectivenessReport(.stage, from: from, to: to)
            // nudge (03-05): E-4 paid after 1 day, E-1 after 3, E-2 after 18, E-3 not paid; lower median of 1, 3, 18 = 3.
            //   Recovered in 30 days: 400.00 EUR; 100 + 200 + 50 = 350.00 USD (the bounced 10.00 left out).
            // firm (03-11): E-2 after 12 days, E-3 not paid; recovered 200 + 50.
            // call (03-25): E-3 not paid; recovered the 50.00 of 03-27.
            #expect(stages.rows.map(line) == [
                "call 1 [0, 0, 0] - 50.00 USD",
                "firm 2 [0, 1, 1] 12 250.00 USD",
                "nudge 4 [2, 2, 3] 3 400.00 EUR + 350.00 USD",
            ])
            #expect(stages.rows.last?.sharePaidWithin == [50, 50, 75])
            let channels = try await settle.effectivenessReport(.channel, from: from, to: to)
            #expect(channels.rows.map(line) == ["call_task 1 [0, 0, 0] - 50.00 USD", "email 4 [2, 2, 3] 3 400.00 EUR + 350.00 USD"])
            // The firm tone first acted on 03-11 (the call on 03-25 is firm too, on an invoice already counted).
            let tones = try await settle.effectivenessReport(.tone, from: from, to: to)
            #expect(tones.rows.map(line) == ["firm 2 [0, 1, 1] 12 250.00 USD", "polite 4 [2, 2, 3] 3 400.00 EUR + 350.00 USD"])
            // Seen from 2024-03-20, E-2's payment had not arrived: only E-4 and E-1 count as paid.
            let earlier = try await reopened(settle, today: "2024-03-20").effectivenessReport(.stage, from: from, to: to)
            #expect(earlier.rows.map(line) == ["firm 2 [0, 0, 0] - ", "nudge 4 [2, 2, 2] 1 400.00 EUR + 100.00 USD"])
            // A period that ends before the first action reaches nothing.
            #expect(try await settle.effectivenessReport(.stage, from: from, to: try Day(parsing: "2024-03-04")).rows.isEmpty)
            await #expect(throws: InputError.self) { _ = try await settle.effectivenessReport(.stage, from: to, to: from) }
        }
    }

    @Test(arguments: TestEngine.available)
    func agingByCountryAndStageWithTheInvoicesBehindARow(engine: TestEngine) async throws {
        try await withSettle(engine, today: "2024-04-30") { settle in
            try await chasedBook(settle)
            let asOf = try Day(parsing: "2024-03-31")
            func rows(_ report: AgingReport) -> [String] {
                report.rows.map { row in "\(row.key) \(row.amounts.currency.code) " + AgingBucket.allCases.map { row.amounts[$0].decimalString }.joined(separator: " ") }
            }
            // As of 03-31 E-3 owes 250.00 (27 days late, last chased by the call); E-5 (80.00) is current and never chased.
            let byStage = try await settle.agingReport(asOf: asOf, grouping: .stage)
            #expect(rows(byStage) == ["call USD 0.00 250.00 0.00 0.00 0.00", "none USD 80.00 0.00 0.00 0.00 0.00"])
            let byCountry = try await settle.agingReport(asOf: asOf, grouping: .country)
            #expect(rows(byCountry) == ["US USD 80.00 250.00 0.00 0.00 0.00"])
            // As of 03-20, before the call, E-3 (300.00: its 10.00 of 03-06 bounced) sat at "firm" with E-2.
            let before = try await settle.agingReport(asOf: try Day(parsing: "2024-03-20"), grouping: .stage)
            #expect(rows(before) == ["firm USD 0.00 500.00 0.00 0.00 0.00", "none USD 80.00 0.00 0.00 0.00 0.00"])
            let behind = try await settle.agingInvoices(asOf: try Day(parsing: "2024-03-20"), grouping: .stage, key: "firm")
            #expect(behind.map { "\($0.number) \($0.daysPastDue) \($0.bucket.rawValue) \($0.balance.decimalString)" } == ["E-2 16 1-30 200.00", "E-3 16 1-30 300.00"])
            #expect(try await settle.agingInvoices(asOf: asOf, grouping: .country, key: "DE", limit: 10).isEmpty)
            #expect(try await settle.agingInvoices(asOf: asOf, key: nil, limit: 1).map(\.number) == ["E-3"])
        }
    }
}
