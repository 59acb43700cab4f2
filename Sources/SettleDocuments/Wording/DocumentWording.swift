/// Every word a document prints, in one language. The texts are in `DocumentWording+English`,
/// `+German` and `+French`; amounts and dates come in already formatted for the language.
struct DocumentWording: Sendable {
    // Shared by all documents.
    var page: String
    var attention: @Sendable (_ name: String) -> String
    var customerNumber: String
    var date: String
    var reference: String
    var accountHolder: String
    var bank: String
    var amount: String
    var paymentHeading: String
    var scanToPay: String
    var salutation: @Sendable (_ name: String?) -> String
    var closing: @Sendable (_ named: Bool) -> String
    var invoiceColumn: String
    var issuedColumn: String
    var dueColumn: String
    var total: String

    var invoice: InvoiceWording
    var statement: StatementWording
    var demand: DemandWording
    var plan: PlanWording
}

struct InvoiceWording: Sendable {
    var title: @Sendable (_ number: String) -> String
    var number: String
    var issueDate: String
    var dueDate: String
    var description: String
    var quantity: String
    var unitPrice: String
    var taxRate: String
    var netAmount: String
    var netTotal: String
    var tax: @Sendable (_ rate: String, _ base: String) -> String
    var total: String
    var alreadyPaid: String
    var amountDue: String
    var termsHeading: String
    var dueOnReceipt: String
    var net: @Sendable (_ days: Int) -> String
    var endOfMonth: @Sendable (_ days: Int) -> String
    var discount: @Sendable (_ rate: String, _ deadline: String, _ discounted: String) -> String
    var payBy: @Sendable (_ amount: String, _ date: String) -> String
    var quoteReference: @Sendable (_ reference: String) -> String
    var thanks: String
}

struct StatementWording: Sendable {
    var title: String
    var intro: @Sendable (_ date: String) -> String
    var daysOverdue: String
    var invoiced: String
    var open: String
    var totalOpen: @Sendable (_ currency: String) -> String
    var unappliedCredit: @Sendable (_ currency: String) -> String
    var balance: @Sendable (_ currency: String) -> String
    var nothingOpen: String
    var quoteInvoiceNumbers: String
    var outro: String
}

struct DemandWording: Sendable {
    var title: String
    var deadline: String
    var intro: String
    var principal: String
    var fees: String
    var interest: String
    var totalClaimed: @Sendable (_ currency: String) -> String
    var interestToDate: @Sendable (_ date: String) -> String
    var interestContinues: @Sendable (_ rate: String?, _ basis: String?) -> String
    var payBy: @Sendable (_ total: String, _ deadline: String) -> String
    var quoteReferences: String
    var nextStepHeading: String
    var nextStep: @Sendable (DemandNextStep, _ deadline: String) -> String
    var alreadyPaid: String
}

struct PlanWording: Sendable {
    var title: String
    var intro: @Sendable (_ creditor: String, _ debtor: String, _ total: String, _ invoices: [String]) -> String
    var instalment: String
    var downPayment: String
    var termsHeading: String
    var terms: @Sendable (_ graceDays: Int, _ reference: String?) -> [String]
    var signatureFor: @Sendable (_ party: String) -> String
    var placeDateSignature: String
}

/// Items in running text: `A`, `A and B`, `A, B and C` with the language's word for "and".
func listed(_ items: [String], and: String) -> String {
    guard items.count > 1 else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " \(and) " + items[items.count - 1]
}
