import SettleCore

extension Settle {
    /// Loads a year of invoicing up to today, through the same imports a user runs, so every
    /// later feature has real-looking data: clients in GB, DE, FR, NL and US in their currencies;
    /// about half the invoices paid on time, a quarter late, some partly paid, some long overdue;
    /// a few credit notes, an overpayment left as credit and a bounced payment.
    public func loadDemo(clients clientCount: Int, invoices invoiceCount: Int, seed: UInt64) async throws -> String {
        let org = try await organisation()
        let today = today(for: org)
        var random = SplitMix64(seed: seed)
        let plan = DemoPlan.make(clients: clientCount, invoices: invoiceCount, today: today, random: &random)
        _ = try await importClients(Array(plan.clientsCSV.utf8), file: "demo-clients.csv", dryRun: false)
        _ = try await importInvoices(Array(plan.invoicesCSV.utf8), file: "demo-invoices.csv", dryRun: false)
        _ = try await importPayments(Array(plan.paymentsCSV.utf8), file: "demo-payments.csv", dryRun: false)
        for (number, amount) in plan.creditNotes {
            _ = try await addCreditNote(invoice: number, amount: amount, reason: "demo: goodwill for a late delivery")
        }
        if let bounced = plan.bouncedPayment {
            let payments = try await self.payments(client: bounced.client)
            if let payment = payments.last(where: { $0.payment.reference == bounced.reference }) {
                _ = try await reversePayment(payment.id, reason: .bounced)
            }
        }
        return "loaded \(clientCount) clients, \(invoiceCount) invoices, \(plan.paymentCount) payments, "
            + "\(plan.creditNotes.count) credit notes and 1 reversal as of \(today)"
    }
}

/// A deterministic pseudo-random generator (SplitMix64), so a seed always gives the same demo
/// (and a generated test book can be replayed).
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
