import Foundation

/// A mailbox: an address with an optional display name ("Acme Accounts <ar@acme.test>").
public struct EmailAddress: Sendable, Hashable {
    /// The name shown to the reader, if any; may hold any Unicode text.
    public var name: String?
    /// The address itself (`local@domain`), ASCII.
    public var address: String

    /// A mailbox with an optional display name.
    public init(_ address: String, name: String? = nil) {
        self.address = address
        self.name = name
    }

    /// The part after `@`, used for the `Message-ID`; `localhost` when there is none.
    public var domain: String {
        guard let at = address.lastIndex(of: "@") else { return "localhost" }
        let domain = address[address.index(after: at)...]
        return domain.isEmpty ? "localhost" : String(domain)
    }
}

/// A file sent with a message, such as an invoice PDF.
public struct EmailAttachment: Sendable, Hashable {
    /// The file name the reader sees.
    public var filename: String
    /// The MIME type, for example `application/pdf`.
    public var contentType: String
    /// The exact bytes of the file.
    public var bytes: [UInt8]

    /// An attachment with its file name, MIME type and bytes.
    public init(filename: String, contentType: String, bytes: [UInt8]) {
        self.filename = filename
        self.contentType = contentType
        self.bytes = bytes
    }
}

/// One email as the collections process means it: who sends it to whom, what it
/// says (plain text and optionally HTML), what is attached, and the keys that make
/// it traceable. `MIMEWriter` turns it into the exact bytes that are sent.
public struct EmailMessage: Sendable, Hashable {
    /// The sender shown in `From`; its address is also the envelope sender.
    public var from: EmailAddress
    /// The recipients (`To` and the envelope recipients).
    public var to: [EmailAddress]
    /// Where the client's answers go, if not to `from`.
    public var replyTo: EmailAddress?
    /// The subject line; any Unicode text.
    public var subject: String
    /// The plain-text body.
    public var text: String
    /// The HTML body, sent as an alternative to the text when present.
    public var html: String?
    /// Files sent with the message.
    public var attachments: [EmailAttachment]
    /// The idempotency key of the action that sends this message; the `Message-ID`
    /// and the MIME boundaries derive from it, so the same key gives the same message.
    public var idempotencyKey: String
    /// A signed one-click unsubscribe link (RFC 8058), if the message offers one.
    public var listUnsubscribeURL: String?

    /// A message; see the properties for what each part means.
    public init(
        from: EmailAddress,
        to: [EmailAddress],
        replyTo: EmailAddress? = nil,
        subject: String,
        text: String,
        html: String? = nil,
        attachments: [EmailAttachment] = [],
        idempotencyKey: String,
        listUnsubscribeURL: String? = nil
    ) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.text = text
        self.html = html
        self.attachments = attachments
        self.idempotencyKey = idempotencyKey
        self.listUnsubscribeURL = listUnsubscribeURL
    }
}
