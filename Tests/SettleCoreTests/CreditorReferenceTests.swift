import PropertyBased
import SettleCore
import Testing

@Suite("ISO 11649 creditor reference")
struct CreditorReferenceTests {
    @Test("worked example 2: check digits derived from a base", arguments: [
        ("539007547034", "RF18539007547034", "RF18 5390 0754 7034"),
        ("1234567890", "RF471234567890", "RF47 1234 5678 90"),
        ("abc123", "RF47ABC123", "RF47 ABC1 23"),
    ])
    func derivesFromBase(base: String, electronic: String, printed: String) throws {
        let reference = try CreditorReference(base: base)
        #expect(reference.value == electronic)
        #expect(reference.description == electronic)
        #expect(reference.printed == printed)
    }

    @Test("a base must be 1 to 21 letters or digits", arguments: ["", "INV-1", "1234567890123456789012", "ÄBC"])
    func rejectsBase(base: String) {
        #expect(throws: ReferenceError.invalidBase(base)) { try CreditorReference(base: base) }
    }

    @Test("validates electronic, paper and lower-case forms (worked example 2)", arguments: [
        ("RF18539007547034", "RF18539007547034"),
        ("RF18 5390 0754 7034", "RF18539007547034"),
        ("rf18539007547034", "RF18539007547034"),
        ("RF471234567890", "RF471234567890"),
    ])
    func validates(text: String, electronic: String) throws {
        #expect(try CreditorReference(validating: text).value == electronic)
    }

    @Test("worked example 2: RF17539007547034 has wrong check digits")
    func wrongCheckDigits() {
        #expect(throws: ReferenceError.checkDigitsWrong("RF17539007547034")) {
            try CreditorReference(validating: "RF17539007547034")
        }
    }

    @Test("malformed references are refused", arguments: [
        "", "RF18", "RF18" + String(repeating: "1", count: 22), "RF18-5390-0754-7034", "XX18539007547034",
        "RFAB539007547034", "RF18539007547034\t",
    ])
    func malformed(text: String) {
        #expect(throws: ReferenceError.malformed(text)) { try CreditorReference(validating: text) }
    }

    @Test("an invoice number keeps its letters and digits as the base")
    func fromInvoiceNumber() throws {
        let reference = CreditorReference(invoiceNumber: "INV-2024/001")
        #expect(reference == (try CreditorReference(base: "INV2024001")))
        #expect(reference.value == "RF78INV2024001")
        let invoice = Invoice(number: try invoiceNumber("inv-2024/001"), client: "ACME", issueDate: try day("2024-03-01"),
                              dueDate: try day("2024-03-31"), currency: .EUR, total: try eur("100.00"))
        #expect(invoice.paymentReference == reference)
    }

    @Test("a number with more than 21 or no letters and digits uses a stable 20-digit digest", arguments: [
        ("2024/ACME-CORPORATION-0000000001", "RF8608520200265282010353"),
        ("---", "RF1716031904380321739334"),
    ])
    func digestForLongNumbers(number: String, expected: String) throws {
        let reference = CreditorReference(invoiceNumber: number)
        #expect(reference.value == expected)
        #expect(try CreditorReference(validating: reference.value) == reference)
    }

    @Test("every reference derived from a base or an invoice number validates")
    func generatedReferencesValidate() async {
        let base = Gen.letterOrNumber.string(of: 1 ... 21)
        let numberCharacters = Array("abcXYZ0189-_./") as [Character]
        let number = Gen<Character?>.element(of: numberCharacters).map { $0! }.string(of: 1 ... 64)
        await propertyCheck(input: base, number) { base, number throws in
            let reference = try CreditorReference(base: base)
            #expect(reference.value.dropFirst(4) == Substring(base.uppercased()))
            #expect(try CreditorReference(validating: reference.value) == reference)
            #expect(try CreditorReference(validating: reference.printed) == reference)
            let fromNumber = CreditorReference(invoiceNumber: number)
            #expect(try CreditorReference(validating: fromNumber.value) == fromNumber)
            #expect(fromNumber.value.count <= 25)
        }
    }
}
