import SettleApp
import SettleCore
import SettleStore
import SettleTestSupport
import Testing

/// Accountants' exports of worked example 4's book with a spread payment, an overpayment and payments after the quarter.
@Suite struct ExportTests {
    static let invoices = MetricsReportTests.example4Invoices + "X-1,BETA,2024-03-20,2024-04-19,EUR,100.00,Beta's\n"
    static let payments = MetricsReportTests.example4Payments + """
        ACME,2024-03-25,EUR,3000.00,bank_transfer,spread,
        BETA,2024-03-28,EUR,150.00,card,too much,X-1
        ACME,2024-04-10,EUR,100.00,bank_transfer,after the quarter,M-1

        """

    func quarter() throws -> (Day, Day) { (try Day(parsing: "2024-01-01"), try Day(parsing: "2024-03-31")) }

    @Test(arguments: TestEngine.available)
    func invoicesAndPaymentsOfAQuarter(engine: TestEngine) async throws {
        try await withSettle(engine, today: "2024-04-30") { settle in
            _ = try await settle.importCSV("clients", twoClients)
            _ = try await settle.importCSV("invoices", Self.invoices)
            _ = try await settle.importCSV("payments", Self.payments)
            let (from, to) = try quarter()
            var pages: [[String]] = []
            try await settle.exportInvoices(from: from, to: to, pageSize: 2) { rows in
                pages.append(rows.map { row in
                    [row.number, row.client, row.clientName, "\(row.issueDate)", "\(row.dueDate)", row.amount.description,
                     row.balance.decimalString, row.status.rawValue].joined(separator: " | ")
                })
            }
            // O-1 was issued in December. As of 31 March: F-1 paid by 880 + 2,750 of the spread payment; M-1 owes
            // 3630 - 40 - 250 = 3,340 (the 100 of 10 April comes later); X-1 paid, with a discount (below).
            #expect(pages == [
                ["J-1 | ACME | Acme Inc | 2024-01-10 | 2024-02-09 | 3630.00 EUR | 0.00 | paid",
                 "F-1 | ACME | Acme Inc | 2024-02-10 | 2024-03-11 | 3630.00 EUR | 0.00 | paid"],
                ["M-1 | ACME | Acme Inc | 2024-03-15 | 2024-04-14 | 3630.00 EUR | 3340.00 | partially_paid",
                 "X-1 | BETA | Beta GmbH | 2024-03-20 | 2024-04-19 | 100.00 EUR | 0.00 | paid"],
            ])

            var payments: [String] = []
            try await settle.exportPayments(from: from, to: to, pageSize: 4) { rows in
                payments += rows.map { row in
                    ["\(row.date)", row.client, row.amount.description, row.method, row.reference, row.namedInvoice ?? "-",
                     row.allocations.map { "\($0.invoice) \($0.amount.decimalString)" }.joined(separator: "; "),
                     "unapplied " + row.unapplied.decimalString].joined(separator: " | ")
                }
            }
            #expect(payments == [
                "2024-01-20 | ACME | 6200.00 EUR | bank_transfer | late by 20 days | O-1 | O-1 6200.00 | unapplied 0.00",
                "2024-02-05 | ACME | 3630.00 EUR | bank_transfer | on time | J-1 | J-1 3630.00 | unapplied 0.00",
                "2024-03-01 | ACME | 880.00 EUR | bank_transfer | part | F-1 | F-1 880.00 | unapplied 0.00",
                "2024-03-20 | ACME | 40.00 EUR | bank_transfer | part | M-1 | M-1 40.00 | unapplied 0.00",
                // Oldest due first: F-1's 2,750, then 250 to M-1.
                "2024-03-25 | ACME | 3000.00 EUR | bank_transfer | spread | - | F-1 2750.00; M-1 250.00 | unapplied 0.00",
                // BETA's terms are 2/10 net 30: paid within 10 days, 98.00 settles X-1 (the 2.00 is a discount,
                // not money applied); 52.00 stays as BETA's credit.
                "2024-03-28 | BETA | 150.00 EUR | card | too much | X-1 | X-1 98.00 | unapplied 52.00",
            ])
            // A range with nothing in it writes nothing; a range the wrong way round is refused.
            var written = 0
            try await settle.exportInvoices(from: try Day(parsing: "2025-01-01"), to: try Day(parsing: "2025-12-31")) { written += $0.count }
            #expect(written == 0)
            await #expect(throws: InputError("the period starts on 2024-03-31, after it ends on 2024-01-01")) {
                try await settle.exportPayments(from: to, to: from) { _ in }
            }
        }
    }

    @Test(arguments: TestEngine.available)
    func actionsAndTimelineOfARange(engine: TestEngine) async throws {
        try await withSettle(engine, today: "2024-04-30") { settle in
            _ = try await settle.importCSV("clients", twoClients)
            _ = try await settle.importCSV("invoices", Self.invoices)
            _ = try await settle.importCSV("payments", Self.payments)
            let cycle = try await reopened(settle, today: "2024-04-20").collect(dryRun: false)
            #expect(!cycle.actions.isEmpty)
            var actions: [ActionExportRow] = []
            try await settle.exportActions(from: try Day(parsing: "2024-04-01"), to: try Day(parsing: "2024-04-30"), pageSize: 1) {
                actions += $0
            }
            #expect(actions.map { "\($0.day) \($0.invoice) \($0.stage) \($0.kind) \($0.status)" }.sorted()
                    == cycle.actions.map { "2024-04-20 \($0.invoice.value) \($0.stage) \($0.kind.rawValue) \($0.status.rawValue)" }.sorted())
            #expect(actions.allSatisfy { $0.client == "ACME" } && actions.map(\.id) == actions.map(\.id).sorted())
            var none = 0
            try await settle.exportActions(from: try Day(parsing: "2024-03-01"), to: try Day(parsing: "2024-04-19")) { none += $0.count }
            #expect(none == 0)

            let (from, to) = try quarter()
            var timeline: [TimelineExportRow] = []
            try await settle.exportTimeline(from: from, to: to) { timeline += $0 }
            // Client by client, each in day order; what happened in December (O-1 issued) or April is left out.
            let acme = try await settle.timeline(client: "ACME", invoice: nil).filter { $0.day >= from && $0.day <= to }
            #expect(timeline.filter { $0.client == "ACME" }.map(\.event) == acme)
            #expect(timeline.map(\.client) == Array(repeating: "ACME", count: acme.count) + Array(repeating: "BETA", count: 4))
            #expect(timeline.suffix(4).map { "\($0.event.day) \($0.event.kind) \($0.event.invoice ?? "-")" }
                    == ["2024-03-20 invoice X-1", "2024-03-28 payment X-1", "2024-03-28 discount X-1", "2024-03-28 allocation X-1"])
            #expect(acme.first.map { "\($0.day) \($0.kind) \($0.invoice ?? "-")" } == "2024-01-10 invoice J-1")
            #expect(!timeline.contains { $0.event.day < from || $0.event.day > to })
        }
    }
}
