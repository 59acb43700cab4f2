/// A percentage held exactly in basis points (1 % = 100), parsed from text such as `"2"` or `"13.25"`.
public struct Percentage: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let basisPoints: Int

    public init(basisPoints: Int) {
        self.basisPoints = basisPoints
    }

    /// Parses a decimal percentage with at most two decimals; a trailing `%` is allowed.
    public init(parsing text: String) throws(MoneyError) {
        var trimmed = Substring(text)
        if trimmed.hasSuffix("%") { trimmed = trimmed.dropLast() }
        do {
            let value = try Money.parseMinorUnits(String(trimmed), exponent: 2, currency: "percent")
            guard value >= Int64(Int32.min), value <= Int64(Int32.max) else { throw MoneyError.overflow }
            basisPoints = Int(value)
        } catch {
            throw .invalidPercentage(text)
        }
    }

    /// Decimal text without a percent sign and without needless zeros (`"2"`, `"2.5"`, `"13.25"`).
    public var description: String {
        Money.formatTrimmed(minorUnits: Int64(basisPoints), exponent: 2)
    }

    public static func < (lhs: Percentage, rhs: Percentage) -> Bool { lhs.basisPoints < rhs.basisPoints }
}
