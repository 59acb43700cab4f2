/// A stretch of days at one rate: interest on it is rounded half-up to the minor unit once, on its own.
public struct InterestPeriod: Hashable, Sendable {
    /// First day interest runs in this period (inclusive).
    public var from: Day
    /// Last day interest runs in this period (inclusive).
    public var to: Day
    public var days: Int
    /// Percent a year.
    public var rate: Percentage
    /// The amount interest ran on.
    public var principal: Money
    public var interest: Money

    public init(from: Day, to: Day, rate: Percentage, principal: Money) throws(InterestError) {
        self.from = from
        self.to = to
        days = to.days(since: from) + 1
        self.rate = rate
        self.principal = principal
        // principal * rate * days / 365 exactly (rate in millionths), rounded half-up once, in 128 bits.
        do {
            let minorUnits = try Money.multiplyRounded(principal.minorUnits, by: Int64(rate.millionths) * Int64(days),
                                                       dividedBy: Self.millionthsTimesDaysPerYear)
            interest = Money(minorUnits: minorUnits, currency: principal.currency)
        } catch {
            throw .money(error)
        }
    }

    /// Actual/365 in every year, leap years too (the convention of all the regimes Settle knows).
    static let millionthsTimesDaysPerYear: Int64 = 1_000_000 * 365
}

/// The interest a debt carries up to a day, period by period, with the fixed compensation it earns.
public struct InterestCalculation: Hashable, Sendable {
    public var regime: InterestRegime
    public var debtor: ClientKind
    public var principal: Money
    public var due: Day
    /// The payment day (or the day asked about), counted.
    public var until: Day
    /// Empty when `until` is not after `due`.
    public var periods: [InterestPeriod]
    /// The sum of the periods' rounded interest.
    public var interest: Money
    /// Statutory compensation for recovery costs (zero when not late, for a contract, or where the debtor is a consumer).
    public var fixedCompensation: Money
    /// Principal, interest and compensation together: what can be claimed on `until`.
    public var total: Money
    /// Rates used for days past the day their table is known complete.
    public var warnings: [RateWarning]

    /// Days interest ran: `until - due`, or 0 when the debt was not late.
    public var days: Int { periods.reduce(0) { $0 + $1.days } }

    /// The rate of the last period; nil when no interest ran.
    public var rate: Percentage? { periods.last?.rate }
}

/// A payment made towards an interest-bearing debt.
public struct DatedPayment: Hashable, Sendable {
    public var date: Day
    public var amount: Money

    public init(date: Day, amount: Money) {
        self.date = date
        self.amount = amount
    }
}

/// What a debt with interest still owes on a day after payments, each of which settled the interest
/// accrued to its date first and then principal (worked example 14).
public struct InterestBalance: Hashable, Sendable {
    public var day: Day
    public var principal: Money
    /// Interest accrued and not yet paid.
    public var interest: Money
    /// Principal plus unpaid interest.
    public var total: Money
    /// Paid beyond principal and interest (the client's credit).
    public var unapplied: Money
    /// Every accrual period, each on the principal outstanding then.
    public var periods: [InterestPeriod]
    public var warnings: [RateWarning]
}
