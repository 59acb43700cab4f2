/// What an invoice still owes, by component, derived from its ledger entries.
public struct InvoiceBalance: Hashable, Sendable {
    public var principal: Money
    public var costs: Money
    public var interest: Money

    public init(principal: Money, costs: Money, interest: Money) {
        self.principal = principal
        self.costs = costs
        self.interest = interest
    }

    public static func zero(_ currency: Currency) -> InvoiceBalance {
        InvoiceBalance(principal: .zero(currency), costs: .zero(currency), interest: .zero(currency))
    }

    /// Sums entries dated on or before `asOf` (all entries when nil).
    public init(entries: [LedgerEntry], currency: Currency, asOf: Day? = nil) throws(MoneyError) {
        self = .zero(currency)
        for entry in entries where asOf.map({ entry.date <= $0 }) ?? true {
            try add(entry.amount, to: entry.component)
        }
    }

    public var currency: Currency { principal.currency }

    /// Principal, costs and interest together.
    public var total: Money {
        Money(minorUnits: principal.minorUnits + costs.minorUnits + interest.minorUnits, currency: currency)
    }

    public subscript(component: LedgerComponent) -> Money {
        switch component {
        case .principal: return principal
        case .costs: return costs
        case .interest: return interest
        }
    }

    public mutating func add(_ amount: Money, to component: LedgerComponent) throws(MoneyError) {
        switch component {
        case .principal: principal = try principal + amount
        case .costs: costs = try costs + amount
        case .interest: interest = try interest + amount
        }
    }
}

/// Where an invoice stands with payment. Being overdue is separate (`Invoice.daysPastDue`).
public enum PaymentStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case open
    case partiallyPaid = "partially_paid"
    case paid
    case writtenOff = "written_off"
    case void

    /// The status of an invoice from a summary of its ledger.
    public init(isVoid: Bool, summary: LedgerSummary) {
        if isVoid {
            self = .void
        } else if !summary.hasEntries {
            self = .open
        } else if summary.balance.total.minorUnits <= 0 {
            self = summary.hasWriteOff ? .writtenOff : .paid
        } else {
            self = summary.received.minorUnits < 0 ? .partiallyPaid : .open
        }
    }

    /// Whether the invoice is still owed something and can be chased or paid.
    public var isOutstanding: Bool { self == .open || self == .partiallyPaid }
}

/// What the status and the balance of an invoice depend on, computed from entries
/// here or by a store's aggregate query (which must agree with this definition).
public struct LedgerSummary: Hashable, Sendable {
    public var balance: InvoiceBalance
    /// Net money applied from payments: allocations (negative) plus their reversals (not discounts).
    public var received: Money
    public var hasWriteOff: Bool
    public var hasEntries: Bool

    public init(balance: InvoiceBalance, received: Money, hasWriteOff: Bool, hasEntries: Bool) {
        self.balance = balance
        self.received = received
        self.hasWriteOff = hasWriteOff
        self.hasEntries = hasEntries
    }

    /// Summarises the entries dated on or before `asOf` (all when nil).
    public init(entries: [LedgerEntry], currency: Currency, asOf: Day? = nil) throws(MoneyError) {
        let counted = entries.filter { entry in asOf.map { entry.date <= $0 } ?? true }
        balance = try InvoiceBalance(entries: counted, currency: currency)
        var received = Money.zero(currency)
        for entry in counted where entry.kind == .allocation || entry.kind == .reversal {
            received = try received + entry.amount
        }
        self.received = received
        hasWriteOff = counted.contains { $0.kind == .writeOff }
        hasEntries = !counted.isEmpty
    }
}
