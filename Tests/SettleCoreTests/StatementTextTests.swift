import SettleCore
import Testing

/// What statement readers pick out of bank text: RF references in remittance lines, and the IBAN of
/// a German account given by bank code and account number.
@Suite struct StatementTextTests {
    @Test("RF references in free text, electronic or in groups of four", arguments: [
        ("Rechnung RF18539007547034 danke", ["RF18539007547034"]),
        ("Ref. RF18 5390 0754 7034, vielen Dank", ["RF18539007547034"]),
        // A year after the groups is not part of the reference.
        ("RF18 5390 0754 7034 2024", ["RF18539007547034"]),
        ("rf47 abc1 23/RF471234567890", ["RF47ABC123", "RF471234567890"]),
        // Wrong check digits, inside a word, or no digits after RF: no reference.
        ("RF17539007547034", []),
        ("SURF18539007547034", []),
        ("RFXX 1234", []),
        ("", []),
    ])
    func references(text: String, expected: [String]) {
        #expect(CreditorReference.references(in: text).map(\.value) == expected)
    }

    @Test func germanAccountAsIBAN() throws {
        #expect(try IBAN(germanBankCode: "37040044", accountNumber: "532013000").value == "DE89370400440532013000")
        #expect(try IBAN(germanBankCode: "37040044", accountNumber: "0532013000").value == "DE89370400440532013000")
        #expect(try IBAN(germanBankCode: "12030000", accountNumber: "202051").value == "DE02120300000000202051")
        #expect(throws: BankDetailsError.malformedGermanAccount("3704004/532013000")) {
            try IBAN(germanBankCode: "3704004", accountNumber: "532013000")
        }
        #expect(throws: BankDetailsError.malformedGermanAccount("37040044/12345678901")) {
            try IBAN(germanBankCode: "37040044", accountNumber: "12345678901")
        }
    }
}
