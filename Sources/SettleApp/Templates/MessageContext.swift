import Foundation
import SettleCore

/// Everything a message can say, gathered by a use case from the store (or made up for a
/// sample preview); `mergeValues()` turns it into the merge fields of `MergeFields`.
public struct MessageContext: Sendable {
    /// An invoice the message is about, with what it still owes as of the message day.
    public struct Item: Sendable, Hashable {
        public var invoice: Invoice
        public var balance: InvoiceBalance

        public init(invoice: Invoice, balance: InvoiceBalance) {
            self.invoice = invoice
            self.balance = balance
        }
    }

    /// A promise to pay: an amount by a day.
    public struct Promise: Sendable, Hashable {
        public var date: Day
        public var amount: Money

        public init(date: Day, amount: Money) {
            self.date = date
            self.amount = amount
        }
    }

    /// One instalment of a payment plan.
    public struct Instalment: Sendable, Hashable {
        public var date: Day
        public var amount: Money

        public init(date: Day, amount: Money) {
            self.date = date
            self.amount = amount
        }
    }

    public var businessName: String
    public var settings: OrganisationSettings
    public var client: Client
    /// The person greeted; nil greets the client as a whole.
    public var contactName: String?
    public var items: [Item]
    /// The day the message is written (the organisation's today).
    public var day: Day
    /// The day payment is asked for by.
    public var payBy: Day
    public var promise: Promise?
    public var instalment: Instalment?
    /// The client's signed portal link (see `ClientLinkSigner`).
    public var portalURL: String?
    /// The language written in; the client's by default.
    public var language: MessageLanguage

    /// Days between the message and the day payment is asked for, when nobody says otherwise.
    public static let defaultDaysToPay = 7

    public init(businessName: String, settings: OrganisationSettings, client: Client, contactName: String?,
                items: [Item], day: Day, payBy: Day? = nil, promise: Promise? = nil, instalment: Instalment? = nil,
                portalURL: String? = nil, language: MessageLanguage? = nil) {
        self.businessName = businessName
        self.settings = settings
        self.client = client
        self.contactName = contactName
        self.items = items
        self.day = day
        self.payBy = payBy ?? day.adding(days: MessageContext.defaultDaysToPay)
        self.promise = promise
        self.instalment = instalment
        self.portalURL = portalURL
        self.language = language ?? MessageLanguage(tag: client.language)
    }

    /// The contact to greet: the first billing contact, else the first accounts-payable one,
    /// else the first. A contact named exactly like the client (as CSV imports create them)
    /// is not a person to greet by name.
    public static func contactName(of client: Client) -> String? {
        let contact = client.contacts.first { $0.role == .billing }
            ?? client.contacts.first { $0.role == .accountsPayable } ?? client.contacts.first
        guard let name = contact?.name.trimmingCharacters(in: .whitespaces), !name.isEmpty,
              name.lowercased() != client.name.trimmingCharacters(in: .whitespaces).lowercased() else { return nil }
        return name
    }

    /// Principal, costs and interest of all items together, in their one currency.
    public func totals() throws -> InvoiceBalance {
        guard let currency = items.first?.invoice.currency else { throw TemplateError.noInvoices }
        let currencies = Set(items.map(\.invoice.currency.code))
        guard currencies.count == 1 else { throw TemplateError.mixedCurrencies(currencies.sorted()) }
        var sum = InvoiceBalance.zero(currency)
        for item in items {
            for component in LedgerComponent.allCases { try sum.add(item.balance[component], to: component) }
        }
        return sum
    }
}
