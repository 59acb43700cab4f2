import Foundation
import SettleApp
import SettleCore
import SettleStore
import SettleTestSupport
import Testing

/// Client payment behaviour and the risk score on a small book worked out by hand.
@Suite struct ClientBehaviourTests {
    /// ACME (USD) and BETA (EUR and GBP), seen on 2024-06-30 from 2024-09-30: what happened after the
    /// 30th of June (payments, a promise's outcome, a dispute's resolution, a new dispute) does not count.
    static let clients = clientsHeader + """
        ACME,Acme Inc,business,ap@acme.example,,US,America/New_York,en,net 30
        BETA,Beta GmbH,business,ap@beta.example,,DE,Europe/Berlin,de,net 30
        NEWCO,Newco Ltd,business,ap@newco.example,,GB,Europe/London,en,net 30

        """
    static let invoices = invoicesHeader + """
        A1,ACME,2023-07-01,2023-07-31,USD,1000.00,on time
        A2,ACME,2023-08-01,2023-08-31,USD,3000.00,10 days late
        A3,ACME,2024-01-01,2024-01-31,USD,2000.00,30 days late
        A4,ACME,2024-02-01,2024-03-02,USD,2000.00,early
        A5,ACME,2024-05-01,2024-05-31,USD,4000.00,partly paid
        A6,ACME,2024-06-15,2024-07-15,USD,1500.00,not yet due
        A7,ACME,2024-05-15,2024-06-14,USD,500.00,paid after the day
        B1,BETA,2024-04-01,2024-05-01,EUR,1000.00,overdue
        B2,BETA,2024-06-01,2024-07-01,GBP,2000.00,not yet due
        B3,BETA,2024-03-01,2024-03-31,GBP,500.00,5 days late
        N1,NEWCO,2024-08-01,2024-08-31,GBP,100.00,after the day

        """
    static let payments = paymentsHeader + """
        ACME,2023-07-31,USD,1000.00,bank_transfer,P-A1,A1
        ACME,2023-09-10,USD,3000.00,bank_transfer,P-A2,A2
        ACME,2024-03-01,USD,2000.00,bank_transfer,P-A3,A3
        ACME,2024-02-25,USD,2000.00,bank_transfer,P-A4,A4
        ACME,2024-06-10,USD,1000.00,bank_transfer,P-A5,A5
        ACME,2024-07-20,USD,1500.00,bank_transfer,P-A6,A6
        ACME,2024-08-01,USD,500.00,bank_transfer,P-A7,A7
        BETA,2024-04-05,GBP,500.00,bank_transfer,P-B3,B3

        """

    static func book(_ settle: Settle) async throws {
        _ = try await settle.importCSV("clients", clients)
        _ = try await settle.importCSV("invoices", invoices)
        _ = try await settle.importCSV("payments", payments)
        let org = try await settle.organisation()
        let sql = settle.database.sql
        let ids = try await InvoiceStore(sql, orgID: org.id).list(InvoiceFilter()).reduce(into: [String: Int64]()) {
            $0[$1.invoice.number.value] = $1.id
        }
        let promises = PromiseStore(sql, orgID: org.id)
        for (invoice, made, promised, outcome, closed) in [
            ("A2", "2023-09-01", "2023-09-08", PromiseOutcome.broken, "2023-09-09"),
            ("A3", "2024-02-10", "2024-02-20", .broken, "2024-02-21"),
            ("A3", "2024-02-22", "2024-03-01", .kept, "2024-03-01"),
            ("A5", "2024-06-20", "2024-07-05", .broken, "2024-07-06"), // still open on 2024-06-30
        ] {
            let id = try await promises.add(invoiceID: try #require(ids[invoice]), madeOn: try Day(parsing: made),
                                            promisedDate: try Day(parsing: promised), amountMinor: nil, note: "", now: settle.timestamp)
            try await promises.close(id, status: outcome, on: try Day(parsing: closed))
        }
        let disputes = DisputeStore(sql, orgID: org.id)
        try await disputes.open(invoiceID: try #require(ids["A5"]), on: try Day(parsing: "2024-06-12"), reason: .quality, note: "",
                                now: settle.timestamp)
        _ = try await disputes.resolve(invoiceID: try #require(ids["A5"]), on: try Day(parsing: "2024-07-10"), outcome: .rejected,
                                       creditMinor: nil)
        try await disputes.open(invoiceID: try #require(ids["A6"]), on: try Day(parsing: "2024-08-01"), reason: .pricing, note: "",
                                now: settle.timestamp)
    }

    @Test(arguments: TestEngine.available)
    func figuresAndRiskAsOfAPastDay(engine: TestEngine) async throws {
        try await withSettle(engine, today: "2024-09-30") { settle in
            try await Self.book(settle)
            let report = try await settle.clientBehaviour(asOf: try Day(parsing: "2024-06-30"))
            #expect(report.clients.map(\.client) == ["ACME", "BETA"]) // NEWCO's first invoice is after the day
            let acme = try #require(report.clients.first)
            // Paid by the day: A1 1000 on time, A2 3000 10 days late, A3 2000 30 days late (31 Jan -> 1 Mar 2024),
            // A4 2000 early (0). Weighted by amount: (1000*0 + 3000*10 + 2000*30 + 2000*0) / 8000 = 90000 / 8000 = 11.25.
            #expect(acme.invoicesPaid == 4)
            #expect(acme.averageDaysLate == 11.25)
            // Sorted: 0 (1000), 0 (2000), 10 (3000), 30 (2000); half of 8000 is reached at 10.
            #expect(acme.medianDaysLate == 10)
            // On time: (1000 + 2000) / 8000 = 0.375.
            #expect(acme.sharePaidOnTime == 0.375)
            // Settled after 2023-12-30 (recent): A3 30 and A4 0, 2000 each -> 15.0;
            // settled 2023-07-01...2023-12-30 (previous): A1 0 (1000), A2 10 (3000) -> 30000 / 4000 = 7.5. +7.5 >= 5: worsening.
            #expect(acme.trend.recentDaysLate == 15 && acme.trend.previousDaysLate == 7.5)
            #expect(acme.trend.direction == .worsening)
            // Promises: A2 broken, A3 broken then kept; A5's closed after the day, so open on it.
            #expect(acme.promises == PromiseCounts(kept: 1, partlyKept: 0, broken: 2, open: 1))
            // A5's dispute was resolved after the day (open on it); A6's was opened after it (not counted).
            #expect(acme.disputes == DisputeCounts(opened: 1, open: 1))
            // Open: A5 4000 - 1000 = 3000 (due 31 May: overdue), A6 1500 (due 15 Jul: not yet), A7 500 (paid 1 Aug: open, overdue).
            let usd = try #require(acme.exposure.first)
            #expect(acme.exposure.count == 1)
            #expect(usd.open.description == "5000.00 USD" && usd.overdue.description == "3500.00 USD")
            #expect(usd.billed.description == "14000.00 USD" && usd.paid.description == "9000.00 USD")
            #expect(acme.invoicesIssued == 7)
            #expect(acme.tenureDays == 365) // 2023-07-01 to 2024-06-30
            // Risk: days late 11.25 / 60 * 25 = 4.69 -> 5; share late 0.625 * 20 = 12.5 -> 13; promises 2 of 3 broken * 15 = 10;
            // overdue 3500 / 5000 = 0.7 * 20 = 14; trend +7.5 / 30 * 10 = 2.5 -> 3; disputes 1 of 7 = 0.143 / 0.25 * 10 = 5.7 -> 6.
            let risk = acme.risk
            #expect(risk.factors.map(\.kind) == RiskFactor.Kind.allCases)
            #expect(risk.factors.map(\.weight) == [25, 20, 15, 20, 10, 10])
            #expect(risk.factors.map(\.points) == [5, 13, 10, 14, 3, 6])
            #expect(risk.factors.map(\.value) == ["11.3 days", "63% of the amount paid late", "2 of 3 broken",
                                                  "70% of 5000.00 USD overdue", "worsening: 7.5 -> 15.0 days late",
                                                  "1 of 7 invoices disputed"])
            #expect(risk.score == 51 && risk.level == .medium)

            let beta = try #require(report.clients.last)
            // Each currency on its own: EUR 1000 open and overdue; GBP 2000 open, not yet due (B3 paid).
            #expect(beta.exposure.map(\.currency) == [.EUR, .GBP])
            #expect(beta.exposure.map(\.open.decimalString) == ["1000.00", "2000.00"])
            #expect(beta.exposure.map(\.overdue.decimalString) == ["1000.00", "0.00"])
            // B3: 31 Mar -> 5 Apr, 5 days late, the only paid invoice.
            #expect(beta.invoicesPaid == 1 && beta.averageDaysLate == 5 && beta.medianDaysLate == 5 && beta.sharePaidOnTime == 0)
            #expect(beta.trend.direction == .unknown)
            // 5 / 60 * 25 = 2.08 -> 2; all late: 20; no promise: 0; EUR wholly overdue: 20; no trend: 0; no dispute: 0.
            #expect(beta.risk.factors.map(\.points) == [2, 20, 0, 20, 0, 0])
            #expect(beta.risk.score == 42)

            // Today (2024-09-30) A6 and A7 are paid too, only A5's 3000 is open, and the later dispute counts.
            let now = try await settle.clientBehaviour(client: "ACME")
            #expect(now.clients.count == 1)
            #expect(now.clients.first?.invoicesPaid == 6 && now.clients.first?.disputes == DisputeCounts(opened: 2, open: 1))
            #expect(now.clients.first?.exposure.first?.open.description == "3000.00 USD")
        }
    }

    /// An approval shows the client's behaviour and risk; the worklist keeps its order and pages and adds each client's risk.
    @Test(arguments: TestEngine.available)
    func approvalsAndTasksShowTheRisk(engine: TestEngine) async throws {
        try await withSettle(engine, today: "2024-01-01") { settle in
            _ = try await settle.importCSV("clients", twoClients)
            _ = try await settle.importCSV("invoices", invoicesHeader + "E-1,BETA,2024-01-01,2024-01-31,EUR,400.00,kitchen\n")
            for day in ["2024-02-14", "2024-03-01", "2024-04-01"] {
                _ = try await reopened(settle, today: day).collect(dryRun: false)
            }
            let april = try reopened(settle, today: "2024-04-01")
            let approval = try #require(try await april.approvals().first)
            // Nothing paid yet (no points for lateness), everything open is overdue (20 of 20), no promise, trend or dispute.
            #expect(approval.behaviour.client == "BETA" && approval.behaviour.invoicesPaid == 0)
            #expect(approval.risk.factors.map(\.points) == [0, 0, 0, 20, 0, 0])
            #expect(approval.risk.factors.first?.value == "no paid invoice")
            #expect(approval.risk.score == 20 && approval.risk.level == .low)

            let org = try await settle.organisation()
            let beta = try await settle.client("BETA")
            for (key, day) in [("call-2", "2024-03-20"), ("call-1", "2024-03-10"), ("call-3", "2024-03-20")] {
                try await TaskStore(settle.database.sql, orgID: org.id).add(
                    key: key, kind: .call, clientID: beta.id, invoiceID: nil, reason: "call BETA", day: try Day(parsing: day),
                    now: settle.timestamp)
            }
            let tasks = try await april.tasks(dueBy: nil)
            #expect(tasks.count >= 3)
            let worklist = try await april.worklist(dueBy: nil)
            #expect(worklist.map(\.task) == tasks)
            #expect(worklist.allSatisfy { $0.risk?.score == 20 })
            let page = try await april.worklist(dueBy: nil, after: (tasks[0].dueDay, tasks[0].id), limit: 1)
            #expect(page.map(\.task) == Array(tasks.dropFirst().prefix(1)))
        }
    }
}
