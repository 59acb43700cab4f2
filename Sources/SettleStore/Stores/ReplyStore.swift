import Foundation
import SettleCore
import SQLKit

/// A client's reply as it arrived, attached to the client (and, through the message it answers,
/// to that message's invoices).
public struct NewReply: Sendable, Hashable {
    public var clientID: Int64
    public var channel: MessageChannel
    /// The address or number it came from.
    public var sender: String
    public var subject: String
    public var text: String
    /// The provider's id of the reply (an email's Message-ID, a text's MessageSid): a webhook
    /// delivered twice records the reply once.
    public var externalID: String
    /// The outbox message it answers, when the reply chain names one.
    public var messageID: Int64?
    public var day: Day

    public init(clientID: Int64, channel: MessageChannel, sender: String, subject: String, text: String, externalID: String,
                messageID: Int64?, day: Day) {
        self.clientID = clientID
        self.channel = channel
        self.sender = sender
        self.subject = subject
        self.text = text
        self.externalID = externalID
        self.messageID = messageID
        self.day = day
    }
}

/// Replies from clients, by email and text.
public struct ReplyStore: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    /// Records a reply; returns its id, or nil when the same reply was recorded before.
    public func add(_ reply: NewReply, now: String) async throws -> Int64? {
        try await sql.insert(into: "replies")
            .columns("org_id", "client_id", "channel", "sender", "subject", "text", "external_id", "message_id", "day", "created_at")
            .values(SQLBind(orgID), SQLBind(reply.clientID), SQLBind(reply.channel.rawValue), SQLBind(reply.sender),
                    SQLBind(reply.subject), SQLBind(reply.text), SQLBind(reply.externalID), SQLBind(reply.messageID),
                    SQLBind(reply.day.description), SQLBind(now))
            .ignoringConflicts(with: ["org_id", "client_id", "channel", "external_id"])
            .returning("id").first()?.decode(column: "id", as: Int64.self)
    }
}

extension OutboxStore {
    /// The sent email among these Message-IDs (with or without angle brackets), the newest when
    /// several are: the message a reply answers.
    public func sentEmail(messageIDs: [String]) async throws -> StoredMessage? {
        let bare = messageIDs.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "<> \t")) }.filter { !$0.isEmpty }
        guard !bare.isEmpty else { return nil }
        let forms = bare.flatMap { [$0, "<\($0)>"] }
        guard let row = try await sql.select().column("id").from("messages")
            .where("org_id", .equal, SQLBind(orgID)).where("channel", .equal, SQLBind(MessageChannel.email.rawValue))
            .where("message_id", .in, SQLBind.group(forms)).where("status", .equal, SQLBind(MessageStatus.sent.rawValue))
            .orderBy("id", .descending).first() else { return nil }
        return try await find(try row.decode(column: "id", as: Int64.self))
    }
}
