import Testing

@testable import SettleDelivery

@Suite struct SMTPConfigurationTests {
    @Test func readsSMTPURL() throws {
        let configuration = try SMTPConfiguration(url: "smtp://ar%40acme.test:p%3Ass@mail.acme.test:2525?starttls=required&ca=/tmp/ca.pem")
        #expect(configuration.host == "mail.acme.test")
        #expect(configuration.port == 2525)
        #expect(configuration.username == "ar@acme.test")
        #expect(configuration.password == "p:ss")
        #expect(configuration.security == .startTLSRequired)
        #expect(configuration.trustedCertificateFile == "/tmp/ca.pem")
        #expect(!configuration.description.contains("p:ss") && !"\(configuration)".contains("p%3Ass"))
    }

    @Test func defaults() throws {
        let smtps = try SMTPConfiguration(url: "smtps://u:p@mail.acme.test")
        #expect(smtps.port == 465 && smtps.security == .implicitTLS)
        let smtp = try SMTPConfiguration(url: "smtp://relay.local")
        #expect(smtp.port == 587 && smtp.security == .startTLSOpportunistic && smtp.username == nil)
        #expect(try SMTPConfiguration(url: "smtp://relay.local:25?starttls=never").security == SMTPConfiguration.Security.none)
    }

    @Test(arguments: ["http://x", "smtp://", "smtps://h?starttls=required", "smtp://h?starttls=maybe", "smtp://h?auth=cram", "smtp://h?x=1"])
    func rejectsUnusableURLs(_ url: String) {
        #expect(throws: SMTPConfigurationError.self) { try SMTPConfiguration(url: url) }
    }
}
