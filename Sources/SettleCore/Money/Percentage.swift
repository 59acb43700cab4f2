/// A percentage held exactly as an integer count of millionths (1 % = 10,000; 8.875 % = 88,750),
/// parsed from text such as `"2"`, `"13.25"` or `"8.875"` (at most four decimals).
public struct Percentage: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The rate as a fraction in millionths: 1 % is 10,000.
    public let millionths: Int

    public init(millionths: Int) {
        self.millionths = millionths
    }

    /// A percentage given in basis points (1 % = 100).
    public init(basisPoints: Int) {
        millionths = basisPoints * 100
    }

    /// Parses a decimal percentage with at most four decimals; a trailing `%` is allowed.
    public init(parsing text: String) throws(MoneyError) {
        var trimmed = Substring(text)
        if trimmed.hasSuffix("%") { trimmed = trimmed.dropLast() }
        do {
            let value = try Money.parseMinorUnits(String(trimmed), exponent: 4, currency: "percent")
            guard value >= Int64(Int32.min), value <= Int64(Int32.max) else { throw MoneyError.overflow }
            millionths = Int(value)
        } catch {
            throw .invalidPercentage(text)
        }
    }

    /// Decimal text without a percent sign and without needless zeros (`"2"`, `"2.5"`, `"8.875"`).
    public var description: String {
        Money.formatTrimmed(minorUnits: Int64(millionths), exponent: 4)
    }

    public static func < (lhs: Percentage, rhs: Percentage) -> Bool { lhs.millionths < rhs.millionths }
}
