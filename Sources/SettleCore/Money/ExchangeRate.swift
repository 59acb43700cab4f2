/// How many units of the organisation's currency one unit of another currency is worth (`0.9215` EUR for
/// 1 USD), held exactly as `units / 10^decimals`. Parsed from a decimal string; never a `Double`.
public struct ExchangeRate: Hashable, Sendable, CustomStringConvertible {
    /// The rate's digits as an integer: 9,215 for `0.9215`.
    public let units: Int64
    /// How many of those digits are decimals: 4 for `0.9215`.
    public let decimals: Int

    /// At most this many decimals (a rate of a weak currency such as `0.0000573` needs seven).
    public static let maximumDecimals = 12
    /// The largest `units`: a rate times 10^4 (the widest gap between two currencies' exponents) must
    /// fit in 64 bits so every conversion is exact in 128-bit arithmetic.
    static let maximumUnits: Int64 = Int64.max / 10_000

    /// Parses a positive decimal such as `"0.9215"`, `"1.5"` or `"158"`; trailing zeros are dropped.
    public init(parsing text: String) throws(ExchangeRateError) {
        let bytes = Array(text.utf8)
        let point = bytes.firstIndex(of: UInt8(ascii: "."))
        let whole = bytes[..<(point ?? bytes.endIndex)]
        var fraction = point.map { bytes[($0 + 1)...] } ?? []
        let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
        guard !whole.isEmpty, whole.allSatisfy(isDigit), fraction.allSatisfy(isDigit), point == nil || !fraction.isEmpty else {
            throw .notARate(text)
        }
        while fraction.last == UInt8(ascii: "0") { fraction = fraction.dropLast() }
        guard fraction.count <= Self.maximumDecimals else { throw .tooManyDecimals(text) }
        var units: Int64 = 0
        for digit in whole + fraction {
            let (times10, overflow1) = units.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int64(digit - 0x30))
            guard !overflow1, !overflow2, sum <= Self.maximumUnits else { throw .tooLarge(text) }
            units = sum
        }
        guard units > 0 else { throw .notPositive(text) }
        self.units = units
        decimals = fraction.count
    }

    /// The rate as decimal text without needless zeros (`"0.9215"`, `"158"`).
    public var description: String {
        Money.formatTrimmed(minorUnits: units, exponent: decimals)
    }

    /// An amount in the other currency converted into `currency` at this rate, rounded half-up
    /// (away from zero) to `currency`'s minor unit, exactly.
    public func convert(_ amount: Money, into currency: Currency) throws(MoneyError) -> Money {
        // minor_to = minor_from * units / 10^decimals * 10^(exponent_to - exponent_from)
        let shift = currency.exponent - amount.currency.exponent
        let numerator = units * Self.powerOfTen(max(0, shift))
        let denominator = Self.powerOfTen(decimals) * Self.powerOfTen(max(0, -shift))
        return Money(minorUnits: try Money.multiplyRounded(amount.minorUnits, by: numerator, dividedBy: denominator),
                     currency: currency)
    }

    private static func powerOfTen(_ exponent: Int) -> Int64 {
        (0..<exponent).reduce(Int64(1)) { value, _ in value * 10 }
    }
}

/// A rate that applies from a day on, until the next one for the same currency.
public struct DatedExchangeRate: Hashable, Sendable {
    public var currency: Currency
    public var day: Day
    public var rate: ExchangeRate

    public init(currency: Currency, day: Day, rate: ExchangeRate) {
        self.currency = currency
        self.day = day
        self.rate = rate
    }
}

/// An organisation's exchange rates into its own currency, and conversion with the latest rate on or before a day.
public struct ExchangeRates: Hashable, Sendable {
    /// The organisation's currency: what the rates convert into.
    public var into: Currency
    /// Every stored rate, by currency then day.
    public private(set) var rates: [DatedExchangeRate]

    public init(into currency: Currency, rates: [DatedExchangeRate]) {
        into = currency
        self.rates = rates.sorted { ($0.currency, $0.day) < ($1.currency, $1.day) }
    }

    /// The latest rate of `currency` on or before `day`; an error naming the currency, the day and the
    /// command that adds one when there is none.
    public func rate(of currency: Currency, on day: Day) throws(ExchangeRateError) -> DatedExchangeRate {
        guard let found = rates.last(where: { $0.currency == currency && $0.day <= day }) else {
            throw .missing(currency: currency.code, day: day, into: into.code)
        }
        return found
    }

    /// An amount converted into the organisation's currency at the rate of `day` (amounts already in it are returned as they are).
    public func convert(_ amount: Money, on day: Day) throws -> Money {
        guard amount.currency != into else { return amount }
        return try rate(of: amount.currency, on: day).rate.convert(amount, into: into)
    }
}

/// Why an exchange rate was refused or could not be found.
public enum ExchangeRateError: Error, Equatable, Sendable, CustomStringConvertible {
    case notARate(String)
    case notPositive(String)
    case tooManyDecimals(String)
    case tooLarge(String)
    /// A rate for the organisation's own currency (always 1).
    case ownCurrency(String)
    case missing(currency: String, day: Day, into: String)

    public var description: String {
        switch self {
        case .notARate(let text):
            return "\"\(text)\" is not an exchange rate (expected a positive decimal number such as 0.9215)"
        case .notPositive(let text):
            return "an exchange rate must be more than zero, not \"\(text)\""
        case .tooManyDecimals(let text):
            return "\"\(text)\" has more than \(ExchangeRate.maximumDecimals) decimals"
        case .tooLarge(let text):
            return "the exchange rate \"\(text)\" has too many digits"
        case .ownCurrency(let code):
            return "\(code) is the organisation's own currency: it needs no exchange rate"
        case .missing(let currency, let day, let into):
            return "no exchange rate for \(currency) on or before \(day) (to convert into \(into)); "
                + "add one with: settle fx add \(currency) \(day) RATE (RATE = \(into) for 1 \(currency))"
        }
    }
}
