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

/// One request per operation of the API: the path of a resource of an organisation (given its
/// letter prefix and ids), the body, and the permission the operation needs.
struct Probe: Sendable {
    var operation: String
    var method: HTTPRequest.Method
    /// The path template, as in openapi.yaml.
    var template: String
    var needs: Permission
    /// Whether the path names a resource of the organisation (another organisation's is a 404).
    var scoped: Bool
    var path: @Sendable (_ prefix: String, _ ids: APIBookIDs) -> String
    var body: @Sendable (_ prefix: String) -> String? = { _ in nil }
    var contentType = "application/json"
}

/// The operations issue 6 names, written here so that one missing from the served document fails.
let namedOperations: Set<String> = [
    "listClients", "getClient", "listContacts", "addContact", "pauseClient", "setHardship", "optOutClient", "ceaseClient",
    "listInvoices", "getInvoice", "writeOffInvoice", "recordPayment", "reversePayment", "getPayment", "listClientPayments",
    "applyCredit", "addCreditNote", "listPolicies", "getPolicy", "savePolicy", "assignPolicy", "listTemplates", "saveTemplate",
    "previewTemplate", "createPromise", "openDispute", "resolveDispute", "listPlans", "createPlan", "cancelPlan", "createNote",
    "listTasks", "completeTask", "listApprovals", "approveEscalation", "rejectEscalation", "listCases", "setCaseStatus", "exportCase",
    "listActions", "listMessages", "getMessage", "getTimeline", "listBankAccounts", "addBankAccount", "importStatement",
    "listReconciliation", "matchStatementEntry", "ignoreStatementEntry", "undoStatementEntry", "getAging", "calculateInterest",
    "collect", "simulate", "explainInvoice", "listWebhooks", "createWebhook", "disableWebhook", "listWebhookDeliveries",
]

let probes: [Probe] = [
    Probe(operation: "listClients", method: .get, template: "/clients", needs: .read, scoped: false) { _, _ in "/clients" },
    Probe(operation: "getClient", method: .get, template: "/clients/{code}", needs: .read, scoped: true) { p, _ in "/clients/\(p)-ACME" },
    Probe(operation: "listContacts", method: .get, template: "/clients/{code}/contacts", needs: .read, scoped: true) { p, _ in
        "/clients/\(p)-ACME/contacts"
    },
    Probe(operation: "addContact", method: .post, template: "/clients/{code}/contacts", needs: .work, scoped: true,
          path: { p, _ in "/clients/\(p)-ACME/contacts" }, body: { _ in #"{"name":"Bo","email":"bo@acme.example","role":"accounts_payable"}"# }),
    Probe(operation: "pauseClient", method: .post, template: "/clients/{code}/pause", needs: .work, scoped: true,
          path: { p, _ in "/clients/\(p)-ACME/pause" }, body: { _ in #"{"until":"2024-04-10","note":"on holiday"}"# }),
    Probe(operation: "setHardship", method: .post, template: "/clients/{code}/hardship", needs: .work, scoped: true,
          path: { p, _ in "/clients/\(p)-ACME/hardship" }, body: { _ in #"{"until":"2024-05-31"}"# }),
    Probe(operation: "optOutClient", method: .post, template: "/clients/{code}/opt-out", needs: .work, scoped: true,
          path: { p, _ in "/clients/\(p)-ACME/opt-out" }, body: { _ in #"{"channel":"sms"}"# }),
    Probe(operation: "ceaseClient", method: .post, template: "/clients/{code}/cease", needs: .work, scoped: true,
          path: { p, _ in "/clients/\(p)-ACME/cease" }, body: { _ in #"{"note":"by letter"}"# }),
    Probe(operation: "applyCredit", method: .post, template: "/clients/{code}/apply-credit", needs: .work, scoped: true) { p, _ in
        "/clients/\(p)-ACME/apply-credit"
    },
    Probe(operation: "listClientPayments", method: .get, template: "/clients/{code}/payments", needs: .read, scoped: true) { p, _ in
        "/clients/\(p)-ACME/payments"
    },
    Probe(operation: "getTimeline", method: .get, template: "/clients/{code}/timeline", needs: .read, scoped: true) { p, _ in
        "/clients/\(p)-ACME/timeline"
    },
    Probe(operation: "listInvoices", method: .get, template: "/invoices", needs: .read, scoped: false) { _, _ in "/invoices" },
    Probe(operation: "getInvoice", method: .get, template: "/invoices/{number}", needs: .read, scoped: true) { p, _ in "/invoices/\(p)-1" },
    Probe(operation: "explainInvoice", method: .get, template: "/invoices/{number}/explain", needs: .read, scoped: true) { p, _ in
        "/invoices/\(p)-1/explain"
    },
    Probe(operation: "createPromise", method: .post, template: "/invoices/{number}/promises", needs: .work, scoped: true,
          path: { p, _ in "/invoices/\(p)-1/promises" }, body: { _ in #"{"date":"2024-04-12"}"# }),
    Probe(operation: "openDispute", method: .post, template: "/invoices/{number}/dispute", needs: .work, scoped: true,
          path: { p, _ in "/invoices/\(p)-OLD1/dispute" }, body: { _ in #"{"reason":"quality"}"# }),
    Probe(operation: "resolveDispute", method: .post, template: "/invoices/{number}/dispute/resolve", needs: .work, scoped: true,
          path: { p, _ in "/invoices/\(p)-OLD1/dispute/resolve" }, body: { _ in #"{"outcome":"rejected"}"# }),
    Probe(operation: "addCreditNote", method: .post, template: "/invoices/{number}/credit-notes", needs: .manage, scoped: true,
          path: { p, _ in "/invoices/\(p)-OLD2/credit-notes" }, body: { _ in #"{"amount":"10.00","reason":"discount agreed"}"# }),
    Probe(operation: "writeOffInvoice", method: .post, template: "/invoices/{number}/write-off", needs: .manage, scoped: true,
          path: { p, _ in "/invoices/\(p)-OLD2/write-off" }, body: { _ in #"{"reason":"goodwill"}"# }),
    Probe(operation: "recordPayment", method: .post, template: "/payments", needs: .work, scoped: false, path: { _, _ in "/payments" },
          body: { p in #"{"client":"\#(p)-ACME","date":"2024-03-31","currency":"EUR","amount":"5.00","method":"card"}"# }),
    Probe(operation: "getPayment", method: .get, template: "/payments/{id}", needs: .read, scoped: true) { _, ids in "/payments/\(ids.payment)" },
    Probe(operation: "reversePayment", method: .post, template: "/payments/{id}/reverse", needs: .work, scoped: true,
          path: { _, ids in "/payments/\(ids.payment)/reverse" }, body: { _ in #"{"reason":"mistake"}"# }),
    Probe(operation: "getAging", method: .get, template: "/reports/aging", needs: .read, scoped: false) { _, _ in "/reports/aging" },
    Probe(operation: "getAgingInvoices", method: .get, template: "/reports/aging/invoices", needs: .read, scoped: false) { _, _ in
        "/reports/aging/invoices"
    },
    Probe(operation: "getMetrics", method: .get, template: "/reports/metrics", needs: .read, scoped: false) { _, _ in
        "/reports/metrics?from=2024-01-01&to=2024-03-31"
    },
    Probe(operation: "getPromiseReport", method: .get, template: "/reports/promises", needs: .read, scoped: false) { _, _ in
        "/reports/promises?from=2024-01-01&to=2024-03-31"
    },
    Probe(operation: "getClientBehaviour", method: .get, template: "/reports/clients", needs: .read, scoped: false) { _, _ in "/reports/clients" },
    Probe(operation: "getForecast", method: .get, template: "/reports/forecast", needs: .read, scoped: false) { _, _ in "/reports/forecast" },
    Probe(operation: "getForecastBacktest", method: .get, template: "/reports/forecast/backtest", needs: .read, scoped: false) { _, _ in
        "/reports/forecast/backtest?from=2023-12-01"
    },
    Probe(operation: "getEffectiveness", method: .get, template: "/reports/effectiveness", needs: .read, scoped: false) { _, _ in
        "/reports/effectiveness?from=2024-01-01&to=2024-12-31"
    },
    Probe(operation: "listReconciliation", method: .get, template: "/reconciliation", needs: .read, scoped: false) { _, _ in "/reconciliation" },
    Probe(operation: "ignoreStatementEntry", method: .post, template: "/reconciliation/{entry}/ignore", needs: .work, scoped: true,
          path: { _, ids in "/reconciliation/\(ids.statementEntry)/ignore" }, body: { _ in #"{"reason":"not a client"}"# }),
    Probe(operation: "undoStatementEntry", method: .post, template: "/reconciliation/{entry}/undo", needs: .work, scoped: true) { _, ids in
        "/reconciliation/\(ids.statementEntry)/undo"
    },
    Probe(operation: "matchStatementEntry", method: .post, template: "/reconciliation/{entry}/match", needs: .work, scoped: true,
          path: { _, ids in "/reconciliation/\(ids.statementEntry)/match" }, body: { p in #"{"invoices":["\#(p)-1"]}"# }),
    Probe(operation: "listTasks", method: .get, template: "/tasks", needs: .read, scoped: false) { _, _ in "/tasks" },
    Probe(operation: "completeTask", method: .post, template: "/tasks/{id}/complete", needs: .work, scoped: true,
          path: { _, ids in "/tasks/\(ids.task)/complete" }, body: { _ in #"{"outcome":"done"}"# }),
    Probe(operation: "createNote", method: .post, template: "/notes", needs: .work, scoped: false, path: { _, _ in "/notes" },
          body: { p in #"{"client":"\#(p)-ACME","text":"called, will pay"}"# }),
    Probe(operation: "listPlans", method: .get, template: "/plans", needs: .read, scoped: false) { _, _ in "/plans" },
    Probe(operation: "createPlan", method: .post, template: "/plans", needs: .work, scoped: false, path: { _, _ in "/plans" },
          body: { p in #"{"client":"\#(p)-ACME","invoices":["\#(p)-OLD3"],"instalments":3,"every":"month","start":"2024-04-30"}"# }),
    Probe(operation: "cancelPlan", method: .post, template: "/plans/{id}/cancel", needs: .work, scoped: true) { _, ids in "/plans/\(ids.plan)/cancel" },
    Probe(operation: "listApprovals", method: .get, template: "/approvals", needs: .read, scoped: false) { _, _ in "/approvals" },
    Probe(operation: "approveEscalation", method: .post, template: "/approvals/{id}/approve", needs: .manage, scoped: true,
          path: { _, ids in "/approvals/\(ids.approvals[0])/approve" }, body: { _ in #"{"kind":"legal"}"# }),
    Probe(operation: "rejectEscalation", method: .post, template: "/approvals/{id}/reject", needs: .manage, scoped: true,
          path: { _, ids in "/approvals/\(ids.approvals[1])/reject" }, body: { _ in #"{"note":"we keep talking"}"# }),
    Probe(operation: "listCases", method: .get, template: "/cases", needs: .read, scoped: false) { _, _ in "/cases" },
    Probe(operation: "setCaseStatus", method: .post, template: "/cases/{id}/status", needs: .manage, scoped: true,
          path: { _, ids in "/cases/\(ids.escalationCase)/status" }, body: { _ in #"{"status":"with_agency"}"# }),
    Probe(operation: "exportCase", method: .get, template: "/cases/{id}/export", needs: .manage, scoped: true) { _, ids in
        "/cases/\(ids.escalationCase)/export"
    },
    Probe(operation: "listActions", method: .get, template: "/actions", needs: .read, scoped: false) { _, _ in "/actions" },
    Probe(operation: "listMessages", method: .get, template: "/messages", needs: .read, scoped: false) { _, _ in "/messages" },
    Probe(operation: "getMessage", method: .get, template: "/messages/{id}", needs: .read, scoped: true) { _, ids in "/messages/\(ids.message)" },
    Probe(operation: "listPolicies", method: .get, template: "/policies", needs: .read, scoped: false) { _, _ in "/policies" },
    Probe(operation: "getPolicy", method: .get, template: "/policies/{name}", needs: .read, scoped: false) { _, _ in "/policies/standard" },
    Probe(operation: "savePolicy", method: .put, template: "/policies/{name}", needs: .manage, scoped: false, path: { _, _ in "/policies/gentle" },
          body: { _ in #"{"source":"name: gentle\nstages:\n  - id: first\n    offset: 5\n    actions: [email]\n    tone: polite\n    template: reminder\n"}"# }),
    Probe(operation: "assignPolicy", method: .post, template: "/policies/{name}/assign", needs: .manage, scoped: false,
          path: { _, _ in "/policies/standard/assign" }, body: { p in #"{"client":"\#(p)-ACME"}"# }),
    Probe(operation: "listTemplates", method: .get, template: "/templates", needs: .read, scoped: false) { _, _ in "/templates" },
    Probe(operation: "saveTemplate", method: .put, template: "/templates/{name}/{language}/{tone}", needs: .manage, scoped: false,
          path: { _, _ in "/templates/nudge/en/polite" }, body: { _ in #"{"subject":"About {{invoice.number}}","text":"Please pay {{invoice.number}}.","html":"<p>Please pay {{invoice.number}}.</p>"}"# }),
    Probe(operation: "previewTemplate", method: .post, template: "/templates/{name}/preview", needs: .read, scoped: false,
          path: { _, _ in "/templates/reminder/preview" }, body: { p in #"{"tone":"polite","invoices":["\#(p)-1"]}"# }),
    Probe(operation: "listBankAccounts", method: .get, template: "/bank-accounts", needs: .read, scoped: false) { _, _ in "/bank-accounts" },
    Probe(operation: "addBankAccount", method: .post, template: "/bank-accounts", needs: .manage, scoped: false,
          path: { _, _ in "/bank-accounts" }, body: { _ in #"{"iban":"FR1420041010050500013M02606","currency":"EUR","name":"Second"}"# }),
    Probe(operation: "importStatement", method: .post, template: "/statements", needs: .manage, scoped: false,
          path: { _, _ in "/statements?format=mt940&file=upload.sta" },
          body: { p in
              let account = p == "D" ? "DE89370400440532013000" : "GB33BUKB20201555555555"
              return ":20:STMT\r\n:25:\(account)\r\n:28C:1/1\r\n:60F:C240330EUR0,00\r\n:61:2403310331C12,00NTRFNONREF\r\n:86:thanks\r\n:62F:C240331EUR12,00\r\n"
          }, contentType: "application/octet-stream"),
    Probe(operation: "calculateInterest", method: .get, template: "/interest", needs: .read, scoped: false) { _, _ in
        "/interest?amount=1000.00&currency=EUR&due=2024-01-01&until=2024-03-31&regime=contract:8"
    },
    Probe(operation: "collect", method: .post, template: "/collect", needs: .manage, scoped: false) { _, _ in "/collect" },
    Probe(operation: "simulate", method: .get, template: "/simulate", needs: .read, scoped: false) { _, _ in "/simulate?days=3" },
    Probe(operation: "listWebhooks", method: .get, template: "/webhooks", needs: .manage, scoped: false) { _, _ in "/webhooks" },
    Probe(operation: "createWebhook", method: .post, template: "/webhooks", needs: .manage, scoped: false, path: { _, _ in "/webhooks" },
          body: { _ in #"{"url":"https://erp.example/hooks","events":["payment.received","dispute.opened"]}"# }),
    Probe(operation: "listWebhookDeliveries", method: .get, template: "/webhooks/{id}/deliveries", needs: .manage, scoped: true) { _, ids in
        "/webhooks/\(ids.webhook)/deliveries"
    },
    Probe(operation: "disableWebhook", method: .delete, template: "/webhooks/{id}", needs: .manage, scoped: true) { _, ids in
        "/webhooks/\(ids.webhook)"
    },
]

/// The operations of the served document: id, method and path template.
func servedOperations(_ yaml: String) -> [(operation: String, method: String, template: String)] {
    var found: [(String, String, String)] = []
    var path = "", method = ""
    for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.hasPrefix("components:") { break }
        if line.hasPrefix("  /"), line.hasSuffix(":") { path = String(line.dropFirst(2).dropLast()) }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if line.hasPrefix("    "), !line.hasPrefix("     "), ["get:", "post:", "put:", "delete:", "patch:"].contains(trimmed) {
            method = String(trimmed.dropLast())
        }
        if trimmed.hasPrefix("operationId:") {
            found.append((trimmed.dropFirst("operationId:".count).trimmingCharacters(in: .whitespaces), method, path))
        }
    }
    return found
}

@Suite struct AuthorizationMatrixTests {
    /// Every operation of the served document has a probe here, and every operation the issue
    /// names is served.
    @Test func everyServedOperationIsProbedAndEveryNamedOneServed() async throws {
        try await withServer(.sqlite) { client, _ in
            var yaml = ""
            try await client.execute(uri: "/api/openapi.yaml", method: .get) { yaml = String(buffer: $0.body) }
            let served = servedOperations(yaml)
            #expect(served.count > 50)
            let probed = Dictionary(uniqueKeysWithValues: probes.map { ($0.operation, $0) })
            for operation in served {
                guard let probe = probed[operation.operation] else {
                    Issue.record("\(operation.operation) is served but has no probe in the matrix")
                    continue
                }
                #expect(probe.method.rawValue.lowercased() == operation.method && probe.template == operation.template,
                        "\(operation.operation): served as \(operation.method) \(operation.template)")
            }
            let servedIDs = Set(served.map(\.operation))
            #expect(namedOperations.subtracting(servedIDs).isEmpty, "not served: \(namedOperations.subtracting(servedIDs).sorted())")
            #expect(Set(probed.keys).subtracting(servedIDs).isEmpty, "probed but not served: \(Set(probed.keys).subtracting(servedIDs).sorted())")
        }
    }

    /// For every role (each on a fresh book): each operation on a resource of the caller's own
    /// organisation answers 2xx when the role may and 403 when it may not; on another
    /// organisation's resource 404 whatever the role; without a key or with a wrong one 401.
    @Test(arguments: TestEngine.available, Role.allCases)
    func everyOperationForEveryRole(engine: TestEngine, role: Role) async throws {
        try await withServer(engine) { client, settle in
            let ids = try await fillAPIBook(settle)
            let own = ids["default"]!, other = ids["other"]!
            for probe in probes {
                func send(_ path: String, key: String?, prefix: String) async throws -> (HTTPResponse.Status, String) {
                    var headers: HTTPFields = [.contentType: probe.contentType]
                    if let key { headers[.authorization] = "Bearer \(key)" }
                    return try await client.execute(uri: "/api/v1" + path, method: probe.method, headers: headers,
                                                    body: probe.body(prefix).map { ByteBuffer(string: $0) }) {
                        ($0.status, String(buffer: $0.body))
                    }
                }
                let key = "KEY-default-\(role.rawValue)"
                for wrong in [nil, "KEY-default-nobody"] {
                    let (status, _) = try await send(probe.path("D", own), key: wrong, prefix: "D")
                    #expect(status == .unauthorized, "\(probe.operation) without a valid key: \(status)")
                }
                if probe.scoped {
                    let (status, body) = try await send(probe.path("O", other), key: key, prefix: "O")
                    #expect(status == .notFound, "\(role) \(probe.operation) on another organisation's resource: \(status) \(body)")
                }
                let (status, body) = try await send(probe.path("D", own), key: key, prefix: "D")
                if role.may(probe.needs) {
                    #expect((200..<300).contains(status.code), "\(role) \(probe.operation): \(status) \(body)")
                } else {
                    #expect(status == .forbidden, "\(role) \(probe.operation): \(status) \(body)")
                }
                if probe.method == .get && !probe.scoped {
                    let (_, seen) = try await send(probe.path("O", other), key: "KEY-other-\(role.rawValue)", prefix: "O")
                    #expect(!seen.contains("D-ACME") && !seen.contains("D-OLD"), "\(probe.operation) shows another organisation's data")
                }
            }
        }
    }
}
