import Foundation

/// One event for a webhook endpoint: a JSON document and the key that names it.
public struct WebhookEvent: Sendable, Hashable {
    /// The outbox's idempotency key, sent as `Settle-Event-Id` on every attempt so
    /// the receiver can drop a repeat.
    public var id: String
    /// The JSON document, sent byte for byte as the request body.
    public var body: [UInt8]

    /// An event from JSON bytes.
    public init(id: String, body: [UInt8]) {
        self.id = id
        self.body = body
    }

    /// An event whose body is `payload` encoded as JSON (keys sorted, so the same
    /// event always has the same bytes).
    public init(id: String, payload: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        self.init(id: id, body: Array(try encoder.encode(payload)))
    }

    /// Why the event cannot be sent, or nil.
    var problem: String? {
        if id.isEmpty || id.utf8.count > 256 { return "the event id must have 1 to 256 characters" }
        if id.unicodeScalars.contains(where: { !$0.isASCII || $0.properties.generalCategory == .control }) {
            return "the event id must be printable ASCII (it goes in a header)"
        }
        if (try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])) == nil {
            return "the body is not JSON"
        }
        return nil
    }
}
