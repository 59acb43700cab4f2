/// How English, German and French write numbers and months, shared by messages and documents
/// (both write amounts as the client's language does: `1,234.50`, `1.234,50`, `1 234,50`).
public enum WrittenConventions {
    /// French groups digits with a narrow no-break space.
    public static let narrowNoBreakSpace = "\u{202F}"

    /// The digit-group separator and the decimal mark for a language code (`en`, `de`, `fr`);
    /// English for any other.
    public static func separators(language code: String) -> (group: String, decimal: String) {
        switch code {
        case "de": return (".", ",")
        case "fr": return (narrowNoBreakSpace, ",")
        default: return (",", ".")
        }
    }

    /// Digits in groups of three from the right: `1234567` → `1,234,567`.
    public static func grouped(_ digits: String, separator: String) -> String {
        var groups: [Substring] = []
        var rest = Substring(digits)
        while rest.count > 3 {
            groups.insert(rest.suffix(3), at: 0)
            rest = rest.dropLast(3)
        }
        groups.insert(rest, at: 0)
        return groups.joined(separator: separator)
    }

    /// The month's name (1 = January) in a language code; English for any other.
    public static func monthName(_ month: Int, language code: String) -> String {
        let names = months[code] ?? months["en"] ?? []
        return names.indices.contains(month - 1) ? names[month - 1] : String(month)
    }

    private static let months: [String: [String]] = [
        "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"],
        "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
               "Oktober", "November", "Dezember"],
        "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
               "octobre", "novembre", "décembre"],
    ]
}
