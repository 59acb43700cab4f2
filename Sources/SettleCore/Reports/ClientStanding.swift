/// How a client has paid so far: what a person weighs before approving an escalation.
public struct ClientStanding: Hashable, Sendable {
    /// Principal invoiced, per currency.
    public var billed: [Currency: Money]
    /// Money received and applied, per currency.
    public var paid: [Currency: Money]
    public var invoicesPaid: Int
    /// Of the invoices paid in full, the share paid by their due date, in whole percent.
    public var sharePaidOnTimePercent: Int?
    /// Average days late of the invoices paid in full (0 for those on time).
    public var averageDaysLate: Int?
    /// Days since the first invoice.
    public var tenureDays: Int

    /// Works it out from each invoice with its ledger entries, as of a day.
    public init(history: [(invoice: Invoice, entries: [LedgerEntry])], asOf today: Day) {
        var billed: [Currency: Money] = [:]
        var paid: [Currency: Money] = [:]
        var daysLate: [Int] = []
        var first: Day?
        for (invoice, entries) in history where invoice.issueDate <= today {
            first = min(first ?? invoice.issueDate, invoice.issueDate)
            let currency = invoice.currency
            var balance: Int64 = 0
            var settledOn: Day?
            for entry in entries.filter({ $0.date <= today }).sorted(by: { $0.date < $1.date }) {
                balance += entry.amount.minorUnits
                if entry.kind == .principal {
                    billed[currency] = Money(minorUnits: (billed[currency]?.minorUnits ?? 0) + entry.amount.minorUnits, currency: currency)
                }
                if entry.kind == .allocation || entry.kind == .reversal {
                    paid[currency] = Money(minorUnits: (paid[currency]?.minorUnits ?? 0) - entry.amount.minorUnits, currency: currency)
                }
                settledOn = balance <= 0 ? (settledOn ?? entry.date) : nil
            }
            if let settledOn, entries.contains(where: { $0.kind == .allocation }) {
                daysLate.append(max(0, settledOn.days(since: invoice.dueDate)))
            }
        }
        self.billed = billed
        self.paid = paid
        invoicesPaid = daysLate.count
        sharePaidOnTimePercent = daysLate.isEmpty ? nil : daysLate.filter { $0 == 0 }.count * 100 / daysLate.count
        averageDaysLate = daysLate.isEmpty ? nil : daysLate.reduce(0, +) / daysLate.count
        tenureDays = first.map { today.days(since: $0) } ?? 0
    }
}
