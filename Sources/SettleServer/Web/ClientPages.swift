import Foundation
import Hummingbird
import SettleApp
import SettleCore
import SettleStore

/// The clients list (search by name or code, country, only overdue) and a client's page: contacts,
/// what is owed invoice by invoice, how they pay with the risk's factors, and the timeline.
struct ClientPages {
    let user: WebApp.SignedIn

    func list(_ pages: WebPages, frame: [String: Any], query: [String: String]) async throws -> Response {
        let search = (query["q"] ?? "").trimmingCharacters(in: .whitespaces)
        let country = (query["country"] ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        let overdueOnly = query["overdue"] == "1"
        let after = query["after"].flatMap { $0.isEmpty ? nil : $0 }
        let stage = (query["stage"] ?? "").trimmingCharacters(in: .whitespaces)
        let risk = query["risk"].flatMap(RiskScore.Level.init(rawValue:))
        let stages = ["none"] + (try await user.settle.policyBook().policies.values.flatMap { $0.stages.map(\.id) })
        let found = try await user.settle.clientList(text: search, country: country, overdueOnly: overdueOnly,
                                                     stage: stage.isEmpty ? nil : stage, risk: risk, after: after)
        let rows: [[String: Any]] = found.clients.map { stored, known in
            let client = stored.client
            let exposure = known?.exposure ?? []
            return ["code": client.code, "path": Self.pathComponent(client.code), "name": client.name, "country": client.country,
                    "owed": Self.amounts(exposure.map(\.open)), "overdueAmount": Self.amounts(exposure.map(\.overdue)),
                    "risk": known.map { String($0.risk.score) } ?? ""]
        }
        var next: String?
        if let last = found.next {
            var items = [URLQueryItem(name: "q", value: search), URLQueryItem(name: "country", value: country), URLQueryItem(name: "after", value: last)]
            if overdueOnly { items.append(URLQueryItem(name: "overdue", value: "1")) }
            if !stage.isEmpty { items.append(URLQueryItem(name: "stage", value: stage)) }
            if let risk { items.append(URLQueryItem(name: "risk", value: risk.rawValue)) }
            var components = URLComponents()
            components.queryItems = items
            next = "/app/clients" + (components.string ?? "")
        }
        return pages.render("clients", title: "Clients", values: [
            "clients": rows, "q": search, "country": country, "overdue": overdueOnly, "next": next as Any, "paged": after != nil,
            "stages": Set(stages).sorted().map { ["value": $0, "selected": $0 == stage] },
            "risks": RiskScore.Level.allCases.map { ["value": $0.rawValue, "selected": $0 == risk] },
        ], frame: frame)
    }

    func page(_ code: String, _ pages: WebPages, frame: [String: Any], problem: String? = nil, done: String? = nil,
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let settle = user.settle
        let stored: StoredClient
        do { stored = try await settle.client(code) } catch StoreError.unknownClient {
            throw HTTPError(.notFound, message: "no client \(code)")
        }
        let client = stored.client
        let today = settle.today(for: try await settle.organisation())
        let open = try await settle.invoices(InvoiceFilter(), client: code).filter { $0.status.isOutstanding }
        let invoices: [[String: Any]] = open.map {
            ["number": $0.invoice.number.value, "path": Self.pathComponent($0.invoice.number.value), "due": $0.invoice.dueDate.description,
             "total": $0.invoice.total.decimalString, "balance": $0.summary.balance.total.decimalString,
             "currency": $0.invoice.currency.code, "status": $0.status.rawValue]
        }
        let behaviour = try await settle.clientBehaviour(client: code).clients.first.map { known -> [String: Any] in
            let risk = known.risk
            return ["invoicesPaid": known.invoicesPaid, "averageDaysLate": known.averageDaysLate?.oneDecimal ?? "n/a",
                    "medianDaysLate": known.medianDaysLate.map(String.init) ?? "n/a",
                    "onTime": known.sharePaidOnTime.map { ($0 * 100).oneDecimal } ?? "n/a", "trend": known.trend.direction.rawValue,
                    "score": risk.score, "level": risk.level.rawValue,
                    "factors": risk.factors.map { ["kind": $0.kind.rawValue, "value": $0.value, "weight": $0.weight, "points": $0.points] }]
        }
        let messages = try await settle.messages(client: code)
        let byID = Dictionary(messages.map { ($0.id, $0) }) { first, _ in first }
        let timeline: [[String: Any]] = try await settle.timeline(client: code, invoice: nil).map { event in
            var row: [String: Any] = ["day": event.day.description, "kind": event.kind, "invoice": event.invoice ?? "",
                                      "summary": event.summary, "detail": event.detail]
            if let id = event.messageID, let message = byID[id] { row["message"] = Self.content(message) }
            return row
        }
        let waiting = messages.filter { [.queued, .held, .sending].contains($0.status) }.map { message -> [String: Any] in
            var row = Self.content(message)
            row["status"] = message.status.rawValue
            row["day"] = message.day.description
            return row
        }
        let unapplied = try await settle.payments(client: code).filter { $0.unapplied.isPositive }.map {
            "\($0.unapplied.decimalString) \($0.unapplied.currency.code) of payment \($0.id) (\($0.payment.date))"
        }
        let holds = try await settle.holds(client: code)
        let role = user.session.user.role
        return pages.render("client", title: client.name, values: [
            "code": client.code, "path": Self.pathComponent(client.code), "name": client.name, "kind": client.kind.rawValue,
            "country": client.country, "timeZone": client.timeZone, "language": client.language,
            "contacts": client.contacts.map { ["name": $0.name, "email": $0.email ?? "", "phone": $0.phone ?? "", "role": $0.role.rawValue] },
            "invoices": invoices, "hasInvoices": !invoices.isEmpty, "behaviour": behaviour as Any, "timeline": timeline,
            "waiting": waiting, "hasWaiting": !waiting.isEmpty, "unapplied": unapplied, "hasUnapplied": !unapplied.isEmpty,
            "pausedUntil": holds.pausedUntil?.description as Any, "hardshipUntil": holds.hardshipUntil?.description as Any,
            "mayWork": role.may(.work), "csrf": user.session.csrfToken, "today": today.description,
            "problem": problem as Any, "done": ClientActions.notice(done) as Any,
            "disputeReasons": DisputeReason.allCases.map(\.rawValue), "frequencies": InstalmentFrequency.allCases.map(\.rawValue),
            "methods": PaymentMethod.allCases.map(\.rawValue), "currency": open.first?.invoice.currency.code ?? "",
        ], frame: frame, status: status)
    }

    /// What a message said: its subject and text as rendered for the client.
    static func content(_ message: StoredMessage) -> [String: Any] {
        ["id": message.id, "channel": message.channel.rawValue, "recipient": message.recipient, "subject": message.subject,
         "text": message.text]
    }

    static func amounts(_ amounts: [Money]) -> String {
        amounts.filter { $0.minorUnits != 0 }.map { "\($0.decimalString) \($0.currency.code)" }.joined(separator: ", ")
    }

    static func pathComponent(_ code: String) -> String {
        code.addingPercentEncoding(withAllowedCharacters: CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#%;"))) ?? code
    }
}
