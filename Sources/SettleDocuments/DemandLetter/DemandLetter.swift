import SettleCore

/// A formal demand for payment: the debts with their dates, principal, fees and statutory
/// interest claimed, the deadline, how to pay and what follows if the deadline passes.
public struct DemandLetter: Hashable, Sendable {
    public var letterhead: Letterhead
    public var recipient: Recipient
    public var date: Day
    public var debts: [DemandedDebt]
    /// The last day for payment.
    public var deadline: Day
    /// The yearly rate of the interest that keeps accruing, when the letter states it.
    public var interestRate: Percentage?
    /// The law or contract the interest rests on, in the letter's language (`§ 288 Abs. 2 BGB`,
    /// `the Late Payment of Commercial Debts (Interest) Act 1998`), when the letter states it.
    public var interestBasis: String?
    public var nextStep: DemandNextStep

    public init(letterhead: Letterhead, recipient: Recipient, date: Day, debts: [DemandedDebt], deadline: Day,
                interestRate: Percentage? = nil, interestBasis: String? = nil, nextStep: DemandNextStep) {
        self.letterhead = letterhead
        self.recipient = recipient
        self.date = date
        self.debts = debts
        self.deadline = deadline
        self.interestRate = interestRate
        self.interestBasis = interestBasis
        self.nextStep = nextStep
    }

    /// The letter as a PDF.
    public func pdf(pageSize: PageSize) throws(DocumentError) -> [UInt8] {
        try Document.demandLetter(self).pdf(pageSize: pageSize)
    }

    /// What is claimed in each currency: principal, fees and interest of every debt together.
    public func totals() throws(DocumentError) -> [Money] {
        var totals: [Currency: Money] = [:]
        for debt in debts {
            let total = try debt.total()
            totals[total.currency] = try DocumentError.money { () throws(MoneyError) in
                try (totals[total.currency] ?? .zero(total.currency)) + total
            }
        }
        return totals.keys.sorted().compactMap { totals[$0] }
    }
}

/// What a formal demand letter can announce when its deadline passes.
public enum DemandNextStep: String, Sendable, Hashable, CaseIterable {
    /// The debt goes to a collection agency.
    case collectionAgency = "collection_agency"
    /// Court proceedings (a payment order, a claim) are started.
    case legalProceedings = "legal_proceedings"
}

/// One invoice claimed in a demand letter, with what is owed on it by component.
public struct DemandedDebt: Hashable, Sendable {
    public var number: InvoiceNumber
    public var issueDate: Day
    public var dueDate: Day
    public var principal: Money
    /// Late fees and fixed compensation.
    public var fees: Money
    /// Interest posted to the letter's date.
    public var interest: Money
    public var reference: CreditorReference

    public init(number: InvoiceNumber, issueDate: Day, dueDate: Day, principal: Money, fees: Money, interest: Money) {
        self.number = number
        self.issueDate = issueDate
        self.dueDate = dueDate
        self.principal = principal
        self.fees = fees
        self.interest = interest
        reference = CreditorReference(invoiceNumber: number.value)
    }

    /// An invoice with its balance by component (post interest to the letter's date first).
    public init(invoice: Invoice, balance: InvoiceBalance) {
        self.init(number: invoice.number, issueDate: invoice.issueDate, dueDate: invoice.dueDate,
                  principal: balance.principal, fees: balance.costs, interest: balance.interest)
    }

    /// Principal, fees and interest together.
    public func total() throws(DocumentError) -> Money {
        try DocumentError.money { () throws(MoneyError) in try principal + fees + interest }
    }
}
