import Foundation
import SettleCore
import SettleStore
import SQLKit

/// An entry of the reconciliation queue with the candidates Settle found for it.
public struct ReconciliationItem: Sendable, Hashable {
    public var entry: StoredStatementEntry
    /// The bank account's name.
    public var account: String
    public var candidates: [MatchCandidateRow]
}

extension Settle {
    /// The reconciliation queue: statement entries in a status (all when nil), oldest first, at most `limit`.
    public func reconciliation(status: StatementEntryStatus?, after: Int64? = nil, limit: Int = 100_000) async throws -> [ReconciliationItem] {
        let org = try await organisation()
        let store = StatementEntryStore(database.sql, orgID: org.id)
        let accounts = Dictionary(uniqueKeysWithValues: try await BankAccountStore(database.sql, orgID: org.id).list().map { ($0.id, $0.name) })
        var items: [ReconciliationItem] = []
        for entry in try await store.list(status: status, after: after, limit: limit) {
            let candidates = entry.decision.status == .suggested || entry.decision.status == .unmatched
                ? try await store.candidates(of: entry.id) : []
            items.append(ReconciliationItem(entry: entry, account: accounts[entry.bankAccountID] ?? "", candidates: candidates))
        }
        return items
    }

    /// One entry of the queue with its candidates; nil when the organisation has no such entry.
    public func reconciliationItem(_ id: Int64) async throws -> ReconciliationItem? {
        let org = try await organisation()
        let store = StatementEntryStore(database.sql, orgID: org.id)
        guard let entry = try await store.find(id) else { return nil }
        let account = try await BankAccountStore(database.sql, orgID: org.id).list().first { $0.id == entry.bankAccountID }
        let candidates = entry.decision.status == .suggested || entry.decision.status == .unmatched ? try await store.candidates(of: id) : []
        return ReconciliationItem(entry: entry, account: account?.name ?? "", candidates: candidates)
    }

    /// A person applies an incoming transfer to invoices (of one client), in the order given; with
    /// no invoices, to Settle's first suggestion. The debtor account is remembered for the client.
    public func matchStatementEntry(_ id: Int64, invoices numbers: [String]) async throws -> StoredStatementEntry {
        let org = try await organisation()
        let now = timestamp
        return try await database.transaction { sql in
            let store = StatementEntryStore(sql, orgID: org.id)
            let stored = try await Self.undecided(id, store: store)
            var numbers = numbers
            if numbers.isEmpty {
                guard let first = try await store.candidates(of: id).first else {
                    throw InputError("entry \(id) has no suggestion: name the invoices with --invoice")
                }
                numbers = first.invoices
            }
            let invoices = InvoiceStore(sql, orgID: org.id)
            var chosen: [StoredInvoice] = []
            for number in numbers {
                let invoice = try await invoices.require(number)
                guard !chosen.contains(where: { $0.id == invoice.id }) else { throw InputError("invoice \(number) is named twice") }
                chosen.append(invoice)
            }
            let entry = stored.entry
            guard let clientID = chosen.first?.clientID, chosen.allSatisfy({ $0.clientID == clientID }) else {
                throw InputError("the invoices \(numbers.joined(separator: ", ")) belong to different clients: match one client's invoices")
            }
            let client = chosen[0].invoice.client
            var open: [(id: Int64, item: OpenItem)] = []
            for invoice in chosen {
                guard invoice.invoice.currency == entry.amount.currency else {
                    throw InputError("invoice \(invoice.invoice.number) is in \(invoice.invoice.currency.code), the transfer in \(entry.amount.currency.code)")
                }
                guard let item = try InvoiceStore.openItem(invoice, currency: entry.amount.currency) else {
                    throw InputError("invoice \(invoice.invoice.number) is \(invoice.status.rawValue): nothing is owed on it")
                }
                open.append((item.id, item.item))
            }
            let payment = Payment(client: client, date: entry.valueDate ?? entry.bookingDate ?? self.today(for: org), amount: entry.amount,
                                  method: .bankTransfer, reference: entry.endToEndReference ?? entry.bankReference ?? "",
                                  invoice: open.count == 1 ? open[0].item.invoice : nil)
            let recorded = try await PaymentRecording(sql: sql, organisation: org, now: now)
                .record(payment, clientID: clientID, invoiceID: open.count == 1 ? open[0].id : nil, open: open,
                        naming: open.map(\.item.invoice))
            if let debtor = entry.counterpartyAccount { try await store.remember(account: debtor, clientID: clientID, now: now) }
            let paid = Self.settled(open, by: recorded.plan.lines)
            _ = try await CashApplication.cancelMessages(about: paid, sql: sql, orgID: org.id, now: now)
            try await store.decide(id, EntryDecision(
                status: .applied, clientID: clientID, paymentID: recorded.id, confidence: nil,
                reason: "matched by a person to \(open.map(\.item.invoice.value).joined(separator: ", "))", decidedBy: "person",
                invoices: open.map(\.item.invoice.value)), now: now)
            return try await Self.require(id, store: store)
        }
    }

    /// A person sets an entry aside (not a client's payment, handled elsewhere), with the reason.
    public func ignoreStatementEntry(_ id: Int64, reason: String) async throws -> StoredStatementEntry {
        let org = try await organisation()
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(reason.count), !reason.contains(where: \.isNewline) else {
            throw InputError("--reason must be one line of 1 to 200 characters")
        }
        let now = timestamp
        return try await database.transaction { sql in
            let store = StatementEntryStore(sql, orgID: org.id)
            _ = try await Self.undecided(id, store: store)
            try await store.decide(id, EntryDecision(status: .ignored, reason: reason, decidedBy: "person"), now: now)
            return try await Self.require(id, store: store)
        }
    }

    /// Undoes what was decided about an entry: an applied payment is reversed (its invoices are
    /// owed again and chasing resumes), an ignored entry goes back to the queue. Money out and the
    /// bank's own reversals are facts of the statement and cannot be undone.
    public func undoStatementEntry(_ id: Int64) async throws -> StoredStatementEntry {
        let org = try await organisation()
        let now = timestamp, today = today(for: org)
        return try await database.transaction { sql in
            let store = StatementEntryStore(sql, orgID: org.id)
            let stored = try await Self.require(id, store: store)
            let decision = stored.decision
            guard stored.entry.direction == .credit, !stored.entry.reversal else {
                throw InputError("entry \(id) is \(stored.entry.reversal ? "the bank's reversal of a payment" : "money out"): "
                                 + "it is what the statement says and cannot be undone")
            }
            switch decision.status {
            case .unmatched, .suggested:
                throw InputError("entry \(id) is \(decision.status.rawValue): nothing was decided, nothing to undo")
            case .ignored where decision.decidedBy != "person":
                throw InputError("entry \(id) was set aside by Settle (\(decision.reason)); nothing to undo")
            case .applied:
                if let paymentID = decision.paymentID {
                    _ = try await PaymentRecording(sql: sql, organisation: org, now: now).reverse(paymentID, on: today, reason: .mistake)
                }
            case .ignored:
                break
            }
            let candidates = try await store.candidates(of: id)
            try await store.decide(id, EntryDecision(
                status: candidates.isEmpty ? .unmatched : .suggested, confidence: candidates.first?.confidence,
                reason: "undone (was \(decision.status.rawValue): \(decision.reason))"), now: now)
            return try await Self.require(id, store: store)
        }
    }

    private static func require(_ id: Int64, store: StatementEntryStore) async throws -> StoredStatementEntry {
        guard let entry = try await store.find(id) else {
            throw InputError("there is no statement entry \(id) (see `settle reconcile list`)")
        }
        return entry
    }

    /// An incoming transfer nobody has decided about yet.
    private static func undecided(_ id: Int64, store: StatementEntryStore) async throws -> StoredStatementEntry {
        let stored = try await require(id, store: store)
        guard stored.entry.direction == .credit, !stored.entry.reversal else {
            throw InputError("entry \(id) is \(stored.entry.reversal ? "a reversal" : "money out"): only incoming transfers are matched")
        }
        switch stored.decision.status {
        case .unmatched, .suggested: return stored
        case .applied, .ignored:
            throw InputError("entry \(id) is already \(stored.decision.status.rawValue) (\(stored.decision.reason)); "
                             + "undo it first with `settle reconcile undo \(id)`")
        }
    }

    /// The invoices `lines` pay in full.
    static func settled(_ open: [(id: Int64, item: OpenItem)], by lines: [AllocationPlan.Line]) -> Set<Int64> {
        var owed = Dictionary(uniqueKeysWithValues: open.map { ($0.item.invoice, ($0.id, $0.item.balance.total.minorUnits)) })
        for line in lines { owed[line.invoice]?.1 += line.entry.amount.minorUnits }
        return Set(owed.values.filter { $0.1 <= 0 }.map(\.0))
    }
}
