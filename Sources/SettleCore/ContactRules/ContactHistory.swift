import Foundation

/// One earlier attempt to reach a client.
public struct ContactAttempt: Sendable, Hashable {
    public var at: Date
    public var method: ContactMethod
    /// The invoice (debt) it was about; nil when it was about the client as a whole.
    public var invoice: String?
    /// A call that reached the person (a telephone conversation in Regulation F's words).
    public var conversation: Bool

    public init(at: Date, method: ContactMethod, invoice: String? = nil, conversation: Bool = false) {
        self.at = at
        self.method = method
        self.invoice = invoice
        self.conversation = conversation
    }
}

/// What is known about earlier contact with one client: attempts and the client's wishes.
public struct ContactHistory: Sendable, Hashable {
    public var attempts: [ContactAttempt]
    /// Methods the client opted out of.
    public var optedOut: Set<ContactMethod>
    /// The client asked to cease communication: only a final notice may still go.
    public var ceased: Bool

    public init(attempts: [ContactAttempt] = [], optedOut: Set<ContactMethod> = [], ceased: Bool = false) {
        self.attempts = attempts
        self.optedOut = optedOut
        self.ceased = ceased
    }
}

/// A message or call about to happen.
public struct ContactRequest: Sendable, Hashable {
    public var method: ContactMethod
    /// When it would happen.
    public var at: Date
    /// The client's time zone: windows, weekends and days are the client's local ones.
    public var timeZone: TimeZone
    /// The invoice (debt) it is about, if one.
    public var invoice: String?
    /// A final notice that collection stops or which remedy follows: the one thing a client
    /// who asked to cease communication may still receive.
    public var finalNotice: Bool

    public init(method: ContactMethod, at: Date, timeZone: TimeZone, invoice: String? = nil, finalNotice: Bool = false) {
        self.method = method
        self.at = at
        self.timeZone = timeZone
        self.invoice = invoice
        self.finalNotice = finalNotice
    }
}

/// The answer of the contact rules. A held message waits for `until`; it is never dropped.
public enum ContactDecision: Sendable, Hashable {
    case allowed
    /// Not now: the earliest instant it may go, and why not now.
    case held(until: Date, reason: String)
    /// Not at all by this method (opt-out, or cease-communication for anything but a final notice).
    case refused(reason: String)
}

extension ContactRules {
    /// Held messages in the order they go out when their window opens: oldest invoice first
    /// (by due date, then by invoice number with digits compared as numbers).
    public static func oldestInvoiceFirst<Message>(_ messages: [Message], dueDate: (Message) -> Day,
                                                   invoice: (Message) -> String) -> [Message] {
        messages.sorted { left, right in
            let (leftDue, rightDue) = (dueDate(left), dueDate(right))
            if leftDue != rightDue { return leftDue < rightDue }
            return invoice(left).compare(invoice(right), options: .numeric) == .orderedAscending
        }
    }
}
