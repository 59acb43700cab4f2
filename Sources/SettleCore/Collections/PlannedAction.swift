/// Something the engine decided for one invoice, with the reason a person can read.
public struct PlannedAction: Hashable, Sendable {
    /// What happens to the action.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// Carry it out (send, post, create the task).
        case due
        /// A catch-up record: its stage passed while nothing ran, so it is not sent.
        case skipped
        /// An escalation waiting for a person's approval.
        case awaitingApproval = "awaiting_approval"
    }

    /// The key of an action: `INVOICE/STAGE/OCCURRENCE/KIND`.
    public static func key(invoice: InvoiceNumber, stage: String, occurrence: String = "1", kind: ActionKind) -> String {
        "\(invoice.value)/\(stage)/\(occurrence)/\(kind.rawValue)"
    }

    /// Unique per organisation: invoice, stage, occurrence and kind. Running a day twice creates nothing new.
    public var key: String
    public var invoice: InvoiceNumber
    public var client: String
    public var stage: String
    public var kind: ActionKind
    public var tone: Tone
    public var template: String
    public var status: Status
    public var reason: String

    public init(invoice: InvoiceNumber, client: String, stage: String, occurrence: String = "1", kind: ActionKind,
                tone: Tone, template: String, status: Status, reason: String) {
        key = Self.key(invoice: invoice, stage: stage, occurrence: occurrence, kind: kind)
        self.invoice = invoice
        self.client = client
        self.stage = stage
        self.kind = kind
        self.tone = tone
        self.template = template
        self.status = status
        self.reason = reason
    }
}

/// Work for a person, on the worklist.
public struct PlannedTask: Hashable, Sendable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case call
        /// The client's unapplied credit covers the invoice: apply it instead of sending a reminder.
        case applyCredit = "apply_credit"
        /// The principal is paid but fees or interest are still open: waive or pursue.
        case chargesLeft = "charges_left"
        /// A message could not be delivered (the server refused it, or no address is known).
        case delivery
        /// A client replied (by email or text): read it and answer.
        case reply
        /// An email address bounced: correct it or ask the client for another.
        case bounce
    }

    public var key: String
    public var kind: Kind
    public var invoice: InvoiceNumber
    public var client: String
    public var reason: String

    public init(key: String, kind: Kind, invoice: InvoiceNumber, client: String, reason: String) {
        self.key = key
        self.kind = kind
        self.invoice = invoice
        self.client = client
        self.reason = reason
    }
}

/// The engine's answer for one invoice on one day.
public struct Decision: Hashable, Sendable {
    public var actions: [PlannedAction] = []
    public var tasks: [PlannedTask] = []
    /// Why nothing (more) happens today, in words.
    public var holds: [String] = []
    /// Set when a promise's grace period ended today or earlier and it is still marked open.
    public var promiseOutcome: PromiseOutcome?

    public init() {}
}
