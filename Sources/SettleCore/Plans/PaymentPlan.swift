/// How often plan instalments fall due.
public enum InstalmentFrequency: String, Sendable, Hashable, CaseIterable {
    case week
    case twoWeeks = "2weeks"
    case month

    /// The day of instalment `index` (0-based) counted from `start`.
    public func day(_ index: Int, from start: Day) -> Day {
        switch self {
        case .week: return start.adding(days: 7 * index)
        case .twoWeeks: return start.adding(days: 14 * index)
        case .month: return start.adding(months: index)
        }
    }
}

/// One payment a plan expects.
public struct Instalment: Hashable, Sendable {
    /// 0 is the down payment, 1... the instalments.
    public var number: Int
    public var dueDate: Day
    public var amount: Money

    public init(number: Int, dueDate: Day, amount: Money) {
        self.number = number
        self.dueDate = dueDate
        self.amount = amount
    }
}

/// An agreement to pay invoices in instalments. While it is active its instalments are
/// chased instead of the invoices' policy stages.
public struct PaymentPlan: Hashable, Sendable {
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case active, completed, defaulted, cancelled
    }

    public var id: Int64
    public var client: String
    public var invoices: [InvoiceNumber]
    public var instalments: [Instalment]
    public var status: Status

    public init(id: Int64, client: String, invoices: [InvoiceNumber], instalments: [Instalment], status: Status) {
        self.id = id
        self.client = client
        self.invoices = invoices
        self.instalments = instalments
        self.status = status
    }

    public var total: Money {
        Money(minorUnits: instalments.reduce(0) { $0 + $1.amount.minorUnits }, currency: instalments.first?.amount.currency ?? .EUR)
    }

    /// The schedule for `total`: an optional down payment on `start`, then `count` instalments one
    /// period apart (starting one period after a down payment, else on `start`); cents that do not
    /// divide evenly go to the first instalment, so later ones are round.
    public static func schedule(total: Money, count: Int, every frequency: InstalmentFrequency, start: Day,
                                down: Money?) throws(PlanError) -> [Instalment] {
        guard count >= 1 else { throw .noInstalments }
        var instalments: [Instalment] = []
        var rest = total.minorUnits
        if let down, down.isPositive {
            guard down.currency == total.currency, down.minorUnits < total.minorUnits else { throw .downPaymentTooLarge(down) }
            instalments.append(Instalment(number: 0, dueDate: start, amount: down))
            rest -= down.minorUnits
        }
        let offset = instalments.isEmpty ? 0 : 1
        let each = rest / Int64(count)
        let remainder = rest - each * Int64(count)
        guard each > 0 else { throw .instalmentTooSmall(Money(minorUnits: each, currency: total.currency)) }
        for index in 0..<count {
            let amount = each + (index == 0 ? remainder : 0)
            instalments.append(Instalment(number: index + 1, dueDate: frequency.day(index + offset, from: start),
                                          amount: Money(minorUnits: amount, currency: total.currency)))
        }
        return instalments
    }

    /// Checks a schedule against a policy's plan limits; the first broken limit is the error.
    public static func check(_ instalments: [Instalment], total: Money, start: Day, limits: PlanLimits) throws(PlanError) {
        let regular = instalments.filter { $0.number > 0 }
        if regular.count > limits.mostInstalments { throw .tooManyInstalments(regular.count, most: limits.mostInstalments) }
        if let smallest = limits.smallestInstalment?.amount(in: total.currency),
           let small = regular.first(where: { $0.amount.minorUnits < smallest.minorUnits }) {
            throw .instalmentBelowMinimum(small.amount, minimum: smallest)
        }
        if let last = instalments.last?.dueDate, last.days(since: start) > limits.longestDays {
            throw .tooLong(days: last.days(since: start), longest: limits.longestDays)
        }
        let down = instalments.first { $0.number == 0 }?.amount.minorUnits ?? 0
        let needed = (try? total.percent(limits.smallestDownPayment).minorUnits) ?? 0
        if down < needed { throw .downPaymentTooSmall(Money(minorUnits: needed, currency: total.currency)) }
    }
}

/// Why a payment plan was refused.
public enum PlanError: Error, Equatable, Sendable, CustomStringConvertible {
    case noInstalments
    case downPaymentTooLarge(Money)
    case instalmentTooSmall(Money)
    case tooManyInstalments(Int, most: Int)
    case instalmentBelowMinimum(Money, minimum: Money)
    case tooLong(days: Int, longest: Int)
    case downPaymentTooSmall(Money)

    public var description: String {
        switch self {
        case .noInstalments: return "a plan needs at least one instalment"
        case .downPaymentTooLarge(let down): return "the down payment \(down) must be less than the total"
        case .instalmentTooSmall(let amount): return "instalments of \(amount) are too small"
        case .tooManyInstalments(let count, let most): return "\(count) instalments is more than the policy allows (\(most))"
        case .instalmentBelowMinimum(let amount, let minimum):
            return "an instalment of \(amount) is below the policy's smallest instalment \(minimum)"
        case .tooLong(let days, let longest): return "the plan runs \(days) days, longer than the policy allows (\(longest))"
        case .downPaymentTooSmall(let needed): return "the policy asks for a down payment of at least \(needed)"
        }
    }
}
