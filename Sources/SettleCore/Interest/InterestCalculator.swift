/// Works out simple late-payment interest, actual/365, under a statute or a contract.
///
/// Interest runs from the day after the due day through the payment (or "until") day inclusive, so
/// it runs for `until - due` days. Each rate period is rounded half-up to the minor unit once, then
/// the periods are summed (worked examples 1 and 10-13 in ../shared/reference/worked-examples.md).
public struct InterestCalculator: Sendable {
    public var rates: ReferenceRates

    /// A calculator over these reference rates (the shipped tables unless the caller has corrections).
    public init(rates: ReferenceRates = .shipped) {
        self.rates = rates
    }

    /// The interest and fixed compensation on `principal`, due on `due`, paid (or asked about) on `until`.
    public func calculate(principal: Money, due: Day, until: Day, regime: InterestRegime,
                          debtor: ClientKind) throws(InterestError) -> InterestCalculation {
        try check(principal, regime: regime, debtor: debtor)
        var warnings: [RateWarning] = []
        let periods = try accrue(on: principal, due: due, after: due, through: until, regime: regime, debtor: debtor,
                                 warnings: &warnings)
        let interest = try sum(periods.map(\.interest), currency: principal.currency)
        // Compensation is for being late: none when no interest ran.
        let compensation = periods.isEmpty ? .zero(principal.currency)
            : regime.fixedCompensation(principal: principal, debtor: debtor)
        return InterestCalculation(
            regime: regime, debtor: debtor, principal: principal, due: due, until: until, periods: periods,
            interest: interest, fixedCompensation: compensation,
            total: try sum([principal, interest, compensation], currency: principal.currency), warnings: warnings)
    }

    /// Refuses what the regime does not cover before any arithmetic.
    func check(_ principal: Money, regime: InterestRegime, debtor: ClientKind) throws(InterestError) {
        guard !principal.isNegative else { throw .negativePrincipal(principal) }
        if let currency = regime.currency, currency != principal.currency {
            throw .currencyNotCovered(regime, debt: principal.currency.code)
        }
        if case .contract(let rate) = regime, rate.millionths < 0 { throw .negativeContractRate(rate) }
        _ = try regime.margin(for: debtor)
    }

    /// The rate periods of the days after `start` through `end` on a debt due on `due`, at the
    /// regime's rates. Days on or before the due day carry no interest.
    func accrue(on principal: Money, due: Day, after start: Day, through end: Day, regime: InterestRegime,
                debtor: ClientKind, warnings: inout [RateWarning]) throws(InterestError) -> [InterestPeriod] {
        let first = Swift.max(start, due).adding(days: 1)
        guard first <= end else { return [] }
        let margin = try regime.margin(for: debtor)
        switch regime {
        case .contract(let rate):
            return [try InterestPeriod(from: first, to: end, rate: rate, principal: principal)]
        case .uk:
            // Fixed by the day interest on the debt started, for the life of the debt, even for a later stretch.
            let reference = try lookUp(.bankOfEnglandBankRate, on: Self.ukReferenceDay(interestStart: due.adding(days: 1)),
                                       warnings: &warnings)
            return [try InterestPeriod(from: first, to: end, rate: Self.statutory(reference, margin), principal: principal)]
        case .eu, .de, .fr:
            guard let table = regime.referenceTable else { return [] }
            var periods: [InterestPeriod] = []
            var from = first
            while from <= end {
                let half = HalfYear(containing: from)
                let reference = try lookUp(table, on: half.start, warnings: &warnings)
                let to = Swift.min(end, half.next.adding(days: -1))
                periods.append(try InterestPeriod(from: from, to: to, rate: Self.statutory(reference, margin), principal: principal))
                from = half.next
            }
            return periods
        }
    }

    /// The UK reference day: 30 June for interest starting 1 July-31 December, else 31 December before.
    static func ukReferenceDay(interestStart: Day) -> Day {
        let (year, month, day) = interestStart.month >= 7 ? (interestStart.year, 6, 30) : (interestStart.year - 1, 12, 31)
        return Day(daysSinceEpoch: Day.daysFromCivil(year: year, month: month, day: day))
    }

    /// Reference rate plus margin; never below zero, since a statute charges interest, never pays it.
    static func statutory(_ reference: Percentage, _ margin: Percentage) -> Percentage {
        Percentage(millionths: Swift.max(0, reference.millionths + margin.millionths))
    }

    private func lookUp(_ table: ReferenceRateTableName, on day: Day,
                        warnings: inout [RateWarning]) throws(InterestError) -> Percentage {
        let lookup = try rates[table].rate(on: day)
        if let warning = lookup.warning, !warnings.contains(warning) { warnings.append(warning) }
        return lookup.rate
    }

    func sum(_ amounts: [Money], currency: Currency) throws(InterestError) -> Money {
        do {
            var total = Money.zero(currency)
            for amount in amounts { total = try total + amount }
            return total
        } catch {
            throw .money(error)
        }
    }
}

/// 1 January-30 June or 1 July-31 December: the periods the EU, German and French rates are set for.
struct HalfYear {
    /// 1 January or 1 July: the day whose reference rate applies to the whole half-year.
    let start: Day
    /// The first day of the following half-year.
    let next: Day

    init(containing day: Day) {
        let year = day.year
        if day.month <= 6 {
            start = Day(daysSinceEpoch: Day.daysFromCivil(year: year, month: 1, day: 1))
            next = Day(daysSinceEpoch: Day.daysFromCivil(year: year, month: 7, day: 1))
        } else {
            start = Day(daysSinceEpoch: Day.daysFromCivil(year: year, month: 7, day: 1))
            next = Day(daysSinceEpoch: Day.daysFromCivil(year: year + 1, month: 1, day: 1))
        }
    }
}
