/// One part of a risk score: what was measured, how many points it may give and how many it gave.
public struct RiskFactor: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case daysLate = "days_late"
        case shareLate = "share_late"
        case brokenPromises = "broken_promises"
        case overdueExposure = "overdue_exposure"
        case trend
        case disputes
    }

    public var kind: Kind
    /// The measured figure as a person reads it ("12.5 days", "2 of 5 promises", "no history").
    public var value: String
    /// The most points this factor gives (the weights add up to 100).
    public var weight: Int
    /// Points given: `weight × severity`, rounded half-up.
    public var points: Int

    init(_ kind: Kind, value: String, severity: Double) {
        self.kind = kind
        self.value = value
        weight = kind.weight
        points = Int((Double(kind.weight) * min(max(severity, 0), 1)).rounded(.toNearestOrAwayFromZero))
    }
}

extension RiskFactor.Kind {
    /// The documented weights (docs/forecast.md); they add up to 100.
    public var weight: Int {
        switch self {
        case .daysLate: return 25
        case .shareLate: return 20
        case .brokenPromises: return 15
        case .overdueExposure: return 20
        case .trend: return 10
        case .disputes: return 10
        }
    }
}

/// A client's risk of paying late or not at all, 0 (none seen) to 100, as the sum of the points of
/// six factors, each shown with its value, weight and points; no hidden model. A factor without
/// data (no paid invoice, no promise) gives no points and says so.
public struct RiskScore: Hashable, Sendable {
    public enum Level: String, Hashable, Sendable, CaseIterable {
        case low, medium, high
    }

    /// Average days late at which the days-late factor gives all its points.
    public static let daysLateForFullPoints = 60.0
    /// A worsening of this many days late gives all the trend points.
    public static let worseningDaysForFullPoints = 30.0
    /// The share of invoices disputed at which the disputes factor gives all its points.
    public static let disputedShareForFullPoints = 0.25

    public var score: Int
    public var factors: [RiskFactor]

    /// 0-29 low, 30-59 medium, 60-100 high.
    public var level: Level { score >= 60 ? .high : score >= 30 ? .medium : .low }

    public init(_ behaviour: ClientBehaviour) {
        var factors: [RiskFactor] = []
        if let average = behaviour.averageDaysLate {
            factors.append(RiskFactor(.daysLate, value: "\(average.oneDecimal) days",
                                      severity: average / Self.daysLateForFullPoints))
        } else {
            factors.append(RiskFactor(.daysLate, value: "no paid invoice", severity: 0))
        }
        if let onTime = behaviour.sharePaidOnTime {
            factors.append(RiskFactor(.shareLate, value: "\(Self.percent(1 - onTime)) of the amount paid late", severity: 1 - onTime))
        } else {
            factors.append(RiskFactor(.shareLate, value: "no paid invoice", severity: 0))
        }
        let promises = behaviour.promises
        if promises.closed > 0 {
            let broken = Double(promises.broken) + Double(promises.partlyKept) / 2
            let partly = promises.partlyKept > 0 ? " (+\(promises.partlyKept) partly kept)" : ""
            factors.append(RiskFactor(.brokenPromises, value: "\(promises.broken)\(partly) of \(promises.closed) broken",
                                      severity: broken / Double(promises.closed)))
        } else {
            factors.append(RiskFactor(.brokenPromises, value: "no promise due", severity: 0))
        }
        // Amounts in different currencies are not added: the currency with the largest overdue share counts.
        let shares = behaviour.exposure.filter(\.open.isPositive).map { position in
            (position, Double(max(0, position.overdue.minorUnits)) / Double(position.open.minorUnits))
        }
        if let worst = shares.max(by: { $0.1 < $1.1 }) {
            factors.append(RiskFactor(.overdueExposure, value: "\(Self.percent(worst.1)) of \(worst.0.open) overdue",
                                      severity: worst.1))
        } else {
            factors.append(RiskFactor(.overdueExposure, value: "nothing open", severity: 0))
        }
        let trend = behaviour.trend
        if let change = trend.change, let recent = trend.recentDaysLate, let previous = trend.previousDaysLate {
            let value = "\(trend.direction.rawValue): \(previous.oneDecimal) -> \(recent.oneDecimal) days late"
            factors.append(RiskFactor(.trend, value: value,
                                      severity: trend.direction == .worsening ? change / Self.worseningDaysForFullPoints : 0))
        } else {
            factors.append(RiskFactor(.trend, value: "not enough history", severity: 0))
        }
        if behaviour.invoicesIssued > 0 {
            let share = Double(behaviour.disputes.opened) / Double(behaviour.invoicesIssued)
            factors.append(RiskFactor(.disputes, value: "\(behaviour.disputes.opened) of \(behaviour.invoicesIssued) invoices disputed",
                                      severity: share / Self.disputedShareForFullPoints))
        } else {
            factors.append(RiskFactor(.disputes, value: "no invoice", severity: 0))
        }
        self.factors = factors
        score = factors.reduce(0) { $0 + $1.points }
    }

    /// A share as a whole percentage, half-up: 0.125 -> "13%".
    static func percent(_ share: Double) -> String {
        "\(Int((share * 100).rounded(.toNearestOrAwayFromZero)))%"
    }
}
