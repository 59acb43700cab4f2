import SettleCore
import Testing

/// The pure arithmetic of the forecast, the backtest's measures, habits and the risk score of a client without history.
@Suite struct CashForecastTests {
    let today: Day

    init() throws { today = try day("2024-06-30") }

    func cell(_ delay: Int, _ amount: String, period: SettledInvoices.Period = .recent, count: Int = 1) throws -> SettledInvoices {
        SettledInvoices(currency: .EUR, delayDays: delay, period: period, count: count, amount: try eur(amount))
    }

    @Test func theRemainingBalanceOfAPlanCoversItsLastInstalments() throws {
        let instalments = try (1...3).map { Instalment(number: $0, dueDate: today.adding(days: 14 * $0), amount: try eur("100.00")) }
        // 250 left: instalments 3 and 2 in full, 50 of instalment 1 (the first 50 of it was paid).
        let left = ExpectedReceipt.instalments(client: "A", remaining: try eur("250.00"), instalments: instalments)
        #expect(left.map(\.amount.decimalString) == ["100.00", "100.00", "50.00"])
        #expect(left.map(\.agreedDay) == [today.adding(days: 42), today.adding(days: 28), today.adding(days: 14)])
        // 350 left (a fee posted since): 50 more with the last instalment.
        let more = ExpectedReceipt.instalments(client: "A", remaining: try eur("350.00"), instalments: instalments)
        #expect(more.map(\.amount.decimalString) == ["50.00", "100.00", "100.00", "100.00"])
        #expect(ExpectedReceipt.instalments(client: "A", remaining: try eur("0.00"), instalments: instalments).isEmpty)
    }

    @Test func aPartPromiseLeavesTheRestToTheHabit() throws {
        let receipts = ExpectedReceipt.promised(client: "A", balance: try eur("300.00"), dueDay: today, promisedDay: today.adding(days: 3),
                                                amount: try eur("100.00"), disputed: false)
        #expect(receipts.map(\.kind) == [.promise, .invoices])
        #expect(receipts.map(\.amount.decimalString) == ["100.00", "200.00"])
        #expect(receipts.map(\.agreedDay) == [today.adding(days: 3), nil])
        // A promise of more than the balance is the balance.
        let all = ExpectedReceipt.promised(client: "A", balance: try eur("300.00"), dueDay: today, promisedDay: today.adding(days: 3),
                                           amount: try eur("500.00"), disputed: false)
        #expect(all.map(\.amount.decimalString) == ["300.00"])
    }

    @Test func theNaiveForecastPutsEachReceiptOnItsDueDay() throws {
        let receipts = [
            ExpectedReceipt(kind: .invoices, client: "A", amount: try eur("100.00"), dueDay: today.adding(days: 20)), // day 20: week 3
            ExpectedReceipt(kind: .invoices, client: "A", amount: try eur("200.00"), dueDay: today.adding(days: -5)), // overdue: week 1
            ExpectedReceipt(kind: .invoices, client: "A", amount: try eur("300.00"), dueDay: today.adding(days: 7)), // day 7: week 1
            ExpectedReceipt(kind: .invoices, client: "A", amount: try eur("400.00"), dueDay: today.adding(days: 92)), // after week 13
        ]
        let naive = CashForecast(naiveAsOf: today, receipts: receipts)
        #expect(naive.weeks.map { $0.amounts(in: .EUR)?.expected.minorUnits ?? -1 }
                == [50_000, 0, 10_000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        #expect(naive.weeks.allSatisfy { $0.amounts.allSatisfy { $0.low == $0.expected && $0.expected == $0.high } })
        #expect(naive.totals.first?.open.decimalString == "1000.00")
    }

    /// WAPE = Σ|actual − forecast| / Σ actual; band width Σ(high − low) / Σ expected.
    @Test func theBacktestMeasuresErrorCoverageAndWidth() throws {
        let receipts = [
            ExpectedReceipt(kind: .invoices, client: "A", amount: try eur("100.00"), dueDay: today.adding(days: 3)),
            ExpectedReceipt(kind: .invoices, client: "A", amount: try eur("200.00"), dueDay: today.adding(days: 10)),
        ]
        let forecast = CashForecast(naiveAsOf: today, receipts: receipts)
        let naive = CashForecast(naiveAsOf: today, receipts: [receipts[0]])
        let received = [(today.adding(days: 2), try eur("150.00")), (today.adding(days: 9), try eur("150.00")),
                        (today.adding(days: 100), try eur("999.00"))] // after the 13 weeks: left out
        let backtest = ForecastBacktest(forecast: forecast, naive: naive, received: received)
        let accuracy = try #require(backtest.accuracy.first)
        #expect(accuracy.actual.decimalString == "300.00" && accuracy.expected.decimalString == "300.00")
        #expect(accuracy.forecastError == 100.0 / 300.0) // |150 - 100| + |150 - 200| = 100 over 300
        #expect(accuracy.naiveError == 200.0 / 300.0) // |150 - 100| + |150 - 0| = 200 over 300
        // Weeks 1 and 2 fall outside a band of no width; the 11 empty weeks are inside.
        #expect(accuracy.weeksInside == 11 && accuracy.weeks == 13)
        #expect(accuracy.bandWidth == 0)
        #expect(backtest.weeks.first?.isInside == false)
    }

    /// A client who left a quarter of its money unpaid long after its habit is expected to pay three quarters of a new invoice.
    @Test func theCollectionRateScalesFreshInvoices() throws {
        let settled = ["A": try [cell(0, "1000.00"), cell(0, "1000.00"), cell(0, "1000.00")]]
        let receipts = [
            ExpectedReceipt(kind: .invoices, client: "A", amount: try eur("1000.00"), dueDay: today.adding(days: -200)),
            ExpectedReceipt(kind: .invoices, client: "A", amount: try eur("1000.00"), dueDay: today.adding(days: 10)),
            ExpectedReceipt(kind: .invoices, client: "A", amount: try eur("400.00"), dueDay: today.adding(days: 10), disputed: true),
        ]
        let forecast = try CashForecast(asOf: today, receipts: receipts, settled: settled)
        let expected = forecast.weeks.reduce(Int64(0)) { $0 + ($1.amounts(in: .EUR)?.expected.minorUnits ?? 0) }
        // 3000 settled / (3000 settled + 1000 unscheduled) = 0.75 of the fresh 1000.
        #expect(abs(expected - 75_000) <= 2)
        let totals = try #require(forecast.totals.first)
        #expect(totals.unscheduled.decimalString == "1400.00" && totals.unscheduledReceipts == 2)
    }

    /// Money already later than its client's own habit is expected at the book's late rate: the share of money that went
    /// that late and was paid in the end. Here nobody ever paid beyond its habit, so A's late invoice is not expected, while
    /// C (no history of its own) is expected on the book's habit at the book's collection rate.
    @Test func moneyLaterThanTheClientsHabitIsExpectedAtTheLateRate() throws {
        let settled = [
            "A": try [cell(0, "3000.00", count: 3)], // always on the due day: 10 days late is beyond its habit
            "B": try [cell(0, "3000.00", count: 3), cell(60, "3000.00", count: 3)], // 30 ± 30 days: 60 is within it
        ]
        // The book: (6 * 0 + 3 * 60) / 9 = 20 days, spread sqrt((6 * 400 + 3 * 1600) / 9) = 28.3 days.
        let receipts = [
            ExpectedReceipt(kind: .invoices, client: "A", amount: try eur("1000.00"), dueDay: today.adding(days: -10)),
            ExpectedReceipt(kind: .invoices, client: "C", amount: try eur("1000.00"), dueDay: today.adding(days: -10)),
        ]
        let forecast = try CashForecast(asOf: today, receipts: receipts, settled: settled)
        let expected = forecast.weeks.reduce(Int64(0)) { $0 + ($1.amounts(in: .EUR)?.expected.minorUnits ?? 0) }
        // Only C's: centred 10 days after today, 99.8% of it within the 13 weeks, at 9000 settled / (9000 + A's 1000
        // beyond its habit) = 0.9: about 897.
        #expect((89_500...90_000).contains(expected))
        #expect(forecast.totals.first?.unscheduled.isZero == true)
    }

    @Test func aHabitPrefersTheLastYearAndIsNeverTrustedToTheDay() throws {
        // Three invoices in the last year 10 days late; older ones 40 days late do not count.
        let habit = try #require(PaymentHabit(try [cell(10, "100.00", count: 3), cell(40, "100.00", period: .earlier, count: 5)]))
        #expect(habit.meanDelayDays == 10 && habit.spreadDays == PaymentHabit.minimumSpreadDays && habit.invoices == 3)
        // Two in the last year are too few: all eight count, weighted by amount (40*500 + 10*200) / 700 = 31.43.
        let all = try #require(PaymentHabit(try [cell(10, "200.00", count: 2), cell(40, "500.00", period: .earlier, count: 5)]))
        #expect(abs(all.meanDelayDays - 22_000.0 / 700.0) < 1e-9 && all.invoices == 7)
        #expect(PaymentHabit(try [cell(10, "100.00", count: 2)]) == nil)
    }

    @Test func aClientWithoutHistoryScoresNothingAndSaysWhy() throws {
        let record = ClientPaymentRecord(client: "NEW", name: "New", firstIssued: nil, positions: [], settled: [])
        let risk = ClientBehaviour(record, asOf: today).risk
        #expect(risk.score == 0 && risk.level == .low)
        #expect(risk.factors.map(\.value) == ["no paid invoice", "no paid invoice", "no promise due", "nothing open",
                                              "not enough history", "no invoice"])
        #expect(RiskFactor.Kind.allCases.reduce(0) { $0 + $1.weight } == 100)
    }
}
