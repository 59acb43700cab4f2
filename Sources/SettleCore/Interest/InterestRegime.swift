/// The rules late-payment interest follows: a statute's, or the rate the parties agreed.
public enum InterestRegime: Hashable, Sendable, CustomStringConvertible {
    /// UK Late Payment of Commercial Debts (Interest) Act 1998: Bank Rate on the 30 June or 31 December
    /// before interest starts, plus 8 points, fixed for the life of the debt; fixed sum 40/70/100 GBP.
    case uk
    /// EU directive 2011/7/EU: the ECB rate on 1 January / 1 July plus 8 points, per half-year; 40 EUR.
    case eu
    /// Germany §288 BGB: the Basiszinssatz plus 9 points (business debtor) or 5 (consumer), per half-year;
    /// 40 EUR Pauschale from business debtors.
    case de
    /// France L441-10 Code de commerce: the ECB rate on 1 January / 1 July plus 10 points, per half-year; 40 EUR.
    case fr
    /// A rate a year agreed in the contract: simple, actual/365, one rate throughout, no fixed sum.
    case contract(Percentage)

    /// Reads `uk`, `eu`, `de`, `fr` or `contract` (which needs `rate`).
    public init(parsing text: String, contractRate rate: Percentage?) throws(InterestError) {
        switch text {
        case "uk": self = .uk
        case "eu": self = .eu
        case "de": self = .de
        case "fr": self = .fr
        case "contract":
            guard let rate else { throw .missingContractRate }
            self = .contract(rate)
        default: throw .unknownRegime(text)
        }
    }

    /// The short name used on the command line and in JSON.
    public var description: String {
        switch self {
        case .uk: return "uk"
        case .eu: return "eu"
        case .de: return "de"
        case .fr: return "fr"
        case .contract: return "contract"
        }
    }

    /// The regime's name for people.
    public var title: String {
        switch self {
        case .uk: return "the UK Late Payment of Commercial Debts (Interest) Act"
        case .eu: return "EU directive 2011/7/EU"
        case .de: return "§288 BGB"
        case .fr: return "article L441-10 of the French Code de commerce"
        case .contract(let rate): return "the contractual rate of \(rate.rateString) %"
        }
    }

    /// The reference rate a statute adds its margin to; nil for a contractual rate.
    public var referenceTable: ReferenceRateTableName? {
        switch self {
        case .uk: return .bankOfEnglandBankRate
        case .eu, .fr: return .ecbMainRefinancingRate
        case .de: return .basiszinssatz
        case .contract: return nil
        }
    }

    /// The currency of the reference rate and of the fixed sums; nil when any currency will do.
    /// A EUR debt has no Bank Rate, and a GBP debt no ECB rate, so a mismatch is an error, not a conversion.
    public var currency: Currency? {
        switch self {
        case .uk: return .GBP
        case .eu, .de, .fr: return .EUR
        case .contract: return nil
        }
    }

    /// Whether the rate is set again at each 1 January and 1 July (else one rate for the whole debt).
    public var resetsEachHalfYear: Bool {
        switch self {
        case .eu, .de, .fr: return true
        case .uk, .contract: return false
        }
    }

    /// Points added to the reference rate for this debtor; throws when the statute does not cover the debtor.
    func margin(for debtor: ClientKind) throws(InterestError) -> Percentage {
        switch (self, debtor) {
        case (.contract, _): return Percentage(millionths: 0)
        case (.de, .business): return Percentage(basisPoints: 900)
        case (.de, .consumer): return Percentage(basisPoints: 500)
        // The UK Act, the directive and L441-10 are about commercial transactions only.
        case (.uk, .consumer), (.eu, .consumer), (.fr, .consumer): throw .consumerDebtor(self)
        case (.uk, .business), (.eu, .business): return Percentage(basisPoints: 800)
        case (.fr, .business): return Percentage(basisPoints: 1000)
        }
    }

    /// The fixed compensation for recovery costs a late debt carries (in minor units of `currency`).
    func fixedCompensation(principal: Money, debtor: ClientKind) -> Money {
        guard debtor == .business else { return .zero(principal.currency) }
        switch self {
        case .uk:
            // s.5A: less than 1,000.00 -> 40; 1,000.00 to 9,999.99 -> 70; 10,000.00 or more -> 100.
            let pounds: Int64 = principal.minorUnits < 100_000 ? 40 : principal.minorUnits < 1_000_000 ? 70 : 100
            return Money(minorUnits: pounds * 100, currency: principal.currency)
        case .eu, .de, .fr:
            return Money(minorUnits: 4_000, currency: principal.currency)
        case .contract:
            return .zero(principal.currency)
        }
    }
}
