/// An ISO 11649 structured creditor reference ("RF reference"): `RF`, two check
/// digits and up to 21 letters or digits. Banks carry it unchanged from payer to
/// payee, which is what lets a transfer be matched to its invoice.
public struct CreditorReference: Hashable, Sendable, CustomStringConvertible {
    /// The reference in electronic form, upper case without spaces (`RF18539007547034`).
    public let value: String

    /// Derives the reference for a base of 1 to 21 letters or digits (case-insensitive).
    public init(base: String) throws(ReferenceError) {
        let normalized = base.uppercased()
        guard (1...21).contains(normalized.count), normalized.allSatisfy(CreditorReference.isAlphanumeric) else {
            throw .invalidBase(base)
        }
        value = CreditorReference.withCheckDigits(normalized)
    }

    private static func withCheckDigits(_ base: String) -> String {
        let check = 98 - mod97(base + "RF00")
        return "RF" + (check < 10 ? "0" : "") + String(check) + base
    }

    /// Accepts a reference in electronic or paper form (`RF18 5390 0754 7034`) when its check digits hold.
    public init(validating text: String) throws(ReferenceError) {
        let compact = text.uppercased().filter { $0 != " " }
        guard compact.count >= 5, compact.count <= 25, compact.hasPrefix("RF"),
              compact.allSatisfy(CreditorReference.isAlphanumeric),
              compact.dropFirst(2).prefix(2).allSatisfy(\.isASCIIDigit) else {
            throw .malformed(text)
        }
        let rearranged = String(compact.dropFirst(4)) + String(compact.prefix(4))
        guard CreditorReference.mod97(rearranged) == 1 else { throw .checkDigitsWrong(text) }
        value = compact
    }

    /// The reference an invoice carries: derived from its number's letters and digits;
    /// a number with none, or with more than 21, uses a stable 20-digit digest of the number instead.
    public init(invoiceNumber: String) {
        let alphanumerics = invoiceNumber.uppercased().filter(CreditorReference.isAlphanumeric)
        let base = (1...21).contains(alphanumerics.count) ? alphanumerics : CreditorReference.digest(invoiceNumber)
        value = CreditorReference.withCheckDigits(base)
    }

    /// Paper form in groups of four (`RF18 5390 0754 7034`).
    public var printed: String {
        var groups: [Substring] = []
        var rest = Substring(value)
        while !rest.isEmpty {
            groups.append(rest.prefix(4))
            rest = rest.dropFirst(4)
        }
        return groups.joined(separator: " ")
    }

    public var description: String { value }

    static func isAlphanumeric(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return (0x30...0x39).contains(ascii) || (0x41...0x5A).contains(ascii)
    }

    /// ISO 7064 MOD 97-10 over letters (A=10 ... Z=35) and digits, computed piecewise.
    static func mod97(_ text: String) -> Int {
        var remainder = 0
        for character in text {
            guard let ascii = character.asciiValue else { continue }
            let value = ascii >= 65 ? Int(ascii) - 55 : Int(ascii) - 48
            remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97
        }
        return remainder
    }

    /// FNV-1a 64 of the text, as 20 decimal digits.
    static func digest(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let digits = String(hash)
        return String(repeating: "0", count: 20 - digits.count) + digits
    }
}

/// Why a creditor reference was refused.
public enum ReferenceError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidBase(String)
    case malformed(String)
    case checkDigitsWrong(String)

    public var description: String {
        switch self {
        case .invalidBase(let base):
            return "\"\(base)\" cannot be a reference base (1 to 21 letters A-Z or digits)"
        case .malformed(let text):
            return "\"\(text)\" is not an RF creditor reference (RF, two check digits, then up to 21 letters or digits)"
        case .checkDigitsWrong(let text):
            return "\"\(text)\" has wrong check digits"
        }
    }
}
