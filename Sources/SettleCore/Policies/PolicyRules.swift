/// Amounts given per currency in a policy (`{EUR: "40.00", GBP: "40.00"}`), with `*` for any
/// other currency. An amount that does not fit a currency's decimals does not apply to it.
public struct AmountsByCurrency: Hashable, Sendable {
    /// Currency code (or `*`) to decimal text.
    public var amounts: [String: String]

    public init(_ amounts: [String: String]) throws(MoneyError) {
        for (code, text) in amounts {
            if code == "*" {
                guard (try? Money.parseMinorUnits(text, exponent: 4, currency: "any currency")) != nil else {
                    throw .notANumber(text)
                }
            } else {
                _ = try Money(parsing: text, currencyCode: code)
            }
        }
        self.amounts = amounts
    }

    /// The amount in a currency: its own entry, else `*` when it fits the currency's decimals.
    public func amount(in currency: Currency) -> Money? {
        if let text = amounts[currency.code] { return try? Money(parsing: text, currency: currency) }
        guard let text = amounts["*"] else { return nil }
        return try? Money(parsing: Self.trimmed(text, to: currency.exponent), currency: currency)
    }

    /// "40.00" reads as 40 in a currency without decimals; "40.50" does not fit it.
    private static func trimmed(_ text: String, to exponent: Int) -> String {
        guard let point = text.firstIndex(of: ".") else { return text }
        var fraction = text[text.index(after: point)...]
        while fraction.count > exponent, fraction.last == "0" { fraction = fraction.dropLast() }
        return fraction.isEmpty ? String(text[..<point]) : String(text[..<point]) + "." + fraction
    }
}

/// A late fee: flat, a percentage of the balance, or both, kept within a minimum and maximum.
public struct LateFeeRule: Hashable, Sendable {
    public var flat: AmountsByCurrency?
    public var percent: Percentage?
    public var minimum: AmountsByCurrency?
    public var maximum: AmountsByCurrency?

    public init(flat: AmountsByCurrency? = nil, percent: Percentage? = nil, minimum: AmountsByCurrency? = nil,
                maximum: AmountsByCurrency? = nil) {
        self.flat = flat
        self.percent = percent
        self.minimum = minimum
        self.maximum = maximum
    }

    /// The fee on an overdue balance; zero when the rule has nothing for the currency.
    public func fee(on balance: Money) throws(MoneyError) -> Money {
        var fee = flat?.amount(in: balance.currency) ?? .zero(balance.currency)
        if let percent { fee = try fee + balance.percent(percent) }
        if let minimum = minimum?.amount(in: balance.currency), fee.minorUnits < minimum.minorUnits { fee = minimum }
        if let maximum = maximum?.amount(in: balance.currency), fee.minorUnits > maximum.minorUnits { fee = maximum }
        return fee
    }
}

/// Which interest an overdue invoice earns.
public enum InterestRule: Hashable, Sendable {
    case none
    /// A rate agreed in the contract, simple, actual/365.
    case contractual(Percentage)
    /// The statutory regime of the client's country (UK, Germany, France, else the EU directive
    /// inside the EU; none elsewhere), or one named regime (`uk`, `eu`, `de`, `fr`).
    case statutory(regime: String?)

    public var description: String {
        switch self {
        case .none: return "none"
        case .contractual(let rate): return "contractual \(rate) %"
        case .statutory(let regime): return regime.map { "statutory (\($0))" } ?? "statutory (by the client's country)"
        }
    }
}
