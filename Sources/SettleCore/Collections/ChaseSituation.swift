/// Everything the engine needs to know about one invoice to decide what happens next.
/// Built by the app from the store; the engine itself reads nothing else.
public struct ChaseSituation: Sendable {
    public var invoice: Invoice
    public var client: Client
    public var policy: Policy
    /// The ledger as of today.
    public var summary: LedgerSummary
    /// The client's unapplied credit in the invoice's currency covers the whole balance.
    public var coveredByCredit: Bool
    /// Keys of actions already recorded for this invoice (done, skipped or waiting for approval).
    public var recorded: RecordedActions
    /// The newest promise to pay that is still open.
    public var promise: PromiseState?
    public var openDispute: Bool
    /// A person paused chasing of the whole client through this day.
    public var clientPausedUntil: Day?
    /// The client is in hardship through this day: no fees, interest or escalation; supportive tone.
    public var hardshipUntil: Day?
    /// The invoice is part of an active payment plan: its instalments are chased instead.
    public var inPlan: Bool
    /// An agency, mediator or lawyer has the invoice.
    public var escalated: Bool

    public init(invoice: Invoice, client: Client, policy: Policy, summary: LedgerSummary, coveredByCredit: Bool = false,
                recorded: RecordedActions = [], promise: PromiseState? = nil, openDispute: Bool = false,
                clientPausedUntil: Day? = nil, hardshipUntil: Day? = nil, inPlan: Bool = false, escalated: Bool = false) {
        self.invoice = invoice
        self.client = client
        self.policy = policy
        self.summary = summary
        self.coveredByCredit = coveredByCredit
        self.recorded = recorded
        self.promise = promise
        self.openDispute = openDispute
        self.clientPausedUntil = clientPausedUntil
        self.hardshipUntil = hardshipUntil
        self.inPlan = inPlan
        self.escalated = escalated
    }

    public var status: PaymentStatus { PaymentStatus(isVoid: invoice.isVoid, summary: summary) }

    func inHardship(on day: Day) -> Bool { hardshipUntil.map { day <= $0 } ?? false }
    func paused(on day: Day) -> Bool { clientPausedUntil.map { day <= $0 } ?? false }
}

/// A client's promise to pay an invoice by a day.
public struct PromiseState: Hashable, Sendable {
    public var id: Int64
    public var madeOn: Day
    public var promisedDate: Day
    /// The amount promised; nil means the whole balance.
    public var amount: Money?
    /// Money applied to the invoice since the promise was made.
    public var receivedSince: Money

    public init(id: Int64, madeOn: Day, promisedDate: Day, amount: Money?, receivedSince: Money) {
        self.id = id
        self.madeOn = madeOn
        self.promisedDate = promisedDate
        self.amount = amount
        self.receivedSince = receivedSince
    }
}

/// What became of a promise once its grace period ended.
public enum PromiseOutcome: String, Sendable, Hashable, CaseIterable {
    case kept
    case partlyKept = "partly_kept"
    case broken
}
