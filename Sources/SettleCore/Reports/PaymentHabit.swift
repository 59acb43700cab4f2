/// Settled invoices as weighted delays: each invoice weighs in proportion to its amount within its
/// currency, and each currency as much as the number of invoices settled in it. With one currency
/// that is plain weighting by amount; amounts in different currencies are never added up
/// (that would need an exchange rate).
struct WeightedDelays {
    private(set) var entries: [(delay: Int, weight: Double)] = []
    private(set) var invoices = 0

    init(_ cells: some Sequence<SettledInvoices>) {
        var totals: [Currency: (amount: Int64, count: Int)] = [:]
        for cell in cells {
            let total = totals[cell.currency] ?? (0, 0)
            totals[cell.currency] = (total.amount + cell.amount.minorUnits, total.count + cell.count)
        }
        for cell in cells where cell.count > 0 {
            guard let total = totals[cell.currency] else { continue }
            let weight = total.amount > 0
                ? Double(cell.amount.minorUnits) / Double(total.amount) * Double(total.count) : Double(cell.count)
            entries.append((cell.delayDays, weight))
            invoices += cell.count
        }
    }

    var totalWeight: Double { entries.reduce(0) { $0 + $1.weight } }

    /// The weighted mean of a function of the delay; nil without invoices.
    func mean(_ value: (Int) -> Double) -> Double? {
        let total = totalWeight
        guard total > 0 else { return nil }
        return entries.reduce(0) { $0 + $1.weight * value($1.delay) } / total
    }

    /// The weighted median of a function of the delay (the lower one when the weights split
    /// evenly); nil without invoices.
    func median(_ value: (Int) -> Int) -> Int? {
        let total = totalWeight
        guard total > 0 else { return nil }
        var cumulative = 0.0
        for entry in entries.map({ (value: value($0.delay), weight: $0.weight) }).sorted(by: { $0.value < $1.value }) {
            cumulative += entry.weight
            if cumulative >= total / 2 - total * 1e-12 { return entry.value }
        }
        return nil
    }
}

/// When a client pays, relative to the due day: the centre and the spread of its delays (days
/// from the due day to the day the balance reached zero, negative when early), weighted by amount.
/// The cash forecast shifts each open invoice's due day by the centre and spreads it by the spread.
public struct PaymentHabit: Hashable, Sendable {
    /// The weighted mean delay in days (negative: the client pays early).
    public var meanDelayDays: Double
    /// The weighted standard deviation of the delay in days, at least `minimumSpreadDays`.
    public var spreadDays: Double
    /// The settled invoices it was worked out from.
    public var invoices: Int

    /// A client with fewer settled invoices has no habit of its own: the book's is used.
    public static let minimumInvoices = 3
    /// No habit is trusted to the day: bank days, weekends and posting delays move a payment.
    public static let minimumSpreadDays = 2.0
    /// The habit assumed when the whole book has too little history: on the due day, give or take a week.
    public static let unknown = PaymentHabit(meanDelayDays: 0, spreadDays: 7, invoices: 0)

    public init(meanDelayDays: Double, spreadDays: Double, invoices: Int) {
        self.meanDelayDays = meanDelayDays
        self.spreadDays = max(spreadDays, Self.minimumSpreadDays)
        self.invoices = invoices
    }

    /// The habit shown by settled invoices: those of the last twelve months when there are at least
    /// `minimumInvoices` of them (habits change), else all; nil when there are fewer than that in all.
    public init?(_ settled: [SettledInvoices]) {
        let lastYear = WeightedDelays(settled.filter { $0.period != .earlier })
        let delays = lastYear.invoices >= Self.minimumInvoices ? lastYear : WeightedDelays(settled)
        guard delays.invoices >= Self.minimumInvoices, let mean = delays.mean({ Double($0) }),
              let variance = delays.mean({ (Double($0) - mean) * (Double($0) - mean) }) else { return nil }
        self.init(meanDelayDays: mean, spreadDays: variance.squareRoot(), invoices: delays.invoices)
    }
}
