/// One name a template may use between `{{` and `}}`.
public struct MergeField: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// Rendered as text; empty when it does not apply, so `{{#field}}…{{/field}}` shows a part only when it does.
        case text
        /// True or false: only for sections (`{{#several_invoices}}…{{/several_invoices}}`).
        case flag
        /// A group of fields (`client.name`); as a section it makes its fields available unqualified.
        case object
        /// A list (`invoices`): a section repeats for each element, whose fields it makes available.
        case list
    }

    public var name: String
    public var kind: Kind
    public var summary: String
    public var fields: [MergeField]

    /// A text field.
    init(_ name: String, _ summary: String) {
        self.init(name, .text, summary)
    }

    init(_ name: String, _ kind: Kind, _ summary: String, fields: [MergeField] = []) {
        self.name = name
        self.kind = kind
        self.summary = summary
        self.fields = fields
    }

    /// The child field with this name, if this is an object or a list.
    public func field(_ name: Substring) -> MergeField? { fields.first { $0.name == name } }
}

/// The fixed vocabulary of merge fields every message template draws on (see docs/templates.md).
public enum MergeFields {
    /// The fields of one invoice, in the `invoices` list and in `invoice`.
    public static let invoiceFields: [MergeField] = [
        MergeField("number", "The invoice number."),
        MergeField("issue_date", "The issue date, written out in the message's language."),
        MergeField("due_date", "The due date, written out."),
        MergeField("days_overdue", "Days past the due date, as a number; empty when not yet overdue."),
        MergeField("overdue_by", "The same with its unit, singular for one: `1 day`, `12 Tage`, `12 jours`; empty when not overdue."),
        MergeField("amount", "The invoice total as issued, with its currency symbol."),
        MergeField("balance", "The principal still open on the invoice."),
        MergeField("currency", "The ISO 4217 code."),
        MergeField("reference", "The invoice's RF creditor reference in groups of four."),
    ]

    /// Every top-level field.
    public static let all: [MergeField] = [
        MergeField("client", .object, "The client.", fields: [
            MergeField("name", "The client's name."),
            MergeField("code", "The business's own identifier of the client."),
        ]),
        MergeField("contact", .object, "The person written to.", fields: [
            MergeField("name", "The first billing contact's name; empty when the client has no named contact."),
        ]),
        MergeField("invoices", .list, "The invoices the message is about, oldest due first.", fields: invoiceFields),
        MergeField("invoice", .object, "The first (oldest due) of them; the only one in a single-invoice message.",
                   fields: invoiceFields),
        MergeField("invoice_count", "How many invoices the message is about."),
        MergeField("several_invoices", .flag, "True when the message is about more than one invoice."),
        MergeField("days_overdue", "The largest number of days any of them is overdue; empty when none is."),
        MergeField("overdue_by", "The same with its unit (`12 days`); empty when none is overdue."),
        MergeField("balance", "The principal still open, all invoices together."),
        MergeField("fees", "Fees and fixed compensation added and still open; empty when none."),
        MergeField("interest", "Interest added and still open; empty when none."),
        MergeField("charges_added", .flag, "True when fees or interest were added."),
        MergeField("total_due", "Balance, fees and interest together: what the client owes now."),
        MergeField("currency", "The ISO 4217 code of the amounts."),
        MergeField("date", "The day of the message, written out."),
        MergeField("pay_by", "The day by which payment is asked for (seven days after the message unless the caller sets it)."),
        MergeField("payment", .object, "How to pay.", fields: [
            MergeField("bank_name", "The organisation's bank; empty when not set."),
            MergeField("iban", "The organisation's IBAN in groups of four; empty when not set."),
            MergeField("bic", "The organisation's BIC; empty when not set."),
            MergeField("reference", "The RF reference to quote: the invoice's, or the first invoice's when there are several."),
            MergeField("portal_url", "The client's signed, expiring link to the portal."),
        ]),
        MergeField("business", .object, "The organisation sending the message.", fields: [
            MergeField("name", "The organisation's name."),
            MergeField("signature", "The signature lines set with `settle org settings`; empty when not set."),
        ]),
        MergeField("promise", .object, "The client's promise to pay, when there is one.", fields: [
            MergeField("date", "The promised day."),
            MergeField("amount", "The promised amount."),
        ]),
        MergeField("plan", .object, "The payment plan's instalment, when there is one.", fields: [
            MergeField("instalment_amount", "The instalment's amount."),
            MergeField("instalment_date", "The instalment's due day."),
        ]),
    ]

    /// The root of the vocabulary, as an object holding every top-level field.
    static let root = MergeField("", .object, "", fields: all)

    /// Every dotted name a template can use outside any section (`client.name`, `invoices`).
    public static var qualifiedNames: [String] {
        func names(_ field: MergeField, prefix: String) -> [String] {
            let name = prefix.isEmpty ? field.name : prefix + "." + field.name
            return [name] + (field.kind == .object ? field.fields.flatMap { names($0, prefix: name) } : [])
        }
        return all.flatMap { names($0, prefix: "") }
    }
}
