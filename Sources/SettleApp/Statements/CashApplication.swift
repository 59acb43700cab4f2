import Crypto
import Foundation
import SettleCore
import SettleStore
import SQLKit

/// What applying a statement did, entry by entry.
public struct CashApplicationSummary: Sendable, Hashable {
    /// Entries read (one per transfer of a batch).
    public var entries = 0
    /// Of those, new ones (the others were read before and are left as they are).
    public var new = 0
    public var credits = 0
    public var debits = 0
    /// Payments recorded without a person.
    public var applied = 0
    /// Payments undone by a reversal or a returned direct debit.
    public var reversed = 0
    public var suggested = 0
    public var unmatched = 0
    /// Money out and returned outgoing payments: listed, not applied.
    public var ignored = 0
    /// Waiting messages cancelled because everything they chase was paid.
    public var cancelledMessages = 0
}

/// Applies a statement's entries as they are read, inside the import's transaction: each new
/// credit is matched (`PaymentMatcher`) and, when the best candidate is sure enough, recorded as
/// a payment; a reversal undoes the payment it reverses; money out is listed and left alone.
struct CashApplication {
    let sql: any SQLDatabase
    let organisation: StoredOrganisation
    let account: StoredBankAccount
    let threshold: Int
    let now: String
    let today: Day
    let file: String
    var matcher: PaymentMatcher
    let clientIDs: [String: Int64]
    var summary = CashApplicationSummary()
    /// Bank references and content digests seen in this file, for telling entries that share one apart.
    private var seen: [String: Int] = [:]
    /// Invoices this statement paid in full.
    private var settled: Set<Int64> = []
    /// Payments reversed by this statement (a second reversal of one is not applied twice).
    private var reversedPayments: Set<Int64> = []

    static func load(sql: any SQLDatabase, organisation: StoredOrganisation, account: StoredBankAccount, threshold: Int,
                     now: String, today: Day, file: String) async throws -> CashApplication {
        let orgID = organisation.id
        let clients = try await ClientStore(sql, orgID: orgID).all()
        var accounts: [String: [String]] = [:]
        for (client, number) in try await StatementEntryStore(sql, orgID: orgID).clientAccounts() {
            accounts[client, default: []].append(number)
        }
        let open = try await InvoiceStore(sql, orgID: orgID).openItems(currency: account.currency)
        let numbers = Dictionary(open.map { ($0.id, $0.item.invoice) }, uniquingKeysWith: { first, _ in first })
        var instalments: [DueInstalment] = []
        for plan in try await PlanStore(sql, orgID: orgID).list(activeOnly: true) {
            let invoices = plan.invoiceIDs.compactMap { numbers[$0] }
            instalments += plan.plan.instalments.map {
                DueInstalment(client: plan.plan.client, invoices: invoices, amount: $0.amount, dueDate: $0.dueDate)
            }
        }
        let matcher = PaymentMatcher(
            currency: account.currency, invoices: open.map { MatchableInvoice(id: $0.id, client: $0.client, item: $0.item) },
            clients: clients.map { MatchableClient(code: $0.client.code, name: $0.client.name, accounts: accounts[$0.client.code] ?? []) },
            instalments: instalments)
        return CashApplication(sql: sql, organisation: organisation, account: account, threshold: threshold, now: now,
                               today: today, file: file, matcher: matcher,
                               clientIDs: Dictionary(clients.map { ($0.client.code, $0.id) }, uniquingKeysWith: { first, _ in first }))
    }

    /// One decided entry of a chunk, before it is stored.
    private struct Decided {
        var fingerprint: String
        var entry: StatementEntry
        var decision: EntryDecision
        var candidates: [MatchCandidate] = []
        /// For a reversal of an entry of the same chunk: that entry's fingerprint.
        var reversesFingerprint: String?
    }

    /// Decides and stores a chunk of entries.
    mutating func take(_ entries: [StatementEntry]) async throws {
        let store = StatementEntryStore(sql, orgID: organisation.id)
        let fingerprinted = entries.map { (fingerprint: fingerprint(of: $0), entry: $0) }
        let existing = try await BankAccountStore(sql, orgID: organisation.id)
            .existingFingerprints(accountID: account.id, among: fingerprinted.map(\.fingerprint))
        summary.entries += entries.count
        summary.credits += entries.filter { $0.direction == .credit }.count
        summary.debits += entries.filter { $0.direction == .debit }.count
        var decided: [Decided] = []
        for (fingerprint, entry) in fingerprinted where !existing.contains(fingerprint) {
            decided.append(try await decide(entry, fingerprint: fingerprint, earlier: decided))
        }
        summary.new += decided.count
        let ids = try await store.insert(decided.map { ($0.fingerprint, $0.entry, $0.decision) }, accountID: account.id,
                                         file: file, now: now)
        for item in decided {
            if let original = item.reversesFingerprint, let id = ids[item.fingerprint], let originalID = ids[original] {
                var decision = item.decision
                decision.reversesEntryID = originalID
                try await store.decide(id, decision, now: now)
            }
        }
        try await store.insertCandidates(decided.compactMap { item in
            guard let id = ids[item.fingerprint], !item.candidates.isEmpty else { return nil }
            return (id, item.candidates.compactMap { candidate in clientIDs[candidate.client].map { ($0, candidate) } })
        })
        summary.cancelledMessages += try await CashApplication.cancelMessages(about: settled, sql: sql, orgID: organisation.id, now: now)
        settled.removeAll()
    }

    private mutating func decide(_ entry: StatementEntry, fingerprint: String, earlier: [Decided]) async throws -> Decided {
        switch (entry.direction, entry.reversal) {
        case (.debit, false):
            summary.ignored += 1
            return Decided(fingerprint: fingerprint, entry: entry,
                           decision: EntryDecision(status: .ignored, reason: "money out: not a client's payment", decidedBy: "auto"))
        case (.credit, true):
            summary.ignored += 1
            return Decided(fingerprint: fingerprint, entry: entry, decision: EntryDecision(
                status: .ignored, reason: "an outgoing payment came back: not a client's payment", decidedBy: "auto"))
        case (.debit, true):
            return try await reverse(entry, fingerprint: fingerprint, earlier: earlier)
        case (.credit, false):
            let candidates = Array(matcher.candidates(for: entry).prefix(5))
            if let best = candidates.first, best.confidence >= threshold,
               candidates.dropFirst().first.map({ $0.confidence < best.confidence }) ?? true {
                let decision = try await apply(entry, to: best, by: "auto")
                summary.applied += 1
                return Decided(fingerprint: fingerprint, entry: entry, decision: decision, candidates: candidates)
            }
            if candidates.isEmpty {
                summary.unmatched += 1
                return Decided(fingerprint: fingerprint, entry: entry, decision: EntryDecision(
                    status: .unmatched, reason: "no open invoice fits: no reference or invoice number, payer and amount unknown"))
            }
            summary.suggested += 1
            return Decided(fingerprint: fingerprint, entry: entry, decision: EntryDecision(
                status: .suggested, confidence: candidates[0].confidence, reason: candidates[0].reason), candidates: candidates)
        }
    }

    /// Records the payment a candidate describes and allocates it to the candidate's invoices.
    mutating func apply(_ entry: StatementEntry, to candidate: MatchCandidate, by who: String) async throws -> EntryDecision {
        guard let clientID = clientIDs[candidate.client] else { throw StoreError.corrupt("client \(candidate.client) vanished") }
        let invoices = candidate.invoices.compactMap { matcher.invoice($0) }
        let payment = Payment(client: candidate.client, date: entry.valueDate ?? entry.bookingDate ?? today, amount: entry.amount,
                              method: .bankTransfer, reference: entry.endToEndReference ?? entry.bankReference ?? "",
                              invoice: invoices.count == 1 ? invoices[0].number : nil)
        let recorded = try await PaymentRecording(sql: sql, organisation: organisation, now: now)
            .record(payment, clientID: clientID, invoiceID: invoices.count == 1 ? invoices[0].id : nil,
                    open: invoices.map { ($0.id, $0.item) }, naming: invoices.map(\.number))
        matcher.apply(recorded.plan.lines)
        for invoice in invoices where matcher.invoice(invoice.number) == nil { settled.insert(invoice.id) }
        if let debtor = entry.counterpartyAccount {
            matcher.remember(account: debtor, for: candidate.client)
            try await StatementEntryStore(sql, orgID: organisation.id).remember(account: debtor, clientID: clientID, now: now)
        }
        return EntryDecision(status: .applied, clientID: clientID, paymentID: recorded.id, confidence: candidate.confidence,
                             reason: candidate.reason, decidedBy: who, invoices: invoices.map(\.number.value))
    }

    /// A reversal or returned direct debit: the payment of the entry it undoes is reversed and its
    /// invoices are owed again.
    private mutating func reverse(_ entry: StatementEntry, fingerprint: String, earlier: [Decided]) async throws -> Decided {
        var originalID: Int64?, originalFingerprint: String?, paymentID: Int64?, clientID: Int64?
        let reversedHere = Set(earlier.compactMap(\.reversesFingerprint))
        if let same = earlier.last(where: { Self.reverses(entry, $0.entry) && $0.decision.status == .applied
                                           && $0.decision.paymentID != nil && !reversedHere.contains($0.fingerprint) }) {
            originalFingerprint = same.fingerprint
            paymentID = same.decision.paymentID
            clientID = same.decision.clientID
        } else if let stored = try await StatementEntryStore(sql, orgID: organisation.id).original(of: entry, accountID: account.id) {
            originalID = stored.id
            paymentID = stored.decision.paymentID
            clientID = stored.decision.clientID
        }
        guard let paymentID, !reversedPayments.contains(paymentID) else {
            summary.unmatched += 1
            return Decided(fingerprint: fingerprint, entry: entry, decision: EntryDecision(
                status: .unmatched, reason: "a reversal of a payment Settle did not record: check it by hand"))
        }
        let lines = try await PaymentRecording(sql: sql, organisation: organisation, now: now)
            .reverse(paymentID, on: entry.bookingDate ?? entry.valueDate ?? today, reason: .bounced)
        reversedPayments.insert(paymentID)
        try await reopen(Set(lines.map(\.invoice)))
        summary.reversed += 1
        let numbers = Set(lines.map(\.invoice.value)).sorted()
        return Decided(fingerprint: fingerprint, entry: entry, decision: EntryDecision(
            status: .applied, clientID: clientID, paymentID: paymentID, reversesEntryID: originalID,
            reason: "the bank reversed payment \(paymentID)" + (numbers.isEmpty ? "" : "; \(numbers.joined(separator: ", ")) owed again"),
            decidedBy: "auto", invoices: numbers), reversesFingerprint: originalFingerprint)
    }

    /// Puts invoices back in the matcher with their balances as now stored.
    mutating func reopen(_ numbers: Set<InvoiceNumber>) async throws {
        let invoices = InvoiceStore(sql, orgID: organisation.id)
        for number in numbers {
            guard let stored = try await invoices.find(number.value),
                  let open = try InvoiceStore.openItem(stored, currency: account.currency) else { continue }
            matcher.update(MatchableInvoice(id: open.id, client: open.client, item: open.item))
        }
    }

    /// Whether `reversal` undoes `original`: same amount, and the same end-to-end reference, or
    /// else the same counterparty.
    static func reverses(_ reversal: StatementEntry, _ original: StatementEntry) -> Bool {
        guard reversal.amount == original.amount, original.direction == .credit, !original.reversal else { return false }
        if let endToEnd = reversal.endToEndReference { return endToEnd == original.endToEndReference }
        if let account = reversal.counterpartyAccount { return account == original.counterpartyAccount }
        if let name = reversal.counterpartyName { return name == original.counterpartyName }
        return false
    }

    /// Cancels waiting messages all of whose invoices were just paid in full.
    static func cancelMessages(about settled: Set<Int64>, sql: any SQLDatabase, orgID: Int64, now: String) async throws -> Int {
        guard !settled.isEmpty else { return 0 }
        let outbox = OutboxStore(sql, orgID: orgID)
        var cancelled = 0
        for (message, invoices) in try await outbox.waiting(aboutAny: settled) where invoices.isSubset(of: settled) {
            try await outbox.cancel(message, reason: "paid: the bank statement shows the payment", now: now)
            cancelled += 1
        }
        return cancelled
    }

    /// An entry's identity: the bank's reference when it gives one; else a digest of what the
    /// entry says (not where it stands in the file, so an overlapping statement matches), with a
    /// running count for identical entries in one file (two equal transfers the same day).
    mutating func fingerprint(of entry: StatementEntry) -> String {
        if let reference = entry.bankReference, !reference.isEmpty {
            // A bank that gives two entries of one file the same reference: the second is "ref:X#2".
            let key = "ref:" + reference
            seen[key, default: 0] += 1
            let count = seen[key] ?? 1
            return count == 1 ? key : "\(key)#\(count)"
        }
        let content = [entry.direction.rawValue, entry.reversal ? "R" : "", entry.amount.decimalString, entry.amount.currency.code,
                       entry.bookingDate?.description ?? "", entry.valueDate?.description ?? "", entry.endToEndReference ?? "",
                       entry.counterpartyAccount ?? "", entry.counterpartyName ?? "", entry.remittance.joined(separator: "\n"),
                       entry.creditorReferences.joined(separator: "\n")].joined(separator: "\u{1F}")
        let digest = SHA256.hash(data: Data(content.utf8)).lowercaseHex
        seen[digest, default: 0] += 1
        return "sum:\(digest)#\(seen[digest] ?? 1)"
    }
}
