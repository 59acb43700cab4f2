/// Decides, for one invoice on one day, what should happen next and why (DESIGN: collections
/// engine semantics). Pure: the same situation and day always give the same decision, and
/// everything already recorded is never planned again.
public enum CollectionsEngine {
    public static func decide(_ situation: ChaseSituation, on today: Day) -> Decision {
        var decision = Decision()
        let invoice = situation.invoice
        let balance = situation.summary.balance
        switch situation.status {
        case .paid: return decision.holding("paid")
        case .void: return decision.holding("void")
        case .writtenOff: return decision.holding("written off")
        case .open, .partiallyPaid: break
        }
        if situation.escalated { return decision.holding("escalated: the agency or lawyer has it") }
        if situation.openDispute { return decision.holding("disputed: chasing waits until the dispute is resolved") }
        if situation.inPlan { return decision.holding("in a payment plan: its instalments are chased instead") }
        if balance.principal.minorUnits <= 0 {
            decision.tasks.append(task(.chargesLeft, situation, "principal paid; \(balance.total) of fees or interest "
                                       + "left: waive or pursue"))
            return decision.holding("principal paid: only charges are left, for a person to decide")
        }
        if situation.coveredByCredit {
            decision.tasks.append(task(.applyCredit, situation, "the client's unapplied credit covers \(balance.total): apply it"))
            return decision.holding("covered by the client's unapplied credit")
        }
        let paused = situation.paused(on: today)
        if let promise = situation.promise {
            let deadline = promise.promisedDate.adding(days: situation.policy.promises.graceDays)
            if today <= deadline {
                let courtesy = PlannedAction(
                    invoice: invoice.number, client: situation.client.code, stage: "courtesy-\(promise.id)",
                    kind: .email, tone: situation.inHardship(on: today) ? .supportive : .friendly, template: "courtesy",
                    status: .due, reason: "courtesy reminder: payment promised for \(promise.promisedDate)")
                if situation.policy.courtesyReminder, today == promise.promisedDate.adding(days: -1), !paused,
                   !situation.recorded.contains(courtesy.key) {
                    decision.actions.append(courtesy)
                }
                return decision.holding("promise to pay by \(promise.promisedDate) (grace until \(deadline))")
            }
            let outcome = outcome(of: promise, balance: balance)
            decision.promiseOutcome = outcome
            if outcome == .broken {
                return brokenPromise(promise, situation, today: today, paused: paused, decision: decision)
            }
        }
        if paused, let until = situation.clientPausedUntil {
            return decision.holding("client paused by a person until \(until)")
        }
        return stages(situation, today: today, decision: decision)
    }

    /// Kept when what arrived since the promise covers the promised amount (or the invoice is paid).
    static func outcome(of promise: PromiseState, balance: InvoiceBalance) -> PromiseOutcome {
        if let amount = promise.amount {
            if promise.receivedSince.minorUnits >= amount.minorUnits { return .kept }
        } else if balance.total.minorUnits <= 0 {
            return .kept
        }
        return promise.receivedSince.minorUnits > 0 ? .partlyKept : .broken
    }

    /// The follow-up of a broken promise replaces the stages that came due meanwhile.
    private static func brokenPromise(_ promise: PromiseState, _ situation: ChaseSituation, today: Day, paused: Bool,
                                      decision: Decision) -> Decision {
        var decision = decision
        if paused {
            // Keep the promise open so its follow-up goes out once the pause ends.
            decision.promiseOutcome = nil
            return decision.holding("promise broken; the follow-up waits for the client's pause to end")
        }
        let stage = "broken-promise-\(promise.id)"
        let reason = "promise to pay by \(promise.promisedDate) was not kept"
        let tone: Tone = situation.inHardship(on: today) ? .supportive : .firm
        for kind in [ActionKind.email, .callTask] {
            let action = PlannedAction(invoice: situation.invoice.number, client: situation.client.code, stage: stage,
                                       kind: kind, tone: tone, template: "broken_promise", status: .due, reason: reason)
            guard !situation.recorded.contains(action.key) else { continue }
            decision.actions.append(action)
            if kind == .callTask { decision.tasks.append(callTask(for: action, situation)) }
        }
        var rest = stages(situation, today: today, decision: Decision())
        for index in rest.actions.indices where rest.actions[index].kind.isMessage || rest.actions[index].kind == .callTask {
            rest.actions[index].status = .skipped
            rest.actions[index].reason += "; replaced by the broken-promise follow-up"
        }
        decision.actions += rest.actions
        return decision
    }

    /// The policy's stages that are due and not yet recorded. After a gap only the latest fires
    /// with all its actions; earlier ones post their money and create their approvals, and
    /// their messages are recorded as skipped so they never go out late.
    private static func stages(_ situation: ChaseSituation, today: Day, decision: Decision) -> Decision {
        var decision = decision
        let invoice = situation.invoice
        let hardship = situation.inHardship(on: today)
        let daysLate = today.days(since: invoice.dueDate)
        var pending: [(stage: Stage, kinds: [ActionKind])] = []
        for stage in situation.policy.stages where stage.day(dueDate: invoice.dueDate) <= today {
            let kinds = stage.actions.filter { kind in
                !situation.recorded.contains(PlannedAction.key(invoice: invoice.number, stage: stage.id, kind: kind))
            }
            if let failure = stage.conditions.failure(client: situation.client, balance: situation.summary.balance.total) {
                decision.holds.append("stage \(stage.id) does not apply: \(failure)")
                continue
            }
            if !kinds.isEmpty { pending.append((stage, kinds)) }
        }
        guard let latest = pending.last?.stage else {
            if decision.holds.isEmpty { decision.holds.append(nextStageNote(situation, today: today)) }
            return decision
        }
        for (stage, kinds) in pending {
            let isLatest = stage.id == latest.id
            let when = daysLate < 0 ? "\(-daysLate) days before the due date" : daysLate == 0 ? "on the due date" : "\(daysLate) days overdue"
            for kind in kinds {
                var status: PlannedAction.Status = isLatest ? .due : .skipped
                var reason = "stage \(stage.id) (due date \(stage.offsetDays >= 0 ? "+" : "")\(stage.offsetDays)): \(when)"
                switch kind {
                case .lateFee, .interest:
                    if hardship {
                        status = .skipped
                        reason += "; no \(kind == .lateFee ? "fee" : "interest") while the client is in hardship"
                    } else {
                        status = .due
                        if !isLatest { reason += "; posted on catch-up" }
                    }
                case .escalate:
                    if hardship {
                        decision.holds.append("escalation of stage \(stage.id) waits: the client is in hardship")
                        continue
                    }
                    status = stage.requiresApproval ? .awaitingApproval : .due
                    if stage.requiresApproval { reason += "; needs a person's approval" }
                default:
                    if !isLatest { reason += "; skipped on catch-up: a later stage is due" }
                }
                let tone: Tone = hardship ? .supportive : stage.tone
                let action = PlannedAction(invoice: invoice.number, client: situation.client.code, stage: stage.id,
                                           kind: kind, tone: tone, template: stage.template, status: status, reason: reason)
                decision.actions.append(action)
                if kind == .callTask, status == .due { decision.tasks.append(callTask(for: action, situation)) }
            }
        }
        return decision
    }

    private static func nextStageNote(_ situation: ChaseSituation, today: Day) -> String {
        let next = situation.policy.stages.first { $0.day(dueDate: situation.invoice.dueDate) > today }
        return next.map { "next: stage \($0.id) on \($0.day(dueDate: situation.invoice.dueDate))" } ?? "every stage is done"
    }

    private static func task(_ kind: PlannedTask.Kind, _ situation: ChaseSituation, _ reason: String) -> PlannedTask {
        PlannedTask(key: "\(situation.invoice.number.value)/\(kind.rawValue)/1/task", kind: kind,
                    invoice: situation.invoice.number, client: situation.client.code, reason: reason)
    }

    private static func callTask(for action: PlannedAction, _ situation: ChaseSituation) -> PlannedTask {
        PlannedTask(key: action.key, kind: .call, invoice: action.invoice, client: action.client,
                    reason: "call \(situation.client.name) about \(action.invoice): \(action.reason)")
    }
}

extension Decision {
    /// The decision with one more reason why nothing (more) happens.
    public func holding(_ reason: String) -> Decision {
        var copy = self
        copy.holds.append(reason)
        return copy
    }
}
