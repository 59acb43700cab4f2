/// How much of the money expected the forecast believes will come at all, per currency:
///
/// - a client's collection rate: its settled amounts ÷ (settled amounts + its open balances that
///   are already later than its habit explains: unscheduled, or placed with the book's habit;
///   disputes aside). Clients without a habit of their own, or without money either way, get the
///   book's rate (the same over all clients; 1 when the book has neither).
/// - the book's late rate, for money already later than its client's own habit explains (placed
///   with the book's habit): of the money that went that late — settled invoices whose delay the
///   client's habit gave less than `CashForecast.minimumChance`, and such balances still open — the
///   share that was settled. When no client ever paid that late, such money is not expected.
/// Promises and plan instalments are agreements of their own: expected whole.
struct CollectionRates {
    var clients: [String: [Currency: Double]] = [:]
    var book: [Currency: Double] = [:]
    var late: [Currency: Double] = [:]
    /// Clients with a habit of their own.
    var habitual: Set<String>

    init(receipts: [ExpectedReceipt], placements: [CashForecast.Placement?], settled: [String: [SettledInvoices]],
         habits: [String: PaymentHabit]) {
        habitual = Set(habits.keys)
        struct Key: Hashable { var client: String, currency: Currency }
        var paid: [Key: Int64] = [:]
        var stale: [Key: Int64] = [:]
        var paidLate: [Currency: Int64] = [:]
        var openLate: [Currency: Int64] = [:]
        for (client, cells) in settled {
            for cell in cells {
                paid[Key(client: client, currency: cell.currency), default: 0] += cell.amount.minorUnits
                if let habit = habits[client], Self.isBeyond(Double(cell.delayDays), habit) {
                    paidLate[cell.currency, default: 0] += cell.amount.minorUnits
                }
            }
        }
        for (receipt, placement) in zip(receipts, placements) where !receipt.disputed && receipt.kind == .invoices {
            let currency = receipt.amount.currency
            let beyondHabit = habits[receipt.client] != nil && (placement == nil || placement?.source == .book)
            if placement == nil || beyondHabit {
                stale[Key(client: receipt.client, currency: currency), default: 0] += max(0, receipt.amount.minorUnits)
            }
            if beyondHabit { openLate[currency, default: 0] += max(0, receipt.amount.minorUnits) }
        }
        var bookPaid: [Currency: Int64] = [:]
        var bookStale: [Currency: Int64] = [:]
        for key in Set(paid.keys).union(stale.keys) {
            let (settledAmount, staleAmount) = (paid[key] ?? 0, stale[key] ?? 0)
            bookPaid[key.currency, default: 0] += settledAmount
            bookStale[key.currency, default: 0] += staleAmount
            if habits[key.client] != nil, settledAmount + staleAmount > 0 {
                clients[key.client, default: [:]][key.currency] = Double(settledAmount) / Double(settledAmount + staleAmount)
            }
        }
        for (currency, settledAmount) in bookPaid where settledAmount + (bookStale[currency] ?? 0) > 0 {
            book[currency] = Double(settledAmount) / Double(settledAmount + (bookStale[currency] ?? 0))
        }
        for currency in Set(paidLate.keys).union(openLate.keys) {
            let (settledAmount, openAmount) = (paidLate[currency] ?? 0, openLate[currency] ?? 0)
            if settledAmount + openAmount > 0 { late[currency] = Double(settledAmount) / Double(settledAmount + openAmount) }
        }
    }

    /// The rate of a scheduled receipt placed from `source`.
    func rate(_ receipt: ExpectedReceipt, _ source: CashForecast.Source) -> Double {
        guard receipt.kind == .invoices else { return 1 }
        let currency = receipt.amount.currency
        if source == .book, habitual.contains(receipt.client) {
            return late[currency] ?? book[currency] ?? 1
        }
        return clients[receipt.client]?[currency] ?? book[currency] ?? 1
    }

    /// A delay the habit gave less than `CashForecast.minimumChance` of reaching.
    static func isBeyond(_ delay: Double, _ habit: PaymentHabit) -> Bool {
        1 - CashForecast.arrivedBy(delay - 1, centre: habit.meanDelayDays, spread: habit.spreadDays) < CashForecast.minimumChance
    }
}
