import SettleApp
import SettleCore
import SettleStore
import SettleTestSupport
import Testing

/// Promises and disputes of March 2024, made through the Settle API on their days and judged by a daily cycle.
@Suite struct PromiseReportTests {
    func on(_ settle: Settle, _ day: String) throws -> Settle { try reopened(settle, today: day) }

    func report(_ settle: Settle, _ from: String, _ to: String) async throws -> PromiseReport {
        try await settle.promiseReport(from: try Day(parsing: from), to: try Day(parsing: to))
    }

    @Test(arguments: TestEngine.available)
    func promisesAndDisputesOfAMonth(engine: TestEngine) async throws {
        try await withSettle(engine, today: "2024-04-30") { settle in
            _ = try await settle.importCSV("clients", twoClients)
            _ = try await settle.importCSV("invoices", invoicesHeader + """
                P-1,ACME,2024-01-01,2024-01-31,EUR,1000.00,kept
                P-2,ACME,2024-01-01,2024-01-31,EUR,2000.00,partly kept
                P-3,ACME,2024-01-01,2024-01-31,EUR,500.00,broken
                P-4,ACME,2024-01-01,2024-01-31,EUR,800.00,replaced then open
                P-5,ACME,2024-01-01,2024-01-31,USD,300.00,dollars
                D-1,ACME,2024-01-01,2024-01-31,EUR,700.00,rejected
                D-2,ACME,2024-01-01,2024-01-31,EUR,900.00,partly credited
                D-3,ACME,2024-01-01,2024-01-31,EUR,400.00,still open
                D-4,ACME,2024-01-01,2024-01-31,EUR,600.00,resolved in April

                """)
            // Made before March: not counted (and replaced on 31 March).
            _ = try await on(settle, "2024-02-20").addPromise(invoice: "P-5", date: try Day(parsing: "2024-03-15"), amount: nil, note: "")
            try await on(settle, "2024-02-25").openDispute(invoice: "D-1", reason: .quality, note: "")
            let first = try on(settle, "2024-03-01")
            _ = try await first.addPromise(invoice: "P-1", date: try Day(parsing: "2024-03-10"), amount: "600.00", note: "")
            _ = try await first.addPromise(invoice: "P-2", date: try Day(parsing: "2024-03-10"), amount: "1500.00", note: "")
            _ = try await first.addPromise(invoice: "P-3", date: try Day(parsing: "2024-03-10"), amount: nil, note: "the balance")
            _ = try await on(settle, "2024-03-02").addPromise(invoice: "P-4", date: try Day(parsing: "2024-03-20"), amount: "300.00", note: "")
            try await on(settle, "2024-03-03").openDispute(invoice: "D-2", reason: .pricing, note: "")
            // A new promise on P-4 cancels the first; its date plus grace (28 March) is not judged by 31 March.
            _ = try await on(settle, "2024-03-05").addPromise(invoice: "P-4", date: try Day(parsing: "2024-03-25"), amount: nil, note: "")
            try await on(settle, "2024-03-05").resolveDispute(invoice: "D-1", outcome: .rejected, credit: nil)
            _ = try await settle.importCSV("payments", paymentsHeader + """
                ACME,2024-03-08,EUR,600.00,bank_transfer,,P-1
                ACME,2024-03-09,EUR,500.00,bank_transfer,,P-2

                """)
            try await on(settle, "2024-03-10").resolveDispute(invoice: "D-2", outcome: .partial, credit: "100.00")
            // The cycle after the grace days (10 March + 3) judges the first three promises.
            _ = try await on(settle, "2024-03-14").collect(dryRun: false)
            try await on(settle, "2024-03-20").openDispute(invoice: "D-3", reason: .notReceived, note: "")
            try await on(settle, "2024-03-25").openDispute(invoice: "D-4", reason: .duplicate, note: "")
            _ = try await on(settle, "2024-03-31").addPromise(invoice: "P-5", date: try Day(parsing: "2024-04-05"), amount: "100.00", note: "")
            try await on(settle, "2024-04-02").resolveDispute(invoice: "D-4", outcome: .upheld, credit: nil)

            let march = try await report(settle, "2024-03-01", "2024-03-31")
            func tally(_ standing: PromiseStanding) -> String {
                let tally = march[standing]
                return "\(tally.count): " + tally.amounts.map(\.description).joined(separator: ", ")
            }
            // Six made in March: 600 + 1500 + 500 (P-3's balance on 1 March) + 300 + 800 (P-4's balance on 5 March) EUR, 100 USD.
            #expect("\(march.made.count): " + march.made.amounts.map(\.description).joined(separator: ", ") == "6: 3700.00 EUR, 100.00 USD")
            #expect(tally(.kept) == "1: 600.00 EUR")
            #expect(tally(.partlyKept) == "1: 1500.00 EUR")
            #expect(tally(.broken) == "1: 500.00 EUR")
            #expect(tally(.cancelled) == "1: 300.00 EUR")
            #expect(tally(.open) == "2: 800.00 EUR, 100.00 USD")
            // Kept in full: 1 of the 3 judged.
            #expect(march.keptRate?.description == "33.33")
            // Opened in March: D-2 pricing, D-3 not received, D-4 duplicate (D-1 was opened in February).
            #expect(march.disputesOpened.map { "\($0.name) \($0.count)" }
                    == ["pricing 1", "quality 0", "not_received 1", "duplicate 1", "other 0"])
            // Resolved in March: D-1 rejected after 9 days (25 Feb - 5 Mar, 2024 a leap year), D-2 partial after 7.
            #expect(march.disputesResolved.map { "\($0.name) \($0.count)" } == ["upheld 0", "rejected 1", "partial 1"])
            #expect(march.averageDaysToResolve?.description == "8.00" && march.medianDaysToResolve?.description == "8.00")
            // Open on 31 March: D-3 and D-4 (resolved in April).
            #expect(march.disputesOpenAtEnd == 2)

            // As of 12 March the first three promises were not judged yet, P-4's first was already replaced.
            let early = try await report(settle, "2024-03-01", "2024-03-12")
            #expect(early.made.count == 5 && early[.open].count == 4 && early[.cancelled].count == 1)
            #expect(early[.open].amounts.map(\.description) == ["3400.00 EUR"] && early.keptRate == nil)
            #expect(early.disputesResolved.map(\.count) == [0, 1, 1] && early.disputesOpenAtEnd == 0)
            // April: D-4 upheld after 8 days; nothing made.
            let april = try await report(settle, "2024-04-01", "2024-04-30")
            #expect(april.made.count == 0 && april.disputesResolved.map(\.count) == [1, 0, 0])
            #expect(april.medianDaysToResolve?.description == "8.00" && april.disputesOpenAtEnd == 1)
        }
    }
}
