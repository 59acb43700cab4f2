import SettleCore

/// Why a document could not be made.
public enum DocumentError: Error, Equatable, Sendable, CustomStringConvertible {
    case bankDetails(BankDetailsError)
    case paymentCode(EPCPaymentCodeError)
    case money(MoneyError)
    /// The invoice's lines add up to another amount than its total.
    case linesDoNotAddUp(invoice: String, lines: Money, total: Money)
    /// A document that lists debts or instalments has none.
    case nothingListed(document: String)
    case nothingToPrint
    case qrCode(String)
    case rendering(String)

    public var description: String {
        switch self {
        case .bankDetails(let error): return "bank details: \(error)"
        case .paymentCode(let error): return "payment QR code: \(error)"
        case .money(let error): return error.description
        case .linesDoNotAddUp(let invoice, let lines, let total):
            return "the lines of invoice \(invoice) add up to \(lines) but its total is \(total); correct the lines or the total before printing it"
        case .nothingListed(let document):
            return "the \(document) lists nothing; it needs at least one invoice or instalment"
        case .nothingToPrint: return "there are no documents to print"
        case .qrCode(let reason): return "the QR code could not be made: \(reason)"
        case .rendering(let reason): return "the PDF could not be written: \(reason)"
        }
    }

    /// Runs money arithmetic, turning its error into a document error.
    static func money<Result>(_ body: () throws(MoneyError) -> Result) throws(DocumentError) -> Result {
        do {
            return try body()
        } catch {
            throw .money(error)
        }
    }
}
