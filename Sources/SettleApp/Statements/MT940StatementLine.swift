import Foundation
import SettleCore

/// A `:61:` statement line: `YYMMDD[MMDD]mark[funds code]amount type customer-ref[//bank-ref]`,
/// then optionally a line of supplementary details.
struct MT940StatementLine {
    var valueDate: Day
    var bookingDate: Day?
    var mark: MT940Mark
    var amount: Money
    /// `NTRF`, `NMSC`, `N051` ...: the bank's kind of transaction.
    var transactionType: String
    /// The account owner's reference (`NONREF` when there is none).
    var customerReference: String?
    /// The bank's own reference, after `//`.
    var bankReference: String?
    var supplementaryDetails: String?

    init(parsing lines: [String], currency: Currency) throws(MT940FieldError) {
        let text = Array(lines[0])
        var index = 0
        func take(_ count: Int) -> Substring { Substring(text[index..<min(text.count, index + count)]) }

        valueDate = try MT940Text.date(take(6), what: "value date", offset: 0)
        index = 6
        let entry = take(4)
        if entry.count == 4, entry.allSatisfy(\.isASCIIDigit) {
            bookingDate = try MT940Text.bookingDate(entry, near: valueDate, offset: index)
            index += 4
        } else if entry == "    " {
            index += 4
        }

        let markStart = index
        if take(2) == "RC" || take(2) == "RD" {
            mark = take(2) == "RC" ? .reversalOfCredit : .reversalOfDebit
            index += 2
        } else if let found = MT940Mark(rawValue: String(take(1))), !found.isReversal {
            mark = found
            index += 1
        } else {
            throw MT940FieldError(message: "the debit/credit mark must be C, D, RC or RD, not '\(take(2))'", offset: markStart)
        }
        // The funds code is the third letter of the statement's currency, when the bank gives it.
        if index < text.count, text[index].isASCII, text[index].isLetter {
            guard text[index] == currency.code.last else {
                throw MT940FieldError(message: "the funds code '\(text[index])' says another currency than the statement's "
                                      + "\(currency.code) (from its opening balance :60F:)", offset: index)
            }
            index += 1
        }

        let amountStart = index
        while index < text.count, text[index].isASCIIDigit || text[index] == "," || text[index] == "." { index += 1 }
        let amountText = String(text[amountStart..<index])
        guard !amountText.isEmpty else {
            throw MT940FieldError(message: "no amount after the debit/credit mark \(mark.rawValue)", offset: amountStart)
        }
        do { amount = try MT940Text.amount(amountText, currency: currency) } catch {
            throw MT940FieldError(message: error.message, offset: amountStart)
        }

        let type = take(4)
        guard type.count == 4, let first = type.first, first.isASCII, first.isLetter,
              type.dropFirst().allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }) else {
            throw MT940FieldError(message: "no transaction type (such as NTRF or N051) after the amount '\(amountText)'",
                                  offset: index)
        }
        transactionType = String(type)
        index += 4

        let references = String(text[index...])
        let parts = references.components(separatedBy: "//")
        customerReference = Self.reference(parts[0])
        bankReference = parts.count > 1 ? Self.reference(parts.dropFirst().joined(separator: "//")) : nil
        supplementaryDetails = lines.count > 1 ? lines.dropFirst().joined(separator: " ") : nil
    }

    /// A reference as written, or nil for none (empty, `NONREF`, `NOTPROVIDED`).
    private static func reference(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty || trimmed == "NONREF" || trimmed == "NOTPROVIDED" ? nil : trimmed
    }
}
