import Crypto
import Foundation
import SettleCore
import SettleStore
import SQLKit

/// The one way events reach webhook subscribers: inside the caller's transaction, an event
/// becomes one delivery row per active subscription to its type, so the event is queued if and
/// only if the change it reports is committed. The dispatcher sends the rows later.
///
/// An event's id is derived from the organisation, the type and what the event is about (a
/// payment's id, an invoice's number ...): the same event published twice is queued once, and a
/// receiver can drop a repeat by its id.
public final class EventPublisher {
    let sql: any SQLDatabase
    let organisation: StoredOrganisation
    let now: String
    /// The types some active subscription receives, read once per publisher.
    private var listened: Set<String>?

    /// A publisher writing through `sql` (the caller's transaction) at `now` (an instant as stored).
    public init(sql: any SQLDatabase, organisation: StoredOrganisation, now: String) {
        self.sql = sql
        self.organisation = organisation
        self.now = now
    }

    /// Whether any active subscription of the organisation receives `type`.
    public func isListened(_ type: WebhookEventType) async throws -> Bool {
        if listened == nil { listened = try await WebhookSubscriptionStore(sql, orgID: organisation.id).typesListenedTo() }
        return listened?.contains(type.rawValue) ?? false
    }

    /// Queues an event about `subject` (what makes it unique within its type) for every subscriber;
    /// `data` is only evaluated when someone listens.
    public func publish(_ type: WebhookEventType, about subject: String, data: () async throws -> [String: EventValue]) async throws {
        guard try await isListened(type) else { return }
        let id = Self.eventID(organisation: organisation.organisation.slug, type: type, subject: subject)
        let envelope = Envelope(id: id, type: type.rawValue, created_at: now, organisation: organisation.organisation.slug,
                                data: try await data())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try await WebhookDeliveryStore(sql, orgID: organisation.id)
            .enqueue(eventID: id, type: type.rawValue, payload: Array(try encoder.encode(envelope)), now: now)
    }

    /// `evt_` and 32 hex digits of the SHA-256 of organisation, type and subject.
    static func eventID(organisation: String, type: WebhookEventType, subject: String) -> String {
        let digest = SHA256.hash(data: Array("\(organisation)\n\(type.rawValue)\n\(subject)".utf8))
        return "evt_" + digest.prefix(16).lowercaseHex
    }

    /// The JSON document every event is: its id, type, when, whose, and the event's own fields.
    struct Envelope: Encodable {
        var id: String
        var type: String
        var created_at: String
        var organisation: String
        var data: [String: EventValue]
    }
}
