import Foundation
import SettleApp
import SettleCore
import Testing

/// Bad MT940 files are refused with the file, line, column and what is wrong.
@Suite struct MT940RejectionTests {
    static let good = [
        ":20:S1",
        ":25:DE89370400440532013000",
        ":28C:1/1",
        ":60F:C240401EUR100,00",
        ":61:2404010401CR12,50NTRFNONREF//R-1",
        ":86:Zahlung",
        ":62F:C240401EUR112,50",
    ]

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var lines: [String]
        var expected: String
        var testDescription: String { name }
    }

    static func changing(_ line: Int, to text: String) -> [String] {
        var lines = good
        lines[line - 1] = text
        return lines
    }

    static let cases = [
        Case(name: "decimal point", lines: changing(5, to: ":61:2404010401CR12.50NTRFNONREF//R-1"),
             expected: "bad.sta:5:17: :61: amount '12.50' needs a decimal comma (such as 1250,00)"),
        Case(name: "too many decimals", lines: changing(5, to: ":61:2404010401CR12,505NTRFNONREF//R-1"),
             expected: "bad.sta:5:17: :61: amount '12,505' has more decimals than EUR allows (2)"),
        Case(name: "no amount", lines: changing(5, to: ":61:2404010401CRNTRFNONREF"),
             expected: "bad.sta:5:17: :61: no amount after the debit/credit mark C"),
        Case(name: "mark", lines: changing(5, to: ":61:2404010401XR12,50NTRFNONREF//R-1"),
             expected: "bad.sta:5:15: :61: the debit/credit mark must be C, D, RC or RD, not 'XR'"),
        Case(name: "transaction type", lines: changing(5, to: ":61:2404010401CR12,50//R-1"),
             expected: "bad.sta:5:22: :61: no transaction type (such as NTRF or N051) after the amount '12,50'"),
        Case(name: "value date", lines: changing(5, to: ":61:2404310401CR12,50NTRFNONREF//R-1"),
             expected: "bad.sta:5:5: :61: value date '240431' is not a date (YYMMDD)"),
        Case(name: "booking date", lines: changing(5, to: ":61:2404011301CR12,50NTRFNONREF//R-1"),
             expected: "bad.sta:5:11: :61: booking date '1301' is not a date (MMDD)"),
        Case(name: "entry currency", lines: changing(5, to: ":61:2404010401CD12,50NTRFNONREF//R-1"),
             expected: "bad.sta:5:16: :61: the funds code 'D' says another currency than the statement's EUR "
                + "(from its opening balance :60F:)"),
        Case(name: "unknown currency", lines: changing(4, to: ":60F:C240401EUX100,00"),
             expected: "bad.sta:4:13: opening balance :60F: currency 'EUX' is unknown (an ISO 4217 code such as EUR)"),
        Case(name: "balance mark", lines: changing(4, to: ":60F:240401EUR100,00"),
             expected: "bad.sta:4:6: opening balance :60F: must start with C or D (credit or debit balance)"),
        Case(name: "balance date", lines: changing(4, to: ":60F:C240231EUR100,00"),
             expected: "bad.sta:4:7: opening balance :60F: date '240231' is not a date (YYMMDD)"),
        Case(name: "closing currency", lines: changing(7, to: ":62F:C240401USD112,50"),
             expected: "bad.sta:7:1: the closing balance :62F: is in USD, the opening balance in EUR"),
        Case(name: "closing balance", lines: changing(7, to: ":62F:C240401EUR112,00"),
             expected: "bad.sta:7:1: the closing balance :62F: is 112.00 EUR but the opening balance and the entries "
                + "make 112.50 EUR: an entry is missing or misread"),
        Case(name: "cut short", lines: Array(good.prefix(6)),
             expected: "bad.sta:6:1: the file ended inside a statement without :62F: (the statement from line 1)"),
        Case(name: "no account", lines: [good[0], good[4]],
             expected: "bad.sta:2:1: a :61: before any :25: account"),
        Case(name: "no opening balance", lines: Array(good.prefix(3)) + Array(good.dropFirst(4)),
             expected: "bad.sta:4:1: a :61: before the opening balance :60F:"),
        Case(name: "balance before account", lines: [good[0], good[3]],
             expected: "bad.sta:2:1: the opening balance :60F: comes before any :25: account"),
        Case(name: "another statement too early", lines: Array(good.prefix(6)) + good,
             expected: "bad.sta:7:1: a new statement (:20:) begins before the statement from line 1 has its closing balance :62F:"),
        Case(name: "separator too early", lines: Array(good.prefix(6)) + ["-"] + good,
             expected: "bad.sta:7:1: the statement from line 1 ends at line 7 without a closing balance :62F:"),
        Case(name: "entry after closing", lines: good + [good[4]],
             expected: "bad.sta:8:1: a :61: after the closing balance :62F: of the statement from line 1; a new statement starts with :20:"),
        Case(name: "first field", lines: Array(good.dropFirst()),
             expected: "bad.sta:1:1: not an MT940 file: the first field is :25: where a statement starts with :20:"),
        Case(name: "XML", lines: ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<Document/>"],
             expected: "bad.sta:1:1: not an MT940 file: line 1 is '<?xml version=\"1.0\" encoding=\"UTF-8\"?>' where a statement starts with :20:"),
        Case(name: "empty", lines: ["", ""],
             expected: "bad.sta:1:1: not an MT940 file: it holds no field (a statement starts with :20:)"),
    ]

    @Test(arguments: cases)
    func refusedWithThePlace(_ testCase: Case) throws {
        let problem = try #require(throws: FileProblem.self) {
            try MT940Reader.read(Data(testCase.lines.joined(separator: "\n").utf8), file: "bad.sta", account: { _ in }, entry: { _ in })
        }
        #expect(problem.description == testCase.expected)
    }

    /// What the caller refuses (an unknown account, an entry it cannot take) is placed at the
    /// account's line or the entry's.
    @Test func problemsOfTheCallerArePlaced() throws {
        let file = Data(Self.good.joined(separator: "\r\n").utf8)
        let account = try #require(throws: FileProblem.self) {
            try MT940Reader.read(file, file: "s.sta", account: { _ in
                throw FileProblem(file: "s.sta", line: 1, column: 1, message: "unknown account")
            }, entry: { _ in })
        }
        #expect(account.description == "s.sta:2:1: unknown account")
        let entry = try #require(throws: FileProblem.self) {
            try MT940Reader.read(file, file: "s.sta", account: { _ in }, entry: { _ in throw InputError("not now") })
        }
        #expect(entry.description == "s.sta:5:1: not now")
    }
}
