/// Why an amount, currency or rate was refused.
public enum MoneyError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownCurrency(String)
    case notANumber(String)
    case tooManyDecimals(String, currency: String, allowed: Int)
    case currencyMismatch(String, String)
    case overflow
    case invalidPercentage(String)

    public var description: String {
        switch self {
        case .unknownCurrency(let code):
            return "unknown currency \"\(code)\" (expected an ISO 4217 code such as EUR, USD, JPY)"
        case .notANumber(let text):
            return "\"\(text)\" is not an amount (expected digits with an optional decimal point, such as 1234.50)"
        case .tooManyDecimals(let text, let currency, let allowed):
            let unit = allowed == 1 ? "decimal" : "decimals"
            return "\"\(text)\" has more decimals than \(currency) allows (\(allowed) \(unit))"
        case .currencyMismatch(let left, let right):
            return "cannot combine amounts in \(left) and \(right)"
        case .overflow:
            return "amount is too large"
        case .invalidPercentage(let text):
            return "\"\(text)\" is not a percentage (expected a number with at most four decimals, such as 2, 13.25 or 8.875)"
        }
    }
}
