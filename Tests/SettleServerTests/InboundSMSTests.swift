import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SettleApp
import SettleCore
import SettleServer
import SettleStore
import SettleTestSupport
import Testing

/// Twilio's inbound SMS webhook: only a request signed with the auth token counts; STOP stops
/// texts through the real outbox, START brings them back, HELP is answered, anything else is a reply.
@Suite struct InboundSMSTests {
    static let token = "0123456789abcdef0123456789abcdef"
    static let path = "/inbound/sms/default"
    /// What Twilio calls: the public URL (the development default) and the path.
    static let url = "http://localhost:8080" + path

    /// Twilio's documented example of a signed request.
    @Test func twilioDocumentedExample() {
        let parameters = [("CallSid", "CA1234567890ABCDE"), ("Caller", "+12349013030"), ("Digits", "1234"),
                          ("From", "+12349013030"), ("To", "+18005551212")].map { (name: $0.0, value: $0.1) }
        let url = "https://mycompany.com/myapp.php?foo=1&bar=2"
        #expect(TwilioRequestSignature.sign(url: url, parameters: parameters.reversed(), authToken: "12345") == "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")
        #expect(TwilioRequestSignature.isValid("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", url: url, parameters: parameters, authToken: "12345"))
        #expect(!TwilioRequestSignature.isValid("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", url: url + "&x=1", parameters: parameters, authToken: "12345"))
        #expect(!TwilioRequestSignature.isValid(nil, url: url, parameters: parameters, authToken: "12345"))
    }

    @Test func keywordsAreTheWholeText() {
        #expect(TextKeyword(text: " stop ") == .stop && TextKeyword(text: "Unsubscribe.") == .stop && TextKeyword(text: "STOPALL") == .stop)
        #expect(TextKeyword(text: "start") == .start && TextKeyword(text: "UNSTOP") == .start && TextKeyword(text: "info") == .help)
        #expect(TextKeyword(text: "please stop") == nil && TextKeyword(text: "I will pay on Friday") == nil)
    }

    @Test(arguments: TestEngine.available)
    func stopStartHelpAndReplies(engine: TestEngine) async throws {
        try await withServer(engine, inbound: InboundSettings(smsAuthToken: Secret(Self.token))) { client, settle in
            _ = try await settle.importClients(Array("""
                id,name,kind,email,phone,country,time_zone,language,terms
                D-TEXT,Text Ltd,business,,+44 7700 900123,GB,Europe/London,en,net 30

                """.utf8), file: "c.csv", dryRun: false)
            _ = try await settle.importInvoices(Array("""
                number,client,issue_date,due_date,currency,amount,description
                T-1,D-TEXT,2024-03-01,2024-03-31,EUR,80.00,Parts

                """.utf8), file: "i.csv", dryRun: false)
            _ = try await settle.applyPolicy("""
                name: texts
                stages:
                  - {id: first, offset: 1, actions: [sms], tone: polite}
                  - {id: second, offset: 8, actions: [sms], tone: firm}

                """, file: "texts.yaml")
            try await settle.assignPolicy("texts", client: "D-TEXT")
            _ = try await at(settle, "2024-04-01T08:00:00Z").collect(dryRun: false)

            func text(_ body: String, from sender: String = "+447700900123", signature: String?? = nil) async throws -> TestResponse {
                let parameters = [("ToCountry", "GB"), ("SmsMessageSid", "SM\(body.count)"), ("NumMedia", "0"),
                                  ("From", sender), ("To", "+15005550006"), ("Body", body),
                                  ("MessageSid", "SM" + String(body.hashValue.magnitude)), ("AccountSid", "AC0123"), ("ApiVersion", "2010-04-01")]
                var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
                let signed = try signature ?? pythonTwilioSignature(url: Self.url, parameters: parameters, token: Self.token)
                if let signed { headers[.init("X-Twilio-Signature")!] = signed }
                let form = parameters.map { "\($0.0)=\(formEncoded($0.1))" }.joined(separator: "&")
                return try await client.execute(uri: Self.path, method: .post, headers: headers, body: ByteBuffer(string: form))
            }

            // Unsigned, or signed with another token: refused, nothing recorded.
            let forged = try pythonTwilioSignature(url: Self.url, parameters: [("Body", "STOP")], token: "another-token-0123456789")
            for signature in [forged, "", nil] as [String?] {
                let refused = try await text("STOP", signature: .some(signature))
                #expect(refused.status == .forbidden)
            }
            #expect(try await rows("contact_preferences", settle) == 0)
            #expect(try await rows("replies", settle) == 0)

            let stop = try await text("Stop")
            #expect(stop.status == .ok && stop.headers[.contentType]?.hasPrefix("text/xml") == true)
            #expect(String(buffer: stop.body).contains("<Response><Message>You will get no more texts from"), "\(String(buffer: stop.body))")
            let morning = try await at(settle, "2024-04-01T10:00:00Z").deliver(couriers: [AcceptingCourier(channel: .sms)])
            #expect(morning.count(.sent) == 0)
            let cancelled = try #require(morning.lines.first { $0.channel == .sms })
            #expect(cancelled.status == .cancelled && cancelled.detail.contains("opted out of sms"), "\(cancelled)")

            let start = try await text("START")
            #expect(String(buffer: start.body).contains("You will get texts from"))
            _ = try await at(settle, "2024-04-08T08:00:00Z").collect(dryRun: false)
            let week = try await at(settle, "2024-04-08T10:00:00Z").deliver(couriers: [AcceptingCourier(channel: .sms)])
            #expect(week.count(.sent) == 1 && week.lines.first?.recipient == "+447700900123", "\(week.lines)")
            let kinds = try await settle.timeline(client: "D-TEXT", invoice: nil).map(\.kind)
            #expect(kinds.contains("opt_out") && kinds.contains("opt_in"))

            let help = try await text("help")
            #expect(help.status == .ok && String(buffer: help.body).contains("Reply STOP"))

            let reply = try await text("I will pay on Friday, sorry")
            #expect(String(buffer: reply.body) == #"<?xml version="1.0" encoding="UTF-8"?><Response></Response>"#)
            let timeline = try await settle.timeline(client: "D-TEXT", invoice: nil)
            #expect(timeline.contains { $0.kind == "reply" && $0.detail.contains("I will pay on Friday") })
            let task = try #require(try await settle.tasks(dueBy: nil).first { $0.kind == .reply })
            #expect(task.client == "D-TEXT" && task.reason.contains("I will pay on Friday"))

            // A number no client has: answered with nothing, nothing recorded.
            let before = try await rows("replies", settle)
            let stranger = try await text("who is this?", from: "+447700900999")
            #expect(stranger.status == .ok && !String(buffer: stranger.body).contains("<Message>"))
            #expect(try await rows("replies", settle) == before)
        }
    }
}

/// The signature computed apart from the code under test: Python's hmac over the URL and the
/// sorted parameters, as Twilio documents it.
func pythonTwilioSignature(url: String, parameters: [(String, String)], token: String) throws -> String {
    let script = """
        import base64, hashlib, hmac, json, sys
        request = json.load(sys.stdin)
        signed = request["url"] + "".join(name + value for name, value in sorted(request["parameters"]))
        print(base64.b64encode(hmac.new(request["token"].encode(), signed.encode(), hashlib.sha1).digest()).decode())
        """
    let input = try JSONSerialization.data(withJSONObject: ["url": url, "token": token, "parameters": parameters.map { [$0.0, $0.1] }])
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script]
    let stdin = Pipe(), stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    try process.run()
    stdin.fileHandleForWriting.write(input)
    try stdin.fileHandleForWriting.close()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw InputError("python3 could not compute the signature") }
    return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}

/// A form value, percent-encoded as a browser or Twilio would.
func formEncoded(_ value: String) -> String {
    value.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"))!
        .replacingOccurrences(of: "%20", with: "+")
}
