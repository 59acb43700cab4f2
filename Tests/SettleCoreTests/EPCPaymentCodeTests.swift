import SettleCore
import Testing

@Suite("EPC069-12 payment QR code")
struct EPCPaymentCodeTests {
    static let iban = "DE33100205000001194700"

    func code(bic: String? = "BFSWDE33BER", name: String = "Wikimedia Foerdergesellschaft", amount: Money? = nil,
              purpose: String? = nil, remittance: EPCPaymentCode.Remittance? = nil,
              information: String? = nil) throws -> EPCPaymentCode {
        try EPCPaymentCode(bic: bic, beneficiaryName: name, iban: IBAN(validating: Self.iban),
                           amount: amount ?? eur("123.45"), purpose: purpose, remittance: remittance,
                           information: information)
    }

    @Test("worked example 8: the payload byte for byte, 106 bytes")
    func workedExample8() throws {
        let reference = try CreditorReference(validating: "RF18539007547034")
        let payload = try code(remittance: .reference(reference))
        let expected = "BCD\n002\n1\nSCT\nBFSWDE33BER\nWikimedia Foerdergesellschaft\nDE33100205000001194700\nEUR123.45\n\nRF18539007547034"
        #expect(payload.bytes == Array(expected.utf8))
        #expect(payload.bytes.count == 106)
    }

    @Test("unstructured text goes in field 11, after an empty reference field")
    func unstructuredRemittance() throws {
        let payload = try code(bic: nil, amount: eur("1000"), remittance: .text("Rechnung 2024-017 – Müller"))
        #expect(payload.payload == "BCD\n002\n1\nSCT\n\nWikimedia Foerdergesellschaft\nDE33100205000001194700\nEUR1000.00\n\n\nRechnung 2024-017 – Müller")
    }

    @Test("information keeps the empty fields before it; purpose is field 9")
    func informationAndPurpose() throws {
        let payload = try code(purpose: "SUPP", information: "Danke!")
        #expect(payload.payload.split(separator: "\n", omittingEmptySubsequences: false)
            == ["BCD", "002", "1", "SCT", "BFSWDE33BER", "Wikimedia Foerdergesellschaft", "DE33100205000001194700",
                "EUR123.45", "SUPP", "", "", "Danke!"])
    }

    @Test("the BIC is normalised to upper case")
    func bicNormalised() throws {
        #expect(try code(bic: "bfswde33ber").bic == "BFSWDE33BER")
    }

    @Test("only euro amounts")
    func refusesOtherCurrencies() throws {
        let pounds = try Money(parsing: "10.00", currency: .GBP)
        #expect(throws: EPCPaymentCodeError.notEuro(pounds)) { try code(amount: pounds) }
    }

    @Test("amounts from 0.01 to 999999999.99", arguments: ["0", "-5.00", "1000000000.00"])
    func refusesAmountsOutOfRange(text: String) throws {
        let amount = try eur(text)
        #expect(throws: EPCPaymentCodeError.amountOutOfRange(amount)) { try code(amount: amount) }
    }

    @Test("the extremes of the range are accepted", arguments: ["0.01", "999999999.99"])
    func acceptsRangeEnds(text: String) throws {
        #expect(try code(amount: eur(text)).payload.hasSuffix("\nEUR\(text)"))
    }

    @Test("a name of 70 characters fits, 71 do not; characters, not bytes, are counted")
    func nameLength() throws {
        let seventy = String(repeating: "ø", count: 70)
        #expect(try code(name: seventy).beneficiaryName == seventy)
        #expect(throws: EPCPaymentCodeError.tooLong(field: "beneficiary name", characters: 71, longest: 70)) {
            try code(name: seventy + "x")
        }
    }

    @Test("a missing name is refused")
    func nameMissing() {
        #expect(throws: EPCPaymentCodeError.beneficiaryNameMissing) { try code(name: "  ") }
    }

    @Test("remittance text of at most 140 characters")
    func remittanceLength() {
        #expect(throws: EPCPaymentCodeError.tooLong(field: "remittance text", characters: 141, longest: 140)) {
            try code(remittance: .text(String(repeating: "a", count: 141)))
        }
    }

    @Test("a line break would shift every later field, so it is refused")
    func lineBreak() {
        #expect(throws: EPCPaymentCodeError.lineBreak(field: "beneficiary name")) { try code(name: "Wiki\nmedia") }
    }

    @Test("a malformed BIC or purpose is refused")
    func malformedBICAndPurpose() {
        #expect(throws: EPCPaymentCodeError.malformedBIC("BFSW")) { try code(bic: "BFSW") }
        #expect(throws: EPCPaymentCodeError.malformedPurpose("supp1")) { try code(purpose: "supp1") }
    }

    @Test("more than 331 bytes in all is refused even when each field fits")
    func payloadLimit() {
        // 70 three-byte characters (210 bytes) plus 140 remittance characters pass each field's limit.
        let name = String(repeating: "€", count: 70)
        #expect(throws: EPCPaymentCodeError.payloadTooLong(bytes: 412)) {
            try code(name: name, remittance: .text(String(repeating: "x", count: 140)))
        }
    }
}
