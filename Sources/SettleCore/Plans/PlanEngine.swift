/// Chases a payment plan's instalments instead of its invoices' stages: a reminder three days
/// before each instalment, a follow-up the day after one that is not covered, and — once the
/// grace days have passed with an instalment still not covered — default: a call task, and
/// chasing of the remaining balance resumes under the policy.
public enum PlanEngine {
    /// What happens to the plan's status today.
    public enum Outcome: Sendable, Hashable {
        case unchanged, completed, defaulted
    }

    /// - Parameters:
    ///   - paid: money applied to the plan's invoices since the plan began.
    ///   - carrier: the invoice whose key and record the plan's actions use (its first invoice).
    ///   - recorded: keys already recorded for the carrier invoice.
    public static func decide(_ plan: PaymentPlan, paid: Money, remaining: Money, carrier: InvoiceNumber, graceDays: Int,
                              hardship: Bool, recorded: RecordedActions, on today: Day) -> (decision: Decision, outcome: Outcome) {
        var decision = Decision()
        guard plan.status == .active else { return (decision.holding("plan \(plan.id) is \(plan.status.rawValue)"), .unchanged) }
        if remaining.minorUnits <= 0 { return (decision.holding("plan \(plan.id) is paid"), .completed) }
        var expected: Int64 = 0
        for instalment in plan.instalments {
            expected += instalment.amount.minorUnits
            let covered = paid.minorUnits >= expected
            guard !covered else { continue }
            let missedBy = instalment.dueDate.adding(days: graceDays)
            if today > missedBy {
                let stage = "plan-\(plan.id)-default"
                let reason = "plan \(plan.id): instalment \(instalment.number) of \(instalment.amount) due \(instalment.dueDate) "
                    + "not paid after \(graceDays) grace days; the plan defaults and chasing resumes on \(remaining)"
                for kind in [ActionKind.email, .callTask] {
                    let action = PlannedAction(invoice: carrier, client: plan.client, stage: stage, kind: kind,
                                               tone: hardship ? .supportive : .firm, template: "plan_instalment", status: .due, reason: reason)
                    guard !recorded.contains(action.key) else { continue }
                    decision.actions.append(action)
                    if kind == .callTask {
                        decision.tasks.append(PlannedTask(key: action.key, kind: .call, invoice: carrier, client: plan.client,
                                                          reason: "call about the defaulted plan \(plan.id): \(reason)"))
                    }
                }
                return (decision, .defaulted)
            }
            for (offset, name, tone) in [(-3, "before", Tone.friendly), (1, "after", Tone.polite)]
            where instalment.dueDate.adding(days: offset) <= today {
                let action = PlannedAction(invoice: carrier, client: plan.client, stage: "plan-\(plan.id)-\(instalment.number)-\(name)",
                                           kind: .email, tone: hardship ? .supportive : tone, template: "plan_instalment",
                                           status: .due, reason: "plan \(plan.id): instalment \(instalment.number) of \(instalment.amount) "
                                               + "due \(instalment.dueDate)")
                // Only today's reminder is sent; one that passed unrun is not sent late.
                if recorded.contains(action.key) { continue }
                if instalment.dueDate.adding(days: offset) < today { continue }
                decision.actions.append(action)
            }
            return (decision.holding("plan \(plan.id): next instalment \(instalment.number) due \(instalment.dueDate)"), .unchanged)
        }
        return (decision.holding("plan \(plan.id) is covered"), .completed)
    }
}
