/// What an organisation can subscribe to: each event is emitted by the use case that makes it
/// happen, in the same transaction as the change (docs/webhooks.md shows each payload).
public enum WebhookEventType: String, Sendable, Hashable, CaseIterable, Comparable {
    /// An invoice fell due yesterday and is unpaid (once per invoice, from the daily cycle).
    case invoiceOverdue = "invoice.overdue"
    /// A reminder (email, text message) was handed to its server.
    case reminderSent = "reminder.sent"
    /// A reminder could not be delivered; a worklist task was opened.
    case messageFailed = "message.failed"
    /// A payment was recorded (API, CSV import, bank statement) and allocated.
    case paymentReceived = "payment.received"
    /// A payment was reversed (chargeback, bounced, mistake).
    case paymentReversed = "payment.reversed"
    case promiseCreated = "promise.created"
    /// The promised day and its grace passed without the money (from the daily cycle).
    case promiseBroken = "promise.broken"
    case disputeOpened = "dispute.opened"
    case disputeResolved = "dispute.resolved"
    /// A payment plan missed an instalment beyond its grace (from the daily cycle).
    case planDefaulted = "plan.defaulted"
    /// An escalation waits for a person's approval (from the daily cycle).
    case approvalRequested = "approval.requested"
    /// An escalation case was opened: approved by a person, or by a policy stage that needs no approval.
    case escalationOpened = "escalation.opened"
    /// A client answered a message (inbound email).
    case replyReceived = "reply.received"

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
