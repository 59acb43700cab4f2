extension Policy {
    /// Settle's default policy, modelled on good credit-control practice: a friendly reminder
    /// before the due date, a polite notice just after it, then firmer steps at a measured pace,
    /// and escalation only when a person approves. Fees are not charged by default; interest
    /// and fixed compensation follow the law of the client's country where it provides them.
    public static let standard = Policy(
        name: "standard",
        description: "Reminder 3 days before due; polite notice 1 day after; firmer email and a call at 7; "
            + "statutory interest and compensation at 14 where the law allows; formal demand letter at 30; "
            + "final notice at 45; escalation at 60 after a person approves.",
        stages: [
            Stage(id: "pre-due", offsetDays: -3, actions: [.email], tone: .friendly),
            Stage(id: "overdue-1", offsetDays: 1, actions: [.email], tone: .polite),
            Stage(id: "overdue-7", offsetDays: 7, actions: [.email, .callTask], tone: .firm),
            Stage(id: "overdue-14", offsetDays: 14, actions: [.email, .lateFee, .interest], tone: .firm),
            Stage(id: "overdue-30", offsetDays: 30, actions: [.email, .letter], tone: .formal),
            Stage(id: "overdue-45", offsetDays: 45, actions: [.email, .letter, .callTask], tone: .final),
            Stage(id: "escalate-60", offsetDays: 60, actions: [.escalate], tone: .final, requiresApproval: true),
        ],
        interest: .statutory(regime: nil))
}
