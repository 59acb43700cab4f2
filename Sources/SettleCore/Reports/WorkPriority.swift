/// How urgent a worklist item is: the amount at stake × the days it is overdue × the client's
/// risk score, so a large, old debt of a client who pays badly comes first.
///
/// Amounts count in whole units of their currency (a book in several currencies compares them at
/// face value); an item not overdue yet counts as one day; a client without a payment history
/// counts as risk 50 (the middle of the 0-100 scale), and a risk of 0 as 1, so no factor cancels
/// the others.
public struct WorkPriority: Hashable, Sendable, Comparable {
    public static let unknownRisk = 50

    public var amount: Money
    public var daysOverdue: Int
    public var risk: Int?

    public init(amount: Money, daysOverdue: Int, risk: Int?) {
        self.amount = amount
        self.daysOverdue = daysOverdue
        self.risk = risk
    }

    /// The product the worklist sorts by, largest first.
    public var value: Int64 {
        let units = max(amount.minorUnits, 0) / Self.power(amount.currency.exponent)
        let (byDays, overflow) = max(units, 1).multipliedReportingOverflow(by: Int64(max(daysOverdue, 1)))
        let (total, overflow2) = byDays.multipliedReportingOverflow(by: Int64(max(risk ?? Self.unknownRisk, 1)))
        return overflow || overflow2 ? .max : total
    }

    /// The reason shown beside the item: "1250.00 EUR × 45 days overdue × risk 62".
    public var reason: String {
        let days = daysOverdue > 0 ? "\(daysOverdue) day\(daysOverdue == 1 ? "" : "s") overdue" : "not overdue yet"
        let riskText = risk.map { "risk \($0)" } ?? "risk unknown (counted as \(Self.unknownRisk))"
        return "\(amount.decimalString) \(amount.currency.code) × \(days) × \(riskText)"
    }

    public static func < (lhs: WorkPriority, rhs: WorkPriority) -> Bool { lhs.value < rhs.value }

    static func power(_ exponent: Int) -> Int64 {
        (0..<max(exponent, 0)).reduce(Int64(1)) { value, _ in value * 10 }
    }
}
