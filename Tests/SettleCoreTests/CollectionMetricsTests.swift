import SettleCore
import Testing

@Suite("Collection metrics")
struct CollectionMetricsTests {
    func usd(_ text: String) throws -> Money { try Money(parsing: text, currency: .USD) }

    /// Worked example 6: AR 15,000, current AR 4,000, credit sales 10,000 over 30 days.
    @Test("worked example 6: DSO 45, best possible DSO 12, ADD 33")
    func workedExample6() throws {
        let (ar, current, sales) = (try eur("15000.00"), try eur("4000.00"), try eur("10000.00"))
        // 15000 / 10000 * 30 = 45; 4000 / 10000 * 30 = 12; (15000 - 4000) / 10000 * 30 = 33.
        #expect(try CollectionMetrics.standardDSO(receivables: ar, creditSales: sales, days: 30)?.description == "45.00")
        #expect(try CollectionMetrics.bestPossibleDSO(currentReceivables: current, creditSales: sales, days: 30)?.description == "12.00")
        #expect(try CollectionMetrics.averageDaysDelinquent(receivables: ar, currentReceivables: current, creditSales: sales,
                                                            days: 30)?.description == "33.00")
    }

    /// Worked example 4: (6200 + 3630 - 6340) / (6200 + 3630 - 3590) = 3490 / 6240 = 55.93 %.
    @Test("worked example 4: CEI 55.93")
    func workedExample4() throws {
        let cei = try CollectionMetrics.collectionEffectivenessIndex(
            beginningReceivables: eur("6200.00"), creditSales: eur("10890.00"), months: 3,
            endingReceivables: eur("6340.00"), endingCurrentReceivables: eur("3590.00"))
        #expect(cei?.description == "55.93")
    }

    /// Worked example 5: AR 212,000; latest months' sales 100,000, 80,000, 70,000, 30 days each:
    /// 30 + 30 + 32/70 * 30 = 73.714... -> 73.71.
    @Test("worked example 5: countback DSO 73.71 with months of 30 days")
    func workedExample5() throws {
        let months = try [("2024-03", "100000.00"), ("2024-02", "80000.00"), ("2024-01", "70000.00")].map { month, sales in
            MonthSales(month: try CalendarMonth(parsing: month), days: 30, sales: try eur(sales))
        }
        #expect(try CollectionMetrics.countbackDSO(receivables: eur("212000.00"), months: months).description == "73.71")
    }

    /// The same book with real months: March 31 days, February 29 in 2024 and 28 in 2023, January 31.
    @Test("countback counts each month's own days")
    func countbackWithRealMonths() throws {
        func countback(endingAt to: String) throws -> String {
            let months = PeriodFigures.months(endingAt: try day(to), count: 24).enumerated().map { index, month in
                MonthSales(month: month.month, days: month.days,
                           sales: Money(minorUnits: index < 3 ? [10_000_000, 8_000_000, 7_000_000][index] : 0, currency: .EUR))
            }
            return try CollectionMetrics.countbackDSO(receivables: eur("212000.00"), months: months).description
        }
        // 31 + 29 + 32/70 * 31 = 60 + 14.1714 = 74.17.
        #expect(try countback(endingAt: "2024-03-31") == "74.17")
        // 31 + 28 + 14.1714 = 73.17.
        #expect(try countback(endingAt: "2023-03-31") == "73.17")
        // Up to the 15th, March counts 15 days: 15 + 29 + 14.1714 = 58.17.
        #expect(try countback(endingAt: "2024-03-15") == "58.17")
    }

    @Test("countback edges: nothing owed, exactly one month, more than every month")
    func countbackEdges() throws {
        let months = [MonthSales(month: try CalendarMonth(parsing: "2024-04"), days: 30, sales: try eur("100.00")),
                      MonthSales(month: try CalendarMonth(parsing: "2024-03"), days: 31, sales: try eur("0.00"))]
        #expect(try CollectionMetrics.countbackDSO(receivables: eur("-5.00"), months: months).description == "0.00")
        #expect(try CollectionMetrics.countbackDSO(receivables: eur("100.00"), months: months).description == "30.00")
        // 150 > 100: April whole (30), 50 left > 0 sales in March: March whole (31); no more months.
        #expect(try CollectionMetrics.countbackDSO(receivables: eur("150.00"), months: months).description == "61.00")
        // A third of April: 33.33 / 100 * 30 = 9.999 -> 10.00.
        #expect(try CollectionMetrics.countbackDSO(receivables: eur("33.33"), months: months).description == "10.00")
    }

    @Test("figures without sales or without anything collectible are undefined, not zero")
    func undefinedFigures() throws {
        #expect(try CollectionMetrics.standardDSO(receivables: eur("10.00"), creditSales: eur("0.00"), days: 30) == nil)
        #expect(try CollectionMetrics.collectionEffectivenessIndex(beginningReceivables: eur("0.00"), creditSales: eur("0.00"), months: 1,
                                                                   endingReceivables: eur("0.00"), endingCurrentReceivables: eur("0.00")) == nil)
        #expect(try CollectionMetrics.collectionRate(collections: eur("0.00"), beginningReceivables: eur("0.00"), creditSales: eur("0.00")) == nil)
        #expect(throws: MoneyError.currencyMismatch("EUR", "USD")) {
            try CollectionMetrics.standardDSO(receivables: eur("1.00"), creditSales: usd("1.00"), days: 30)
        }
    }

    /// Example 4 as a whole period of three months (2024-01-01 to 2024-03-31: 91 days, N = 3).
    @Test("a period's metrics from its figures")
    func periodMetrics() throws {
        let figures = PeriodFigures(
            currency: .EUR, from: try day("2024-01-01"), to: try day("2024-03-31"), beginningReceivables: try eur("6200.00"),
            endingReceivables: try eur("6340.00"), endingCurrentReceivables: try eur("3590.00"), creditSales: try eur("10890.00"),
            recentMonths: PeriodFigures.months(endingAt: try day("2024-03-31"), count: 24).map {
                MonthSales(month: $0.month, days: $0.days, sales: (try? eur("3630.00")) ?? .zero(.EUR))
            },
            collections: try eur("10750.00"), writeOffs: try eur("0.00"), settled: Settlements(invoices: 4, daysToPay: 130, onTime: 3))
        let metrics = try CollectionMetrics(figures)
        #expect(metrics.days == 91 && metrics.months == 3)
        #expect(metrics.collectionEffectivenessIndex?.description == "55.93")
        // 6340 / 10890 * 91 = 52.977... -> 52.98; 3590 / 10890 * 91 = 29.999... -> 30.00; 2750 / 10890 * 91 = 22.979 -> 22.98.
        #expect(metrics.standardDSO?.description == "52.98")
        #expect(metrics.bestPossibleDSO?.description == "30.00")
        #expect(metrics.averageDaysDelinquent?.description == "22.98")
        // 6340 = 3630 (31 days of March) + 2710: 31 + 2710 / 3630 * 29 = 31 + 21.6501 = 52.65.
        #expect(metrics.countbackDSO.description == "52.65")
        // 10750 / (6200 + 10890) * 100 = 62.902... -> 62.90.
        #expect(metrics.collectionRate?.description == "62.90")
        // 130 / 4 = 32.50 days; 3 of 4 on time = 75.00 %.
        #expect(metrics.averageDaysToPay?.description == "32.50")
        #expect(metrics.sharePaidOnTime?.description == "75.00")
    }

    @Test("hundredths round half-up, away from zero, exactly")
    func hundredths() throws {
        #expect(Hundredths.ratio(1, over: 8)?.description == "0.13")
        #expect(Hundredths.ratio(-1, over: 8)?.description == "-0.13")
        #expect(Hundredths.ratio(1, over: -8)?.description == "-0.13")
        #expect(Hundredths.ratio(1, times: 3, over: 7)?.description == "0.43")
        #expect(Hundredths.percentage(2, of: 3)?.description == "66.67")
        #expect(Hundredths.ratio(5, over: 0) == nil)
        #expect(Hundredths(whole: 45).description == "45.00")
        // Large amounts stay exact in 128 bits: 9e15 * 366 / 3e15 = 1098 (the product does not fit in 64 bits).
        #expect(Hundredths.ratio(9_000_000_000_000_000, times: 366, over: 3_000_000_000_000_000)?.description == "1098.00")
    }

    @Test("median days to resolve: the middle value, or the mean of the two middle ones")
    func median() {
        #expect(PromiseReport.median([(5, 1), (1, 1), (3, 1)])?.description == "3.00")
        #expect(PromiseReport.median([(1, 1), (4, 1)])?.description == "2.50")
        #expect(PromiseReport.median([(10, 1), (2, 3)])?.description == "2.00")
        #expect(PromiseReport.median([(2, 2), (10, 2)])?.description == "6.00")
        #expect(PromiseReport.median([]) == nil)
    }

    @Test("calendar months")
    func calendarMonths() throws {
        let february = try CalendarMonth(parsing: "2024-02")
        #expect(february.days == 29 && february.first.description == "2024-02-01" && february.last.description == "2024-02-29")
        #expect(february.adding(months: -2).description == "2023-12" && february.adding(months: 11).description == "2025-01")
        #expect(CollectionMetrics.calendarMonths(from: try day("2024-01-15"), to: try day("2024-02-14")) == 2)
        #expect(CurrencyFigures.trendPeriods(endingAt: try day("2024-03-15")).map { "\($0.from)..\($0.to)" }.suffix(2)
            == ["2024-02-01..2024-02-29", "2024-03-01..2024-03-15"])
        #expect(CurrencyFigures.trendPeriods(endingAt: try day("2024-03-15")).first.map { "\($0.from)..\($0.to)" } == "2023-04-01..2023-04-30")
    }
}
