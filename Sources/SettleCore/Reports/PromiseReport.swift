/// Where a promise to pay stood on a report's last day.
public enum PromiseStanding: String, Sendable, Hashable, CaseIterable {
    /// Its date plus grace had not passed yet (or the daily cycle had not judged it by then).
    case open
    case kept
    /// Some money arrived, less than promised.
    case partlyKept = "partly_kept"
    case broken
    /// Replaced by a later promise on the same invoice.
    case cancelled
}

/// A number of promises and what they were for, per currency.
public struct PromiseTally: Hashable, Sendable {
    public var count: Int
    /// One amount per currency, ordered by code.
    public var amounts: [Money]

    public init(count: Int = 0, amounts: [Money] = []) {
        self.count = count
        self.amounts = amounts.sorted { $0.currency < $1.currency }
    }

    /// This tally with more promises in a currency.
    public func adding(count more: Int, amount: Money) throws(MoneyError) -> PromiseTally {
        var amounts = self.amounts
        if let index = amounts.firstIndex(where: { $0.currency == amount.currency }) {
            amounts[index] = try amounts[index] + amount
        } else {
            amounts.append(amount)
        }
        return PromiseTally(count: count + more, amounts: amounts)
    }
}

/// The promises of one standing.
public struct StandingTally: Hashable, Sendable {
    public var standing: PromiseStanding
    public var tally: PromiseTally
}

/// How many of something (a dispute reason, an outcome).
public struct NamedCount: Hashable, Sendable {
    public var name: String
    public var count: Int

    public init(name: String, count: Int) {
        self.name = name
        self.count = count
    }
}

/// How promises to pay and disputes went over a period.
///
/// - Promises: those made in the period, with where each stood on `to` (a promise closed after `to` counts
///   as open). The amount of a promise is the amount promised or, for a promise of the whole balance, the
///   invoice's balance on the day it was made; in the invoice's currency.
/// - Kept rate = kept / (kept + partly kept + broken) × 100: of the promises judged, the share kept in full.
/// - Disputes: those opened in the period by reason; those resolved in the period by outcome, with the
///   average and median days from opening to resolution; and how many were open on `to` (opened on or
///   before it and not resolved by then, whenever they were opened).
public struct PromiseReport: Hashable, Sendable {
    public var from: Day
    public var to: Day
    public var made: PromiseTally
    /// Every standing, in `PromiseStanding.allCases` order.
    public var byStanding: [StandingTally]
    public var keptRate: Hundredths?
    /// Disputes opened in the period per reason (`pricing`, `quality`, `not_received`, `duplicate`, `other`), as given.
    public var disputesOpened: [NamedCount]
    /// Disputes resolved in the period per outcome (`upheld`, `rejected`, `partial`), as given.
    public var disputesResolved: [NamedCount]
    public var disputesOpenAtEnd: Int
    public var averageDaysToResolve: Hundredths?
    public var medianDaysToResolve: Hundredths?

    /// - Parameters:
    ///   - promises: each standing with its tally (standings left out had none).
    ///   - resolutionDays: the days each dispute resolved in the period took, with how many took that long.
    public init(from: Day, to: Day, promises: [PromiseStanding: PromiseTally], disputesOpened: [NamedCount],
                disputesResolved: [NamedCount], disputesOpenAtEnd: Int,
                resolutionDays: [(days: Int, count: Int)]) throws(MoneyError) {
        self.from = from
        self.to = to
        byStanding = PromiseStanding.allCases.map { StandingTally(standing: $0, tally: promises[$0] ?? PromiseTally()) }
        var made = PromiseTally()
        for entry in byStanding {
            for amount in entry.tally.amounts { made = try made.adding(count: 0, amount: amount) }
            made.count += entry.tally.count
        }
        self.made = made
        let judged = [PromiseStanding.kept, .partlyKept, .broken].reduce(0) { $0 + (promises[$1]?.count ?? 0) }
        keptRate = Hundredths.percentage(Int64(promises[.kept]?.count ?? 0), of: Int64(judged))
        self.disputesOpened = disputesOpened
        self.disputesResolved = disputesResolved
        self.disputesOpenAtEnd = disputesOpenAtEnd
        let resolved = resolutionDays.reduce(0) { $0 + $1.count }
        averageDaysToResolve = Hundredths.ratio(Int64(resolutionDays.reduce(0) { $0 + $1.days * $1.count }), over: Int64(resolved))
        medianDaysToResolve = Self.median(resolutionDays)
    }

    /// The tally of one standing.
    public subscript(standing: PromiseStanding) -> PromiseTally {
        byStanding.first { $0.standing == standing }?.tally ?? PromiseTally()
    }

    /// The median of values given with their counts: the middle one, or the mean of the two middle ones
    /// when there is an even number; nil when there are none.
    public static func median(_ values: [(days: Int, count: Int)]) -> Hundredths? {
        let sorted = values.filter { $0.count > 0 }.sorted { $0.days < $1.days }
        let total = sorted.reduce(0) { $0 + $1.count }
        guard total > 0 else { return nil }
        // The values at positions (total - 1) / 2 and total / 2 (zero-based): the same one when total is odd.
        func value(at position: Int) -> Int {
            var seen = 0
            for entry in sorted {
                seen += entry.count
                if position < seen { return entry.days }
            }
            return sorted.last?.days ?? 0
        }
        return Hundredths.ratio(Int64(value(at: (total - 1) / 2) + value(at: total / 2)), over: 2)
    }
}
