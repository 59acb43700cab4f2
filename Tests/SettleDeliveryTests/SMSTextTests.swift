import SettleTestSupport
import Testing

@testable import SettleDelivery

@Suite struct SMSTextTests {
    @Test(arguments: ["+4915112345678", "+15005550006", "+33612345678", "+441632960961", "+123456789012345"])
    func acceptsE164(_ number: String) {
        #expect(SMSText.isE164(number))
    }

    @Test(arguments: ["4915112345678", "+49 151 12345678", "+049151123456", "+123456", "+1234567890123456", "+49-151-1234567", "", "+", "+４９１５１１２３４５６"])
    func rejectsOtherNumbers(_ number: String) {
        #expect(!SMSText.isE164(number))
    }

    @Test func optOutLineInTheClientsLanguage() {
        #expect(SMSText.withOptOut("Invoice INV-7 is due.", language: "en") == "Invoice INV-7 is due.\nReply STOP to opt out")
        #expect(SMSText.withOptOut("Rechnung fällig.", language: "de-CH") == "Rechnung fällig.\nAbmelden: Antworten Sie STOP")
        #expect(SMSText.withOptOut("Facture échue.", language: "FR_ca") == "Facture échue.\nRépondez STOP pour ne plus recevoir de SMS")
        #expect(SMSText.withOptOut("Hola", language: "es") == "Hola\nReply STOP to opt out")
        #expect(SMSText.withOptOut("Hi  \n", language: "") == "Hi\nReply STOP to opt out")
    }

    @Test func optOutLineIsNotAddedTwice() {
        let once = SMSText.withOptOut("Invoice due.", language: "en")
        #expect(SMSText.withOptOut(once, language: "en") == once)
    }

    @Test func longTextIsShortenedButKeepsTheOptOutLine() {
        let text = String(repeating: "Zahlung offen. ", count: 200)
        let result = SMSText.withOptOut(text, language: "de")
        #expect(result.utf16.count <= SMSText.maximumLength)
        #expect(result.utf16.count >= SMSText.maximumLength - 2)
        #expect(result.hasSuffix("…\nAbmelden: Antworten Sie STOP"))
        #expect(result.hasPrefix("Zahlung offen. Zahlung offen."))
    }

    @Test func lengthCountsUTF16AndNeverSplitsACharacter() {
        let text = String(repeating: "💶", count: 900)
        let result = SMSText.withOptOut(text, language: "en")
        #expect(result.utf16.count <= SMSText.maximumLength)
        #expect(result.unicodeScalars.allSatisfy { $0 == "💶" || $0.isASCII || $0 == "…" })
        let fits = String(repeating: "a", count: SMSText.maximumLength - 22)
        #expect(SMSText.withOptOut(fits, language: "en").utf16.count == SMSText.maximumLength)
        #expect(!SMSText.withOptOut(fits, language: "en").contains("…"))
    }

    @Test func sendableTextRules() {
        #expect(SMSText.problem(with: "Hi") == nil)
        #expect(SMSText.problem(with: String(repeating: "a", count: 1_600)) == nil)
        #expect(SMSText.problem(with: String(repeating: "a", count: 1_601))?.contains("1601 characters") == true)
        #expect(SMSText.problem(with: " \n") != nil)
        #expect(SMSText.isAlphanumericSenderID("Acme GmbH") && !SMSText.isAlphanumericSenderID("AcmeCollections") && !SMSText.isAlphanumericSenderID("12345"))
    }
}
