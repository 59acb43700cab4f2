import PropertyBased
import SettleCore
import Testing

/// Statutory and contractual interest, checked against ../shared/reference/worked-examples.md.
@Suite("Interest")
struct InterestTests {
    let calculator = InterestCalculator()

    func calculate(_ amount: String, _ currency: Currency, due: String, until: String, _ regime: InterestRegime,
                   _ debtor: ClientKind = .business) throws -> InterestCalculation {
        try calculator.calculate(principal: try Money(parsing: amount, currency: currency), due: try day(due),
                                 until: try day(until), regime: regime, debtor: debtor)
    }

    /// (from, to, days, rate, interest) of each period, as text.
    func periods(_ calculation: InterestCalculation) -> [String] {
        calculation.periods.map { "\($0.from) \($0.to) \($0.days) \($0.rate.rateString) \($0.interest.decimalString)" }
    }

    @Test("worked example 1: UK, 5,000.00 GBP due 2024-01-31 paid 2024-03-16")
    func workedExample1() throws {
        let result = try calculate("5000.00", .GBP, due: "2024-01-31", until: "2024-03-16", .uk)
        #expect(result.days == 45)
        #expect(periods(result) == ["2024-02-01 2024-03-16 45 13.25 81.68"])
        #expect(result.interest.decimalString == "81.68")
        #expect(result.fixedCompensation.decimalString == "70.00")
        #expect(result.total.decimalString == "5151.68")
        #expect(result.warnings.isEmpty)
    }

    @Test("worked example 10: Germany, business debtor, one half-year")
    func workedExample10() throws {
        let result = try calculate("8000.00", .EUR, due: "2023-03-31", until: "2023-05-15", .de)
        #expect(periods(result) == ["2023-04-01 2023-05-15 45 10.62 104.75"])
        #expect(result.fixedCompensation.decimalString == "40.00")
        #expect(result.total.decimalString == "8144.75")
    }

    @Test("worked example 11: Germany, split at 1 July, each period rounded on its own")
    func workedExample11() throws {
        let result = try calculate("20000.00", .EUR, due: "2023-06-20", until: "2023-07-10", .de)
        #expect(periods(result) == ["2023-06-21 2023-06-30 10 10.62 58.19", "2023-07-01 2023-07-10 10 12.12 66.41"])
        #expect(result.interest.decimalString == "124.60")
        #expect(result.days == 20)
        #expect(result.rate?.rateString == "12.12")
    }

    @Test("worked example 12: France, ECB rate on 1 July plus 10 points")
    func workedExample12() throws {
        let result = try calculate("3000.00", .EUR, due: "2023-09-15", until: "2023-10-15", .fr)
        #expect(periods(result) == ["2023-09-16 2023-10-15 30 14.00 34.52"])
        #expect(result.fixedCompensation.decimalString == "40.00")
    }

    @Test("worked example 13: EU directive split at 1 January; UK keeps one rate")
    func workedExample13() throws {
        let result = try calculate("10000.00", .EUR, due: "2024-12-20", until: "2025-01-19", .eu)
        #expect(periods(result) == ["2024-12-21 2024-12-31 11 12.25 36.92", "2025-01-01 2025-01-19 19 11.15 58.04"])
        #expect(result.interest.decimalString == "94.96")
        #expect(result.fixedCompensation.decimalString == "40.00")
        let uk = try calculate("10000.00", .GBP, due: "2024-12-20", until: "2025-01-19", .uk)
        // Interest started 21 December, so the reference day is 30 June 2024 (5.25): one period.
        #expect(periods(uk) == ["2024-12-21 2025-01-19 30 13.25 108.90"])
        #expect(uk.fixedCompensation.decimalString == "100.00")
    }

    @Test("worked example 14: a payment settles accrued interest first, then principal")
    func workedExample14() throws {
        let twelve = InterestRegime.contract(try Percentage(parsing: "12"))
        let payment = DatedPayment(date: try day("2024-03-01"), amount: try Money(parsing: "4000.00", currency: .EUR))
        let balance = try calculator.balance(principal: try eur("10000.00"), due: try day("2024-01-31"), regime: twelve,
                                             debtor: .business, payments: [payment], on: try day("2024-03-31"))
        #expect(balance.periods.map(\.interest.decimalString) == ["98.63", "60.15"])
        #expect(balance.periods.map(\.days) == [30, 30])
        #expect(balance.periods.map(\.principal.decimalString) == ["10000.00", "6098.63"])
        #expect(balance.principal.decimalString == "6098.63")
        #expect(balance.interest.decimalString == "60.15")
        #expect(balance.total.decimalString == "6158.78")
        #expect(balance.unapplied.isZero)

        let onPaymentDay = try calculator.balance(principal: try eur("10000.00"), due: try day("2024-01-31"), regime: twelve,
                                                  debtor: .business, payments: [payment], on: try day("2024-03-01"))
        #expect(onPaymentDay.interest.isZero)
        #expect(onPaymentDay.principal.decimalString == "6098.63")
    }

    @Test("payments beyond what is owed are unapplied; payments before due and after the day asked about")
    func paymentEdges() throws {
        let regime = InterestRegime.contract(try Percentage(parsing: "10"))
        let early = DatedPayment(date: try day("2024-01-15"), amount: try eur("100.00"))
        let late = DatedPayment(date: try day("2024-12-01"), amount: try eur("5.00"))
        let balance = try calculator.balance(principal: try eur("365.00"), due: try day("2024-01-31"), regime: regime,
                                             debtor: .business, payments: [late, early], on: try day("2024-03-01"))
        // 265.00 * 10 % * 30 / 365 = 2.178... -> 2.18; the December payment is not yet made.
        #expect(balance.principal.decimalString == "265.00")
        #expect(balance.interest.decimalString == "2.18")
        let overpaid = try calculator.balance(principal: try eur("365.00"), due: try day("2024-01-31"), regime: regime,
                                              debtor: .business, payments: [early, late, DatedPayment(date: try day("2024-03-01"), amount: try eur("300.00"))],
                                              on: try day("2024-12-31"))
        #expect(overpaid.principal.isZero && overpaid.interest.isZero)
        #expect(overpaid.unapplied.decimalString == "37.82")
        #expect(throws: InterestError.nonPositivePayment(try eur("0.00"))) {
            try calculator.balance(principal: try eur("1.00"), due: try day("2024-01-31"), regime: regime, debtor: .business,
                                   payments: [DatedPayment(date: try day("2024-02-01"), amount: try eur("0.00"))], on: try day("2024-03-01"))
        }
    }

    @Test("the payontime example of rules.md: 262.25 at 8.5 % for 139 days is 8.49")
    func payOnTimeExample() throws {
        let result = try calculate("262.25", .GBP, due: "2024-01-01", until: "2024-05-19", .contract(try Percentage(parsing: "8.5")))
        #expect(result.days == 139)
        #expect(result.interest.decimalString == "8.49")
        #expect(result.fixedCompensation.isZero)
    }

    @Test("not late: until on or before due gives no interest, no periods, no compensation", arguments: ["2024-01-31", "2024-01-01"])
    func notLate(until: String) throws {
        let result = try calculate("5000.00", .GBP, due: "2024-01-31", until: until, .uk)
        #expect(result.periods.isEmpty && result.days == 0 && result.rate == nil)
        #expect(result.interest.isZero && result.fixedCompensation.isZero)
        #expect(result.total.decimalString == "5000.00")
    }

    @Test("a leap year still divides by 365")
    func leapYear() throws {
        let result = try calculate("36500.00", .EUR, due: "2023-12-31", until: "2024-12-31", .contract(try Percentage(parsing: "10")))
        #expect(result.days == 366)
        #expect(result.interest.decimalString == "3660.00")
    }

    @Test("a long German debt splits at every 1 January and 1 July, from the negative base rate on")
    func manyHalfYears() throws {
        let result = try calculate("1000.00", .EUR, due: "2022-12-15", until: "2024-02-01", .de)
        #expect(result.periods.map { "\($0.from) \($0.to) \($0.rate.rateString)" } == [
            "2022-12-16 2022-12-31 8.12", "2023-01-01 2023-06-30 10.62", "2023-07-01 2023-12-31 12.12",
            "2024-01-01 2024-02-01 12.62",
        ])
        #expect(result.days == 413)
    }

    @Test("consumers: Germany charges base + 5 and no Pauschale; the commercial statutes do not apply")
    func consumerDebtors() throws {
        let consumer = try calculate("8000.00", .EUR, due: "2023-03-31", until: "2023-05-15", .de, .consumer)
        #expect(periods(consumer) == ["2023-04-01 2023-05-15 45 6.62 65.29"])
        #expect(consumer.fixedCompensation.isZero)
        for regime in [InterestRegime.uk, .eu, .fr] {
            let currency: Currency = regime == .uk ? .GBP : .EUR
            #expect(throws: InterestError.consumerDebtor(regime)) {
                try calculate("100.00", currency, due: "2024-01-31", until: "2024-03-16", regime, .consumer)
            }
        }
        #expect(InterestError.consumerDebtor(.uk).description.contains("between businesses only"))
    }

    @Test("UK fixed sum by debt size", arguments: [("999.99", "40.00"), ("1000.00", "70.00"), ("9999.99", "70.00"), ("10000.00", "100.00")])
    func ukFixedSum(principal: String, compensation: String) throws {
        let result = try calculate(principal, .GBP, due: "2024-01-31", until: "2024-02-01", .uk)
        #expect(result.fixedCompensation.decimalString == compensation)
    }

    @Test("UK reference day: 30 June for interest starting July-December, 31 December before for January-June", arguments: [
        ("2024-06-30", "13.25"), // starts 1 July 2024: 30 June 2024 rate 5.25
        ("2024-07-31", "13.25"), // starts 1 August, the day Bank Rate fell to 5.00: still the 30 June rate
        ("2024-12-31", "12.75"), // starts 1 January 2025: 31 December 2024 rate 4.75
        ("2023-06-29", "11.50"), // starts 30 June 2023: 31 December 2022 rate 3.50
    ])
    func ukReferenceDay(due: String, rate: String) throws {
        let result = try calculate("1000.00", .GBP, due: due, until: "2025-09-01", .uk)
        #expect(result.periods.count == 1)
        #expect(result.rate?.rateString == rate)
    }

    @Test("the UK rate stays fixed for the life of the debt")
    func ukRateFixedForLife() throws {
        let result = try calculate("1000.00", .GBP, due: "2023-12-31", until: "2025-03-01", .uk)
        #expect(periods(result) == ["2024-01-01 2025-03-01 426 13.25 154.64"])
    }

    @Test("a rate needed past a table's known-through day is used with a warning naming the table and the day")
    func knownThroughWarning() throws {
        let result = try calculate("10000.00", .EUR, due: "2025-06-20", until: "2025-07-10", .eu)
        #expect(result.rate?.rateString == "10.15")
        #expect(result.warnings.count == 1)
        let warning = try #require(result.warnings.first)
        #expect(warning.table == .ecbMainRefinancingRate)
        #expect(warning.day == (try day("2025-07-01")))
        #expect(warning.knownThrough == (try day("2025-06-30")))
        #expect(warning.description.contains("ecb-mro") && warning.description.contains("2025-06-30"))
        #expect(try calculate("10000.00", .EUR, due: "2025-06-10", until: "2025-06-30", .eu).warnings.isEmpty)
        let uk = try calculate("1000.00", .GBP, due: "2026-06-30", until: "2026-08-01", .uk)
        #expect(uk.warnings.map(\.table) == [.bankOfEnglandBankRate])
        #expect(uk.interest.isPositive)
    }

    @Test("what the regimes do not cover is refused with a reason")
    func refusals() throws {
        #expect(throws: InterestError.currencyNotCovered(.uk, debt: "EUR")) {
            try calculate("100.00", .EUR, due: "2024-01-31", until: "2024-03-16", .uk)
        }
        #expect(throws: InterestError.currencyNotCovered(.de, debt: "GBP")) {
            try calculate("100.00", .GBP, due: "2024-01-31", until: "2024-03-16", .de)
        }
        #expect(throws: InterestError.noReferenceRate(table: .bankOfEnglandBankRate, day: try day("2018-12-31"))) {
            try calculate("100.00", .GBP, due: "2019-06-01", until: "2019-07-01", .uk)
        }
        #expect(throws: InterestError.negativePrincipal(try eur("-1.00"))) {
            try calculate("-1.00", .EUR, due: "2024-01-31", until: "2024-03-16", .eu)
        }
        #expect(throws: InterestError.negativeContractRate(try Percentage(parsing: "-1"))) {
            try calculate("1.00", .EUR, due: "2024-01-31", until: "2024-03-16", .contract(try Percentage(parsing: "-1")))
        }
        let yen = try calculate("100000", .JPY, due: "2024-01-31", until: "2024-03-16", .contract(try Percentage(parsing: "12")))
        #expect(yen.interest.decimalString == "1479")
    }

    @Test("regimes read from their short names")
    func parsing() throws {
        #expect(try InterestRegime(parsing: "uk", contractRate: nil) == .uk)
        #expect(try InterestRegime(parsing: "contract", contractRate: Percentage(basisPoints: 1200)) == .contract(Percentage(basisPoints: 1200)))
        #expect(throws: InterestError.missingContractRate) { try InterestRegime(parsing: "contract", contractRate: nil) }
        #expect(throws: InterestError.unknownRegime("us")) { try InterestRegime(parsing: "us", contractRate: nil) }
    }

    static let scenarios = zip(Gen.int64(in: 0 ... 100_000_000_000), Gen.int(in: 0 ... 2_500), Gen.int(in: -40 ... 900),
                               Gen.int(in: 0 ... 4), Gen.int(in: 0 ... 300_000), Gen.bool)

    @Test("period days add up to until - due, periods are contiguous, interest is never negative")
    func invariants() async throws {
        let firstDue = try day("2021-01-01")
        await propertyCheck(count: 500, input: Self.scenarios) { scenario throws in
            let (minorUnits, dueOffset, length, form, rate, consumer) = scenario
            let regime: InterestRegime = [.uk, .eu, .de, .fr, .contract(Percentage(millionths: rate))][form]
            let debtor: ClientKind = consumer && regime == .de ? .consumer : .business
            let principal = Money(minorUnits: minorUnits, currency: regime == .uk ? .GBP : .EUR)
            let due = firstDue.adding(days: dueOffset)
            let until = due.adding(days: length)
            let result = try calculator.calculate(principal: principal, due: due, until: until, regime: regime, debtor: debtor)
            #expect(result.days == max(0, length))
            #expect(result.periods.first.map { $0.from == due.adding(days: 1) } ?? true)
            #expect(result.periods.last.map { $0.to == until } ?? true)
            for (earlier, later) in zip(result.periods, result.periods.dropFirst()) {
                #expect(later.from == earlier.to.adding(days: 1))
            }
            #expect(result.periods.allSatisfy { !$0.interest.isNegative && $0.days > 0 })
            #expect(result.interest.minorUnits == result.periods.reduce(0) { $0 + $1.interest.minorUnits })
            #expect(!result.interest.isNegative)
            // With no payments, the running balance agrees with the one-off calculation.
            let balance = try calculator.balance(principal: principal, due: due, regime: regime, debtor: debtor, payments: [], on: until)
            #expect(balance.interest == result.interest)
        }
    }
}
