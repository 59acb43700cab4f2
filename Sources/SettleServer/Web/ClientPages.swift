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
        let settle = user.settle
        let search = (query["q"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let country = (query["country"] ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        let overdueOnly = query["overdue"] == "1"
        let behaviour = Dictionary(try await settle.clientBehaviour().clients.map { ($0.client, $0) }) { first, _ in first }
        let rows: [[String: Any]] = try await settle.clients().compactMap { stored in
            let client = stored.client
            guard search.isEmpty || client.code.lowercased().contains(search) || client.name.lowercased().contains(search),
                  country.isEmpty || client.country == country else { return nil }
            let known = behaviour[client.code]
            let exposure = known?.exposure ?? []
            guard !overdueOnly || exposure.contains(where: { $0.overdue.isPositive }) else { return nil }
            return ["code": client.code, "path": Self.pathComponent(client.code), "name": client.name, "country": client.country,
                    "owed": Self.amounts(exposure.map(\.open)), "overdueAmount": Self.amounts(exposure.map(\.overdue)),
                    "risk": known.map { String($0.risk.score) } ?? ""]
        }
        return pages.render("clients", title: "Clients", values: [
            "clients": rows, "q": query["q"] ?? "", "country": country, "overdue": overdueOnly,
        ], frame: frame)
    }

    func page(_ code: String, _ pages: WebPages, frame: [String: Any]) async throws -> Response {
        let settle = user.settle
        let stored: StoredClient
        do { stored = try await settle.client(code) } catch StoreError.unknownClient {
            throw HTTPError(.notFound, message: "no client \(code)")
        }
        let client = stored.client
        let invoices: [[String: Any]] = try await settle.invoices(InvoiceFilter(), client: code).filter { $0.status.isOutstanding }.map {
            ["number": $0.invoice.number.value, "due": $0.invoice.dueDate.description, "total": $0.invoice.total.decimalString,
             "balance": $0.summary.balance.total.decimalString, "status": $0.status.rawValue]
        }
        let behaviour = try await settle.clientBehaviour(client: code).clients.first.map { known -> [String: Any] in
            let risk = known.risk
            return ["invoicesPaid": known.invoicesPaid, "averageDaysLate": known.averageDaysLate?.oneDecimal ?? "n/a",
                    "medianDaysLate": known.medianDaysLate.map(String.init) ?? "n/a",
                    "onTime": known.sharePaidOnTime.map { ($0 * 100).oneDecimal } ?? "n/a", "trend": known.trend.direction.rawValue,
                    "score": risk.score, "level": risk.level.rawValue,
                    "factors": risk.factors.map { ["kind": $0.kind.rawValue, "value": $0.value, "weight": $0.weight, "points": $0.points] }]
        }
        let timeline: [[String: Any]] = try await settle.timeline(client: code, invoice: nil).map {
            ["day": $0.day.description, "kind": $0.kind, "invoice": $0.invoice ?? "", "summary": $0.summary]
        }
        return pages.render("client", title: client.name, values: [
            "code": client.code, "name": client.name, "kind": client.kind.rawValue, "country": client.country, "timeZone": client.timeZone,
            "language": client.language,
            "contacts": client.contacts.map { ["name": $0.name, "email": $0.email ?? "", "phone": $0.phone ?? "", "role": $0.role.rawValue] },
            "invoices": invoices, "behaviour": behaviour as Any, "timeline": timeline,
        ], frame: frame)
    }

    static func amounts(_ amounts: [Money]) -> String {
        amounts.filter { $0.minorUnits != 0 }.map { "\($0.decimalString) \($0.currency.code)" }.joined(separator: ", ")
    }

    static func pathComponent(_ code: String) -> String {
        code.addingPercentEncoding(withAllowedCharacters: CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#%;"))) ?? code
    }
}
