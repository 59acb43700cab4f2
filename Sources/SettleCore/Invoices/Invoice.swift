/// An invoice as issued to a client.
///
/// The amounts it is owed are not stored here: they are ledger entries
/// (`LedgerEntry`), and balances are derived from them.
public struct Invoice: Hashable, Sendable {
    public var number: InvoiceNumber
    /// The client's code.
    public var client: String
    public var issueDate: Day
    public var dueDate: Day
    public var currency: Currency
    /// The terms the invoice was issued under (for the early-payment discount).
    public var terms: PaymentTerms?
    public var description: String
    public var lines: [InvoiceLine]
    /// The total the client owes on issue (lines with tax, or the single total given).
    public var total: Money
    /// Set when the invoice was cancelled; a void invoice owes nothing and is never chased.
    public var isVoid: Bool

    public init(number: InvoiceNumber, client: String, issueDate: Day, dueDate: Day, currency: Currency,
                terms: PaymentTerms? = nil, description: String = "", lines: [InvoiceLine] = [],
                total: Money, isVoid: Bool = false) {
        self.number = number
        self.client = client
        self.issueDate = issueDate
        self.dueDate = dueDate
        self.currency = currency
        self.terms = terms
        self.description = description
        self.lines = lines
        self.total = total
        self.isVoid = isVoid
    }

    /// The structured payment reference printed on the invoice.
    public var paymentReference: CreditorReference { CreditorReference(invoiceNumber: number.value) }

    /// Days past the due date as of `day` (zero or negative while not yet due).
    public func daysPastDue(asOf day: Day) -> Int { day.days(since: dueDate) }

    /// The last day the early-payment discount can be earned, if the terms offer one.
    public var discountDeadline: Day? { terms?.discountDeadline(issuedOn: issueDate) }
}

/// An invoice number: unique per organisation; letters, digits and `-_./`, at most 64 characters.
public struct InvoiceNumber: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let value: String

    public init(_ text: String) throws(InvoiceError) {
        guard !text.isEmpty, text.count <= 64,
              text.unicodeScalars.allSatisfy({ InvoiceNumber.allowed($0) }) else {
            throw .invalidNumber(text)
        }
        value = text
    }

    public var description: String { value }

    public static func < (lhs: InvoiceNumber, rhs: InvoiceNumber) -> Bool { lhs.value < rhs.value }

    private static func allowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".", "/": return true
        default: return false
        }
    }
}

/// One line of an invoice: quantity x unit price, plus tax at a rate.
public struct InvoiceLine: Hashable, Sendable {
    public var description: String
    public var quantity: Quantity
    public var unitPrice: Money
    public var taxRate: Percentage

    public init(description: String, quantity: Quantity, unitPrice: Money, taxRate: Percentage) {
        self.description = description
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.taxRate = taxRate
    }

    /// Quantity x unit price, rounded half-up to the minor unit.
    public func netAmount() throws(MoneyError) -> Money {
        Money(minorUnits: try Money.multiplyRounded(unitPrice.minorUnits, by: quantity.thousandths, dividedBy: 1000),
              currency: unitPrice.currency)
    }

    /// Tax on the net amount, rounded half-up per line.
    public func taxAmount() throws(MoneyError) -> Money { try netAmount().percent(taxRate) }

    /// Net plus tax.
    public func grossAmount() throws(MoneyError) -> Money { try netAmount() + taxAmount() }

    /// The total of several lines in one currency.
    public static func total(of lines: [InvoiceLine], currency: Currency) throws(MoneyError) -> Money {
        var sum = Money.zero(currency)
        for line in lines { sum = try sum + line.grossAmount() }
        return sum
    }
}

/// A quantity with up to three decimals (hours, kilograms, pieces), held as thousandths.
public struct Quantity: Hashable, Sendable, CustomStringConvertible {
    public let thousandths: Int64

    public init(thousandths: Int64) { self.thousandths = thousandths }

    public init(parsing text: String) throws(MoneyError) {
        do {
            thousandths = try Money.parseMinorUnits(text, exponent: 3, currency: "a quantity")
        } catch {
            throw .notANumber(text)
        }
    }

    public var description: String {
        Money.formatTrimmed(minorUnits: thousandths, exponent: 3)
    }
}

/// Why an invoice was refused.
public enum InvoiceError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidNumber(String)
    case dueBeforeIssue(due: Day, issue: Day)
    case notPositive(String)

    public var description: String {
        switch self {
        case .invalidNumber(let text):
            return "\"\(text)\" is not a valid invoice number (1 to 64 letters, digits or -_./)"
        case .dueBeforeIssue(let due, let issue):
            return "due date \(due) is before the issue date \(issue)"
        case .notPositive(let amount):
            return "invoice amount \(amount) must be more than zero"
        }
    }
}
