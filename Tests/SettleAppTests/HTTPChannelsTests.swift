import Foundation
import SettleApp
import SettleCore
import SettleDelivery
import SettleStore
import SettleTestSupport
import Testing

/// Text messages and webhook events through the outbox, to a local server speaking Twilio's
/// documented REST shape and checking webhook signatures with Python's hmac.
/// (The time limit guards against a hang; the whole suite runs in parallel on two cores.)
@Suite(.timeLimit(.minutes(5))) struct HTTPChannelsTests {
    static let policy = """
        name: loud
        stages:
          - {id: nudge, offset: 1, actions: [sms, webhook], tone: polite}

        """
    static let account = "AC0123456789abcdef0123456789abcdef"
    static let token = "tok_secret_1"
    static let secret = "whsec_0123456789abcdef"

    @Test(arguments: TestEngine.available)
    func textsAndWebhookEventsLeaveThroughTheOutbox(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            _ = try await settle.importCSV("clients", clientsHeader + """
                TEXT,Text Ltd,business,,+44 7700 900123,GB,Europe/London,en,net 30
                LAND,Land GmbH,business,land@land.example,,DE,Europe/Berlin,de,net 30

                """)
            _ = try await settle.importCSV("invoices", invoicesHeader + """
                T-1,TEXT,2024-03-01,2024-03-31,GBP,80.00,Parts
                L-1,LAND,2024-03-01,2024-03-31,EUR,90.00,Teile

                """)
            _ = try await settle.applyPolicy(Self.policy, file: "loud.yaml")
            for client in ["TEXT", "LAND"] { try await settle.assignPolicy("loud", client: client) }
            _ = try await reopened(settle, today: "2024-04-01").collect(dryRun: false)

            try await withHTTPTestServer(basicAuth: "\(Self.account):\(Self.token)", webhookSecret: Self.secret) { server, _ in
                let morning = Settle(database: settle.database, organisation: settle.organisationSlug,
                                     time: FixedInstant(try #require(ISO8601DateFormatter().date(from: "2024-04-01T09:00:00Z"))))
                let configured = morning.configuredCouriers(try SettleSettings.load(flags: [:], environment: [
                    "SETTLE_SMS_URL": "twilio://\(Self.account):\(Self.token)@api.twilio.com?from=%2B15005550006&base=\(server.baseURL)",
                    "SETTLE_WEBHOOK_URL": server.baseURL + "/hooks/settle", "SETTLE_WEBHOOK_SECRET": Self.secret,
                ], file: nil))
                let report: DeliveryReport
                do {
                    report = try await morning.deliver(couriers: configured.couriers)
                } catch {
                    await configured.shutdown()  // the HTTP client must be shut down, also when delivery failed
                    throw error
                }
                await configured.shutdown()
                // LAND has no mobile number: its text fails when queued, with a task; its webhook still goes.
                #expect(report.queued == QueueSummary(queued: 3, cancelled: 0, failed: 1))
                #expect(report.count(.sent) == 3)

                let requests = try server.requests()
                let sms = try #require(requests.first { $0.path.hasSuffix("/Messages.json") })
                #expect(sms.path == "/2010-04-01/Accounts/\(Self.account)/Messages.json")
                #expect(sms.form?["To"] == "+447700900123" && sms.form?["From"] == "+15005550006")
                let body = try #require(sms.form?["Body"])
                #expect(body.contains("T-1") && body.hasSuffix("Reply STOP to opt out"), "\(body)")
                let stored = try #require(try await morning.outbox(status: .sent).first { $0.channel == .sms })
                #expect(stored.content == Array(body.utf8), "the stored bytes are the text sent")

                let hooks = requests.filter { $0.path == "/hooks/settle" }
                #expect(hooks.count == 2)
                #expect(hooks.allSatisfy { $0.signatureValid == true }, "signed with the endpoint's secret")
                let event = try #require(hooks.first { $0.body.contains("T-1") })
                let json = try #require(try JSONSerialization.jsonObject(with: Data(event.bodyBytes)) as? [String: Any])
                #expect(json["type"] as? String == "collections.stage_reached")
                #expect(json["stage"] as? String == "nudge" && json["client"] as? String == "TEXT")
                let invoice = try #require((json["invoices"] as? [[String: Any]])?.first)
                #expect(invoice["balance"] as? String == "80.00" && invoice["days_overdue"] as? Int == 1)
                #expect(event.header("Settle-Event-Id") == "default/T-1/nudge/1/webhook")

                let tasks = try await morning.tasks(dueBy: nil).filter { $0.kind == .delivery }
                #expect(tasks.map(\.client) == ["LAND"])
            }
        }
    }
}
