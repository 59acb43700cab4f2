import Foundation
import SettleTestSupport
import Testing

@testable import SettleDelivery

@Suite struct WebhookSignatureTests {
    static let secret = "whsec_0123456789abcdef"
    static let body = Array(#"{"event":"invoice.reminder_sent","invoice":"R-7"}"#.utf8)
    static let sentAt: Int64 = 1_710_676_800
    static let now = Date(timeIntervalSince1970: 1_710_676_830)

    /// Worked out with Python: hmac.new(secret, b"1710676800." + body, sha256).hexdigest().
    @Test func matchesAnIndependentlyComputedHMAC() {
        let header = WebhookSignature.header(timestamp: Self.sentAt, body: Self.body, secret: Self.secret)
        #expect(header == "v1=" + python(hmacOf: "\(Self.sentAt).", Self.body, secret: Self.secret))
        #expect(header.count == 3 + 64)
    }

    /// The example in docs/sms-and-webhooks.md.
    @Test func documentedExample() {
        let body = Array(#"{"amount":"1234.50","currency":"EUR","invoice":"R-7","type":"invoice.reminder_sent"}"#.utf8)
        #expect(WebhookSignature.header(timestamp: 1_710_676_800, body: body, secret: "whsec_example_0123456789")
            == "v1=75605e99827b5fd8f1ffae4a5604ab969b72e5745e4bd86da629b7993553994c")
    }

    @Test func verifiesWhatItSigned() throws {
        let header = WebhookSignature.header(timestamp: Self.sentAt, body: Self.body, secret: Self.secret)
        try WebhookSignature.verify(signature: header, timestamp: "\(Self.sentAt)", body: Self.body, secret: Self.secret, now: Self.now)
        try WebhookSignature.verify(
            signature: "v1=\(String(repeating: "0", count: 64)), \(header.uppercased().replacingOccurrences(of: "V1=", with: "v1="))",
            timestamp: "\(Self.sentAt)", body: Self.body, secret: Self.secret, now: Self.now)
    }

    @Test func refusesTamperingWrongSecretsAndReplays() {
        let header = WebhookSignature.header(timestamp: Self.sentAt, body: Self.body, secret: Self.secret)
        var tampered = Self.body
        tampered[tampered.count - 3] = UInt8(ascii: "8")
        func failure(_ signature: String? = nil, timestamp: String = "\(Self.sentAt)", body: [UInt8] = Self.body,
                     secret: String = Self.secret, now: Date = Self.now) -> WebhookSignatureError? {
            do {
                try WebhookSignature.verify(signature: signature ?? header, timestamp: timestamp, body: body, secret: secret, now: now)
                return nil
            } catch {
                return error as? WebhookSignatureError
            }
        }
        #expect(failure(body: tampered) == .mismatch)
        #expect(failure(secret: "whsec_another_secret!") == .mismatch)
        #expect(failure(timestamp: "\(Self.sentAt + 1)") == .mismatch, "the timestamp is signed too")
        #expect(failure(now: Self.now.addingTimeInterval(600)) == .timestampOutsideTolerance(secondsOff: 630))
        #expect(failure(now: Date(timeIntervalSince1970: Double(Self.sentAt - 301))) == .timestampOutsideTolerance(secondsOff: 301))
        #expect(failure(timestamp: "yesterday") == .malformedTimestamp)
        #expect(failure("sha256=abc") == .malformedSignature)
        #expect(failure("v1=xyz") == .malformedSignature)
        #expect(failure("v0=" + String(header.dropFirst(3))) == .malformedSignature)
        #expect(failure(String(header.dropLast(2))) == .mismatch)
    }

    /// HMAC-SHA256 in hex, computed by Python's hmac module.
    private func python(hmacOf prefix: String, _ body: [UInt8], secret: String) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import hashlib, hmac, sys
            data = sys.stdin.buffer.read()
            print(hmac.new(sys.argv[1].encode(), data, hashlib.sha256).hexdigest(), end="")
            """, secret]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        do { try process.run() } catch { return "python3 missing: \(error)" }
        input.fileHandleForWriting.write(Data(prefix.utf8) + Data(body))
        try? input.fileHandleForWriting.close()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: printed, as: UTF8.self)
    }
}
