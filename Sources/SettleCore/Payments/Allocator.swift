/// Decides how money is applied to a client's open invoices (DESIGN: the ledger of an invoice).
///
/// - To the invoice the payer named; anything beyond its balance stays as unapplied credit
///   (the payer said what the money is for, so it is not spread silently).
/// - Otherwise to the oldest due first (due date, then issue date, then number).
/// - Within an invoice in the organisation's `AllocationOrder`.
/// - A payment inside the discount window that covers the discounted balance settles the
///   invoice; the discount is posted as its own entry.
public struct Allocator: Sendable {
    public var order: AllocationOrder

    public init(order: AllocationOrder = .standard) {
        self.order = order
    }

    /// Plans the entries for `amount` received on `date` from payment `paymentID`.
    ///
    /// - Parameters:
    ///   - items: the client's open invoices in the payment's currency.
    ///   - named: the invoice the payer named, if any.
    ///   - allowDiscount: false when applying old credit, which never earns a discount.
    public func allocate(_ amount: Money, on date: Day, paymentID: Int64?, to items: [OpenItem],
                         named: InvoiceNumber? = nil, allowDiscount: Bool = true) throws(MoneyError) -> AllocationPlan {
        try allocate(amount, on: date, paymentID: paymentID, to: items, naming: named.map { [$0] } ?? [], allowDiscount: allowDiscount)
    }

    /// Plans the entries for a payment that names several invoices (a transfer for "INV 1002/1003"):
    /// they are paid in the order named; anything beyond their balances stays as unapplied credit.
    public func allocate(_ amount: Money, on date: Day, paymentID: Int64?, to items: [OpenItem],
                         naming named: [InvoiceNumber], allowDiscount: Bool = true) throws(MoneyError) -> AllocationPlan {
        var remaining = amount
        var lines: [AllocationPlan.Line] = []
        let targets: [OpenItem]
        if !named.isEmpty {
            targets = named.compactMap { number in items.first { $0.invoice == number } }
        } else {
            targets = items.sorted { ($0.dueDate, $0.issueDate, $0.invoice) < ($1.dueDate, $1.issueDate, $1.invoice) }
        }
        for item in targets where remaining.isPositive {
            var balance = item.balance
            if allowDiscount, let offer = item.discount, date <= offer.deadline,
               balance.principal == item.originalPrincipal, offer.amount.isPositive {
                let settling = try balance.total - offer.amount
                if try !remaining.isLess(than: settling) {
                    lines.append(.init(invoice: item.invoice, entry: LedgerEntry(
                        kind: .discount, component: .principal, amount: -offer.amount, date: date,
                        paymentID: paymentID, note: "early-payment discount")))
                    try balance.add(-offer.amount, to: .principal)
                }
            }
            for component in order.components where remaining.isPositive && balance[component].isPositive {
                let applied = try Money.min(remaining, balance[component])
                lines.append(.init(invoice: item.invoice, entry: LedgerEntry(
                    kind: .allocation, component: component, amount: -applied, date: date, paymentID: paymentID)))
                try balance.add(-applied, to: component)
                remaining = try remaining - applied
            }
        }
        return AllocationPlan(lines: lines, unapplied: remaining)
    }

    /// The entries that undo a payment: each allocation and discount it produced, reversed.
    public static func reversal(of entries: [(invoice: InvoiceNumber, entry: LedgerEntry)], on date: Day,
                                reason: ReversalReason) -> [AllocationPlan.Line] {
        entries.filter { $0.entry.kind == .allocation || $0.entry.kind == .discount }.map { item in
            AllocationPlan.Line(invoice: item.invoice, entry: LedgerEntry(
                kind: item.entry.kind == .discount ? .discountReversal : .reversal, component: item.entry.component, amount: -item.entry.amount, date: date,
                paymentID: item.entry.paymentID, note: "\(reason.rawValue): undoes \(item.entry.kind.rawValue)"))
        }
    }
}
