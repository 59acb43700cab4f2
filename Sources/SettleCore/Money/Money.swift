/// An exact amount of money: an integer count of minor units in one currency.
///
/// Text forms are decimal strings exact to the currency's exponent: `"1234.50"`
/// for EUR, `"1200"` for JPY. More digits than the currency has are an error,
/// never silently rounded. Arithmetic across currencies throws.
public struct Money: Hashable, Sendable, CustomStringConvertible {
    /// The amount in minor units (cents for EUR); negative for credits.
    public let minorUnits: Int64
    public let currency: Currency

    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Zero in the given currency.
    public static func zero(_ currency: Currency) -> Money {
        Money(minorUnits: 0, currency: currency)
    }

    /// Parses a decimal string such as `"1234.50"`, `"-12"` or `"0.5"`.
    public init(parsing text: String, currency: Currency) throws(MoneyError) {
        self.init(minorUnits: try Money.parseMinorUnits(text, exponent: currency.exponent, currency: currency.code),
                  currency: currency)
    }

    /// Parses an amount and a currency code given separately.
    public init(parsing text: String, currencyCode: String) throws(MoneyError) {
        try self.init(parsing: text, currency: try Currency(code: currencyCode))
    }

    public var isZero: Bool { minorUnits == 0 }
    public var isNegative: Bool { minorUnits < 0 }
    public var isPositive: Bool { minorUnits > 0 }

    /// The decimal text form, exact to the currency's exponent (`"1234.50"`).
    public var decimalString: String {
        Money.format(minorUnits: minorUnits, exponent: currency.exponent)
    }

    /// Amount and code, as shown to people (`"1234.50 EUR"`).
    public var description: String { "\(decimalString) \(currency.code)" }

    public static func + (lhs: Money, rhs: Money) throws(MoneyError) -> Money {
        try lhs.checkSameCurrency(rhs)
        let (sum, overflow) = lhs.minorUnits.addingReportingOverflow(rhs.minorUnits)
        if overflow { throw .overflow }
        return Money(minorUnits: sum, currency: lhs.currency)
    }

    public static func - (lhs: Money, rhs: Money) throws(MoneyError) -> Money {
        try lhs.checkSameCurrency(rhs)
        let (difference, overflow) = lhs.minorUnits.subtractingReportingOverflow(rhs.minorUnits)
        if overflow { throw .overflow }
        return Money(minorUnits: difference, currency: lhs.currency)
    }

    public static prefix func - (value: Money) -> Money {
        Money(minorUnits: -value.minorUnits, currency: value.currency)
    }

    /// Compares two amounts of the same currency.
    public func isLess(than other: Money) throws(MoneyError) -> Bool {
        try checkSameCurrency(other)
        return minorUnits < other.minorUnits
    }

    /// The smaller of two amounts in the same currency.
    public static func min(_ lhs: Money, _ rhs: Money) throws(MoneyError) -> Money {
        try lhs.isLess(than: rhs) ? lhs : rhs
    }

    /// This amount times `percentage`, rounded half-up (away from zero) to the minor unit.
    public func percent(_ percentage: Percentage) throws(MoneyError) -> Money {
        let rounded = try Money.multiplyRounded(minorUnits, by: Int64(percentage.millionths), dividedBy: 1_000_000)
        return Money(minorUnits: rounded, currency: currency)
    }

    /// `value * numerator / denominator`, rounded half away from zero, computed in 128 bits.
    public static func multiplyRounded(_ value: Int64, by numerator: Int64, dividedBy denominator: Int64) throws(MoneyError) -> Int64 {
        precondition(denominator > 0, "denominator must be positive")
        let negative = (value < 0) != (numerator < 0)
        let product = value.magnitude.multipliedFullWidth(by: numerator.magnitude)
        guard product.high < denominator.magnitude else { throw .overflow }
        let (quotient, remainder) = denominator.magnitude.dividingFullWidth(product)
        let roundedUp = remainder * 2 >= denominator.magnitude ? quotient + 1 : quotient
        guard roundedUp <= UInt64(Int64.max) else { throw .overflow }
        return negative ? -Int64(roundedUp) : Int64(roundedUp)
    }

    func checkSameCurrency(_ other: Money) throws(MoneyError) {
        guard currency == other.currency else {
            throw .currencyMismatch(currency.code, other.currency.code)
        }
    }

    static func parseMinorUnits(_ text: String, exponent: Int, currency: String) throws(MoneyError) -> Int64 {
        var bytes = Array(text.utf8)[...]
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes = bytes.dropFirst() }
        let point = bytes.firstIndex(of: UInt8(ascii: "."))
        let whole = bytes[..<(point ?? bytes.endIndex)]
        let fraction = point.map { bytes[($0 + 1)...] } ?? []
        guard !whole.isEmpty, whole.allSatisfy(isDigit), fraction.allSatisfy(isDigit),
              point == nil || !fraction.isEmpty else {
            throw .notANumber(text)
        }
        // Strict on purpose: "1200.00" JPY or "12.345" EUR says more than the currency can hold.
        guard fraction.count <= exponent else {
            throw .tooManyDecimals(text, currency: currency, allowed: exponent)
        }
        var result: Int64 = 0
        for digit in whole {
            result = try accumulate(result, digit)
        }
        for index in 0..<exponent {
            result = try accumulate(result, index < fraction.count ? fraction[fraction.startIndex + index] : UInt8(ascii: "0"))
        }
        return negative ? -result : result
    }

    static func format(minorUnits: Int64, exponent: Int) -> String {
        let sign = minorUnits < 0 ? "-" : ""
        let digits = String(minorUnits.magnitude)
        guard exponent > 0 else { return sign + digits }
        let padded = String(repeating: "0", count: max(0, exponent + 1 - digits.count)) + digits
        let split = padded.index(padded.endIndex, offsetBy: -exponent)
        return sign + padded[..<split] + "." + padded[split...]
    }

    /// Like `format`, without trailing zeros in the fraction (`"2.5"`, `"13"`), for rates and quantities.
    static func formatTrimmed(minorUnits: Int64, exponent: Int) -> String {
        var text = Substring(format(minorUnits: minorUnits, exponent: exponent))
        guard exponent > 0 else { return String(text) }
        while text.hasSuffix("0") { text = text.dropLast() }
        if text.hasSuffix(".") { text = text.dropLast() }
        return String(text)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func accumulate(_ value: Int64, _ digit: UInt8) throws(MoneyError) -> Int64 {
        let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
        let (sum, overflow2) = times10.addingReportingOverflow(Int64(digit - 0x30))
        if overflow1 || overflow2 { throw .overflow }
        return sum
    }
}
