import SettleCore

/// Amounts, dates and day counts as a message in one language writes them.
///
/// Amounts are built from `Money`'s exact minor units, never from a floating-point value:
/// English `€1,234.50`, `$1,234.50`, `£1,234.50`; German `1.234,50 €`; French `1 234,50 €`.
/// German and French put a no-break space (U+00A0) between the amount and the symbol, and
/// French groups thousands with a narrow no-break space (U+202F), as French typography
/// does, so an amount never breaks across lines. Currencies without a common symbol are
/// written with their code (`CHF 1,234.50`, `1.234,50 CHF`).
public struct MessageFormatter: Sendable {
    public let language: MessageLanguage

    public init(_ language: MessageLanguage) {
        self.language = language
    }

    static let noBreakSpace = "\u{00A0}"
    static let narrowNoBreakSpace = WrittenConventions.narrowNoBreakSpace
    private static let symbols = ["EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"]

    /// The amount with its currency symbol, grouped and with the currency's decimals.
    public func amount(_ money: Money) -> String {
        let exponent = money.currency.exponent
        let digits = String(money.minorUnits.magnitude)
        let padded = String(repeating: "0", count: max(0, exponent + 1 - digits.count)) + digits
        let whole = String(padded.dropLast(exponent))
        let fraction = String(padded.suffix(exponent))
        let (group, decimal) = WrittenConventions.separators(language: language.rawValue)
        var number = WrittenConventions.grouped(whole, separator: group)
        if exponent > 0 { number += decimal + fraction }
        let sign = money.isNegative ? "-" : ""
        let symbol = Self.symbols[money.currency.code]
        switch language {
        case .english:
            return symbol.map { sign + $0 + number } ?? sign + money.currency.code + " " + number
        case .german, .french:
            return sign + number + Self.noBreakSpace + (symbol ?? money.currency.code)
        }
    }

    /// A calendar day in words: `31 March 2024`, `31. März 2024`, `31 mars 2024` (`1er mars` in French).
    public func date(_ day: Day) -> String {
        let month = WrittenConventions.monthName(day.month, language: language.rawValue)
        switch language {
        case .english: return "\(day.day) \(month) \(day.year)"
        case .german: return "\(day.day). \(month) \(day.year)"
        case .french: return "\(day.day == 1 ? "1er" : String(day.day)) \(month) \(day.year)"
        }
    }

    /// A number of days with its unit, singular for one: `1 day`, `12 Tage`, `12 jours`.
    public func days(_ count: Int) -> String {
        let (one, many): (String, String)
        switch language {
        case .english: (one, many) = ("day", "days")
        case .german: (one, many) = ("Tag", "Tage")
        case .french: (one, many) = ("jour", "jours")
        }
        return "\(count) \(count == 1 ? one : many)"
    }
}
