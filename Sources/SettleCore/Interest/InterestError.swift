/// Why interest could not be worked out, in words a user can act on.
public enum InterestError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownRegime(String)
    case missingContractRate
    case unknownRateTable(String)
    /// The regime is for debts between businesses; the debtor is a consumer.
    case consumerDebtor(InterestRegime)
    /// The regime's reference rate and fixed sums are in one currency; the debt is in another.
    case currencyNotCovered(InterestRegime, debt: String)
    case noReferenceRate(table: ReferenceRateTableName, day: Day)
    case negativePrincipal(Money)
    case negativeContractRate(Percentage)
    case nonPositivePayment(Money)
    case money(MoneyError)

    public var description: String {
        switch self {
        case .unknownRegime(let text):
            return "unknown interest regime \"\(text)\" (expected uk, eu, de, fr or contract)"
        case .missingContractRate:
            return "the contract regime needs the agreed rate a year (--rate 12 for 12 %)"
        case .unknownRateTable(let text):
            let names = ReferenceRateTableName.allCases.map(\.rawValue).joined(separator: ", ")
            return "unknown rate table \"\(text)\" (expected one of \(names))"
        case .consumerDebtor(let regime):
            return "\(regime.title) covers debts between businesses only, not a consumer debtor; "
                + "use the regime of the consumer's law (de has consumer rates) or --regime contract"
        case .currencyNotCovered(let regime, let debt):
            return "\(regime.title) works in \(regime.currency?.code ?? "any currency") (its reference rate and fixed sums); "
                + "this debt is in \(debt). Use --regime contract with the agreed rate"
        case .noReferenceRate(let table, let day):
            return "the \(table) table has no rate in force on \(day); add one with `settle rates add \(table) --from DAY --rate PERCENT`"
        case .negativePrincipal(let amount):
            return "the principal \(amount) is negative; interest runs on an amount owed"
        case .negativeContractRate(let rate):
            return "a contractual rate of \(rate.rateString) % is negative; give a rate of 0 or more"
        case .nonPositivePayment(let amount):
            return "a payment of \(amount) is not more than zero"
        case .money(let error):
            return error.description
        }
    }
}
