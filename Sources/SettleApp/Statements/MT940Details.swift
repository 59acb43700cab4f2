import Foundation
import SettleCore

/// What an entry's `:86:` field says. German banks write it structured:
/// `GVC?00posting text?10primanota?20...?29 remittance?30 bank code or BIC?31 account or IBAN
/// ?32?33 name?34 return reason?60...?63 more remittance`, where the separator is the character
/// after the three-digit business transaction code (GVC), usually `?`. SEPA transfers put keywords
/// into the remittance: `EREF+` end-to-end reference, `SVWZ+` the remittance text proper, `KREF+`,
/// `MREF+`, `CRED+`, `ABWA+`/`ABWE+` a payer or payee on whose behalf. Any other `:86:` is free text.
struct MT940Details {
    /// The business transaction code (Geschäftsvorfallcode) of a structured field.
    var transactionCode: String?
    var remittance: [String] = []
    var endToEndReference: String?
    var creditorReferences: [String] = []
    var counterpartyName: String?
    var counterpartyAccount: String?
    /// `ABWA+`/`ABWE+`: the party on whose behalf the counterparty paid or was paid.
    var onBehalfOf: String?

    /// Returned direct debits (108, 109) and returned transfers (159) undo an earlier entry.
    static let reversalCodes: Set<String> = ["108", "109", "159"]

    /// SEPA keywords of a German remittance text.
    static let keywords = ["EREF", "KREF", "MREF", "CRED", "DEBT", "SVWZ", "ABWA", "ABWE", "IBAN", "BIC", "PURP", "MDAT",
                           "SQTP", "ORCR", "ORMR", "DDAT", "COAM", "OAMT"]

    var isReversal: Bool { transactionCode.map(Self.reversalCodes.contains) ?? false }

    init(lines: [String]) {
        // Lines break at 65 characters wherever that falls, so subfields and words run across them.
        let text = lines.joined()
        guard let subfields = Self.subfields(of: text) else {
            remittance = lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            creditorReferences = remittance.flatMap { CreditorReference.references(in: $0).map(\.value) }
            return
        }
        transactionCode = String(text.prefix(3))
        var purpose = "", name = ""
        for (code, value) in subfields {
            switch code {
            case "20"..."29", "60"..."63": purpose += value
            case "31": counterpartyAccount = value.filter { $0 != " " }
            case "32", "33": name += value
            default: break
            }
        }
        name = name.trimmingCharacters(in: .whitespaces)
        counterpartyName = name.isEmpty ? nil : name
        if counterpartyAccount?.isEmpty == true { counterpartyAccount = nil }
        readRemittance(purpose)
    }

    /// The subfields of a structured field in order, or nil when the text is not structured: three
    /// digits, a separator, and the first subfield 00, 10 or 20. Punctuation that free text puts
    /// after a number (`123,45 EUR`) is no separator.
    static func subfields(of text: String) -> [(code: String, value: String)]? {
        let characters = Array(text)
        guard characters.count >= 6, characters[0...2].allSatisfy(\.isASCIIDigit), !characters[3].isLetter,
              !characters[3].isNumber, !" ,.-/:+".contains(characters[3]),
              ["00", "10", "20"].contains(String(characters[4...5])) else {
            return nil
        }
        let separator = characters[3]
        var subfields: [(code: String, value: String)] = []
        var index = 3
        while index < characters.count {
            let code = String(characters[(index + 1)...(index + 2)])
            var end = index + 3
            while end < characters.count,
                  !(characters[end] == separator && end + 2 < characters.count
                    && characters[end + 1].isASCIIDigit && characters[end + 2].isASCIIDigit) {
                end += 1
            }
            subfields.append((code, String(characters[(index + 3)..<end])))
            index = end
        }
        return subfields
    }

    /// Splits the remittance at SEPA keywords; without keywords it is one free line.
    private mutating func readRemittance(_ purpose: String) {
        var parts: [(keyword: String, value: String)] = []
        var rest = Substring(purpose)
        var keyword = ""
        while let next = Self.nextKeyword(in: rest) {
            parts.append((keyword, String(rest[..<next.range.lowerBound])))
            keyword = next.keyword
            rest = rest[next.range.upperBound...]
        }
        parts.append((keyword, String(rest)))
        for (keyword, raw) in parts {
            let value = raw.trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty else { continue }
            switch keyword {
            case "", "SVWZ": remittance.append(value)
            case "EREF" where value != "NOTPROVIDED": endToEndReference = value
            case "ABWA", "ABWE": onBehalfOf = value
            default: break
            }
        }
        creditorReferences = remittance.flatMap { CreditorReference.references(in: $0).map(\.value) }
    }

    /// The first `KEYWORD+` in the text.
    private static func nextKeyword(in text: Substring) -> (keyword: String, range: Range<Substring.Index>)? {
        keywords.compactMap { keyword in text.range(of: keyword + "+").map { (keyword, $0) } }
            .min { $0.range.lowerBound < $1.range.lowerBound }
    }
}
