import Foundation
import SettleCore
import Testing

/// A saved CSV column mapping: checked when made, stored as JSON, and the numbers and dates it reads.
@Suite struct StatementCSVMappingTests {
    @Test("amounts with a decimal comma", arguments: [
        ("1.234,56", "1234.56"), ("-89,90", "-89.90"), ("+12", "12"), ("1 234 567,5", "1234567.5"), ("0,01", "0.01"),
        ("1'234,00", "1234.00"), (" 7,00 ", "7.00"),
    ])
    func decimalComma(text: String, expected: String) {
        #expect(StatementCSVMapping.DecimalSeparator.comma.normalized(text) == expected)
    }

    @Test("amounts with a decimal point", arguments: [("1,234.56", "1234.56"), ("-5.5", "-5.5"), ("1'234'567.00", "1234567.00")])
    func decimalPoint(text: String, expected: String) {
        #expect(StatementCSVMapping.DecimalSeparator.point.normalized(text) == expected)
    }

    /// Read with the other separator, or grouped wrongly, a number is refused rather than misread.
    @Test("not numbers", arguments: [
        (StatementCSVMapping.DecimalSeparator.point, "12,50"), (.point, "1,2345.00"), (.comma, "12.50"), (.comma, "12,5x"),
        (.comma, ""), (.comma, "-"), (.comma, "1,2,3"), (.comma, "1.234.5"), (.comma, ",50"), (.point, "12."), (.comma, "1.234 567,00"),
    ])
    func notNumbers(separator: StatementCSVMapping.DecimalSeparator, text: String) {
        #expect(separator.normalized(text) == nil)
    }

    @Test("dates in each format", arguments: [
        (StatementCSVMapping.DateFormat.iso, "2024-04-01"), (.dotted, "01.04.2024"), (.dotted, "1.4.2024"), (.dottedShortYear, "01.04.24"),
        (.slashedDayFirst, "01/04/2024"), (.slashedMonthFirst, "04/01/2024"), (.slashedMonthFirst, "4/1/2024"), (.compact, "20240401"),
    ])
    func dates(format: StatementCSVMapping.DateFormat, text: String) {
        #expect(format.day(text)?.description == "2024-04-01")
    }

    @Test("dates not in the format", arguments: [
        (StatementCSVMapping.DateFormat.iso, "01.04.2024"), (.dotted, "2024-04-01"), (.dotted, "31.04.2024"), (.dotted, "01.04.24"),
        (.dottedShortYear, "01.04.2024"), (.slashedMonthFirst, "13/01/2024"), (.compact, "2024041"), (.compact, "2024-04-01"),
    ])
    func notDates(format: StatementCSVMapping.DateFormat, text: String) {
        #expect(format.day(text) == nil)
    }

    @Test func checkedWhenMadeAndKeptAsJSON() throws {
        let mapping = try StatementCSVMapping(
            name: "sparkasse", account: "DE89370400440532013000", bookingDate: "Buchungstag", valueDate: "Valutadatum",
            amount: .split(credit: "Haben", debit: "Soll"), currency: .fixed(code: "EUR"), counterpartyName: "Name",
            text: ["Verwendungszweck", "Buchungstext"], decimalSeparator: .comma, dateFormat: .dotted, delimiter: .semicolon, skipRows: 4)
        #expect(mapping.columns.map(\.column) == ["Buchungstag", "Valutadatum", "Haben", "Soll", "Name", "Verwendungszweck", "Buchungstext"])
        let json = try JSONEncoder().encode(mapping)
        #expect(try JSONDecoder().decode(StatementCSVMapping.self, from: json) == mapping)
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(object["dateFormat"] as? String == "DD.MM.YYYY" && object["delimiter"] as? String == ";")
        #expect((object["amount"] as? [String: Any])?["split"] as? [String: String] == ["credit": "Haben", "debit": "Soll"])

        func refused(_ make: () throws -> StatementCSVMapping) -> String {
            do { _ = try make(); return "" } catch { return String(describing: error) }
        }
        #expect(refused { try StatementCSVMapping(name: "my bank", account: "X", bookingDate: "D", amount: .signed(column: "A"),
                                                  currency: .fixed(code: "EUR")) }.hasPrefix("a mapping name is 1 to 40 letters"))
        #expect(refused { try StatementCSVMapping(name: "b", account: "X", bookingDate: "D", amount: .split(credit: "A", debit: "A"),
                                                  currency: .fixed(code: "EUR")) } == "the credit and debit columns must differ (both are 'A')")
        #expect(refused { try StatementCSVMapping(name: "b", account: "X", bookingDate: "D", amount: .signed(column: "A"),
                                                  currency: .fixed(code: "EUX")) } == "unknown currency 'EUX' (an ISO 4217 code such as EUR)")
        #expect(refused { try StatementCSVMapping(name: "b", account: "X", bookingDate: " D", amount: .signed(column: "A"),
                                                  currency: .column(name: "C")) }.hasPrefix("the booking date column must be named"))
        #expect(refused { try StatementCSVMapping(name: "b", account: "X", bookingDate: "D", amount: .signed(column: "A"),
                                                  currency: .column(name: "C"), skipRows: 101) } == "rows to skip must be 0 to 100, not 101")
    }
}
