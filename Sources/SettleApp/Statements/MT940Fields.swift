import Foundation
import SettleCore

/// One field of an MT940 file: its tag (`61`, `60F`), the line it starts on and its text, the
/// first line without the tag and then each continuation line.
struct MT940Field {
    var tag: String
    var line: Int
    var lines: [String]

    var value: String { lines[0] }

    /// The column where the field's text starts, after `:TAG:`.
    var textColumn: Int { tag.count + 3 }

    /// The tag and the rest of a line that starts a field (`:61:2404...`), or nil for a
    /// continuation line.
    static func start(of line: String) -> (tag: String, rest: String)? {
        let characters = Array(line.prefix(6))
        guard characters.count >= 4, characters[0] == ":" else { return nil }
        if characters[1...3] == ["N", "S", ":"] { return ("NS", String(line.dropFirst(4))) }
        guard characters[1].isASCIIDigit, characters[2].isASCIIDigit else { return nil }
        if characters[3] == ":" { return (String(characters[1...2]), String(line.dropFirst(4))) }
        guard characters.count >= 5, characters[3].isASCII, characters[3].isUppercase, characters[4] == ":" else { return nil }
        return (String(characters[1...3]), String(line.dropFirst(5)))
    }
}

/// A field's text that does not fit its format: what is wrong, and where in the text (0 = its first character).
struct MT940FieldError: Error {
    var message: String
    var offset: Int
}

/// The debit/credit mark of a `:61:` line.
enum MT940Mark: String {
    case credit = "C", debit = "D", reversalOfCredit = "RC", reversalOfDebit = "RD"

    /// Which way the money went: a reversed credit takes money out, a reversed debit puts it back.
    var direction: StatementEntry.Direction { self == .credit || self == .reversalOfDebit ? .credit : .debit }
    var isReversal: Bool { self == .reversalOfCredit || self == .reversalOfDebit }
}

/// Pieces of MT940 text: amounts with a decimal comma, two-digit-year dates, account names.
enum MT940Text {
    /// An amount as MT940 writes it, digits with a decimal comma (`1250,00`, `1250,`), in `currency`.
    static func amount(_ text: String, currency: Currency, what: String = "amount") throws(MT940FieldError) -> Money {
        guard !text.contains("."), text.filter({ $0 == "," }).count == 1 else {
            throw MT940FieldError(message: "\(what) '\(text)' needs a decimal comma (such as 1250,00)", offset: 0)
        }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard !parts[0].isEmpty, (parts[0] + parts[1]).allSatisfy(\.isASCIIDigit) else {
            throw MT940FieldError(message: "\(what) '\(text)' is not a number with a decimal comma", offset: 0)
        }
        do {
            return try Money(parsing: parts[1].isEmpty ? String(parts[0]) : "\(parts[0]).\(parts[1])", currency: currency)
        } catch {
            throw MT940FieldError(message: "\(what) '\(text)' has more decimals than \(currency.code) allows "
                                  + "(\(currency.exponent))", offset: 0)
        }
    }

    /// A `YYMMDD` date (years 2000 to 2099).
    static func date(_ text: Substring, what: String, offset: Int) throws(MT940FieldError) -> Day {
        guard text.count == 6, text.allSatisfy(\.isASCIIDigit), let year = Int(text.prefix(2)),
              let month = Int(text.dropFirst(2).prefix(2)), let day = Int(text.suffix(2)),
              let date = Day(year: 2000 + year, month: month, day: day) else {
            throw MT940FieldError(message: "\(what) '\(text)' is not a date (YYMMDD)", offset: offset)
        }
        return date
    }

    /// A booking date given as `MMDD` beside a full value date: the year is the value date's, or
    /// the one before or after it when that brings the two closer (December and January).
    static func bookingDate(_ text: Substring, near valueDate: Day, offset: Int) throws(MT940FieldError) -> Day {
        guard let month = Int(text.prefix(2)), let day = Int(text.suffix(2)) else {
            throw MT940FieldError(message: "booking date '\(text)' is not a date (MMDD)", offset: offset)
        }
        let candidates = [valueDate.year - 1, valueDate.year, valueDate.year + 1]
            .compactMap { Day(year: $0, month: month, day: day) }
        guard let nearest = candidates.min(by: { abs($0.days(since: valueDate)) < abs($1.days(since: valueDate)) }) else {
            throw MT940FieldError(message: "booking date '\(text)' is not a date (MMDD)", offset: offset)
        }
        return nearest
    }

    /// The account of a `:25:` field: an IBAN (a currency code after it is dropped); a German
    /// bank code and account number (`37040044/0532013000`) as the IBAN they make, so that it
    /// matches the account added by IBAN; anything else as written.
    static func account(_ text: String) -> String {
        let written = text.trimmingCharacters(in: .whitespaces)
        let parts = written.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 2 {
            var number = parts[1].trimmingCharacters(in: .whitespaces)
            if number.count > 3, number.suffix(3).allSatisfy({ $0.isASCII && $0.isLetter }) {
                number = String(number.dropLast(3)).trimmingCharacters(in: .whitespaces)
            }
            while number.count > 10, number.first == "0" { number.removeFirst() }
            let bankCode = parts[0].trimmingCharacters(in: .whitespaces)
            if let iban = try? IBAN(germanBankCode: bankCode, accountNumber: number) { return iban.value }
        }
        let compact = written.uppercased().filter { $0 != " " }
        if let iban = try? IBAN(validating: compact) { return iban.value }
        if compact.count > 18, let iban = try? IBAN(validating: String(compact.dropLast(3))) { return iban.value }
        return written
    }
}

/// An opening or closing balance (`:60F:`, `:62F:` ...): `C240401EUR1250,00`.
struct MT940Balance {
    /// Negative for a debit balance.
    var amount: Money
    var date: Day

    init(parsing text: String, what: String) throws(MT940FieldError) {
        let characters = Array(text)
        guard let mark = characters.first, mark == "C" || mark == "D" else {
            throw MT940FieldError(message: "\(what) must start with C or D (credit or debit balance)", offset: 0)
        }
        date = try MT940Text.date(text.dropFirst().prefix(6), what: "\(what) date", offset: 1)
        let code = String(text.dropFirst(7).prefix(3))
        let currency: Currency
        do { currency = try Currency(code: code) } catch {
            throw MT940FieldError(message: "\(what) currency '\(code)' is unknown (an ISO 4217 code such as EUR)", offset: 7)
        }
        do {
            let amount = try MT940Text.amount(String(text.dropFirst(10)), currency: currency, what: "\(what) amount")
            self.amount = mark == "D" ? -amount : amount
        } catch {
            throw MT940FieldError(message: error.message, offset: 10)
        }
    }
}

extension Character {
    /// 0 to 9 only (`isNumber` is true for other scripts' digits and for fractions too).
    var isASCIIDigit: Bool { isASCII && isNumber }
}
