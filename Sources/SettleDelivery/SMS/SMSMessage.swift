/// One text message to one phone.
public struct SMSMessage: Sendable, Hashable {
    /// The recipient in E.164 form (`+4915112345678`).
    public var to: String
    /// The text, at most `SMSText.maximumLength` characters; `SMSText.withOptOut`
    /// adds the opt-out line and keeps it within that.
    public var body: String
    /// The outbox's key for this message (org, invoice, stage, occurrence): named in
    /// logs and sent as `Idempotency-Key`, which providers that support it use to
    /// drop a repeated request.
    public var idempotencyKey: String

    /// A message to `to` with `body`, known to the outbox as `idempotencyKey`.
    public init(to: String, body: String, idempotencyKey: String) {
        self.to = to
        self.body = body
        self.idempotencyKey = idempotencyKey
    }
}
