import Foundation
import SettleCore
import SettleDelivery
import SettleStore

/// What queueing the decided messages did.
public struct QueueSummary: Sendable, Hashable {
    public var queued = 0
    /// Not to be sent at all (stale, or every invoice settled meanwhile).
    public var cancelled = 0
    /// Cannot be sent (no address, a template that no longer renders); each is a worklist task.
    public var failed = 0

    public init(queued: Int = 0, cancelled: Int = 0, failed: Int = 0) {
        self.queued = queued
        self.cancelled = cancelled
        self.failed = failed
    }
}

extension Settle {
    /// A message decided this many days ago and still not queued is stale: it is recorded as
    /// cancelled, never sent late (the next stage will speak instead).
    static let staleAfterDays = 2

    /// Turns the message actions recorded by the daily cycle into outbox entries, rendered in
    /// the client's language from the organisation's templates, addressed to the client's
    /// billing contact. Each message key is queued once, whoever runs this.
    @discardableResult
    public func queueMessages() async throws -> QueueSummary {
        let org = try await organisation()
        let today = today(for: org)
        let now = timestamp
        let outbox = OutboxStore(database.sql, orgID: org.id)
        let pending = try await outbox.pending(since: today.adding(days: -7))
        guard !pending.isEmpty else { return QueueSummary() }
        let links = self.links
        let blockers = try await ChaseBlockers.load(sql: database.sql, orgID: org.id, today: today)
        var entries: [(NewMessage, PlannedTask?)] = []
        for message in pending {
            entries.append(try await outboxEntry(for: message, organisation: org, today: today, links: links, blockers: blockers))
        }
        let ready = entries
        return try await database.transaction { sql in
            try await OrganisationLock.acquireCycle(sql, orgID: org.id)
            let store = OutboxStore(sql, orgID: org.id)
            let stillPending = Set(try await store.pending(since: today.adding(days: -7)).map(\.key))
            var summary = QueueSummary()
            for (entry, task) in ready where stillPending.contains(entry.key) {
                try await store.enqueue(entry, now: now)
                switch entry.status {
                case .cancelled: summary.cancelled += 1
                case .failed: summary.failed += 1
                default: summary.queued += 1
                }
                if let task {
                    try await TaskStore(sql, orgID: org.id).add([(task, entry.clientID, entry.invoiceIDs.first)], day: today, now: now)
                }
            }
            return summary
        }
    }

    /// The outbox entry for a pending message: rendered and addressed, or cancelled or failed
    /// with the reason (and, when failed, the task for a person).
    private func outboxEntry(for message: PendingMessage, organisation org: StoredOrganisation, today: Day,
                             links: ClientLinkSigner?, blockers: ChaseBlockers) async throws -> (NewMessage, PlannedTask?) {
        guard let client = try await ClientStore(database.sql, orgID: org.id).find(id: message.clientID) else {
            throw StoreError.corrupt("message \(message.key) has no client")
        }
        let channel: MessageChannel = switch message.kind {
        case .sms: .sms
        case .letter: .letter
        case .webhook: .webhook
        default: .email
        }
        let recipient = Self.recipient(of: client.client, channel: channel)
        var entry = NewMessage(key: message.key, channel: channel, clientID: message.clientID, recipient: recipient ?? "",
                               template: message.template, tone: message.tone, language: client.client.language,
                               finalNotice: message.tone == .final, subject: "", text: "", html: "", day: message.day,
                               invoiceIDs: message.invoiceIDs)
        if message.day < today.adding(days: -Self.staleAfterDays) {
            entry.status = .cancelled
            entry.note = "decided on \(message.day) and not queued by \(today): not sent late"
            return (entry, nil)
        }
        let standing = try await blockers.standing(of: message.invoiceIDs, clientID: message.clientID, template: message.template)
        guard !standing.chased.isEmpty else {
            entry.status = .cancelled
            entry.note = standing.reasons.joined(separator: "; ")
            return (entry, nil)
        }
        entry.invoiceIDs = standing.chased.map(\.id)
        if !standing.reasons.isEmpty { entry.note = standing.reasons.joined(separator: "; ") + ": left out of the message" }
        let numbers = standing.chased.map(\.invoice.number)
        if channel == .webhook {
            entry.recipient = "webhook"
            entry.text = try WebhookPayload.json(of: message, client: client.client, organisation: org.organisation.slug,
                                                 invoices: standing.chased, today: today)
            return (entry, nil)
        }
        if channel == .sms, let number = recipient, !SMSText.isE164(Self.compactPhone(number)) {
            entry.status = .failed
            entry.note = "client \(client.client.code)'s number \(number) is not a mobile number in international form (+44 7700 900123)"
            return (entry, deliveryTask(entry, client: client.client.code, invoice: numbers[0]))
        }
        entry.recipient = channel == .sms ? recipient.map(Self.compactPhone) ?? "" : recipient ?? ""
        guard recipient != nil else {
            entry.status = .failed
            entry.note = "client \(client.client.code) has no \(channel == .sms ? "mobile number" : "email address"): add one, "
                + "then send the reminder by hand or wait for the next stage"
            return (entry, deliveryTask(entry, client: client.client.code, invoice: numbers[0]))
        }
        do {
            let context = try await messageContext(invoices: numbers.map(\.value), links: links)
            let rendered = try await renderMessage(template: message.template, tone: message.tone, context: context)
            entry.language = context.language.rawValue
            entry.subject = rendered.message.subject
            entry.text = rendered.message.text
            entry.html = rendered.message.html
        } catch {
            entry.status = .failed
            entry.note = "the \(message.template) template did not render: \(error)"
            return (entry, deliveryTask(entry, client: client.client.code, invoice: numbers[0]))
        }
        return (entry, nil)
    }

    /// Where a message to the client goes: the billing contact first, then accounts payable,
    /// then anyone; nil when no contact has the address. Letters go to the client's name.
    static func recipient(of client: Client, channel: MessageChannel) -> String? {
        let ordered = client.contacts.filter { $0.role == .billing } + client.contacts.filter { $0.role == .accountsPayable }
            + client.contacts.filter { $0.role == .other }
        switch channel {
        case .email: return ordered.lazy.compactMap(\.email).first { !$0.isEmpty }
        case .sms: return ordered.lazy.compactMap(\.phone).first { !$0.isEmpty }
        case .letter, .webhook: return client.name
        }
    }

    /// A phone number as providers take it: `+4930123456`, without spaces, dashes or brackets.
    static func compactPhone(_ number: String) -> String {
        number.filter { !" -().".contains($0) }
    }

    func deliveryTask(_ entry: NewMessage, client: String, invoice: InvoiceNumber) -> PlannedTask {
        .delivery(messageKey: entry.key, invoice: invoice, client: client,
                  reason: "\(entry.channel.rawValue) about \(invoice) not delivered: \(entry.note)")
    }
}

extension PlannedTask {
    /// The worklist task for a message that could not be delivered: one per message, whoever finds out.
    static func delivery(messageKey: String, invoice: InvoiceNumber, client: String, reason: String) -> PlannedTask {
        PlannedTask(key: "message/\(messageKey)/delivery", kind: .delivery, invoice: invoice, client: client, reason: reason)
    }
}

extension Settle {
    /// The outbox, newest first, optionally of one status.
    public func outbox(status: MessageStatus? = nil) async throws -> [StoredMessage] {
        let org = try await organisation()
        return try await OutboxStore(database.sql, orgID: org.id).list(status: status)
    }

    /// How many messages of a channel have a status.
    public func outboxCount(status: MessageStatus, channel: MessageChannel) async throws -> Int {
        let org = try await organisation()
        return try await OutboxStore(database.sql, orgID: org.id).count(status: status, channel: channel)
    }

    public func outboxMessage(_ id: Int64) async throws -> StoredMessage {
        let org = try await organisation()
        guard let message = try await OutboxStore(database.sql, orgID: org.id).find(id) else {
            throw InputError("no message \(id) in the outbox (see `settle outbox list`)")
        }
        return message
    }
}

extension Settle {
    /// A client's messages, newest first (at most `limit`), with their content as rendered and, once
    /// sent, as handed to the server.
    public func messages(client code: String, limit: Int = 200) async throws -> [StoredMessage] {
        let org = try await organisation()
        let client = try await ClientStore(database.sql, orgID: org.id).require(code)
        return try await OutboxStore(database.sql, orgID: org.id).list(clientID: client.id, limit: limit)
    }
}
