import Foundation

/// Whether a client is a business or a private person; the law treats them differently
/// (statutory interest rates, fixed compensation, contact rules).
public enum ClientKind: String, Sendable, Hashable, CaseIterable, Codable {
    case business
    case consumer
}

/// What a contact person does for the client.
public enum ContactRole: String, Sendable, Hashable, CaseIterable, Codable {
    case billing
    case accountsPayable = "accounts_payable"
    case other
}

/// A person at the client to write to or call.
public struct Contact: Hashable, Sendable {
    public var name: String
    public var email: String?
    public var phone: String?
    public var role: ContactRole

    public init(name: String, email: String?, phone: String?, role: ContactRole) {
        self.name = name
        self.email = email
        self.phone = phone
        self.role = role
    }
}

/// A client of the business: who owes money, where they are, how to talk to them.
public struct Client: Hashable, Sendable {
    /// The business's own identifier for the client (from its accounting system).
    public var code: String
    public var name: String
    public var kind: ClientKind
    /// ISO 3166-1 alpha-2, upper case.
    public var country: String
    /// IANA time zone identifier (`Europe/Berlin`).
    public var timeZone: String
    /// BCP 47 language tag (`en`, `de`, `fr-CA`).
    public var language: String
    public var contacts: [Contact]
    /// Terms used for invoices that carry no due date of their own.
    public var defaultTerms: PaymentTerms
    public var tags: [String]
    /// The postal address letters go to, line by line (without the name); empty when unknown.
    public var address: [String]

    public init(code: String, name: String, kind: ClientKind, country: String, timeZone: String,
                language: String, contacts: [Contact] = [], defaultTerms: PaymentTerms = .net(days: 30),
                tags: [String] = [], address: [String] = []) {
        self.code = code
        self.name = name
        self.kind = kind
        self.country = country
        self.timeZone = timeZone
        self.language = language
        self.contacts = contacts
        self.defaultTerms = defaultTerms
        self.tags = tags
        self.address = address
    }
}

/// Checks of the single fields of clients and organisations, shared by every way data comes in.
public enum FieldRules {
    /// A client code or other identifier: 1-64 printable characters without surrounding spaces.
    public static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64 && text == text.trimmingCharacters(in: .whitespaces)
            && text.unicodeScalars.allSatisfy { !CharacterSet.controlCharacters.contains($0) }
    }

    /// ISO 3166-1 alpha-2 code of an assigned country.
    public static func isCountry(_ text: String) -> Bool {
        text.count == 2 && countries.contains(text)
    }

    /// An IANA time zone known to this system.
    public static func isTimeZone(_ text: String) -> Bool {
        text == "UTC" || (text.contains("/") && (timeZones.contains(text) || TimeZone(identifier: text) != nil))
    }

    // Built once: asking Foundation per row is slow in large imports.
    private static let countries: Set<String> = Set(Locale.Region.isoRegions.map(\.identifier).filter { $0.count == 2 })
    private static let timeZones: Set<String> = Set(TimeZone.knownTimeZoneIdentifiers)

    /// A BCP 47-shaped language tag: a 2-3 letter language, optional subtags of 2-8 letters or digits.
    public static func isLanguage(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            return false
        }
        return parts.dropFirst().allSatisfy { part in
            (2...8).contains(part.count) && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }

    /// A plausible email address: one `@`, something before it, a dotted domain after it, no spaces.
    public static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
              !parts[1].hasSuffix(".") else { return false }
        return !text.contains(where: { $0.isWhitespace }) && text.count <= 254
    }

    /// A phone number in international form: `+`, then 7 to 15 digits; spaces, dashes and dots allowed.
    public static func isPhone(_ text: String) -> Bool {
        guard text.hasPrefix("+") else { return false }
        let rest = text.dropFirst()
        guard rest.allSatisfy({ $0.isASCIIDigit || $0 == " " || $0 == "-" || $0 == "." }) else { return false }
        return (7...15).contains(rest.filter(\.isASCIIDigit).count)
    }
}
