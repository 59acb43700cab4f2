import SettleTestSupport
import Testing

@testable import SettleDelivery

@Suite struct SMSConfigurationTests {
    @Test func readsTwilioURL() throws {
        let configuration = try SMSConfiguration(url: "twilio://AC0123456789abcdef:t0k%2Fen@api.twilio.com?from=+15005550006&timeout=7")
        #expect(configuration.baseURL == "https://api.twilio.com")
        #expect(configuration.accountSID == "AC0123456789abcdef")
        #expect(configuration.authToken == "t0k/en")
        #expect(configuration.sender == .number("+15005550006"))
        #expect(configuration.timeout == .seconds(7))
        #expect(configuration.messagesURL == "https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef/Messages.json")
        #expect(!configuration.description.contains("t0k") && !"\(configuration)".contains("t0k"))
    }

    @Test func senderForms() throws {
        #expect(try SMSConfiguration(url: "twilio://AC1:t@api.twilio.com?from=%2B4915112345678").sender == .number("+4915112345678"))
        #expect(try SMSConfiguration(url: "twilio://AC1:t@api.twilio.com?from=AcmeGmbH").sender == .number("AcmeGmbH"))
        #expect(try SMSConfiguration(url: "twilio://AC1:t@api.twilio.com?messaging_service=MG42").sender == .messagingService("MG42"))
    }

    @Test func baseOverrideForTestsAndGateways() throws {
        let configuration = try SMSConfiguration(url: "twilio://AC1:t@api.twilio.com?from=+15005550006&base=http://127.0.0.1:8080/")
        #expect(configuration.messagesURL == "http://127.0.0.1:8080/2010-04-01/Accounts/AC1/Messages.json")
        #expect(try SMSConfiguration(url: "twilio://AC1:t@sms.example.test:8443?from=+15005550006").baseURL == "https://sms.example.test:8443")
    }

    @Test(arguments: [
        "https://AC1:t@api.twilio.com?from=+15005550006",
        "twilio://AC1@api.twilio.com?from=+15005550006",
        "twilio://:t@api.twilio.com?from=+15005550006",
        "twilio://AC1:t@api.twilio.com",
        "twilio://AC1:t@api.twilio.com?from=15005550006",
        "twilio://AC1:t@api.twilio.com?from=+15005550006&messaging_service=MG1",
        "twilio://AC1:t@api.twilio.com?from=+15005550006&base=ftp://x",
        "twilio://AC1:t@api.twilio.com?from=+15005550006&timeout=0",
        "twilio://AC1:t@api.twilio.com?from=+15005550006&region=ie1",
        "twilio://AC%2F..:t@api.twilio.com?from=+15005550006",
    ])
    func rejectsUnusableURLs(_ url: String) {
        let error = #expect(throws: SMSConfigurationError.self) { try SMSConfiguration(url: url) }
        #expect(error?.description.hasPrefix("SETTLE_SMS_URL: ") == true)
        #expect(error?.description.contains(":t@") == false, "the token stays out of the message")
    }
}
