import SettleCore
import SettleStore

/// The events of Settle's use cases, with their fields named as in the API: invoice numbers,
/// client codes, money as decimal strings beside `currency`, days as `YYYY-MM-DD`.
extension EventPublisher {
    func paymentReceived(_ id: Int64, _ payment: Payment, plan: AllocationPlan) async throws {
        try await publish(.paymentReceived, about: "\(id)") {
            ["payment": .integer(id), "client": .string(payment.client), "date": .string(payment.date.description),
             "currency": .string(payment.amount.currency.code), "amount": .string(payment.amount.decimalString),
             "method": .string(payment.method.rawValue), "reference": .string(payment.reference),
             "invoice": .optional(payment.invoice?.value), "unapplied": .string(plan.unapplied.decimalString),
             "allocations": Self.allocations(plan.lines)]
        }
    }

    func paymentReversed(_ id: Int64, _ payment: Payment, lines: [AllocationPlan.Line], on day: Day, reason: ReversalReason) async throws {
        try await publish(.paymentReversed, about: "\(id)") {
            ["payment": .integer(id), "client": .string(payment.client), "currency": .string(payment.amount.currency.code),
             "amount": .string(payment.amount.decimalString), "reversed_on": .string(day.description),
             "reason": .string(reason.rawValue), "allocations": Self.allocations(lines)]
        }
    }

    func promiseCreated(_ id: Int64, invoice: Invoice, madeOn: Day, date: Day, amount: Money?) async throws {
        try await publish(.promiseCreated, about: "\(id)") {
            Self.promise(id, invoice: invoice.number, client: invoice.client, currency: invoice.currency, date: date, amount: amount)
                .merging(["made_on": .string(madeOn.description)]) { $1 }
        }
    }

    func promiseBroken(_ id: Int64, invoice: Invoice, date: Day, amount: Money?, on day: Day) async throws {
        try await publish(.promiseBroken, about: "\(id)") {
            Self.promise(id, invoice: invoice.number, client: invoice.client, currency: invoice.currency, date: date, amount: amount)
                .merging(["broken_on": .string(day.description)]) { $1 }
        }
    }

    func disputeOpened(_ id: Int64, invoice: Invoice, reason: DisputeReason, note: String, on day: Day) async throws {
        try await publish(.disputeOpened, about: "\(id)") {
            ["dispute": .integer(id), "invoice": .string(invoice.number.value), "client": .string(invoice.client),
             "reason": .string(reason.rawValue), "note": .string(note), "opened_on": .string(day.description)]
        }
    }

    func disputeResolved(_ id: Int64, invoice: Invoice, outcome: DisputeOutcome, credit: Money?, on day: Day) async throws {
        try await publish(.disputeResolved, about: "\(id)") {
            ["dispute": .integer(id), "invoice": .string(invoice.number.value), "client": .string(invoice.client),
             "outcome": .string(outcome.rawValue), "currency": .string(invoice.currency.code),
             "credit": .optional(credit?.decimalString), "resolved_on": .string(day.description)]
        }
    }

    func planDefaulted(_ plan: PaymentPlan, on day: Day) async throws {
        try await publish(.planDefaulted, about: "\(plan.id)") {
            ["plan": .integer(plan.id), "client": .string(plan.client), "invoices": .list(plan.invoices.map { .string($0.value) }),
             "defaulted_on": .string(day.description)]
        }
    }

    func approvalRequested(_ action: PlannedAction, on day: Day) async throws {
        try await publish(.approvalRequested, about: action.key) {
            ["invoice": .string(action.invoice.value), "client": .string(action.client), "stage": .string(action.stage),
             "reason": .string(action.reason), "requested_on": .string(day.description)]
        }
    }

    func escalationOpened(_ id: Int64, client: String, kind: CaseKind, invoices: [String], note: String, on day: Day) async throws {
        try await publish(.escalationOpened, about: "\(id)") {
            ["case": .integer(id), "client": .string(client), "kind": .string(kind.rawValue), "invoices": .list(invoices.map(EventValue.string)),
             "note": .string(note), "opened_on": .string(day.description)]
        }
    }

    func invoiceOverdue(_ invoice: Invoice, balance: Money, on day: Day) async throws {
        try await publish(.invoiceOverdue, about: invoice.number.value) {
            ["invoice": .string(invoice.number.value), "client": .string(invoice.client), "currency": .string(invoice.currency.code),
             "balance": .string(balance.decimalString), "due_date": .string(invoice.dueDate.description),
             "days_overdue": .integer(Int64(day.days(since: invoice.dueDate)))]
        }
    }

    /// Outbox message `id` handed to its server or printed (`reminder.sent`), or given up on
    /// (`message.failed`, with its error). Messages of the `webhook` channel tell a system, not
    /// the client, and are not reported.
    func message(_ type: WebhookEventType, id: Int64) async throws {
        guard try await isListened(type) else { return }
        let outbox = OutboxStore(sql, orgID: organisation.id)
        guard let message = try await outbox.find(id), message.channel != .webhook,
              let client = try await ClientStore(sql, orgID: organisation.id).find(id: message.clientID) else { return }
        let invoices = try await outbox.invoiceNumbers(ofMessage: id).map { EventValue.string($0.number.value) }
        try await publish(type, about: message.key) {
            var data: [String: EventValue] = [
                "message": .integer(message.id), "channel": .string(message.channel.rawValue), "client": .string(client.client.code),
                "recipient": .string(message.recipient), "invoices": .list(invoices), "template": .string(message.template),
                "tone": .string(message.tone.rawValue), "day": .string(message.day.description)]
            if type == .messageFailed { data["error"] = .optional(message.lastError) }
            return data
        }
    }

    /// Queues `reply.received` for a client's reply, inside the caller's transaction (the one that
    /// records the reply). `reply` is what makes the event unique (the reply's id or its Message-ID);
    /// `invoice` is the invoice it was attached to, when one was found.
    public func replyReceived(reply: String, client: String, invoice: String?, from: String, subject: String,
                              receivedAt: String) async throws {
        try await publish(.replyReceived, about: reply) {
            ["reply": .string(reply), "client": .string(client), "invoice": .optional(invoice), "from": .string(from),
             "subject": .string(subject), "received_at": .string(receivedAt)]
        }
    }

    private static func allocations(_ lines: [AllocationPlan.Line]) -> EventValue {
        .list(lines.map { line in
            .object(["invoice": .string(line.invoice.value), "kind": .string(line.entry.kind.rawValue),
                     "component": .string(line.entry.component.rawValue), "amount": .string(line.entry.amount.decimalString)])
        })
    }

    private static func promise(_ id: Int64, invoice: InvoiceNumber, client: String, currency: Currency, date: Day,
                                amount: Money?) -> [String: EventValue] {
        ["promise": .integer(id), "invoice": .string(invoice.value), "client": .string(client), "currency": .string(currency.code),
         "date": .string(date.description), "amount": .optional(amount?.decimalString)]
    }
}
