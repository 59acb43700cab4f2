import Foundation

/// Payment terms as businesses write them on invoices.
///
/// - `due on receipt`: due the day the invoice is issued;
/// - `net 30`: due N days after the issue date;
/// - `eom 15`: due N days after the end of the issue month;
/// - `2/10 net 30`: 2 % off when paid within 10 days of the issue date, else due in 30.
public enum PaymentTerms: Hashable, Sendable, CustomStringConvertible {
    case dueOnReceipt
    case net(days: Int)
    case endOfMonth(days: Int)
    case earlyPaymentDiscount(percent: Percentage, discountDays: Int, netDays: Int)

    /// The longest term accepted; longer is almost certainly a typo.
    public static let maximumDays = 3650

    /// Parses `due on receipt`, `net 30` (or `net30`, `n30`), `eom 15` (or `eom`), `2/10 net 30`
    /// (or `2/10 n30`, `2.5/10, net 45`); case and extra spaces do not matter.
    public init(parsing text: String) throws(TermsError) {
        let words = text.lowercased()
            .replacingOccurrences(of: ",", with: " ")
            .split(whereSeparator: { $0 == " " || $0 == "\t" })
            .map(String.init)
        guard let parsed = PaymentTerms.parse(words) else { throw .invalid(text) }
        if case .earlyPaymentDiscount(let percent, let discountDays, let netDays) = parsed {
            guard percent.millionths > 0, percent.millionths < 1_000_000 else { throw .discountOutOfRange(text) }
            guard discountDays <= netDays else { throw .discountLongerThanNet(text) }
        }
        self = parsed
    }

    /// The due date of an invoice issued on `issueDate`.
    public func dueDate(issuedOn issueDate: Day) -> Day {
        switch self {
        case .dueOnReceipt: return issueDate
        case .net(let days): return issueDate.adding(days: days)
        case .endOfMonth(let days): return issueDate.endOfMonth.adding(days: days)
        case .earlyPaymentDiscount(_, _, let netDays): return issueDate.adding(days: netDays)
        }
    }

    /// The last day a payment earns the early-payment discount, if the terms offer one.
    public func discountDeadline(issuedOn issueDate: Day) -> Day? {
        guard case .earlyPaymentDiscount(_, let discountDays, _) = self else { return nil }
        return issueDate.adding(days: discountDays)
    }

    /// The discount offered for early payment, if any.
    public var discountPercent: Percentage? {
        guard case .earlyPaymentDiscount(let percent, _, _) = self else { return nil }
        return percent
    }

    /// The discount on `amount` (rounded half-up to the minor unit); zero without a discount.
    public func discount(on amount: Money) throws(MoneyError) -> Money {
        guard let percent = discountPercent else { return .zero(amount.currency) }
        return try amount.percent(percent)
    }

    /// What settles `amount` when paid inside the discount window.
    public func discountedAmount(of amount: Money) throws(MoneyError) -> Money {
        try amount - discount(on: amount)
    }

    /// The canonical text form (`net 30`, `2/10 net 30`).
    public var description: String {
        switch self {
        case .dueOnReceipt: return "due on receipt"
        case .net(let days): return "net \(days)"
        case .endOfMonth(let days): return "eom \(days)"
        case .earlyPaymentDiscount(let percent, let discountDays, let netDays):
            return "\(percent)/\(discountDays) net \(netDays)"
        }
    }

    private static func parse(_ words: [String]) -> PaymentTerms? {
        switch words.count {
        case 1:
            if words[0] == "receipt" || words[0] == "cod" { return .dueOnReceipt }
            if words[0] == "eom" { return .endOfMonth(days: 0) }
            return netDays(words[0]).map { PaymentTerms.net(days: $0) }
        case 2:
            if words[0] == "net" || words[0] == "n" { return days(words[1]).map { PaymentTerms.net(days: $0) } }
            if words[0] == "eom" { return days(words[1]).map { PaymentTerms.endOfMonth(days: $0) } }
            if words == ["on", "receipt"] { return .dueOnReceipt }
            if let netDays = netDays(words[1]) { return discount(words[0], netDays: netDays) }
            return nil
        case 3:
            if words == ["due", "on", "receipt"] { return .dueOnReceipt }
            if words[1] == "net" || words[1] == "n", let netDays = days(words[2]) {
                return discount(words[0], netDays: netDays)
            }
            return nil
        default:
            return nil
        }
    }

    /// `net30`, `n30` written without a space.
    private static func netDays(_ word: String) -> Int? {
        for prefix in ["net", "n"] where word.hasPrefix(prefix) {
            return days(String(word.dropFirst(prefix.count)))
        }
        return nil
    }

    private static func discount(_ word: String, netDays: Int) -> PaymentTerms? {
        let parts = word.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let percent = try? Percentage(parsing: String(parts[0])),
              let discountDays = days(String(parts[1])) else { return nil }
        return .earlyPaymentDiscount(percent: percent, discountDays: discountDays, netDays: netDays)
    }

    private static func days(_ text: String) -> Int? {
        guard !text.isEmpty, text.count <= 4, text.allSatisfy(\.isASCIIDigit),
              let value = Int(text), value <= maximumDays else { return nil }
        return value
    }
}

/// Why payment terms were refused.
public enum TermsError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalid(String)
    case discountOutOfRange(String)
    case discountLongerThanNet(String)

    public var description: String {
        switch self {
        case .invalid(let text):
            return "\"\(text)\" are not payment terms (expected \"due on receipt\", \"net 30\", \"eom 15\" or \"2/10 net 30\")"
        case .discountOutOfRange(let text):
            return "\"\(text)\": the early-payment discount must be more than 0 % and less than 100 %"
        case .discountLongerThanNet(let text):
            return "\"\(text)\": the discount period cannot be longer than the net period"
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
