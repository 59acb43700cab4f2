import Foundation
import SettleCore
import SettleStore

/// The JSON event a policy's `webhook` action posts: which stage an invoice reached, for a
/// system (a CRM, a chat channel, an accounting tool) to act on.
struct WebhookPayload: Encodable {
    struct Invoice: Encodable {
        var number: String
        var currency: String
        /// What is still owed, as a decimal string (`"1250.00"`).
        var balance: String
        var due_date: String
        var days_overdue: Int
    }

    var type = "collections.stage_reached"
    var id: String
    var organisation: String
    var client: String
    var client_name: String
    var stage: String
    var tone: String
    var day: String
    var invoices: [Invoice]

    static func json(of message: PendingMessage, client: Client, organisation: String, invoices: [StoredInvoice],
                     today: Day) throws -> String {
        let payload = WebhookPayload(
            id: "\(organisation)/\(message.key)", organisation: organisation, client: client.code, client_name: client.name,
            stage: message.stage, tone: message.tone.rawValue, day: message.day.description,
            invoices: invoices.map { stored in
                Invoice(number: stored.invoice.number.value, currency: stored.invoice.currency.code,
                        balance: stored.summary.balance.total.decimalString, due_date: stored.invoice.dueDate.description,
                        days_overdue: max(0, today.days(since: stored.invoice.dueDate)))
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(payload), as: UTF8.self)
    }
}
