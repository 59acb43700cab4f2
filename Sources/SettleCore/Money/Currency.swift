/// An ISO 4217 currency with its minor-unit exponent (EUR 2, JPY 0, KWD 3).
///
/// Only active ISO 4217 codes are accepted, so a typo such as `"EUX"` is an error
/// at the edge instead of an amount in an unknown unit.
public struct Currency: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The three-letter code, upper case.
    public let code: String
    /// Number of digits after the decimal point in the currency's minor unit.
    public let exponent: Int

    /// Looks up an active ISO 4217 currency by its code (case-sensitive, upper case).
    public init(code: String) throws(MoneyError) {
        guard let exponent = Currency.exponents[code] else {
            throw .unknownCurrency(code)
        }
        self.code = code
        self.exponent = exponent
    }

    public var description: String { code }

    public static func < (lhs: Currency, rhs: Currency) -> Bool { lhs.code < rhs.code }

    /// Every active ISO 4217 code.
    public static var allCodes: [String] { exponents.keys.sorted() }

    // Known-valid constants used by defaults and tests.
    public static let EUR = Currency(known: "EUR", exponent: 2)
    public static let USD = Currency(known: "USD", exponent: 2)
    public static let GBP = Currency(known: "GBP", exponent: 2)
    public static let JPY = Currency(known: "JPY", exponent: 0)
    public static let KWD = Currency(known: "KWD", exponent: 3)

    private init(known code: String, exponent: Int) {
        self.code = code
        self.exponent = exponent
    }

    /// Minor-unit exponents of the active ISO 4217 list (funds codes included,
    /// precious metals and testing codes excluded: they have no minor unit).
    static let exponents: [String: Int] = {
        var table: [String: Int] = [:]
        let twoDecimals = """
            AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP \
            BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD \
            FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD \
            KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD \
            NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP \
            SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED \
            VES WST XCD XCG YER ZAR ZMW ZWG
            """
        for code in twoDecimals.split(separator: " ") { table[String(code)] = 2 }
        for code in "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF".split(separator: " ") {
            table[String(code)] = 0
        }
        for code in "BHD IQD JOD KWD LYD OMR TND".split(separator: " ") { table[String(code)] = 3 }
        for code in "CLF UYW".split(separator: " ") { table[String(code)] = 4 }
        return table
    }()
}
