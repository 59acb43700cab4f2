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

/// The inbound email webhook: replies land on the invoice of the message they answer (else on the
/// client with the sender's address) and on the worklist; a bounce marks the address, makes a task
/// and stops later email to it; a wrong secret changes nothing.
@Suite struct InboundEmailTests {
    static let secret = "inbound-secret-0123456789"
    static let path = "/inbound/email/default"

    @Test func deliveryStatusNotifications() throws {
        let bounce = try #require(DeliveryStatusNotification(sender: "MAILER-DAEMON@mx.example", subject: "Undelivered Mail Returned to Sender",
                                                             text: "Reporting-MTA: dns; mx.example\n\nFinal-Recipient: rfc822; ap@acme.example\n"
                                                                + "Action: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 user unknown\n"))
        #expect(bounce.recipient == "ap@acme.example" && bounce.permanent && bounce.reason == "status 5.1.1: 550 5.1.1 user unknown")
        let delay = try #require(DeliveryStatusNotification(sender: "postmaster@mx.example", subject: "Delivery Status Notification (Delay)",
                                                            text: "Final-Recipient: rfc822;ap@acme.example\nStatus: 4.4.7\n"))
        #expect(!delay.permanent)
        #expect(DeliveryStatusNotification(sender: "ap@acme.example", subject: "Re: Invoice D-1", text: "Status: paid tomorrow") == nil)
    }

    @Test(arguments: TestEngine.available)
    func repliesBouncesAndTheSecret(engine: TestEngine) async throws {
        try await withServer(engine, inbound: InboundSettings(emailSecret: Secret(Self.secret))) { client, settle in
            _ = try await settle.applyPolicy("""
                name: mails
                stages:
                  - {id: late, offset: 20, actions: [email], tone: polite}
                  - {id: later, offset: 35, actions: [email], tone: firm}

                """, file: "mails.yaml")
            try await settle.assignPolicy("mails", client: "D-ACME")
            _ = try await settle.subscribeWebhook(url: "https://hooks.example/settle", events: ["reply.received"], secret: nil)
            _ = try await at(settle, "2024-04-02T08:00:00Z").collect(dryRun: false)
            let first = try await at(settle, "2024-04-02T09:00:00Z").deliver(couriers: [AcceptingCourier(channel: .email)])
            let sent = try #require(first.lines.first { $0.status == .sent && $0.channel == .email })
            let messageID = AcceptingCourier.messageID(key: sent.key)

            func email(_ fields: [String: Any], secret: String? = Self.secret) async throws -> (HTTPResponse.Status, [String: Any]) {
                var headers: HTTPFields = [.contentType: "application/json"]
                if let secret { headers[.authorization] = "Bearer \(secret)" }
                let body = try JSONSerialization.data(withJSONObject: fields)
                let response = try await client.execute(uri: Self.path, method: .post, headers: headers, body: ByteBuffer(bytes: body))
                return (response.status, json(response.body))
            }
            let answer: [String: Any] = ["from": "Acme AP <ap@acme.example>", "to": "billing@default.example", "subject": "Re: Invoice D-1",
                                         "text": "We paid this yesterday, please check.", "message_id": "<r1@acme.example>",
                                         "in_reply_to": messageID, "references": [messageID]]

            for secret in ["wrong-secret-0123456789", nil] {
                #expect(try await email(answer, secret: secret).0 == .unauthorized)
            }
            #expect(try await rows("replies", settle) == 0)

            let (status, body) = try await email(answer)
            #expect(status == .accepted && body["outcome"] as? String == "reply" && body["invoices"] as? [String] == ["D-1"], "\(body)")
            let onInvoice = try await settle.timeline(client: "D-ACME", invoice: "D-1").filter { $0.kind == "reply" }
            #expect(onInvoice.count == 1 && onInvoice.first?.summary.contains("Re: Invoice D-1") == true
                    && onInvoice.first?.detail.contains("We paid this yesterday") == true && onInvoice.first?.invoice == "D-1")
            #expect(try await settle.tasks(dueBy: nil).contains { $0.kind == .reply && $0.invoice == "D-1" })
            // Delivered twice by the provider: recorded once.
            _ = try await email(answer)
            #expect(try await rows("replies", settle) == 1)
            // Each reply is one reply.received event for the subscriber.
            #expect(try await rows("webhook_deliveries", settle) == 1)

            // Matched only by the sender's address: on the client, not on an invoice.
            let (_, loose) = try await email(["from": "AP@acme.example", "subject": "Question", "text": "Who do we pay?",
                                              "message_id": "<r2@acme.example>"])
            #expect(loose["outcome"] as? String == "reply" && loose["clients"] as? [String] == ["D-ACME"] && loose["invoices"] as? [String] == [])
            #expect(try await settle.timeline(client: "D-ACME", invoice: nil).contains { $0.kind == "reply" && $0.summary.contains("Question") })
            #expect(try await settle.timeline(client: "D-ACME", invoice: "D-1").filter { $0.kind == "reply" }.count == 1)
            #expect(try await settle.tasks(dueBy: nil).filter { $0.kind == .reply }.count == 2)
            #expect(try await rows("webhook_deliveries", settle) == 2)

            let (_, stranger) = try await email(["from": "someone@else.example", "subject": "Hi", "text": "hello", "message_id": "<r3@x>"])
            #expect(stranger["outcome"] as? String == "unknown_sender")
            #expect(try await rows("replies", settle) == 2)

            // A bounce: the address is marked, a task names it, and the next email to it is not sent.
            let (_, bounced) = try await email([
                "from": "MAILER-DAEMON@mx.acme.example", "subject": "Undelivered Mail Returned to Sender",
                "text": "This is the mail system.\n\nFinal-Recipient: rfc822; ap@acme.example\nAction: failed\nStatus: 5.1.1\n"
                    + "Diagnostic-Code: smtp; 550 5.1.1 <ap@acme.example>: Recipient address rejected\n",
                "message_id": "<bounce1@mx.acme.example>", "in_reply_to": messageID])
            #expect(bounced["outcome"] as? String == "bounce" && bounced["address"] as? String == "ap@acme.example", "\(bounced)")
            // Only in this organisation: the other one has a contact at the same address.
            let marked = try await settle.database.sql.raw("""
                SELECT o.slug, c.bounced_day FROM contacts c JOIN organisations o ON o.id = c.org_id
                WHERE c.email = 'ap@acme.example' ORDER BY o.slug
                """).all().map { (try $0.decode(column: "slug", as: String.self), try $0.decode(column: "bounced_day", as: String?.self)) }
            #expect(marked.map(\.0) == ["default", "other"] && marked.map(\.1) == ["2024-03-31", nil])
            let task = try #require(try await settle.tasks(dueBy: nil).first { $0.kind == .bounce })
            #expect(task.client == "D-ACME" && task.reason.contains("ap@acme.example") && task.reason.contains("5.1.1"))
            #expect(try await rows("replies", settle) == 2, "a bounce is not a reply")

            _ = try await at(settle, "2024-04-08T08:00:00Z").collect(dryRun: false)
            let week = try await at(settle, "2024-04-08T09:00:00Z").deliver(couriers: [AcceptingCourier(channel: .email)])
            #expect(week.count(.sent) == 0)
            let held = try #require(week.lines.first { $0.channel == .email })
            #expect(held.status == .cancelled && held.detail.contains("ap@acme.example bounced on 2024-03-31"), "\(held)")
        }
    }
}
