import Foundation
import SettleApp
import SettleCore
import Testing

/// The signed, expiring client tokens of portal links.
@Suite struct TemplateLinkTests {
    let secret = "a-test-secret-that-is-long-enough-0123456789"
    let noon = Date(timeIntervalSince1970: 1_711_886_400)  // 2024-03-31T12:00:00Z

    @Test func aTokenVerifiesUntilItExpires() throws {
        let signer = try ClientLinkSigner(secret: secret)
        let expires = noon.addingTimeInterval(3600)
        let token = signer.token(organisation: "acme", client: "C-1001/ü", expires: expires)
        let link = try #require(signer.verify(token, now: noon))
        #expect(link.organisation == "acme" && link.client == "C-1001/ü" && link.expires == expires)
        #expect(signer.verify(token, now: expires.addingTimeInterval(-1)) != nil)
        #expect(signer.verify(token, now: expires) == nil)
        #expect(!token.contains("+") && !token.contains("/") && !token.contains("="))
    }

    @Test func aPortalLinkWorksThroughTheThirtiethDayAfterTheMessage() throws {
        let signer = try ClientLinkSigner(secret: secret, publicURL: "https://pay.example.com/")
        let url = signer.portalURL(organisation: "acme", client: "C-1", messageDay: try Day(parsing: "2024-03-31"))
        #expect(url.hasPrefix("https://pay.example.com/portal/"))
        let token = String(url.dropFirst("https://pay.example.com/portal/".count))
        let lastMoment = try #require(ISO8601DateFormatter().date(from: "2024-04-30T23:59:59Z"))
        #expect(signer.verify(token, now: lastMoment)?.client == "C-1")
        #expect(signer.verify(token, now: lastMoment.addingTimeInterval(1)) == nil)
    }

    @Test func aTamperedOrForeignTokenIsRefused() throws {
        let signer = try ClientLinkSigner(secret: secret)
        let token = signer.token(organisation: "acme", client: "C-1", expires: noon.addingTimeInterval(86_400))
        let parts = token.split(separator: ".").map(String.init)
        // Another client's payload under this token's signature.
        let forged = signer.token(organisation: "acme", client: "C-2", expires: noon.addingTimeInterval(86_400))
            .split(separator: ".").map(String.init)
        #expect(signer.verify(forged[0] + "." + parts[1], now: noon) == nil)
        var flipped = Array(parts[1])
        flipped[0] = flipped[0] == "A" ? "B" : "A"
        #expect(signer.verify(parts[0] + "." + String(flipped), now: noon) == nil)
        #expect(signer.verify(token + "x", now: noon) == nil)
        for garbage in ["", ".", "a.b", "..", token + ".x", "!!!." + parts[1]] {
            #expect(signer.verify(garbage, now: noon) == nil)
        }
        let other = try ClientLinkSigner(secret: secret + "-other")
        #expect(other.verify(token, now: noon) == nil)
    }

    @Test func theSecretComesFromTheSettingsAndIsNeverShown() throws {
        let development = ClientLinkSigner(settings: SettleSettings())
        #expect(development.usesDevelopmentSecret && development.publicURL == "http://localhost:8080")
        let settings = try SettleSettings.load(
            flags: [:], environment: ["SETTLE_SECRET": secret, "SETTLE_PUBLIC_URL": "https://pay.example.com/"], file: nil)
        let configured = ClientLinkSigner(settings: settings)
        #expect(!configured.usesDevelopmentSecret && configured.publicURL == "https://pay.example.com")
        #expect(!configured.description.contains(secret) && !String(reflecting: configured).contains(secret))
        let token = configured.token(organisation: "acme", client: "C-1", expires: noon)
        #expect(development.verify(token, now: noon.addingTimeInterval(-1)) == nil)
        #expect(configured.verify(token, now: noon.addingTimeInterval(-1)) != nil)
    }
}
