import Foundation
import SettleApp
import SettleCore
import SettleStore
import SettleTestSupport
import Testing

/// Collection metrics end to end: books built through the CSV import, figures read by `MetricsQuery`.
@Suite struct MetricsReportTests {
    func days(_ from: String, _ to: String) throws -> (Day, Day) { (try Day(parsing: from), try Day(parsing: to)) }

    func metrics(_ settle: Settle, _ from: String, _ to: String, convert: Bool = false) async throws -> MetricsReport {
        let (first, last) = try days(from, to)
        return try await settle.collectionMetrics(from: first, to: last, convert: convert)
    }

    /// Worked example 6 as a book: April 2024 (30 days). AR on 30 April 15,000 = P-1 5,000 (March, overdue)
    /// + S-1 6,000 (overdue since 15 April) + S-2 4,000 (due in May: current); credit sales 10,000.
    @Test(arguments: TestEngine.available)
    func workedExample6(engine: TestEngine) async throws {
        try await withSettle(engine, today: "2024-06-30") { settle in
            _ = try await settle.importCSV("clients", twoClients)
            _ = try await settle.importCSV("invoices", invoicesHeader + """
                P-1,ACME,2024-03-01,2024-03-31,EUR,5000.00,March
                S-1,ACME,2024-04-01,2024-04-15,EUR,6000.00,April overdue
                S-2,ACME,2024-04-05,2024-05-05,EUR,4000.00,April current
                L-1,ACME,2024-05-02,2024-06-01,EUR,999.00,issued after the period

                """)
            // Paid after the period: on 30 April it was still owed.
            _ = try await settle.importCSV("payments", paymentsHeader + "ACME,2024-05-10,EUR,6000.00,bank_transfer,late,S-1\n")
            let report = try await metrics(settle, "2024-04-01", "2024-04-30")
            #expect(report.currencies.map(\.currency.code) == ["EUR"] && report.convertedInto == nil)
            let april = try #require(report.currencies.first?.period)
            #expect(april.days == 30 && april.months == 1)
            #expect(april.figures.endingReceivables.decimalString == "15000.00")
            #expect(april.figures.endingCurrentReceivables.decimalString == "4000.00")
            #expect(april.figures.creditSales.decimalString == "10000.00")
            #expect(april.figures.beginningReceivables.decimalString == "5000.00")
            // 15000 / 10000 * 30 = 45; 4000 / 10000 * 30 = 12; ADD 33.
            #expect(april.standardDSO?.description == "45.00")
            #expect(april.bestPossibleDSO?.description == "12.00")
            #expect(april.averageDaysDelinquent?.description == "33.00")
            // Countback: April's 10,000 < 15,000 -> 30 days, 5,000 left = March's sales -> + 31 days.
            #expect(april.countbackDSO.description == "61.00")
            // CEI (N = 1): (5000 + 10000 - 15000) / (5000 + 10000 - 4000) = 0; nothing collected.
            #expect(april.collectionEffectivenessIndex?.description == "0.00")
            #expect(april.collectionRate?.description == "0.00")
            #expect(april.figures.settled.invoices == 0 && april.averageDaysToPay == nil)
        }
    }

    /// Worked example 4 as a book, Q1 2024 (91 days, N = 3): beginning AR 6,200 (O-1), credit sales 3,630 a month,
    /// ending AR 6,340 of which 3,590 current: O-1 and J-1 paid in full, F-1 paid 880 (2,750 left, overdue),
    /// M-1 paid 40 (3,590 left, due in April).
    static let example4Invoices = invoicesHeader + """
        O-1,ACME,2023-12-01,2023-12-31,EUR,6200.00,before the quarter
        J-1,ACME,2024-01-10,2024-02-09,EUR,3630.00,January
        F-1,ACME,2024-02-10,2024-03-11,EUR,3630.00,February
        M-1,ACME,2024-03-15,2024-04-14,EUR,3630.00,March

        """
    static let example4Payments = paymentsHeader + """
        ACME,2024-01-20,EUR,6200.00,bank_transfer,late by 20 days,O-1
        ACME,2024-02-05,EUR,3630.00,bank_transfer,on time,J-1
        ACME,2024-03-01,EUR,880.00,bank_transfer,part,F-1
        ACME,2024-03-20,EUR,40.00,bank_transfer,part,M-1

        """

    @Test(arguments: TestEngine.available)
    func workedExample4(engine: TestEngine) async throws {
        try await withSettle(engine, today: "2024-04-30") { settle in
            _ = try await settle.importCSV("clients", twoClients)
            _ = try await settle.importCSV("invoices", Self.example4Invoices)
            _ = try await settle.importCSV("payments", Self.example4Payments)
            let report = try await metrics(settle, "2024-01-01", "2024-03-31")
            let euro = try #require(report.currencies.first)
            let quarter = euro.period
            #expect(quarter.days == 91 && quarter.months == 3)
            #expect([quarter.figures.beginningReceivables, quarter.figures.endingReceivables, quarter.figures.endingCurrentReceivables,
                     quarter.figures.creditSales, quarter.figures.collections, quarter.figures.writeOffs].map(\.decimalString)
                    == ["6200.00", "6340.00", "3590.00", "10890.00", "10750.00", "0.00"])
            // (6200 + 3630 - 6340) / (6200 + 3630 - 3590) = 3490 / 6240 = 55.93 %.
            #expect(quarter.collectionEffectivenessIndex?.description == "55.93")
            // 6340 / 10890 * 91 = 52.98; 3590 / 10890 * 91 = 29.9991 -> 30.00; 2750 / 10890 * 91 = 22.98.
            #expect([quarter.standardDSO, quarter.bestPossibleDSO, quarter.averageDaysDelinquent].map { $0?.description }
                    == ["52.98", "30.00", "22.98"])
            // Countback: March 3,630 (31 days), then 2,710 / 3,630 of February's 29 days = 21.65.
            #expect(quarter.countbackDSO.description == "52.65")
            // 10750 / (6200 + 10890) = 62.90 %.
            #expect(quarter.collectionRate?.description == "62.90")
            // Settled in the quarter: O-1 after 50 days (late), J-1 after 26 days (on time): 38.00 days, 50.00 %.
            #expect(quarter.figures.settled == Settlements(invoices: 2, daysToPay: 76, onTime: 1))
            #expect(quarter.averageDaysToPay?.description == "38.00" && quarter.sharePaidOnTime?.description == "50.00")

            // The trend: April 2023 to March 2024, oldest first.
            #expect(euro.trend.map { String($0.figures.from.description.prefix(7)) }.first == "2023-04")
            #expect(euro.trend.map(\.figures.to.description).last == "2024-03-31")
            let (december, january, february, march) = (euro.trend[8], euro.trend[9], euro.trend[10], euro.trend[11])
            // December: O-1 sold and owed, due on the 31st (current): DSO 6200 / 6200 * 31; CEI undefined (0 / 0).
            #expect(december.standardDSO?.description == "31.00" && december.collectionEffectivenessIndex == nil)
            // January: 6,200 at the start, 3,630 sold, 6,200 collected, 3,630 owed (current): CEI 100.
            #expect(january.figures.collections.decimalString == "6200.00" && january.collectionEffectivenessIndex?.description == "100.00")
            #expect(january.averageDaysToPay?.description == "50.00" && january.sharePaidOnTime?.description == "0.00")
            #expect(february.averageDaysToPay?.description == "26.00" && february.sharePaidOnTime?.description == "100.00")
            // March: (3630 + 3630 - 6340) / (3630 + 3630 - 3590) = 920 / 3670 = 25.07; DSO 6340 / 3630 * 31 = 54.14;
            // collected 920 / 7260 = 12.67 %.
            #expect(march.collectionEffectivenessIndex?.description == "25.07")
            #expect(march.standardDSO?.description == "54.14" && march.collectionRate?.description == "12.67")
            // Months without anything: no DSO, a countback of 0.
            #expect(euro.trend[0].standardDSO == nil && euro.trend[0].countbackDSO.description == "0.00")
        }
    }

    /// Worked example 5 on a real calendar: AR 212,000 on 31 March 2024; sales 100,000 (March, 31 days),
    /// 80,000 (February, 29 days), 70,000 (January, 31 days).
    @Test(arguments: TestEngine.available)
    func countbackAcrossMonthsOfDifferentLength(engine: TestEngine) async throws {
        try await withSettle(engine, today: "2024-04-30") { settle in
            _ = try await settle.importCSV("clients", twoClients)
            _ = try await settle.importCSV("invoices", invoicesHeader + """
                D-1,ACME,2023-12-15,2024-01-14,EUR,50000.00,December
                J-1,ACME,2024-01-15,2024-02-14,EUR,70000.00,January
                F-1,ACME,2024-02-15,2024-03-16,EUR,80000.00,February
                M-1,ACME,2024-03-15,2024-04-14,EUR,100000.00,March

                """)
            _ = try await settle.importCSV("payments", paymentsHeader + """
                ACME,2024-03-10,EUR,50000.00,bank_transfer,,D-1
                ACME,2024-03-10,EUR,38000.00,bank_transfer,,J-1

                """)
            let euro = try #require(try await metrics(settle, "2024-03-01", "2024-03-31").currencies.first)
            #expect(euro.period.figures.endingReceivables.decimalString == "212000.00")
            // 31 + 29 + 32,000 / 70,000 * 31 = 60 + 14.1714 = 74.17 (with 30-day months it would be 73.71).
            #expect(euro.period.countbackDSO.description == "74.17")
            // On 29 February 200,000 was owed: February 29 days, January 31, then December's 50,000 covers the
            // last 50,000 exactly: 31 more: 91.00.
            #expect(euro.trend[10].figures.endingReceivables.decimalString == "200000.00")
            #expect(euro.trend[10].countbackDSO.description == "91.00")
            // Up to 9 March only 9 of its days count, with nothing sold in them yet; nothing paid yet either:
            // AR 200,000 = 9 + 29 (80,000) + 31 (70,000) + 50,000 / 50,000 of December's 31 days = 100.00.
            let early = try #require(try await metrics(settle, "2024-03-01", "2024-03-09").currencies.first)
            #expect(early.period.figures.endingReceivables.decimalString == "200000.00")
            #expect(early.period.countbackDSO.description == "100.00")
        }
    }

    /// EUR organisation: E-1 1,000.00 EUR and U-1 2,000.00 USD sold in March 2024, 500.00 USD collected.
    static let twoCurrencies = invoicesHeader + """
        E-1,ACME,2024-03-01,2024-03-31,EUR,1000.00,euro
        U-1,ACME,2024-03-05,2024-04-04,USD,2000.00,dollars

        """

    @Test(arguments: TestEngine.available)
    func currenciesConvertedAtTheRateOfTheLastDay(engine: TestEngine) async throws {
        try await withSettle(engine, today: "2024-04-30") { settle in
            _ = try await settle.importCSV("clients", twoClients)
            _ = try await settle.importCSV("invoices", Self.twoCurrencies)
            _ = try await settle.importCSV("payments", paymentsHeader + "ACME,2024-03-20,USD,500.00,bank_transfer,,U-1\n")
            for (day, rate) in [("2024-02-29", "0.90"), ("2024-03-31", "0.9215"), ("2024-04-15", "0.95")] {
                _ = try await settle.addExchangeRate(currency: "USD", day: day, rate: rate)
            }
            // Per currency: EUR 1000 / 1000 * 31 = 31.00; USD 1500 / 2000 * 31 = 23.25.
            let apart = try await metrics(settle, "2024-03-01", "2024-03-31")
            #expect(apart.currencies.map(\.currency.code) == ["EUR", "USD"])
            #expect(apart.currencies.map { $0.period.standardDSO?.description } == ["31.00", "23.25"])
            // Converted at 0.9215 (the rate of 31 March; 15 April's is later): AR 1000 + 1500 * 0.9215 = 2382.25,
            // sales 1000 + 1843.00 = 2843.00, collections 460.75; DSO 2382.25 / 2843.00 * 31 = 25.976 -> 25.98.
            let together = try await metrics(settle, "2024-03-01", "2024-03-31", convert: true)
            #expect(together.convertedInto == .EUR)
            #expect(together.ratesUsed.map { "\($0.currency) \($0.rate) \($0.day)" } == ["USD 0.9215 2024-03-31"])
            let total = try #require(together.currencies.first)
            #expect(together.currencies.count == 1 && total.currency == .EUR)
            #expect([total.period.figures.endingReceivables, total.period.figures.creditSales, total.period.figures.collections]
                .map(\.decimalString) == ["2382.25", "2843.00", "460.75"])
            #expect(total.period.standardDSO?.description == "25.98")
            // The trend uses the same rate: March is the period itself.
            #expect(total.trend[11].figures.endingReceivables.decimalString == "2382.25")

            // A currency without a rate on or before the last day is an error naming it, the day and the fix.
            _ = try await settle.importCSV("invoices", invoicesHeader + "G-1,ACME,2024-03-10,2024-04-09,GBP,300.00,pounds\n")
            _ = try await settle.addExchangeRate(currency: "GBP", day: "2024-04-01", rate: "1.17")
            await #expect(throws: ExchangeRateError.missing(currency: "GBP", day: try Day(parsing: "2024-03-31"), into: "EUR")) {
                _ = try await metrics(settle, "2024-03-01", "2024-03-31", convert: true)
            }
            // Per currency needs no rate.
            #expect(try await metrics(settle, "2024-03-01", "2024-03-31").currencies.map(\.currency.code) == ["EUR", "GBP", "USD"])
        }
    }

    /// A payment dated before the invoice it names was issued: the allocation is a collection of its own day,
    /// but counts in AR only from the issue day on, with the invoice.
    @Test(arguments: TestEngine.available)
    func anEntryDatedBeforeItsInvoiceCountsInReceivablesFromTheIssueDay(engine: TestEngine) async throws {
        try await withSettle(engine, today: "2024-04-30") { settle in
            _ = try await settle.importCSV("clients", twoClients)
            _ = try await settle.importCSV("invoices", invoicesHeader + "A-1,ACME,2024-03-20,2024-04-19,EUR,1000.00,issued late\n")
            _ = try await settle.importCSV("payments", paymentsHeader + "ACME,2024-03-10,EUR,400.00,bank_transfer,early,A-1\n")
            let early = try #require(try await metrics(settle, "2024-03-01", "2024-03-15").currencies.first).period.figures
            #expect(early.endingReceivables.isZero && early.collections.decimalString == "400.00" && early.creditSales.isZero)
            let march = try #require(try await metrics(settle, "2024-03-01", "2024-03-31").currencies.first).period.figures
            // 1000 issued on the 20th less the 400 applied: 600 owed, all of it current (due 19 April).
            #expect(march.endingReceivables.decimalString == "600.00" && march.endingCurrentReceivables.decimalString == "600.00")
            #expect(march.creditSales.decimalString == "1000.00" && march.collections.decimalString == "400.00")
        }
    }

    @Test(arguments: TestEngine.available)
    func writeOffsAndAnEmptyBook(engine: TestEngine) async throws {
        try await withSettle(engine, today: "2024-03-20") { settle in
            #expect(try await metrics(settle, "2024-03-01", "2024-03-31").currencies.isEmpty)
            // Converted, an empty book is one row of zeros in the organisation's currency.
            let empty = try await metrics(settle, "2024-03-01", "2024-03-31", convert: true)
            #expect(empty.currencies.map(\.currency) == [.EUR] && empty.ratesUsed.isEmpty)
            #expect(empty.currencies.first?.period.standardDSO == nil)
            _ = try await settle.importCSV("clients", twoClients)
            _ = try await settle.importCSV("invoices", invoicesHeader + "W-1,ACME,2024-01-01,2024-01-31,EUR,250.00,bad debt\n")
            _ = try await settle.writeOff(invoice: "W-1", reason: .badDebt)
            let march = try #require(try await metrics(settle, "2024-03-01", "2024-03-31").currencies.first)
            // Written off on 20 March: 250.00 written off, nothing owed, not counted as paid.
            #expect(march.period.figures.writeOffs.decimalString == "250.00" && march.period.figures.collections.isZero)
            #expect(march.period.figures.endingReceivables.isZero && march.period.figures.settled.invoices == 0)
            #expect(march.trend[11].figures.writeOffs.decimalString == "250.00")
            // The day before, nothing was written off yet.
            let before = try #require(try await metrics(settle, "2024-03-01", "2024-03-19").currencies.first)
            #expect(before.period.figures.writeOffs.isZero && before.period.figures.endingReceivables.decimalString == "250.00")
            await #expect(throws: InputError("the period starts on 2024-03-31, after it ends on 2024-03-01")) {
                _ = try await metrics(settle, "2024-03-31", "2024-03-01")
            }
        }
    }
}
