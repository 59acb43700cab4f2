import Foundation
import Testing

@testable import SettleDelivery
import SettleTestSupport

/// Sends real messages to a real SMTP server (aiosmtpd) and checks what it received.
@Suite(.timeLimit(.minutes(5))) struct SMTPLiveTests {
    struct Setup: CustomTestStringConvertible, Sendable {
        var mode: SMTPTestServer.Mode
        var auth: String
        var testDescription: String { "\(mode.rawValue) + AUTH \(auth)" }
    }

    static let setups = SMTPTestServer.Mode.allCases.flatMap { mode in
        ["PLAIN", "LOGIN"].map { Setup(mode: mode, auth: $0) }
    }

    private func sender(_ server: SMTPTestServer, extra: [String] = [], sleeps: DelayLog? = nil) throws -> SMTPSender {
        SMTPSender(
            configuration: try SMTPConfiguration(url: server.url(extra: extra)),
            retryPolicy: SMTPRetryPolicy(maximumAttempts: 3, baseDelay: .seconds(1)),
            now: { EmailFixtures.date },
            sleep: { delay in await sleeps?.record(delay) })
    }

    @Test(arguments: setups)
    func batchArrivesIntactOverOneConnection(_ setup: Setup) async throws {
        try await withSMTPTestServer(setup.mode, auth: setup.auth) { server in
            let extra = setup.mode == .starttls ? ["starttls=required"] : []
            let messages = (1...3).map { EmailFixtures.message(key: "acme/INV-\($0)/stage-1/1", to: "kunde\($0)@example.test") }
            let outcomes = await try sender(server, extra: extra).send(messages)
            #expect(outcomes == Array(repeating: .delivered(attempts: 1), count: 3))

            let received = try server.receivedMessages()
            try #require(received.count == 3)
            #expect(Set(received.map(\.connection)).count == 1, "one connection for the batch")
            #expect(received.allSatisfy { $0.authMechanism == setup.auth })
            #expect(received.allSatisfy { $0.tls == (setup.mode != .plain) })
            #expect(received.map(\.recipients) == [["kunde1@example.test"], ["kunde2@example.test"], ["kunde3@example.test"]])

            let first = received[0]
            #expect(first.mailFrom == "ar@acme.test")
            #expect(first.headers["From"] == "Acme GmbH – Buchhaltung <ar@acme.test>")
            #expect(first.headers["Reply-To"] == "Acme Accounts <replies+c_42@acme.test>")
            #expect(first.headers["Message-ID"] == MIMEWriter.messageID(of: messages[0]))
            #expect(first.headers["List-Unsubscribe"] == "<\(EmailFixtures.unsubscribeURL)>")
            #expect(first.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click")
            #expect(first.headers["Subject"] == EmailFixtures.subject)

            let text = (first.text ?? "").replacingOccurrences(of: "\r\n", with: "\n")
            #expect(text == EmailFixtures.text)
            #expect(text.components(separatedBy: "\n").contains(EmailFixtures.dotLine))
            #expect(text.components(separatedBy: "\n").contains(EmailFixtures.longLine))
            #expect(EmailFixtures.longLine.count == 2_000)
            #expect(first.html?.replacingOccurrences(of: "\r\n", with: "\n") == messages[0].html)

            let attachment = try #require(first.attachments.first)
            #expect(attachment.filename == "Rechnung-ÄÖÜ-1.pdf")
            #expect(attachment.contentType == "application/pdf")
            #expect(Data(base64Encoded: attachment.base64).map(Array.init) == EmailFixtures.pdf)

            let sent = MIMEWriter().bytes(of: messages[0], date: EmailFixtures.date)
            #expect(Data(base64Encoded: first.rawBase64).map(Array.init) == sent, "the exact bytes arrive")
        }
    }

    @Test func temporaryFailureIsRetriedAndPermanentFailureKeepsTheReply() async throws {
        try await withSMTPTestServer(.starttls) { server in
            let sleeps = DelayLog()
            let messages = [
                EmailFixtures.message(key: "k-tempfail", to: "tempfail@example.test"),
                EmailFixtures.message(key: "k-reject", to: "reject@example.test"),
                EmailFixtures.message(key: "k-fine", to: "fine@example.test"),
            ]
            let outcomes = await try sender(server, sleeps: sleeps).send(messages)
            #expect(outcomes[0] == .delivered(attempts: 2))
            #expect(outcomes[1] == .failed(.permanent(code: 550, reply: "5.1.1 Mailbox unavailable: no such user here"), attempts: 1))
            #expect(outcomes[2] == .delivered(attempts: 1))
            #expect(await sleeps.delays == [.seconds(1)])
            let received = try server.receivedMessages()
            #expect(received.map(\.recipients) == [["tempfail@example.test"], ["fine@example.test"]])
        }
    }

    @Test func backoffDoublesAndGivesUpAfterTheLastAttempt() async throws {
        let policy = SMTPRetryPolicy(maximumAttempts: 4, baseDelay: .seconds(1))
        #expect((1...3).map(policy.delay(afterAttempt:)) == [.seconds(1), .seconds(2), .seconds(4)])
    }

    @Test func certificatesAreVerifiedUnlessTrusted() async throws {
        try await withSMTPTestServer(.tls) { server in
            let untrusted = SMTPConfiguration(host: "localhost", port: server.port, security: .implicitTLS, timeout: .seconds(5))
            let error = await #expect(throws: SMTPError.self) { try await SMTPClient.connect(untrusted) }
            #expect(error?.description.lowercased().contains("certificate") == true, "\(String(describing: error))")
        }
    }

    @Test func requiredSTARTTLSIsNotSkipped() async throws {
        try await withSMTPTestServer(.plain) { server in
            let configuration = try SMTPConfiguration(url: server.url(extra: ["starttls=required"]))
            let error = await #expect(throws: SMTPError.self) { try await SMTPClient.connect(configuration) }
            #expect(error?.description.contains("STARTTLS") == true)
            #expect(try server.receivedMessages().isEmpty)
        }
    }
}

/// Records the backoff delays instead of waiting them out.
actor DelayLog {
    private(set) var delays: [Duration] = []
    func record(_ delay: Duration) { delays.append(delay) }
}
