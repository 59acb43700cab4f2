extension StatementCSVMapping.DecimalSeparator {
    /// How people call it in a message: "a decimal comma".
    public var title: String { self == .comma ? "a decimal comma" : "a decimal point" }

    private var decimal: Character { self == .comma ? "," : "." }
    private var grouping: Set<Character> { [self == .comma ? "." : ",", " ", "'", "\u{A0}", "\u{202F}"] }

    /// The amount in the form `Money` reads (`-1234.56`), or nil when `text` is not a number
    /// written with this separator: an optional sign, digits that may be grouped in threes, and
    /// decimals. `12,50` with a decimal point is nil, not 1250.
    public func normalized(_ text: String) -> String? {
        var rest = Substring(text).drop { $0 == " " }
        while let last = rest.last, last == " " { rest = rest.dropLast() }
        var sign = ""
        if let first = rest.first, first == "-" || first == "+" {
            sign = first == "-" ? "-" : ""
            rest = rest.dropFirst()
        }
        let parts = rest.split(separator: decimal, omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = wholeDigits(parts[0]) else { return nil }
        guard parts.count == 2 else { return sign + whole }
        guard !parts[1].isEmpty, parts[1].allSatisfy(\.isASCIIDigit) else { return nil }
        return sign + whole + "." + parts[1]
    }

    /// The digits of the whole part: plain, or in groups of three after a first group of one to
    /// three, all with the same grouping character.
    private func wholeDigits(_ text: Substring) -> String? {
        guard let separator = text.first(where: grouping.contains) else {
            return !text.isEmpty && text.allSatisfy(\.isASCIIDigit) ? String(text) : nil
        }
        let groups = text.split(separator: separator, omittingEmptySubsequences: false)
        guard let first = groups.first, (1...3).contains(first.count),
              groups.dropFirst().allSatisfy({ $0.count == 3 }),
              groups.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        return groups.joined()
    }
}

extension StatementCSVMapping.DateFormat {
    /// The day `text` names in this format, or nil. Day and month may have one digit where a
    /// separator follows them (`1.4.2024`); `DD.MM.YY` is a year from 2000 on.
    public func day(_ text: String) -> Day? {
        let text = Substring(text).filter { $0 != " " }
        switch self {
        case .iso: return parts(text, "-", order: (2, 1, 0), yearDigits: 4)
        case .dotted: return parts(text, ".", order: (0, 1, 2), yearDigits: 4)
        case .dottedShortYear: return parts(text, ".", order: (0, 1, 2), yearDigits: 2)
        case .slashedDayFirst: return parts(text, "/", order: (0, 1, 2), yearDigits: 4)
        case .slashedMonthFirst: return parts(text, "/", order: (1, 0, 2), yearDigits: 4)
        case .compact:
            guard text.count == 8, text.allSatisfy(\.isASCIIDigit), let year = Int(text.prefix(4)),
                  let month = Int(text.dropFirst(4).prefix(2)), let day = Int(text.suffix(2)) else { return nil }
            return Day(year: year, month: month, day: day)
        }
    }

    /// Three numbers split by `separator`; `order` gives the places of day, month and year.
    private func parts(_ text: String, _ separator: Character, order: (day: Int, month: Int, year: Int), yearDigits: Int) -> Day? {
        let parts = text.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
              parts[order.year].count == yearDigits, parts[order.day].count <= 2, parts[order.month].count <= 2,
              let day = Int(parts[order.day]), let month = Int(parts[order.month]), let year = Int(parts[order.year]) else {
            return nil
        }
        return Day(year: yearDigits == 2 ? 2000 + year : year, month: month, day: day)
    }
}
