import Foundation
import SettleCore
import SQLKit

/// Where a message is on its way to the client.
public enum MessageStatus: String, Sendable, Hashable, CaseIterable {
    /// Waiting to be sent.
    case queued
    /// Waiting for the client's contact window or a frequency limit (`not_before`).
    case held
    /// Handed to a worker, whose lease runs until `lease_until`.
    case sending
    case sent
    case failed
    /// Not sent, for the reason in the note (paid meanwhile, disputed, opted out, stale).
    case cancelled
}

/// How a message reaches the client.
public enum MessageChannel: String, Sendable, Hashable, CaseIterable {
    case email, sms, letter, webhook
}

/// A message ready for the outbox.
public struct NewMessage: Sendable {
    public var key: String
    public var channel: MessageChannel
    public var clientID: Int64
    public var recipient: String
    public var template: String
    public var tone: Tone
    public var language: String
    public var finalNotice: Bool
    public var subject: String
    public var text: String
    public var html: String
    public var day: Day
    public var invoiceIDs: [Int64]
    /// `queued`, or `cancelled` / `failed` when it cannot go at all (with the reason in `note`).
    public var status: MessageStatus
    public var note: String

    public init(key: String, channel: MessageChannel, clientID: Int64, recipient: String, template: String, tone: Tone,
                language: String, finalNotice: Bool, subject: String, text: String, html: String, day: Day,
                invoiceIDs: [Int64], status: MessageStatus = .queued, note: String = "") {
        self.key = key
        self.channel = channel
        self.clientID = clientID
        self.recipient = recipient
        self.template = template
        self.tone = tone
        self.language = language
        self.finalNotice = finalNotice
        self.subject = subject
        self.text = text
        self.html = html
        self.day = day
        self.invoiceIDs = invoiceIDs
        self.status = status
        self.note = note
    }
}

/// A message in the outbox.
public struct StoredMessage: Sendable, Hashable {
    public var id: Int64
    public var key: String
    public var channel: MessageChannel
    public var clientID: Int64
    public var recipient: String
    public var template: String
    public var tone: Tone
    public var language: String
    public var finalNotice: Bool
    public var subject: String
    public var text: String
    public var html: String
    public var status: MessageStatus
    /// Held until (an ISO 8601 instant).
    public var notBefore: String?
    public var note: String
    public var attempts: Int
    public var lastError: String?
    public var leaseUntil: String?
    public var messageID: String?
    /// The exact bytes handed to the server (set when the message is first claimed for sending).
    public var content: [UInt8]?
    public var day: Day
    public var sentAt: String?
    public var createdAt: String
}

extension StoredMessage {
    /// A message that is not in the outbox: a test of a channel's settings, sent once and not kept.
    public init(test channel: MessageChannel, recipient: String, subject: String, text: String, html: String, day: Day, now: String) {
        self.init(id: 0, key: "test-\(now)", channel: channel, clientID: 0, recipient: recipient, template: "test", tone: .friendly,
                  language: "en", finalNotice: false, subject: subject, text: text, html: html, status: .queued, notBefore: nil,
                  note: "", attempts: 0, lastError: nil, leaseUntil: nil, messageID: nil, content: nil, day: day, sentAt: nil,
                  createdAt: now)
    }
}

/// The message actions of a day's cycle that have no outbox entry yet, grouped by message key.
public struct PendingMessage: Sendable, Hashable {
    public var key: String
    public var kind: ActionKind
    public var clientID: Int64
    public var invoiceIDs: [Int64]
    /// The template of the firmest tone among the message's actions.
    public var template: String
    public var tone: Tone
    public var day: Day
    /// The policy stage of the message's firmest action.
    public var stage: String
}

/// The outbox of one organisation. Every query is scoped to `orgID`.
public struct OutboxStore: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    /// Message actions recorded on or after `since` that are not in the outbox yet, oldest first.
    public func pending(since: Day) async throws -> [PendingMessage] {
        let rows = try await sql.raw("""
            SELECT a.message_key, a.kind, a.invoice_id, a.template, a.tone, a.day, a.stage, i.client_id
            FROM actions a JOIN invoices i ON i.org_id = a.org_id AND i.id = a.invoice_id
            WHERE a.org_id = \(bind: orgID) AND a.day >= \(bind: since.description) AND a.message_key IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.org_id = a.org_id AND m.key = a.message_key)
            ORDER BY a.id
            """).all()
        var messages: [PendingMessage] = []
        var index: [String: Int] = [:]
        for row in rows {
            let key = try row.decode(column: "message_key", as: String.self)
            let kindText = try row.decode(column: "kind", as: String.self), toneText = try row.decode(column: "tone", as: String.self)
            guard let kind = ActionKind(rawValue: kindText), let tone = Tone(rawValue: toneText) else {
                throw StoreError.corrupt("action of message \(key) has kind \(kindText) and tone \(toneText)")
            }
            let invoiceID = try row.decode(column: "invoice_id", as: Int64.self)
            let template = try row.decode(column: "template", as: String.self)
            if let position = index[key] {
                if !messages[position].invoiceIDs.contains(invoiceID) { messages[position].invoiceIDs.append(invoiceID) }
                if messages[position].tone < tone {
                    messages[position].tone = tone
                    messages[position].template = template
                    messages[position].stage = try row.decode(column: "stage", as: String.self)
                }
            } else {
                index[key] = messages.count
                messages.append(PendingMessage(
                    key: key, kind: kind, clientID: try row.decode(column: "client_id", as: Int64.self), invoiceIDs: [invoiceID],
                    template: template, tone: tone, day: try Day(parsing: try row.decode(column: "day", as: String.self)),
                    stage: try row.decode(column: "stage", as: String.self)))
            }
        }
        return messages
    }

    /// Adds a message with its invoices; returns its id.
    @discardableResult
    public func enqueue(_ message: NewMessage, now: String) async throws -> Int64 {
        guard let row = try await sql.insert(into: "messages")
            .columns("org_id", "key", "channel", "client_id", "recipient", "template", "tone", "language", "final_notice",
                     "subject", "body_text", "body_html", "status", "note", "last_error", "day", "created_at", "updated_at")
            .values(SQLBind(orgID), SQLBind(message.key), SQLBind(message.channel.rawValue), SQLBind(message.clientID),
                    SQLBind(message.recipient), SQLBind(message.template), SQLBind(message.tone.rawValue),
                    SQLBind(message.language), SQLBind(message.finalNotice ? 1 : 0), SQLBind(message.subject),
                    SQLBind(message.text), SQLBind(message.html), SQLBind(message.status.rawValue), SQLBind(message.note),
                    SQLBind(message.status == .failed ? message.note : nil), SQLBind(message.day.description), SQLBind(now), SQLBind(now))
            .returning("id").first() else { throw StoreError.corrupt("message \(message.key) was not stored") }
        let id = try row.decode(column: "id", as: Int64.self)
        try await sql.insertRows(into: "message_invoices", columns: ["org_id", "message_id", "invoice_id"],
                                 rows: message.invoiceIDs.map { [.integer(orgID), .integer(id), .integer($0)] })
        return id
    }

    /// Messages whose worker's lease ran out while sending: the worker died between handing a
    /// message over and recording the answer. Each may go again, once, with the same bytes (and
    /// so the same Message-ID); one interrupted twice fails for a person to look at.
    /// Returns the ids put back in the queue and those failed.
    public func recoverExpiredLeases(now: String) async throws -> (requeued: [Int64], failed: [Int64]) {
        let rows = try await sql.select().columns("id", "attempts").from("messages")
            .where("org_id", .equal, SQLBind(orgID)).where("status", .equal, SQLBind(MessageStatus.sending.rawValue))
            .where("lease_until", .lessThan, SQLBind(now)).all()
        var requeued: [Int64] = [], failed: [Int64] = []
        for row in rows {
            let id = try row.decode(column: "id", as: Int64.self)
            if try row.decode(column: "attempts", as: Int.self) >= 2 {
                try await update(id, status: .failed, set: [("last_error", SQLBind(
                    "the worker stopped twice while sending; the server may or may not have it: check before sending again"))],
                    now: now, onlyIf: .sending)
                failed.append(id)
            } else {
                try await update(id, status: .queued, set: [("note", SQLBind("resent after an interrupted attempt"))],
                                 now: now, onlyIf: .sending)
                requeued.append(id)
            }
        }
        return (requeued, failed)
    }

    /// The ids of up to `limit` messages of the channels given that are due at `now`, oldest first,
    /// locked for this transaction (on PostgreSQL, rows another worker holds are skipped).
    public func claimable(channels: [MessageChannel], now: String, limit: Int) async throws -> [Int64] {
        let locking = sql.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
        let rows = try await sql.raw("""
            SELECT id FROM messages
            WHERE org_id = \(bind: orgID) AND status IN ('queued', 'held') AND (not_before IS NULL OR not_before <= \(bind: now))
              AND channel IN \(SQLBind.group(channels.map(\.rawValue)))
            ORDER BY id LIMIT \(bind: limit)\(unsafeRaw: locking)
            """).all()
        return try rows.map { try $0.decode(column: "id", as: Int64.self) }
    }

    public func find(_ id: Int64) async throws -> StoredMessage? {
        try await sql.select().columns("*").from("messages").where("org_id", .equal, SQLBind(orgID)).where("id", .equal, SQLBind(id))
            .first().map(Self.decode)
    }

    /// Messages, newest first, optionally of one status or one client, and only those before
    /// (older than) a message id — a page after the one that ended there.
    public func list(status: MessageStatus? = nil, clientID: Int64? = nil, before: Int64? = nil,
                     limit: Int = 1000) async throws -> [StoredMessage] {
        var query = sql.select().columns("*").from("messages").where("org_id", .equal, SQLBind(orgID))
        if let status { query = query.where("status", .equal, SQLBind(status.rawValue)) }
        if let clientID { query = query.where("client_id", .equal, SQLBind(clientID)) }
        if let before { query = query.where("id", .lessThan, SQLBind(before)) }
        return try await query.orderBy("id", .descending).limit(limit).all().map(Self.decode)
    }

    /// How many messages of a channel have a status.
    public func count(status: MessageStatus, channel: MessageChannel) async throws -> Int {
        let row = try await sql.raw("""
            SELECT CAST(COUNT(*) AS BIGINT) AS n FROM messages
            WHERE org_id = \(bind: orgID) AND status = \(bind: status.rawValue) AND channel = \(bind: channel.rawValue)
            """).first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Queued messages of a channel decided on or before a day, oldest first (all of them).
    public func queued(channel: MessageChannel, through day: Day) async throws -> [StoredMessage] {
        try await sql.select().columns("*").from("messages").where("org_id", .equal, SQLBind(orgID))
            .where("status", .equal, SQLBind(MessageStatus.queued.rawValue)).where("channel", .equal, SQLBind(channel.rawValue))
            .where("day", .lessThanOrEqual, SQLBind(day.description)).orderBy("id").all().map(Self.decode)
    }

    /// Messages still waiting (queued or held) about any of these invoices, with all the invoices each is about.
    public func waiting(aboutAny invoiceIDs: some Collection<Int64>) async throws -> [Int64: Set<Int64>] {
        var messages: [Int64: Set<Int64>] = [:]
        for batch in Array(invoiceIDs).chunked(into: 500) {
            for row in try await sql.raw("""
                SELECT m.message_id, m.invoice_id FROM message_invoices m WHERE m.org_id = \(bind: orgID) AND m.message_id IN (
                    SELECT x.message_id FROM message_invoices x JOIN messages g ON g.org_id = x.org_id AND g.id = x.message_id
                    WHERE x.org_id = \(bind: orgID) AND g.status IN ('queued', 'held')
                      AND x.invoice_id IN \(SQLBind.group(Array(batch))))
                """).all() {
                messages[try row.decode(column: "message_id", as: Int64.self), default: []]
                    .insert(try row.decode(column: "invoice_id", as: Int64.self))
            }
        }
        return messages
    }

    /// The invoices a message is about.
    public func invoiceIDs(ofMessage id: Int64) async throws -> [Int64] {
        try await sql.select().column("invoice_id").from("message_invoices")
            .where("org_id", .equal, SQLBind(orgID)).where("message_id", .equal, SQLBind(id)).orderBy("invoice_id").all()
            .map { try $0.decode(column: "invoice_id", as: Int64.self) }
    }

    /// The invoices a message is about, with their numbers.
    public func invoiceNumbers(ofMessage id: Int64) async throws -> [(id: Int64, number: InvoiceNumber)] {
        try await sql.raw("""
            SELECT i.id, i.number FROM message_invoices m JOIN invoices i ON i.org_id = m.org_id AND i.id = m.invoice_id
            WHERE m.org_id = \(bind: orgID) AND m.message_id = \(bind: id) ORDER BY i.id
            """).all().map { (try $0.decode(column: "id", as: Int64.self), try InvoiceNumber(try $0.decode(column: "number", as: String.self))) }
    }

    /// When messages of a channel went to a client (for frequency limits): those sent, and those
    /// another worker is sending (as of when it claimed them).
    public func sentTimes(clientID: Int64, channel: MessageChannel) async throws -> [String] {
        try await sql.raw("""
            SELECT COALESCE(sent_at, updated_at) AS at FROM messages
            WHERE org_id = \(bind: orgID) AND client_id = \(bind: clientID) AND channel = \(bind: channel.rawValue)
              AND status IN ('sent', 'sending')
            """).all().map { try $0.decode(column: "at", as: String.self) }
    }

    /// Hands a claimed message to this worker until `leaseUntil`, with the bytes it will send.
    public func markSending(_ id: Int64, leaseUntil: String, content: [UInt8], messageID: String?, now: String) async throws {
        try await update(id, status: .sending, set: [
            ("lease_until", SQLBind(leaseUntil)), ("content", SQLBind(Data(content))), ("message_id", SQLBind(messageID)),
            ("attempts", SQLRaw("attempts + 1")),
        ], now: now)
    }

    public func markSent(_ id: Int64, now: String) async throws {
        try await update(id, status: .sent, set: [("sent_at", SQLBind(now)), ("last_error", SQLBind(String?.none))], now: now,
                         onlyIf: .sending)
    }

    public func markFailed(_ id: Int64, error: String, now: String) async throws {
        try await update(id, status: .failed, set: [("last_error", SQLBind(error))], now: now)
    }

    /// Back to the queue after a temporary failure, not before `until`, with the error kept.
    public func deferDelivery(_ id: Int64, until: String, error: String, now: String) async throws {
        try await update(id, status: .queued, set: [("not_before", SQLBind(until)), ("last_error", SQLBind(error))], now: now,
                         onlyIf: .sending)
    }

    public func hold(_ id: Int64, until: String, reason: String, now: String) async throws {
        try await update(id, status: .held, set: [("not_before", SQLBind(until)), ("note", SQLBind(reason))], now: now)
    }

    public func cancel(_ id: Int64, reason: String, now: String) async throws {
        try await update(id, status: .cancelled, set: [("note", SQLBind(reason))], now: now)
    }

    /// Replaces the rendered content and invoices of a message still waiting (some of its
    /// invoices were settled meanwhile).
    public func rewrite(_ id: Int64, subject: String, text: String, html: String, invoiceIDs: [Int64], note: String,
                        now: String) async throws {
        try await sql.update("messages").set("subject", to: SQLBind(subject)).set("body_text", to: SQLBind(text))
            .set("body_html", to: SQLBind(html)).set("note", to: SQLBind(note)).set("updated_at", to: SQLBind(now))
            .where("org_id", .equal, SQLBind(orgID)).where("id", .equal, SQLBind(id)).run()
        try await sql.delete(from: "message_invoices").where("org_id", .equal, SQLBind(orgID))
            .where("message_id", .equal, SQLBind(id)).where("invoice_id", .notIn, SQLBind.group(invoiceIDs)).run()
    }

    private func update(_ id: Int64, status: MessageStatus, set values: [(String, any SQLExpression)], now: String,
                        onlyIf current: MessageStatus? = nil) async throws {
        var update = sql.update("messages").set("status", to: SQLBind(status.rawValue)).set("updated_at", to: SQLBind(now))
        if status != .sending { update = update.set("lease_until", to: SQLBind(String?.none)) }
        for (column, value) in values { update = update.set(SQLIdentifier(column), to: value) }
        update = update.where("org_id", .equal, SQLBind(orgID)).where("id", .equal, SQLBind(id))
        if let current { update = update.where("status", .equal, SQLBind(current.rawValue)) }
        try await update.run()
    }

    static func decode(_ row: any SQLRow) throws -> StoredMessage {
        let channel = try row.decode(column: "channel", as: String.self), tone = try row.decode(column: "tone", as: String.self)
        let status = try row.decode(column: "status", as: String.self)
        guard let channel = MessageChannel(rawValue: channel), let tone = Tone(rawValue: tone),
              let status = MessageStatus(rawValue: status) else {
            throw StoreError.corrupt("message with channel \(channel), tone \(tone), status \(status)")
        }
        return StoredMessage(
            id: try row.decode(column: "id", as: Int64.self), key: try row.decode(column: "key", as: String.self), channel: channel,
            clientID: try row.decode(column: "client_id", as: Int64.self), recipient: try row.decode(column: "recipient", as: String.self),
            template: try row.decode(column: "template", as: String.self), tone: tone,
            language: try row.decode(column: "language", as: String.self),
            finalNotice: try row.decode(column: "final_notice", as: Int.self) == 1,
            subject: try row.decode(column: "subject", as: String.self), text: try row.decode(column: "body_text", as: String.self),
            html: try row.decode(column: "body_html", as: String.self), status: status,
            notBefore: try row.decode(column: "not_before", as: String?.self), note: try row.decode(column: "note", as: String.self),
            attempts: try row.decode(column: "attempts", as: Int.self), lastError: try row.decode(column: "last_error", as: String?.self),
            leaseUntil: try row.decode(column: "lease_until", as: String?.self),
            messageID: try row.decode(column: "message_id", as: String?.self),
            content: try row.decode(column: "content", as: Data?.self).map { [UInt8]($0) },
            day: try Day(parsing: try row.decode(column: "day", as: String.self)),
            sentAt: try row.decode(column: "sent_at", as: String?.self), createdAt: try row.decode(column: "created_at", as: String.self))
    }
}
