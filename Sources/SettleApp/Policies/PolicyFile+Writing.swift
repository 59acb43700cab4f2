import Foundation
import SettleCore

extension PolicyFile {
    /// The YAML form of a policy (what `settle policy show` prints for the built-in policy,
    /// and a starting point for writing your own).
    public static func yaml(_ policy: Policy) -> String {
        var lines = ["name: \(policy.name)"]
        if !policy.description.isEmpty { lines.append("description: \(quoted(policy.description))") }
        lines.append("consolidate: \(policy.consolidate)")
        lines.append("courtesy_reminder: \(policy.courtesyReminder)")
        switch policy.interest {
        case .none: lines.append("interest: {regime: none}")
        case .contractual(let rate): lines.append("interest: {regime: contractual, rate: \"\(rate)\"}")
        case .statutory(let regime): lines.append("interest: {regime: \(regime ?? "statutory")}")
        }
        if let fee = policy.lateFee {
            lines.append("late_fee:")
            if let flat = fee.flat { lines.append("  flat: \(amounts(flat))") }
            if let percent = fee.percent { lines.append("  percent: \"\(percent)\"") }
            if let minimum = fee.minimum { lines.append("  minimum: \(amounts(minimum))") }
            if let maximum = fee.maximum { lines.append("  maximum: \(amounts(maximum))") }
        }
        lines.append("promises: {longest_days: \(policy.promises.longestDays), grace_days: \(policy.promises.graceDays)}")
        var plans = "plans: {most_instalments: \(policy.plans.mostInstalments), longest_days: \(policy.plans.longestDays), "
            + "smallest_down_payment_percent: \"\(policy.plans.smallestDownPayment)\", grace_days: \(policy.plans.graceDays)"
        if let smallest = policy.plans.smallestInstalment { plans += ", smallest_instalment: \(amounts(smallest))" }
        lines.append(plans + "}")
        lines.append("stages:")
        for stage in policy.stages {
            lines.append("  - id: \(stage.id)")
            lines.append("    offset: \(stage.offsetDays)")
            lines.append("    actions: [\(stage.actions.map(\.rawValue).joined(separator: ", "))]")
            lines.append("    tone: \(stage.tone.rawValue)")
            lines.append("    template: \(stage.template)")
            if stage.requiresApproval { lines.append("    requires_approval: true") }
            if !stage.conditions.isEmpty { lines.append("    conditions: \(conditions(stage.conditions))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private static func amounts(_ amounts: AmountsByCurrency) -> String {
        if amounts.amounts.count == 1, let any = amounts.amounts["*"] { return "\"\(any)\"" }
        return "{" + amounts.amounts.sorted { $0.key < $1.key }.map { "\($0.key): \"\($0.value)\"" }.joined(separator: ", ") + "}"
    }

    private static func conditions(_ conditions: StageConditions) -> String {
        var parts: [String] = []
        if let minimum = conditions.minimumBalance { parts.append("minimum_balance: \(amounts(minimum))") }
        if !conditions.clientKinds.isEmpty { parts.append("kinds: [\(conditions.clientKinds.map(\.rawValue).sorted().joined(separator: ", "))]") }
        if !conditions.countries.isEmpty { parts.append("countries: [\(conditions.countries.sorted().joined(separator: ", "))]") }
        if !conditions.tags.isEmpty { parts.append("tags: [\(conditions.tags.sorted().joined(separator: ", "))]") }
        return "{" + parts.joined(separator: ", ") + "}"
    }
}
