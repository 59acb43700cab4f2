/// What an organisation tells its clients in every message: where to pay and who signs.
/// Empty text means "not set"; messages leave the matching lines out.
public struct OrganisationSettings: Hashable, Sendable {
    public var bankName: String
    /// Electronic form, upper case without spaces (`DE89370400440532013000`), or empty.
    public var iban: String
    /// 8 or 11 characters, upper case, or empty.
    public var bic: String
    /// The closing lines of a message (a person's name, a role); may span several lines.
    public var signature: String
    /// The name emails come from (the business's name when empty).
    public var senderName: String
    /// The business's own address emails come from; nothing is emailed until it is set.
    public var senderEmail: String
    /// Where clients' replies go (the sender address when empty).
    public var replyTo: String
    /// The business's postal address, line by line, for letterheads.
    public var address: [String]
    /// The confidence (0-100) at or above which a bank transfer's match is applied without a
    /// person; 100 leaves every match to a person.
    public var matchThreshold: Int
    /// When the daily collection cycle runs, on the organisation's local clock.
    public var cycleTime: LocalTime

    public static let defaultMatchThreshold = 90
    public static let defaultCycleTime = LocalTime(hour: 6, minute: 0)!

    public init(bankName: String = "", iban: String = "", bic: String = "", signature: String = "",
                senderName: String = "", senderEmail: String = "", replyTo: String = "", address: [String] = [],
                matchThreshold: Int = OrganisationSettings.defaultMatchThreshold, cycleTime: LocalTime = OrganisationSettings.defaultCycleTime) {
        self.matchThreshold = matchThreshold
        self.cycleTime = cycleTime
        self.bankName = bankName
        self.iban = iban
        self.bic = bic
        self.signature = signature
        self.senderName = senderName
        self.senderEmail = senderEmail
        self.replyTo = replyTo
        self.address = address
    }
}

/// An international bank account number (ISO 13616) whose check digits hold.
public struct IBAN: Hashable, Sendable, CustomStringConvertible {
    /// Electronic form: upper case, no spaces.
    public let value: String

    /// Accepts the electronic or the printed form (`DE89 3704 0044 0532 0130 00`).
    public init(validating text: String) throws(BankDetailsError) {
        let compact = text.uppercased().filter { $0 != " " }
        guard (15...34).contains(compact.count),
              compact.prefix(2).allSatisfy({ $0.isASCII && $0.isLetter }),
              compact.dropFirst(2).prefix(2).allSatisfy(\.isASCIIDigit),
              compact.allSatisfy(CreditorReference.isAlphanumeric) else {
            throw .malformedIBAN(text)
        }
        // ISO 7064 MOD 97-10, as for RF references: the country and check digits move to the end.
        let rearranged = String(compact.dropFirst(4)) + String(compact.prefix(4))
        guard CreditorReference.mod97(rearranged) == 1 else { throw .ibanCheckDigitsWrong(text) }
        value = compact
    }

    /// Paper form in groups of four, as people copy it into a banking app.
    public var printed: String { IBAN.grouped(value) }

    public var description: String { value }

    /// Any electronic IBAN in groups of four (the text is not checked).
    public static func grouped(_ text: String) -> String {
        var groups: [Substring] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            groups.append(rest.prefix(4))
            rest = rest.dropFirst(4)
        }
        return groups.joined(separator: " ")
    }
}

/// Checks of a bank identifier code (ISO 9362).
public enum BIC {
    /// Normalises and checks the shape: 4 letters (bank), 2 letters (country), 2 letters or
    /// digits (location), optionally 3 more (branch). Returns the upper-case form.
    public static func validated(_ text: String) throws(BankDetailsError) -> String {
        let compact = text.uppercased().filter { $0 != " " }
        guard compact.count == 8 || compact.count == 11,
              compact.prefix(6).allSatisfy({ $0.isASCII && $0.isLetter }),
              compact.allSatisfy(CreditorReference.isAlphanumeric) else {
            throw .malformedBIC(text)
        }
        return compact
    }
}

/// Why bank details were refused.
public enum BankDetailsError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformedIBAN(String)
    case ibanCheckDigitsWrong(String)
    case malformedBIC(String)
    case malformedGermanAccount(String)

    public var description: String {
        switch self {
        case .malformedIBAN(let text):
            return "\"\(text)\" is not an IBAN (a country code, two check digits, then 11 to 30 letters or digits)"
        case .ibanCheckDigitsWrong(let text):
            return "the IBAN \"\(text)\" has wrong check digits; please copy it again from the bank statement"
        case .malformedBIC(let text):
            return "\"\(text)\" is not a BIC (8 or 11 characters: bank, country, location, optional branch, such as DEUTDEFF or DEUTDEFF500)"
        case .malformedGermanAccount(let text):
            return "\"\(text)\" is not a German bank code and account number (8 digits, a slash, up to 10 digits)"
        }
    }
}
