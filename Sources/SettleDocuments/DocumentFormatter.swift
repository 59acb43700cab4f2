import SettleCore

/// Amounts, dates, quantities and rates as a document in one language prints them, written
/// the way Settle's messages write them so a letter and its email agree.
///
/// Amounts come from `Money`'s exact decimal text, never from a floating-point value: English
/// `€1,234.50`, German `1.234,50 €`, French `1 234,50 €`. German and French put a no-break space
/// between amount and symbol, and French groups thousands with a narrow no-break space, so an
/// amount never breaks across lines. Currencies without a common symbol show their code.
struct DocumentFormatter: Sendable {
    let language: DocumentLanguage

    private static let noBreakSpace = "\u{00A0}"
    private static let narrowNoBreakSpace = WrittenConventions.narrowNoBreakSpace
    private static let symbols = ["EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"]

    /// The amount with its currency symbol, grouped and with the currency's decimals.
    func amount(_ money: Money) -> String {
        let number = decimal(String(money.decimalString.drop { $0 == "-" }), grouped: true)
        let sign = money.isNegative ? "-" : ""
        let symbol = Self.symbols[money.currency.code]
        switch language {
        case .english:
            return symbol.map { sign + $0 + number } ?? sign + money.currency.code + " " + number
        case .german, .french:
            return sign + number + Self.noBreakSpace + (symbol ?? money.currency.code)
        }
    }

    /// A calendar day in words: `31 March 2024`, `31. März 2024`, `31 mars 2024` (`1er mars`),
    /// with no-break spaces so a date never breaks across lines.
    func date(_ day: Day) -> String {
        let month = WrittenConventions.monthName(day.month, language: language.rawValue)
        let space = Self.noBreakSpace
        switch language {
        case .english: return "\(day.day)\(space)\(month)\(space)\(day.year)"
        case .german: return "\(day.day).\(space)\(month)\(space)\(day.year)"
        case .french: return "\(day.day == 1 ? "1er" : String(day.day))\(space)\(month)\(space)\(day.year)"
        }
    }

    /// A day in a table column, short and unambiguous: `2024-03-31`, `31.03.2024`, `31/03/2024`.
    func shortDate(_ day: Day) -> String {
        let text = day.description
        let (year, month, dayOfMonth) = (text.prefix(4), text.dropFirst(5).prefix(2), text.suffix(2))
        switch language {
        case .english: return text
        case .german: return "\(dayOfMonth).\(month).\(year)"
        case .french: return "\(dayOfMonth)/\(month)/\(year)"
        }
    }

    /// A quantity with the language's decimal mark (`2.5`, `2,5`).
    func quantity(_ quantity: Quantity) -> String { decimal(quantity.description, grouped: true) }

    /// A percentage with the language's decimal mark and spacing (`19 %` in German and French, `19%` in English).
    func percentage(_ percentage: Percentage) -> String {
        let number = decimal(percentage.description, grouped: false)
        return language == .english ? number + "%" : number + Self.noBreakSpace + "%"
    }

    /// Rewrites a plain decimal text (`-1234.5`) with this language's separators.
    private func decimal(_ text: String, grouped: Bool) -> String {
        let negative = text.hasPrefix("-")
        let unsigned = negative ? text.dropFirst() : Substring(text)
        let parts = unsigned.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let (group, mark) = WrittenConventions.separators(language: language.rawValue)
        var whole = String(parts[0])
        if grouped { whole = WrittenConventions.grouped(whole, separator: group) }
        return (negative ? "-" : "") + (parts.count > 1 ? whole + mark + parts[1] : whole)
    }
}
