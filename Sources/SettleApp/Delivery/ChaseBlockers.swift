import SettleCore
import SettleStore
import SQLKit

/// What stops a waiting message from going out: since the cycle decided it, an invoice may
/// have been paid, disputed, promised, put in a plan or escalated, or the client paused; an
/// email address may have bounced. Loaded once per batch of messages.
struct ChaseBlockers {
    var disputed: Set<Int64>
    var promised: Set<Int64>
    var escalated: Set<Int64>
    var planned: Set<Int64>
    var pausedUntil: [Int64: Day]
    /// Lower-cased addresses that bounced.
    var bounced: [String: BouncedAddress]
    let today: Day
    let invoices: InvoiceStore

    static func load(sql: any SQLDatabase, orgID: Int64, today: Day) async throws -> ChaseBlockers {
        let plans = try await PlanStore(sql, orgID: orgID).list(activeOnly: true)
        return ChaseBlockers(
            disputed: try await DisputeStore(sql, orgID: orgID).openInvoiceIDs(),
            promised: Set(try await PromiseStore(sql, orgID: orgID).open().keys),
            escalated: try await EscalationStore(sql, orgID: orgID).escalatedInvoiceIDs(),
            planned: Set(plans.flatMap(\.invoiceIDs)),
            pausedUntil: try await ClientHoldStore(sql, orgID: orgID).latest(.pause, asOf: today),
            bounced: try await ClientStore(sql, orgID: orgID).bouncedAddresses(),
            today: today, invoices: InvoiceStore(sql, orgID: orgID))
    }

    /// Why no email may go to this address, when it bounced.
    func bounce(of recipient: String) -> String? {
        guard let bounce = bounced[recipient.lowercased()] else { return nil }
        return "\(recipient) bounced on \(bounce.day)" + (bounce.reason.isEmpty ? "" : " (\(bounce.reason))")
            + ": correct the client's address, then send again"
    }

    /// The invoices of a message still to be chased by it, and why the others are not.
    /// A courtesy reminder is about a promise and a plan reminder about a plan, so those do not stop them.
    func standing(of invoiceIDs: [Int64], clientID: Int64, template: String) async throws
        -> (chased: [StoredInvoice], reasons: [String]) {
        if let until = pausedUntil[clientID], today <= until {
            return ([], ["the client's chasing is paused until \(until)"])
        }
        let wanted = Set(invoiceIDs)
        let stored = try await invoices.list(InvoiceFilter(clientID: clientID), asOf: today).filter { wanted.contains($0.id) }
        var chased: [StoredInvoice] = []
        var reasons: [String] = []
        for invoice in stored {
            let number = invoice.invoice.number
            if !invoice.status.isOutstanding || invoice.summary.balance.principal.minorUnits <= 0 {
                reasons.append("\(number) was \(invoice.status == .paid ? "paid" : "settled") meanwhile")
            } else if disputed.contains(invoice.id) {
                reasons.append("\(number) is disputed")
            } else if promised.contains(invoice.id), template != "courtesy" {
                reasons.append("payment of \(number) was promised")
            } else if planned.contains(invoice.id), template != "plan_instalment" {
                reasons.append("\(number) is in a payment plan")
            } else if escalated.contains(invoice.id) {
                reasons.append("\(number) was escalated")
            } else {
                chased.append(invoice)
            }
        }
        return (chased, reasons)
    }
}
