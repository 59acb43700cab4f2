import Foundation
import Hummingbird
import SettleApp
import SettleCore
import SettleStore

/// The invoices list (by status, client, only overdue) and an invoice's page: its lines, its
/// ledger, and what the policy did and will do (the explain view).
struct InvoicePages {
    let user: WebApp.SignedIn
    static let limit = 200

    func list(_ pages: WebPages, frame: [String: Any], query: [String: String]) async throws -> Response {
        let settle = user.settle
        let today = settle.today(for: try await settle.organisation())
        var filter = InvoiceFilter()
        filter.status = query["status"].flatMap(PaymentStatus.init(rawValue:))
        if query["overdue"] == "1" { filter.overdueAsOf = today }
        filter.limit = Self.limit + 1
        let client = (query["client"] ?? "").trimmingCharacters(in: .whitespaces)
        var problem: String?
        var found: [StoredInvoice] = []
        do {
            found = try await settle.invoices(filter, client: client.isEmpty ? nil : client)
        } catch StoreError.unknownClient {
            problem = "There is no client \(client)."
        }
        let rows: [[String: Any]] = found.prefix(Self.limit).map {
            ["number": $0.invoice.number.value, "path": ClientPages.pathComponent($0.invoice.number.value), "client": $0.invoice.client,
             "due": $0.invoice.dueDate.description, "currency": $0.invoice.currency.code, "total": $0.invoice.total.decimalString,
             "balance": $0.summary.balance.total.decimalString, "status": $0.status.rawValue]
        }
        return pages.render("invoices", title: "Invoices", values: [
            "invoices": rows, "client": client, "overdue": query["overdue"] == "1", "problem": problem as Any,
            "more": found.count > Self.limit, "limit": Self.limit,
            "statuses": PaymentStatus.allCases.map { ["value": $0.rawValue, "selected": $0 == filter.status] },
        ], frame: frame, status: problem == nil ? .ok : .unprocessableContent)
    }

    struct PaymentForm: Decodable {
        var csrf: String?
        var amount: String?
        var date: String?
        var method: String?
        var reference: String?
    }

    /// Records a payment on the invoice from its form (collectors and up, with the session's token);
    /// a bad amount, day or method is shown on the page with what is wrong, and nothing is recorded.
    func recordPayment(_ number: String, form: PaymentForm, pages: WebPages, frame: [String: Any]) async throws -> Response {
        try WebForm.requireToken(form.csrf, user)
        guard user.session.user.role.may(.work) else { throw HTTPError(.forbidden, message: "your role may not record payments") }
        let detail: InvoiceDetail
        do { detail = try await user.settle.invoiceDetail(number) } catch StoreError.unknownInvoice {
            throw HTTPError(.notFound, message: "no invoice \(number)")
        }
        let invoice = detail.stored.invoice
        func refuse(_ problem: String) async throws -> Response {
            try await page(number, pages, frame: frame, problem: problem, given: (form.amount ?? "", form.date ?? ""),
                           status: .unprocessableContent)
        }
        let amount: Money
        do { amount = try Money(parsing: (form.amount ?? "").trimmingCharacters(in: .whitespaces), currency: invoice.currency) } catch {
            return try await refuse("Amount: \(error)")
        }
        guard amount.isPositive else { return try await refuse("Amount: must be more than zero") }
        let day: Day
        do { day = try Day(parsing: form.date ?? "") } catch { return try await refuse("Received on: \(error)") }
        guard let method = form.method.flatMap(PaymentMethod.init(rawValue:)) else { return try await refuse("Method: choose one") }
        do {
            _ = try await user.settle.addPayment(Payment(client: invoice.client, date: day, amount: amount, method: method,
                                                         reference: form.reference ?? "", invoice: invoice.number))
        } catch let error as InputError {
            return try await refuse(error.description)
        }
        return Response(status: .seeOther, headers: [.location: "/app/invoices/\(ClientPages.pathComponent(number))?done=payment"])
    }

    func page(_ number: String, _ pages: WebPages, frame: [String: Any], problem: String? = nil, given: (String, String) = ("", ""),
              done: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let settle = user.settle
        let detail: InvoiceDetail
        do { detail = try await settle.invoiceDetail(number) } catch StoreError.unknownInvoice {
            throw HTTPError(.notFound, message: "no invoice \(number)")
        }
        let invoice = detail.stored.invoice
        let explanation = try await settle.explain(number)
        return pages.render("invoice", title: "Invoice \(number)", values: [
            "number": invoice.number.value, "client": invoice.client, "clientPath": ClientPages.pathComponent(invoice.client),
            "issued": invoice.issueDate.description, "due": invoice.dueDate.description, "status": detail.stored.status.rawValue,
            "balance": detail.stored.summary.balance.total.decimalString, "currency": invoice.currency.code, "description": invoice.description,
            "lines": detail.lines.map { ["description": $0.description, "quantity": $0.quantity.description,
                                         "unitPrice": $0.unitPrice.decimalString, "tax": $0.taxRate.description] },
            "entries": detail.entries.map { ["day": $0.date.description, "kind": $0.kind.rawValue, "amount": $0.amount.decimalString,
                                             "note": $0.note] },
            "policy": explanation.policy, "holds": explanation.holds,
            "plan": explanation.lines.map { ["stage": $0.stage, "day": $0.day.description, "actions": $0.actions, "state": $0.state,
                                             "detail": $0.detail] },
            "mayWork": user.session.user.role.may(.work), "csrf": user.session.csrfToken, "path": ClientPages.pathComponent(number),
            "methods": PaymentMethod.allCases.map(\.rawValue), "problem": problem as Any, "done": Self.notice(done) as Any, "mayManage": user.session.user.role.may(.manage),
            "writeOffReasons": WriteOffReason.allCases.map(\.rawValue), "open": detail.stored.status.isOutstanding,
            "amountGiven": given.0, "dateGiven": given.1.isEmpty ? explanation.asOf.description : given.1,
        ], frame: frame, status: status)
    }

    /// The sentence for a `done` parameter (only these words: the page never shows text from its address).
    static func notice(_ done: String?) -> String? {
        switch done {
        case "payment": "Payment recorded."
        case "credit-note": "Credit note recorded."
        case "write-off": "The balance is written off."
        case "dispute": "Dispute resolved."
        case let done? where done.hasPrefix("promise-"): "Promise recorded."
        default: nil
        }
    }
}
