/// The order in which a payment settles the parts of one invoice.
///
/// Settle's default is costs, then interest, then principal (Germany §367 BGB);
/// France applies interest first (Code civil 1343-1).
public struct AllocationOrder: Hashable, Sendable, CustomStringConvertible {
    public let components: [LedgerComponent]

    /// An order naming each component exactly once.
    public init(_ components: [LedgerComponent]) throws(AllocationError) {
        guard components.count == LedgerComponent.allCases.count, Set(components).count == components.count else {
            throw .invalidOrder(components.map(\.rawValue).joined(separator: ","))
        }
        self.components = components
    }

    /// Parses `costs,interest,principal`.
    public init(parsing text: String) throws(AllocationError) {
        var components: [LedgerComponent] = []
        for part in text.split(separator: ",") {
            guard let component = LedgerComponent(rawValue: part.trimmingSpaces) else { throw .invalidOrder(text) }
            components.append(component)
        }
        do {
            try self.init(components)
        } catch {
            throw .invalidOrder(text)
        }
    }

    private init(known components: [LedgerComponent]) { self.components = components }

    /// Costs, then interest, then principal.
    public static let standard = AllocationOrder(known: [.costs, .interest, .principal])
    /// Interest, then costs, then principal.
    public static let interestFirst = AllocationOrder(known: [.interest, .costs, .principal])

    public var description: String { components.map(\.rawValue).joined(separator: ",") }
}

/// An invoice that can receive money, as the allocator sees it.
public struct OpenItem: Hashable, Sendable {
    public var invoice: InvoiceNumber
    public var issueDate: Day
    public var dueDate: Day
    public var balance: InvoiceBalance
    /// The invoice's total on issue: the discount applies only while nothing was paid or credited.
    public var originalPrincipal: Money
    /// The early-payment discount offer, if the terms have one.
    public var discount: DiscountOffer?

    public init(invoice: InvoiceNumber, issueDate: Day, dueDate: Day, balance: InvoiceBalance,
                originalPrincipal: Money, discount: DiscountOffer? = nil) {
        self.invoice = invoice
        self.issueDate = issueDate
        self.dueDate = dueDate
        self.balance = balance
        self.originalPrincipal = originalPrincipal
        self.discount = discount
    }
}

/// An early-payment discount: this amount off when paid on or before the deadline.
public struct DiscountOffer: Hashable, Sendable {
    public var amount: Money
    public var deadline: Day

    public init(amount: Money, deadline: Day) {
        self.amount = amount
        self.deadline = deadline
    }
}

/// Where a payment's money goes: allocation and discount entries per invoice, and what is left over.
public struct AllocationPlan: Hashable, Sendable {
    public struct Line: Hashable, Sendable {
        public var invoice: InvoiceNumber
        public var entry: LedgerEntry

        public init(invoice: InvoiceNumber, entry: LedgerEntry) {
            self.invoice = invoice
            self.entry = entry
        }
    }

    public var lines: [Line]
    /// The part of the payment no open invoice took: kept as the client's unapplied credit.
    public var unapplied: Money
}

/// Why an allocation was refused.
public enum AllocationError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidOrder(String)

    public var description: String {
        switch self {
        case .invalidOrder(let text):
            return "\"\(text)\" is not an allocation order (name principal, costs and interest once each, such as costs,interest,principal)"
        }
    }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
