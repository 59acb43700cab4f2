import Foundation
import SettleCore
import SettleDocuments
import SettleStore

/// The day's letters, printed: one PDF to send to the printer, and what it holds.
public struct PrintedLetters: Sendable {
    public struct Letter: Sendable, Hashable {
        public var messageID: Int64
        public var client: String
        public var invoices: [String]
        public var pages: String
    }

    /// Every letter in one print-ready PDF (empty when there is nothing to print).
    public var pdf: [UInt8]
    public var letters: [Letter]
    /// Letters not printed because all their invoices were settled meanwhile, with why.
    public var cancelled: [(messageID: Int64, reason: String)]
}

extension Settle {
    /// Days a demand letter gives the client to pay.
    static func paymentDeadlineDays(tone: Tone) -> Int { tone == .final ? 7 : 14 }

    /// Prints the letters the daily cycle decided (queued, of `day` or earlier): a formal demand
    /// letter per message, in the client's language, with the debts as of today (fees and
    /// interest claimed), the deadline, how to pay (with the EPC QR code for euro) and what
    /// happens next. Each letter's PDF is stored with its message, which is marked sent
    /// (printed); letters whose invoices were all settled meanwhile are cancelled.
    /// `write` receives the combined PDF before anything is marked, so a failed write prints
    /// again next time rather than losing letters.
    /// - Parameter pageSize: `a4` or `letter`; the organisation's country's usual paper when nil.
    public func printLetters(through day: Day, pageSize: String? = nil, duplex: Bool = false,
                             write: ([UInt8]) throws -> Void) async throws -> PrintedLetters {
        _ = try await queueMessages()
        let org = try await organisation()
        let today = today(for: org)
        let now = timestamp
        let settings = try await OrganisationSettingsStore(database.sql, orgID: org.id).load()
        let letterhead = try Letterhead(organisation: org.organisation, settings: settings, address: settings.address,
                                        contact: [settings.senderEmail].filter { !$0.isEmpty })
        let outbox = OutboxStore(database.sql, orgID: org.id)
        let blockers = try await ChaseBlockers.load(sql: database.sql, orgID: org.id, today: today)
        let size = try Self.pageSize(pageSize, country: org.organisation.country)
        var documents: [Document] = []
        var result = PrintedLetters(pdf: [], letters: [], cancelled: [])
        var ready: [(id: Int64, bytes: [UInt8])] = []
        let waiting = try await outbox.queued(channel: .letter, through: day)
        for message in waiting {
            guard let client = try await ClientStore(database.sql, orgID: org.id).find(id: message.clientID) else { continue }
            let standing = try await blockers.standing(of: try await outbox.invoiceIDs(ofMessage: message.id),
                                                       clientID: message.clientID, template: message.template)
            guard !standing.chased.isEmpty else {
                result.cancelled.append((message.id, standing.reasons.joined(separator: "; ")))
                continue
            }
            let letter = DemandLetter(
                letterhead: letterhead, recipient: Recipient(client: client.client, address: client.client.address), date: today,
                debts: standing.chased.map { DemandedDebt(invoice: $0.invoice, balance: $0.summary.balance) },
                deadline: today.adding(days: Self.paymentDeadlineDays(tone: message.tone)),
                nextStep: message.tone == .final ? .legalProceedings : .collectionAgency)
            let document = Document.demandLetter(letter)
            let bytes = try document.pdf(pageSize: size)
            let first = documents.count
            documents.append(document)
            ready.append((message.id, bytes))
            result.letters.append(.init(messageID: message.id, client: client.client.code,
                                        invoices: standing.chased.map(\.invoice.number.value), pages: "letter \(first + 1)"))
        }
        if !documents.isEmpty {
            result.pdf = try Document.printBatch(documents, pageSize: size, duplex: duplex)
            try write(result.pdf)
        }
        let lease = Self.instantText(time.now().addingTimeInterval(Self.leaseSeconds))
        let cancelled = result.cancelled
        let printed = ready
        try await database.transaction { sql in
            let store = OutboxStore(sql, orgID: org.id)
            let events = EventPublisher(sql: sql, organisation: org, now: now)
            for (id, reason) in cancelled { try await store.cancel(id, reason: reason, now: now) }
            for (id, bytes) in printed {
                try await store.markSending(id, leaseUntil: lease, content: bytes, messageID: nil, now: now)
                try await store.markSent(id, now: now)
                try await events.message(.reminderSent, id: id)
            }
        }
        return result
    }
}
