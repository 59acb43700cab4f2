/// What a ledger entry records (DESIGN: the ledger of an invoice).
public enum LedgerEntryKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// The amount invoiced (lines and tax), posted on issue.
    case principal
    /// An early-payment discount granted when a payment inside the window settled the invoice.
    case discount
    /// A late fee.
    case fee
    /// Statutory fixed compensation (40 EUR, 40/70/100 GBP ...).
    case compensation
    /// Interest posted for a period.
    case interest
    /// Part of a payment applied to the invoice.
    case allocation
    /// An allocation undone because its payment was reversed.
    case reversal
    /// An early-payment discount undone because the payment that earned it was reversed.
    case discountReversal = "discount_reversal"
    /// A credit note reducing what is owed.
    case creditNote = "credit_note"
    /// What the business decided not to collect.
    case writeOff = "write_off"

    /// Whether this kind adds to what the client owes (charges) rather than reducing it.
    public var isCharge: Bool {
        switch self {
        case .principal, .fee, .compensation, .interest, .reversal, .discountReversal: return true
        case .discount, .allocation, .creditNote, .writeOff: return false
        }
    }
}

/// The part of an invoice's balance an entry belongs to; payments are applied
/// to these parts in an order the organisation chooses.
public enum LedgerComponent: String, Sendable, Hashable, CaseIterable, Codable {
    case principal
    /// Fees and fixed compensation.
    case costs
    case interest
}

/// One immutable line of an invoice's ledger. Charges are positive, reductions negative.
public struct LedgerEntry: Hashable, Sendable {
    public var kind: LedgerEntryKind
    public var component: LedgerComponent
    public var amount: Money
    public var date: Day
    /// The payment this entry comes from (allocations, discounts, reversals).
    public var paymentID: Int64?
    public var note: String

    public init(kind: LedgerEntryKind, component: LedgerComponent, amount: Money, date: Day,
                paymentID: Int64? = nil, note: String = "") {
        self.kind = kind
        self.component = component
        self.amount = amount
        self.date = date
        self.paymentID = paymentID
        self.note = note
    }
}
