import Foundation
import Hummingbird
import SettleApp
import SettleCore
import SettleStore

/// What a person does to one invoice from the worklist or the invoice's page: a new promise after
/// a broken one, resolving a dispute (collectors and up); a credit note or a write-off (admins);
/// the invoice's PDF (everyone signed in).
struct InvoiceActions {
    let user: WebApp.SignedIn
    let pages: WebPages
    let frame: [String: Any]

    struct Form: Decodable {
        var csrf: String?
        var back: String?
        var date: String?
        var note: String?
        var outcome: String?
        var credit: String?
        var amount: String?
        var reason: String?
    }

    /// Runs `act`; on success goes back to the worklist or the invoice's page with a notice, on a
    /// refusal shows the problem there (422), nothing written.
    func act(_ number: String, form: Form, permission: Permission, _ act: () async throws -> String) async throws -> Response {
        try WebForm.requireToken(form.csrf, user)
        guard user.session.user.role.may(permission) else { throw HTTPError(.forbidden, message: "your role may not do this") }
        do { _ = try await user.settle.invoiceDetail(number) } catch StoreError.unknownInvoice {
            throw HTTPError(.notFound, message: "no invoice \(number)")
        }
        let toWorklist = form.back == "worklist"
        do {
            let done = try await act()
            let location = toWorklist ? "/app/worklist?done=\(done)" : "/app/invoices/\(ClientPages.pathComponent(number))?done=\(done)"
            return Response(status: .seeOther, headers: [.location: location])
        } catch {
            guard let problem = ClientActions.problem(error) else { throw error }
            let text = "Invoice \(number): \(problem)"
            if toWorklist { return try await Worklist(user: user).page(pages, frame: frame, problem: text, status: .unprocessableContent) }
            return try await InvoicePages(user: user).page(number, pages, frame: frame, problem: text, status: .unprocessableContent)
        }
    }

    func promise(_ number: String, _ form: Form) async throws -> Response {
        try await act(number, form: form, permission: .work) {
            let id = try await user.settle.addPromise(invoice: number, date: try ClientActions.day(form.date, "New promised day"),
                                                      amount: ClientActions.optional(form.amount), note: form.note ?? "")
            return "promise-\(id)"
        }
    }

    func resolveDispute(_ number: String, _ form: Form) async throws -> Response {
        try await act(number, form: form, permission: .work) {
            guard let outcome = form.outcome.flatMap(DisputeOutcome.init(rawValue:)) else { throw InputError("choose an outcome") }
            try await user.settle.resolveDispute(invoice: number, outcome: outcome, credit: ClientActions.optional(form.credit))
            return "dispute"
        }
    }

    func creditNote(_ number: String, _ form: Form) async throws -> Response {
        try await act(number, form: form, permission: .manage) {
            guard let amount = ClientActions.optional(form.amount) else { throw InputError("Credit note: give an amount") }
            guard let reason = ClientActions.optional(form.reason) else { throw InputError("Credit note: give a reason") }
            _ = try await user.settle.addCreditNote(invoice: number, amount: amount, reason: reason)
            return "credit-note"
        }
    }

    func writeOff(_ number: String, _ form: Form) async throws -> Response {
        try await act(number, form: form, permission: .manage) {
            guard let reason = form.reason.flatMap(WriteOffReason.init(rawValue:)) else { throw InputError("Write-off: choose a reason") }
            _ = try await user.settle.writeOff(invoice: number, reason: reason)
            return "write-off"
        }
    }
}

extension WebApp {
    func registerInvoiceActions(on router: Router<BasicRequestContext>) {
        let actions: [(String, @Sendable (InvoiceActions, String, InvoiceActions.Form) async throws -> Response)] = [
            ("promises", { try await $0.promise($1, $2) }), ("dispute/resolve", { try await $0.resolveDispute($1, $2) }),
            ("credit-note", { try await $0.creditNote($1, $2) }), ("write-off", { try await $0.writeOff($1, $2) }),
        ]
        for (name, handler) in actions {
            router.post("/app/invoices/:number/\(name)") { request, context -> Response in
                var request = request
                let form = try await WebForm.read(InvoiceActions.Form.self, from: &request)
                guard let user = try await signedIn(request) else { return redirect("/signin") }
                let number = try context.parameters.require("number")
                return try await handler(InvoiceActions(user: user, pages: pages, frame: frame(user)), number.removingPercentEncoding ?? number, form)
            }
        }
        router.get("/app/invoices/:number/pdf") { request, context -> Response in
            guard let user = try await signedIn(request) else { return redirect("/signin") }
            let number = try context.parameters.require("number")
            let pdf: [UInt8]
            do { pdf = try await user.settle.invoicePDF(number.removingPercentEncoding ?? number) } catch StoreError.unknownInvoice {
                throw HTTPError(.notFound, message: "no invoice \(number)")
            }
            return Self.pdf(pdf, name: "invoice-\(number).pdf")
        }
    }
}
