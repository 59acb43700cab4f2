/// Money the forecast expects from a client: the open balance of its invoices in one currency due
/// the same day, a promised amount, or a payment plan's instalment.
public struct ExpectedReceipt: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case invoices, promise, instalment
    }

    public var kind: Kind
    public var client: String
    public var amount: Money
    /// The due day the client's habit shifts: the invoices' (for a promise too) or the instalment's.
    public var dueDay: Day
    /// The day agreed with the client (a promise's date, an instalment's due day): it replaces the
    /// habit's estimate while it is still believable.
    public var agreedDay: Day?
    /// Under an open dispute: nobody can say when, so it is not scheduled.
    public var disputed: Bool

    public init(kind: Kind, client: String, amount: Money, dueDay: Day, agreedDay: Day? = nil, disputed: Bool = false) {
        self.kind = kind
        self.client = client
        self.amount = amount
        self.dueDay = dueDay
        self.agreedDay = agreedDay
        self.disputed = disputed
    }
}

extension ExpectedReceipt {
    /// A promise open on the day: the amount promised (at most the balance) on the promised day,
    /// and the rest of the balance, if any, as the invoice's own.
    public static func promised(client: String, balance: Money, dueDay: Day, promisedDay: Day, amount: Money?,
                                disputed: Bool) -> [ExpectedReceipt] {
        guard balance.isPositive else { return [] }
        let promised = min(amount?.minorUnits ?? balance.minorUnits, balance.minorUnits)
        var receipts = [ExpectedReceipt(kind: .promise, client: client, amount: Money(minorUnits: promised, currency: balance.currency),
                                        dueDay: dueDay, agreedDay: promisedDay, disputed: disputed)]
        if promised < balance.minorUnits {
            receipts.append(ExpectedReceipt(kind: .invoices, client: client,
                                            amount: Money(minorUnits: balance.minorUnits - promised, currency: balance.currency),
                                            dueDay: dueDay, disputed: disputed))
        }
        return receipts
    }

    /// The instalments of an active plan that its invoices' remaining balance still covers: the
    /// remaining balance pays the last instalments, so the earliest ones are taken as paid (the
    /// plan engine's reading: money received covers instalments in order). A remainder beyond the
    /// instalments (a fee posted since) is expected with the last one.
    public static func instalments(client: String, remaining: Money, instalments: [Instalment]) -> [ExpectedReceipt] {
        guard remaining.isPositive, let last = instalments.max(by: { $0.number < $1.number }) else { return [] }
        let total = instalments.reduce(Int64(0)) { $0 + $1.amount.minorUnits }
        func receipt(_ minorUnits: Int64, on day: Day) -> ExpectedReceipt {
            ExpectedReceipt(kind: .instalment, client: client, amount: Money(minorUnits: minorUnits, currency: remaining.currency),
                            dueDay: day, agreedDay: day)
        }
        var left = remaining.minorUnits
        var receipts: [ExpectedReceipt] = []
        if left > total {
            receipts.append(receipt(left - total, on: last.dueDate))
            left = total
        }
        for instalment in instalments.sorted(by: { $0.number > $1.number }) where left > 0 {
            let amount = min(left, instalment.amount.minorUnits)
            left -= amount
            receipts.append(receipt(amount, on: instalment.dueDate))
        }
        return receipts
    }
}
