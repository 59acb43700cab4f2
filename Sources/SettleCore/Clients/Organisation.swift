/// A business using Settle. Every stored row belongs to exactly one organisation.
public struct Organisation: Hashable, Sendable {
    public var slug: String
    public var name: String
    /// The currency reports convert to.
    public var currency: Currency
    /// IANA time zone: "today" for the organisation is its local day.
    public var timeZone: String
    /// ISO 3166-1 alpha-2: the law the business works under.
    public var country: String
    /// How a payment settles the parts of one invoice.
    public var allocationOrder: AllocationOrder
    /// Whether a client's unapplied credit is applied to new invoices without a person deciding.
    public var autoApplyCredit: Bool

    public init(slug: String, name: String, currency: Currency, timeZone: String, country: String,
                allocationOrder: AllocationOrder = .standard, autoApplyCredit: Bool = false) {
        self.slug = slug
        self.name = name
        self.currency = currency
        self.timeZone = timeZone
        self.country = country
        self.allocationOrder = allocationOrder
        self.autoApplyCredit = autoApplyCredit
    }

    /// A slug: 1-64 lower-case letters, digits and dashes, starting with a letter or digit.
    public static func isSlug(_ text: String) -> Bool {
        guard let first = text.first, first != "-", text.count <= 64 else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
    }
}
