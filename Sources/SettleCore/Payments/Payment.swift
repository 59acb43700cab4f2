/// How a client paid.
public enum PaymentMethod: String, Sendable, Hashable, CaseIterable, Codable {
    case card
    case bankTransfer = "bank_transfer"
    case directDebit = "direct_debit"
    case cash
    case check
    case online
    case other
}

/// Why a payment was undone.
public enum ReversalReason: String, Sendable, Hashable, CaseIterable, Codable {
    /// The card holder disputed the charge with their bank.
    case chargeback
    /// A direct debit or check was returned unpaid.
    case bounced
    /// The payment was recorded by mistake.
    case mistake
}

/// Money received from a client.
public struct Payment: Hashable, Sendable {
    /// The client's code.
    public var client: String
    public var date: Day
    public var amount: Money
    public var method: PaymentMethod
    /// The payer's reference (bank reference, check number ...).
    public var reference: String
    /// The invoice the payer named, if any; otherwise the payment goes to the oldest due first.
    public var invoice: InvoiceNumber?

    public init(client: String, date: Day, amount: Money, method: PaymentMethod, reference: String = "",
                invoice: InvoiceNumber? = nil) {
        self.client = client
        self.date = date
        self.amount = amount
        self.method = method
        self.reference = reference
        self.invoice = invoice
    }
}
