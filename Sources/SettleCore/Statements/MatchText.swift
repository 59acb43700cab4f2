import Foundation

/// How payers' free text is compared with what the book holds: invoice numbers written loosely
/// ("INV 1002", "Rechnung B-2001", "inv#1002/1003"), RF references inside the text, and company
/// names written with or without their legal form and accents.
public enum MatchText {
    /// An invoice number reduced to its letters and digits, upper case (`inv-1002` → `INV1002`).
    public static func compact(_ text: some StringProtocol) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39, 0x41...0x5A: bytes.append(byte)
            case 0x61...0x7A: bytes.append(byte - 32)
            default: break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The runs of ASCII letters and digits in a text, upper case, in order; a run switching from
    /// letters to digits stays one run (`INV1002`), as payers write it.
    public static func runs(_ text: String) -> [String] {
        var runs: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "0"..."9", "A"..."Z": current.append(scalar)
            case "a"..."z": current.append(Unicode.Scalar(scalar.value - 32)!)
            default:
                if !current.isEmpty { runs.append(String(current)) }
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { runs.append(String(current)) }
        return runs
    }

    /// The trailing digits of a compact number (`INV1002` → `1002`), nil when it has none.
    public static func trailingDigits(_ compact: String) -> String? {
        let bytes = compact.utf8
        let digits = bytes.reversed().prefix { (0x30...0x39).contains($0) }.count
        return digits == 0 ? nil : String(decoding: bytes.suffix(digits), as: UTF8.self)
    }

    /// The letters before the trailing digits (`INV1002` → `INV`), empty for a number of digits only.
    public static func letterPrefix(_ compact: String) -> String {
        String(decoding: compact.utf8.prefix { !(0x30...0x39).contains($0) }, as: UTF8.self)
    }

    /// Words of a legal form, left out when names are compared.
    static let legalForms: Set<String> = [
        "gmbh", "ag", "kg", "ohg", "gbr", "ug", "ek", "ev", "co", "und", "and", "the", "ltd", "limited", "plc", "llp",
        "llc", "inc", "corp", "sa", "sas", "sarl", "sasu", "eurl", "sl", "srl", "spa", "bv", "nv", "ab", "as", "oy",
        "mbh", "haftungsbeschrankt",
    ]

    /// The significant words of a name: lower case, accents folded (`Müller` and `Mueller` agree),
    /// legal forms and punctuation left out. `Müller & Co. GmbH` → `["mueller"]`.
    public static func nameWords(_ name: String) -> [String] {
        let spelled = name.lowercased()
            .replacingOccurrences(of: "ä", with: "ae").replacingOccurrences(of: "ö", with: "oe")
            .replacingOccurrences(of: "ü", with: "ue").replacingOccurrences(of: "ß", with: "ss")
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        var words: [String] = []
        var current = ""
        for character in spelled + " " {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if character == "." || character == "'" {
                continue  // "e.K.", "Co." and "O'Brien" are one word
            } else {
                if !current.isEmpty, !legalForms.contains(current) { words.append(current) }
                current = ""
            }
        }
        return words
    }

    /// A name as a key: its significant words joined.
    public static func nameKey(_ name: String) -> String { nameWords(name).joined(separator: " ") }
}
