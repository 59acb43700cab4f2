import Foundation

/// A delivery status notification (RFC 3464, or a mail server's plain bounce message) as far as
/// Settle needs it: which address failed, whether for good, and why.
public struct DeliveryStatusNotification: Sendable, Hashable {
    /// The address that failed (`Final-Recipient`, else `Original-Recipient`); nil when the
    /// notification does not say (then the message it answers tells).
    public var recipient: String?
    /// A permanent failure (`Status: 5.x.x`, or no status at all); `4.x.x` is only a delay.
    public var permanent: Bool
    /// The status and the server's diagnostic, for a person.
    public var reason: String

    static let bounceSenders: Set<String> = ["mailer-daemon", "postmaster"]
    static let bounceSubjects = ["undelivered mail returned to sender", "delivery status notification (failure)",
                                 "delivery status notification (delay)", "undeliverable", "delivery failure",
                                 "mail delivery failed", "returned mail", "failure notice", "delivery has failed"]

    /// The notification an inbound email is, or nil when it is an ordinary message.
    public init?(sender: String, subject: String, text: String) {
        let local = sender.split(separator: "@").first.map { $0.lowercased() } ?? ""
        let fields = Self.fields(of: text)
        let subject = subject.lowercased()
        guard Self.bounceSenders.contains(local) || Self.bounceSubjects.contains(where: { subject.contains($0) })
                || fields["final-recipient"] != nil else { return nil }
        recipient = (fields["final-recipient"] ?? fields["original-recipient"]).flatMap(Self.address)
        let status = fields["status"].flatMap { $0.split(separator: " ").first.map(String.init) }
        permanent = !(status?.hasPrefix("4") ?? subject.contains("(delay)"))
        let diagnostic = fields["diagnostic-code"].map { $0.replacingOccurrences(of: "smtp;", with: "").trimmingCharacters(in: .whitespaces) }
        reason = ([status.map { "status \($0)" }, diagnostic].compactMap { $0 }.joined(separator: ": ")).excerpt
        if reason.isEmpty { reason = "the mail server returned the message" }
    }

    /// The `Name: value` lines of the text, the first of each name (lower-cased), with
    /// continuation lines joined.
    static func fields(of text: String) -> [String: String] {
        var fields: [String: String] = [:]
        var last: String?
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            if let first = line.first, first == " " || first == "\t", let name = last {
                fields[name, default: ""] += " " + line.trimmingCharacters(in: .whitespaces)
                continue
            }
            last = nil
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            guard !name.isEmpty, !name.contains(" "), fields[name] == nil else { continue }
            fields[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            last = name
        }
        return fields
    }

    /// `rfc822; ap@acme.example` -> `ap@acme.example`.
    static func address(_ field: String) -> String? {
        let value = field.split(separator: ";", maxSplits: 1).last.map(String.init) ?? field
        let address = value.trimmingCharacters(in: CharacterSet(charactersIn: " <>\t"))
        return address.contains("@") ? address : nil
    }
}
