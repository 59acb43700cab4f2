import Foundation
import SettleApp
import SettleCore
import Testing

/// A CSV file that does not fit its mapping is refused at the line and column of the first misfit.
@Suite struct CSVStatementRejectionTests {
    static let plain = try! StatementCSVMapping(name: "plain", account: "DE89370400440532013000", bookingDate: "date",
                                                amount: .signed(column: "amount"), currency: .column(name: "currency"), text: ["text"])
    static let split = try! StatementCSVMapping(name: "split", account: "DE89370400440532013000", bookingDate: "date",
                                                amount: .split(credit: "credit", debit: "debit"), currency: .fixed(code: "EUR"))

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var mapping: StatementCSVMapping
        var text: String
        var expected: String
        var testDescription: String { name }
    }

    static let cases = [
        Case(name: "missing column", mapping: plain, text: "date,betrag,currency,text\n2024-04-01,1.00,EUR,a\n",
             expected: "bad.csv:1:1: the mapping 'plain' expects a column 'amount' (amount), the header has: date, betrag, currency, text"),
        Case(name: "column twice", mapping: plain, text: "date,amount,currency,text,Amount\n",
             expected: "bad.csv:1:27: the header has the column 'amount' 2 times: which one is the amount?"),
        Case(name: "not a number", mapping: plain, text: "date,amount,currency,text\n2024-04-01,12.5x,EUR,a\n",
             expected: "bad.csv:2:12: amount '12.5x' (column 'amount') is not a number with a decimal point"),
        Case(name: "the other decimal separator", mapping: plain, text: "date,amount,currency,text\n2024-04-01,\"12,50\",EUR,a\n",
             expected: "bad.csv:2:12: amount '12,50' (column 'amount') is not a number with a decimal point"),
        Case(name: "too many decimals", mapping: plain, text: "date,amount,currency,text\n2024-04-01,1.005,EUR,a\n",
             expected: "bad.csv:2:12: amount '1.005' (column 'amount') has more decimals than EUR allows (2)"),
        Case(name: "empty amount", mapping: plain, text: "date,amount,currency,text\n2024-04-01,,EUR,a\n",
             expected: "bad.csv:2:12: the amount (column 'amount') is empty"),
        Case(name: "date format", mapping: plain, text: "date,amount,currency,text\n2024-04-01,1.00,EUR,a\n01.04.2024,1.00,EUR,b\n",
             expected: "bad.csv:3:1: booking date '01.04.2024' (column 'date') is not a date in the format YYYY-MM-DD"),
        Case(name: "empty date", mapping: plain, text: "date,amount,currency,text\n,1.00,EUR,a\n",
             expected: "bad.csv:2:1: the booking date (column 'date') is empty"),
        Case(name: "unknown currency", mapping: plain, text: "date,amount,currency,text\n2024-04-01,1.00,EUX,a\n",
             expected: "bad.csv:2:17: currency 'EUX' (column 'currency') is unknown (an ISO 4217 code such as EUR)"),
        Case(name: "short row", mapping: plain, text: "date,amount,currency,text\n2024-04-01,1.00\n",
             expected: "bad.csv:2:16: the row has 2 fields and ends before the column 'currency' (field 3 of the header)"),
        Case(name: "no header", mapping: try! StatementCSVMapping(name: "preamble", account: "X", bookingDate: "date",
                                                                  amount: .signed(column: "amount"), currency: .fixed(code: "EUR"),
                                                                  skipRows: 2),
             text: "Konto 1\nZeitraum April\n",
             expected: "bad.csv:3:1: the file ends before its header row (the mapping 'preamble' skips 2 lines)"),
        Case(name: "unterminated quote", mapping: plain, text: "date,amount,currency,text\n2024-04-01,1.00,EUR,\"a\n",
             expected: "bad.csv:2:21: unterminated quoted field (the quote opened here is never closed)"),
        Case(name: "credit and debit", mapping: split, text: "date,credit,debit\n2024-04-01,5.00,3.00\n",
             expected: "bad.csv:2:17: both the credit column 'credit' and the debit column 'debit' are filled: a row is one movement"),
        Case(name: "neither credit nor debit", mapping: split, text: "date,credit,debit\n2024-04-01,,0.00\n",
             expected: "bad.csv:2:12: the row has no amount: the credit column 'credit' and the debit column 'debit' are both empty"),
        Case(name: "negative credit", mapping: split, text: "date,credit,debit\n2024-04-01,-5.00,\n",
             expected: "bad.csv:2:12: the credit -5.00 EUR (column 'credit') is negative; money out belongs in the debit column 'debit'"),
    ]

    @Test(arguments: cases)
    func refusedWithThePlace(_ testCase: Case) throws {
        let problem = try #require(throws: FileProblem.self) {
            try CSVStatementReader.read(Data(testCase.text.utf8), file: "bad.csv", mapping: testCase.mapping,
                                        account: { _ in }, entry: { _ in })
        }
        #expect(problem.description == testCase.expected)
    }
}
