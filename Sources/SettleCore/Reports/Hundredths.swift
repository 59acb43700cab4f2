/// A figure exact to two decimal places (days, percentages), held as an integer count of hundredths:
/// 55.93 is 5,593. Made from exact integer ratios rounded half-up (away from zero) once, never from `Double`.
public struct Hundredths: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The figure times 100.
    public let hundredths: Int64

    public init(hundredths: Int64) {
        self.hundredths = hundredths
    }

    /// A whole number (`45` is 45.00).
    public init(whole: Int) {
        hundredths = Int64(whole) * 100
    }

    /// `numerator * factor / denominator` to two places, rounded half-up; nil when the denominator is
    /// zero (the figure is undefined, as DSO is without sales) or the result does not fit.
    public static func ratio(_ numerator: Int64, times factor: Int64 = 1, over denominator: Int64) -> Hundredths? {
        guard denominator != 0, denominator != .min else { return nil }
        let (scaled, overflow) = factor.multipliedReportingOverflow(by: 100)
        guard !overflow else { return nil }
        // multiplyRounded wants a positive denominator: move the sign to the numerator.
        let sign: Int64 = denominator < 0 ? -1 : 1
        let (value, negated) = numerator.multipliedReportingOverflow(by: sign)
        guard !negated else { return nil }
        guard let result = try? Money.multiplyRounded(value, by: scaled, dividedBy: abs(denominator)) else { return nil }
        return Hundredths(hundredths: result)
    }

    /// `part / whole` as a percentage (`part * 100 / whole`), nil when `whole` is zero.
    public static func percentage(_ part: Int64, of whole: Int64) -> Hundredths? {
        ratio(part, times: 100, over: whole)
    }

    /// The sum (figures of days and percentages stay far from the limits of `Int64`).
    public static func + (lhs: Hundredths, rhs: Hundredths) -> Hundredths {
        Hundredths(hundredths: lhs.hundredths + rhs.hundredths)
    }

    /// Decimal text with exactly two places: `"55.93"`, `"45.00"`, `"-0.50"`.
    public var description: String { Money.format(minorUnits: hundredths, exponent: 2) }

    public static func < (lhs: Hundredths, rhs: Hundredths) -> Bool { lhs.hundredths < rhs.hundredths }
}
