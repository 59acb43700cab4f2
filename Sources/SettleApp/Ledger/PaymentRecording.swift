import SettleCore
import SettleStore
import SQLKit

/// A payment that was recorded, and where its money went.
public struct RecordedPayment: Sendable {
    public var id: Int64
    public var plan: AllocationPlan
}

/// Records payments and applies them, inside the caller's transaction, and publishes
/// `payment.received` and `payment.reversed` to webhook subscribers in it.
struct PaymentRecording {
    let sql: any SQLDatabase
    let organisation: StoredOrganisation
    let now: String
    let events: EventPublisher

    init(sql: any SQLDatabase, organisation: StoredOrganisation, now: String) {
        self.sql = sql
        self.organisation = organisation
        self.now = now
        self.events = EventPublisher(sql: sql, organisation: organisation, now: now)
    }

    /// Stores the payment and allocates it (named invoice, else oldest due first); a surplus stays as credit.
    func record(_ payment: Payment, clientID: Int64) async throws -> RecordedPayment {
        let invoices = InvoiceStore(sql, orgID: organisation.id)
        var namedID: Int64?
        if let number = payment.invoice {
            let invoice = try await invoices.require(number.value)
            guard invoice.clientID == clientID else {
                throw InputError("invoice \(number) belongs to client \(invoice.invoice.client), not \(payment.client)")
            }
            guard invoice.invoice.currency == payment.amount.currency else {
                throw InputError("invoice \(number) is in \(invoice.invoice.currency), the payment in \(payment.amount.currency)")
            }
            namedID = invoice.id
        }
        let open = try await invoices.openItems(clientID: clientID, currency: payment.amount.currency)
        return try await record(payment, clientID: clientID, invoiceID: namedID, open: open,
                                naming: payment.invoice.map { [$0] } ?? [])
    }

    /// Stores the payment and allocates it to `open` (the client's open invoices, or just those
    /// the payment is for), to the `named` ones in order when any, else oldest due first.
    func record(_ payment: Payment, clientID: Int64, invoiceID: Int64?, open: [(id: Int64, item: OpenItem)],
                naming named: [InvoiceNumber]) async throws -> RecordedPayment {
        let paymentID = try await PaymentStore(sql, orgID: organisation.id)
            .insert(payment, clientID: clientID, invoiceID: invoiceID, now: now)
        let plan = try Allocator(order: organisation.organisation.allocationOrder)
            .allocate(payment.amount, on: payment.date, paymentID: paymentID, to: open.map(\.item), naming: named)
        try await post(plan.lines, ids: open)
        try await events.paymentReceived(paymentID, payment, plan: plan)
        return RecordedPayment(id: paymentID, plan: plan)
    }

    /// Undoes a payment: its allocations and discounts are reversed and the invoices reopen.
    func reverse(_ paymentID: Int64, on day: Day, reason: ReversalReason) async throws -> [AllocationPlan.Line] {
        let payments = PaymentStore(sql, orgID: organisation.id)
        guard let payment = try await payments.find(paymentID) else { throw StoreError.unknownPayment(paymentID) }
        if let reversedOn = payment.reversedOn {
            throw InputError("payment \(paymentID) was already reversed on \(reversedOn)")
        }
        let ledger = LedgerStore(sql, orgID: organisation.id)
        let entries = try await ledger.entries(ofPayment: paymentID, currency: payment.payment.amount.currency)
        let lines = Allocator.reversal(of: entries, on: day, reason: reason)
        let invoices = InvoiceStore(sql, orgID: organisation.id)
        var ids: [InvoiceNumber: Int64] = [:]
        for number in Set(lines.map(\.invoice)) { ids[number] = try await invoices.require(number.value).id }
        try await ledger.post(try lines.map { line in
            guard let id = ids[line.invoice] else { throw StoreError.unknownInvoice(line.invoice.value) }
            return (id, line.entry)
        }, now: now)
        try await payments.markReversed(paymentID, on: day, reason: reason)
        try await events.paymentReversed(paymentID, payment.payment, lines: lines, on: day, reason: reason)
        return lines
    }

    func post(_ lines: [AllocationPlan.Line], ids: [(id: Int64, item: OpenItem)]) async throws {
        let byNumber = Dictionary(uniqueKeysWithValues: ids.map { ($0.item.invoice, $0.id) })
        try await LedgerStore(sql, orgID: organisation.id).post(try lines.map { line in
            guard let id = byNumber[line.invoice] else { throw StoreError.unknownInvoice(line.invoice.value) }
            return (id, line.entry)
        }, now: now)
    }
}

/// Applies a client's unapplied credit (surpluses of earlier payments) to its open invoices, oldest first.
struct CreditApplication {
    let sql: any SQLDatabase
    let organisation: StoredOrganisation
    let now: String

    /// Returns the entries posted; credit in a currency with no open invoice stays.
    func apply(clientID: Int64, on day: Day) async throws -> [AllocationPlan.Line] {
        let recording = PaymentRecording(sql: sql, organisation: organisation, now: now)
        let invoices = InvoiceStore(sql, orgID: organisation.id)
        var posted: [AllocationPlan.Line] = []
        for payment in try await PaymentStore(sql, orgID: organisation.id).list(clientID: clientID)
        where payment.unapplied.isPositive {
            let open = try await invoices.openItems(clientID: clientID, currency: payment.unapplied.currency)
            let plan = try Allocator(order: organisation.organisation.allocationOrder)
                .allocate(payment.unapplied, on: day, paymentID: payment.id, to: open.map(\.item), allowDiscount: false)
            try await recording.post(plan.lines, ids: open)
            posted += plan.lines
        }
        return posted
    }
}
