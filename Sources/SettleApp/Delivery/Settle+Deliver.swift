import Foundation
import SettleCore
import SettleDelivery
import SettleStore

/// What one `deliver` run did, message by message.
public struct DeliveryReport: Sendable {
    public struct Line: Sendable, Hashable {
        public var id: Int64
        public var key: String
        public var channel: MessageChannel
        public var recipient: String
        public var status: MessageStatus
        public var detail: String
    }

    public var queued: QueueSummary
    public var lines: [Line] = []
    /// Interrupted messages put back in the queue after their lease ran out.
    public var resent = 0

    public func count(_ status: MessageStatus) -> Int { lines.filter { $0.status == status }.count }
}

extension Settle {
    /// How long a worker may take to hand a claimed message over before another may send it again
    /// (the default of `delivery.lease`).
    public static let leaseSeconds: TimeInterval = 600
    /// After a temporary failure a message waits this long times its attempts so far (5, 10, 15 ...
    /// minutes), and fails for a person after `maximumAttempts`.
    public static let deferSeconds: TimeInterval = 300
    public static let maximumAttempts = 6

    /// Queues what the cycle decided, then sends what is due now, batch by batch: each message
    /// is claimed (`sending`, with a lease and the exact bytes) in one transaction, handed to
    /// its channel's courier outside it, and marked `sent` or `failed` after. A message whose
    /// invoices were settled, disputed, promised, planned or escalated meanwhile is cancelled
    /// (or rewritten for the invoices left), as is an email to an address that bounced; one outside the client's contact window is held
    /// until it opens. Channels without a courier wait in the queue.
    /// - Parameters:
    ///   - once: one batch only.
    ///   - lease: how long a claimed message stays this worker's (`delivery.lease`).
    public func deliver(couriers: [any MessageCourier], batchSize: Int = 50, once: Bool = false,
                        lease: Duration = .seconds(Settle.leaseSeconds)) async throws -> DeliveryReport {
        let org = try await organisation()
        var report = DeliveryReport(queued: try await queueMessages())
        let identity = SenderIdentity(organisation: org.organisation.name, slug: org.organisation.slug,
                                      settings: try await OrganisationSettingsStore(database.sql, orgID: org.id).load())
        let couriers = Dictionary(couriers.map { ($0.channel, $0) }, uniquingKeysWith: { first, _ in first })
        guard !couriers.isEmpty else { return report }
        while true {
            let instant = time.now()
            let now = Self.instantText(instant)
            let recovered = try await database.transaction { sql in
                try await OutboxStore(sql, orgID: org.id).recoverExpiredLeases(now: now)
            }
            report.resent += recovered.requeued.count
            for id in recovered.failed { try await recordFailure(id, error: nil, organisation: org, now: now, report: &report) }
            let claim = try await claimBatch(couriers: couriers, identity: identity, organisation: org,
                                             at: instant, limit: batchSize, lease: lease)
            report.lines += claim.settled
            for (channel, courier) in couriers {
                let batch = claim.sending.filter { $0.message.channel == channel }
                guard !batch.isEmpty else { continue }
                let outcomes = await courier.send(batch, from: identity)
                let done = Self.instantText(time.now())
                for ((message, _), outcome) in zip(batch, outcomes) {
                    switch outcome {
                    case .sent:
                        try await database.transaction { sql in
                            try await OutboxStore(sql, orgID: org.id).markSent(message.id, now: done)
                            try await EventPublisher(sql: sql, organisation: org, now: done).message(.reminderSent, id: message.id)
                        }
                        report.lines.append(.init(id: message.id, key: message.key, channel: channel, recipient: message.recipient,
                                                  status: .sent, detail: message.messageID ?? ""))
                    case .failed(let error):
                        try await recordFailure(message.id, error: error, organisation: org, now: done, report: &report)
                    case .deferred(let error) where message.attempts + 1 >= Self.maximumAttempts:
                        try await recordFailure(message.id, error: "\(error); gave up after \(message.attempts + 1) tries",
                                                organisation: org, now: done, report: &report)
                    case .deferred(let error):
                        let until = Self.instantText(time.now().addingTimeInterval(Self.deferSeconds * Double(message.attempts + 1)))
                        try await OutboxStore(database.sql, orgID: org.id).deferDelivery(message.id, until: until, error: error, now: done)
                        report.lines.append(.init(id: message.id, key: message.key, channel: channel, recipient: message.recipient,
                                                  status: .queued, detail: "not before \(until): \(error)"))
                    }
                }
            }
            if once || claim.claimed == 0 { break }
        }
        return report
    }

    /// Claims up to `limit` due messages in one transaction (other workers skip them) and decides
    /// each: cancelled, held, or handed over with its bytes stored and a lease.
    private func claimBatch(couriers couriersByChannel: [MessageChannel: any MessageCourier], identity: SenderIdentity,
                            organisation org: StoredOrganisation,
                            at instant: Date, limit: Int, lease: Duration) async throws
        -> (claimed: Int, sending: [(message: StoredMessage, content: [UInt8])], settled: [DeliveryReport.Line]) {
        let now = Self.instantText(instant)
        let today = today(for: org)
        let links = self.links
        let leaseUntil = Self.instantText(instant.addingTimeInterval(TimeInterval(lease.components.seconds)))
        let channels = Array(couriersByChannel.keys)
        return try await database.transaction { sql in
            let store = OutboxStore(sql, orgID: org.id)
            let ids = try await store.claimable(channels: channels, now: now, limit: limit)
            let blockers = try await ChaseBlockers.load(sql: sql, orgID: org.id, today: today)
            var sending: [(message: StoredMessage, content: [UInt8])] = []
            var settled: [DeliveryReport.Line] = []
            // Handed over earlier in this batch: they count towards the frequency limits.
            var handedOver: [Int64: [ContactAttempt]] = [:]
            for id in ids {
                guard var message = try await store.find(id),
                      let client = try await ClientStore(sql, orgID: org.id).find(id: message.clientID) else { continue }
                func settle(_ status: MessageStatus, _ detail: String) {
                    settled.append(.init(id: id, key: message.key, channel: message.channel, recipient: message.recipient,
                                         status: status, detail: detail))
                }
                var content = message.content
                var attachments: [EmailAttachment] = []
                if content == nil {
                    let invoiceIDs = try await store.invoiceIDs(ofMessage: id)
                    let standing = try await blockers.standing(of: invoiceIDs, clientID: message.clientID, template: message.template)
                    if standing.chased.isEmpty {
                        let reason = standing.reasons.joined(separator: "; ")
                        try await store.cancel(id, reason: reason, now: now)
                        settle(.cancelled, reason)
                        continue
                    }
                    if standing.chased.count < invoiceIDs.count, message.channel != .webhook {
                        let context = try await self.messageContext(invoices: standing.chased.map(\.invoice.number.value), links: links)
                        let rendered = try await self.renderMessage(template: message.template, tone: message.tone, context: context).message
                        let note = standing.reasons.joined(separator: "; ") + ": left out of the message"
                        try await store.rewrite(id, subject: rendered.subject, text: rendered.text, html: rendered.html,
                                                invoiceIDs: standing.chased.map(\.id), note: note, now: now)
                        (message.subject, message.text, message.html) = (rendered.subject, rendered.text, rendered.html)
                    }
                    if message.channel == .email, let bounce = blockers.bounce(of: message.recipient) {
                        try await store.cancel(id, reason: bounce, now: now)
                        settle(.cancelled, bounce)
                        continue
                    }
                    // A webhook tells a system, not the client: contact rules do not apply to it.
                    let check = message.channel == .webhook ? nil : try await self.checkContact(client: client.client.code, invoice: nil, channel: message.channel.contactMethod,
                                                       at: instant, finalNotice: message.finalNotice,
                                                       alsoAttempted: handedOver[message.clientID] ?? [])
                    switch check?.decision ?? .allowed {
                    case .refused(let reason):
                        try await store.cancel(id, reason: reason, now: now)
                        settle(.cancelled, reason)
                        continue
                    case .held(let until, let reason):
                        try await store.hold(id, until: Self.instantText(until), reason: reason, now: now)
                        settle(.held, "until \(Self.instantText(until)): \(reason)")
                        continue
                    case .allowed:
                        break
                    }
                    if message.channel == .email {
                        attachments = try await InvoicePDFs.attachments(for: standing.chased, client: client.client, organisation: org,
                                                                        sql: sql)
                    }
                }
                guard let courier = couriersByChannel[message.channel] else { continue }
                let written = try content.map { ($0, message.messageID) }
                    ?? courier.content(of: message, client: client.client.code, from: identity, links: links,
                                       attachments: attachments, at: instant)
                content = written.0
                message.messageID = written.1
                try await store.markSending(id, leaseUntil: leaseUntil,
                                            content: written.0, messageID: written.1, now: now)
                sending.append((message, written.0))
                handedOver[message.clientID, default: []].append(ContactAttempt(at: instant, method: message.channel.contactMethod))
            }
            return (ids.count, sending, settled)
        }
    }

    /// Marks a message failed and puts it on the worklist; `error` nil means its worker was
    /// interrupted twice (already marked failed by the lease recovery).
    private func recordFailure(_ id: Int64, error: String?, organisation org: StoredOrganisation, now: String,
                               report: inout DeliveryReport) async throws {
        let today = today(for: org)
        let line = try await database.transaction { sql -> DeliveryReport.Line? in
            let store = OutboxStore(sql, orgID: org.id)
            if let error { try await store.markFailed(id, error: error, now: now) }
            try await EventPublisher(sql: sql, organisation: org, now: now).message(.messageFailed, id: id)
            guard let message = try await store.find(id), let number = try await store.invoiceNumbers(ofMessage: id).first,
                  let client = try await ClientStore(sql, orgID: org.id).find(id: message.clientID) else { return nil }
            let reason = message.lastError ?? "not delivered"
            let task = PlannedTask.delivery(
                messageKey: message.key, invoice: number.number, client: client.client.code,
                reason: "\(message.channel.rawValue) to \(message.recipient) about \(number.number) failed: \(reason)")
            try await TaskStore(sql, orgID: org.id).add([(task, message.clientID, number.id)], day: today, now: now)
            return .init(id: id, key: message.key, channel: message.channel, recipient: message.recipient, status: .failed,
                         detail: reason)
        }
        if let line { report.lines.append(line) }
    }

    /// An instant as stored (ISO 8601, UTC, seconds), so stored instants compare as text.
    public static func instantText(_ instant: Date) -> String {
        // The format style is a value (no ICU formatter made per call): `2024-03-31T12:00:00Z`.
        instant.formatted(Date.ISO8601FormatStyle())
    }
}

extension MessageChannel {
    /// The contact rules' name for the channel.
    var contactMethod: ContactMethod {
        switch self {
        case .email, .webhook: .email
        case .sms: .sms
        case .letter: .letter
        }
    }
}
