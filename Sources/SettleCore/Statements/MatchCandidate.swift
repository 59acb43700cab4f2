/// One way a statement entry could be applied: to which client's invoices, how sure Settle is,
/// and why. Confidence runs from 0 to 100; at or above the organisation's threshold the best
/// candidate is applied without a person, below it the entry waits as a suggestion.
public struct MatchCandidate: Hashable, Sendable {
    /// The client's code.
    public var client: String
    /// The invoices the money goes to, in the order it is applied.
    public var invoices: [InvoiceNumber]
    public var confidence: Int
    public var reason: String

    public init(client: String, invoices: [InvoiceNumber], confidence: Int, reason: String) {
        self.client = client
        self.invoices = invoices
        self.confidence = confidence
        self.reason = reason
    }
}

/// An open invoice as the matcher sees it.
public struct MatchableInvoice: Hashable, Sendable {
    /// The invoice's row id.
    public var id: Int64
    /// The client's code.
    public var client: String
    public var item: OpenItem

    public init(id: Int64, client: String, item: OpenItem) {
        self.id = id
        self.client = client
        self.item = item
    }

    public var number: InvoiceNumber { item.invoice }
    public var balance: Money { item.balance.total }

    /// What settles the invoice when paid on `day`: the balance less the early-payment discount
    /// while it is on offer and nothing was paid yet; nil when no discount applies.
    public func discounted(on day: Day?) -> Money? {
        guard let day, let offer = item.discount, day <= offer.deadline, offer.amount.isPositive,
              item.balance.principal == item.originalPrincipal else { return nil }
        return try? balance - offer.amount
    }
}

/// A client as the matcher recognises it in a transfer: by a debtor account confirmed before, or by name.
public struct MatchableClient: Hashable, Sendable {
    public var code: String
    public var name: String
    /// Debtor accounts (IBANs) this client has paid from, as confirmed before.
    public var accounts: [String]

    public init(code: String, name: String, accounts: [String] = []) {
        self.code = code
        self.name = name
        self.accounts = accounts
    }
}

/// An instalment of an active payment plan that a transfer of its amount pays.
public struct DueInstalment: Hashable, Sendable {
    public var client: String
    /// The plan's invoices, oldest first.
    public var invoices: [InvoiceNumber]
    public var amount: Money
    public var dueDate: Day

    public init(client: String, invoices: [InvoiceNumber], amount: Money, dueDate: Day) {
        self.client = client
        self.invoices = invoices
        self.amount = amount
        self.dueDate = dueDate
    }
}
