import Foundation
import Hummingbird
import SettleApp
import SettleCore
import SettleStore

/// What a person does from a client's page (collectors and up): a promise, a dispute, a plan, a
/// note, a pause or hardship; the statement PDF. Every form carries the session's token; a refused
/// request is shown on the client's page with what is wrong (422) and writes nothing.
struct ClientActions {
    let user: WebApp.SignedIn
    let pages: WebPages
    let frame: [String: Any]

    struct Form: Decodable {
        var csrf: String?
        var invoice: String?
        var date: String?
        var amount: String?
        var note: String?
        var reason: String?
        var text: String?
        var invoices: String?
        var instalments: String?
        var every: String?
        var start: String?
        var down: String?
        var waive_fees: String?
        var kind: String?
        var until: String?
        var currency: String?
        var method: String?
    }

    /// The problem a use case's refusal names, in words for the page.
    static func problem(_ error: any Error) -> String? {
        switch error {
        case let error as InputError: error.description
        case let error as DayError: "the day \(error)"
        case let error as MoneyError: "the amount: \(error)"
        case StoreError.unknownInvoice(let number): "there is no invoice \(number)"
        default: nil
        }
    }

    /// Runs `act` for the client's page: redirects to the page with `done` on success, shows the
    /// problem on the page otherwise.
    func act(_ code: String, form: Form, done: String, _ act: () async throws -> Void) async throws -> Response {
        try WebForm.requireToken(form.csrf, user)
        guard user.session.user.role.may(.work) else { throw HTTPError(.forbidden, message: "your role may not act on clients") }
        do { _ = try await user.settle.client(code) } catch StoreError.unknownClient {
            throw HTTPError(.notFound, message: "no client \(code)")
        }
        do {
            try await act()
        } catch {
            guard let problem = Self.problem(error) else { throw error }
            return try await ClientPages(user: user).page(code, pages, frame: frame, problem: problem, status: .unprocessableContent)
        }
        return Response(status: .seeOther, headers: [.location: "/app/clients/\(ClientPages.pathComponent(code))?done=\(done)"])
    }

    /// The invoice named by the form, which must be the client's.
    func clientInvoice(_ code: String, _ number: String?) async throws -> String {
        guard let number, !number.isEmpty else { throw InputError("choose an invoice") }
        let detail = try await user.settle.invoiceDetail(number)
        guard detail.stored.invoice.client == code else { throw InputError("invoice \(number) is not \(code)'s") }
        return number
    }

    static func day(_ text: String?, _ field: String) throws -> Day {
        guard let text, !text.isEmpty else { throw InputError("\(field): give a day") }
        do { return try Day(parsing: text) } catch { throw InputError("\(field): \(error)") }
    }

    static func optional(_ text: String?) -> String? {
        text.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0.trimmingCharacters(in: .whitespaces) }
    }

    /// The sentence for a `done` parameter (only these words: the page never shows text from its address).
    static func notice(_ done: String?) -> String? {
        switch done {
        case "promise": "The promise is recorded: chasing of that invoice pauses until the promised day."
        case "dispute": "The dispute is open: chasing of that invoice stops until it is resolved."
        case "plan": "The plan is agreed: its instalments replace the reminders of its invoices."
        case "note": "The note is added to the timeline."
        case "pause": "Chasing is paused."
        case "hardship": "Hardship is recorded."
        case "payment": "The payment is recorded and applied to the oldest invoices first (or as the organisation allocates)."
        default: nil
        }
    }

    func promise(_ code: String, _ form: Form) async throws -> Response {
        try await act(code, form: form, done: "promise") {
            let number = try await clientInvoice(code, form.invoice)
            try await user.settle.addPromise(invoice: number, date: try Self.day(form.date, "Pay by"), amount: Self.optional(form.amount),
                                             note: form.note ?? "")
        }
    }

    func dispute(_ code: String, _ form: Form) async throws -> Response {
        try await act(code, form: form, done: "dispute") {
            let number = try await clientInvoice(code, form.invoice)
            guard let reason = form.reason.flatMap(DisputeReason.init(rawValue:)) else { throw InputError("choose a reason") }
            try await user.settle.openDispute(invoice: number, reason: reason, note: form.note ?? "")
        }
    }

    func plan(_ code: String, _ form: Form) async throws -> Response {
        try await act(code, form: form, done: "plan") {
            let numbers = (form.invoices ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard let count = Int(form.instalments ?? ""), (2...60).contains(count) else { throw InputError("Instalments: 2 to 60") }
            guard let every = form.every.flatMap(InstalmentFrequency.init(rawValue:)) else { throw InputError("Every: choose one") }
            for number in numbers { _ = try await clientInvoice(code, number) }
            _ = try await user.settle.createPlan(client: code, invoices: numbers, instalments: count, every: every,
                                                 start: try Self.day(form.start, "First instalment on"), down: Self.optional(form.down),
                                                 waiveFees: form.waive_fees == "1")
        }
    }

    /// A payment of the client not named to an invoice: applied as the organisation allocates.
    func payment(_ code: String, _ form: Form) async throws -> Response {
        try await act(code, form: form, done: "payment") {
            guard let amountText = Self.optional(form.amount) else { throw InputError("Amount: give one") }
            let amount = try Money(parsing: amountText, currencyCode: (form.currency ?? "").trimmingCharacters(in: .whitespaces).uppercased())
            guard amount.isPositive else { throw InputError("Amount: must be more than zero") }
            guard let method = form.method.flatMap(PaymentMethod.init(rawValue:)) else { throw InputError("Method: choose one") }
            _ = try await user.settle.addPayment(Payment(client: code, date: try Self.day(form.date, "Received on"), amount: amount,
                                                         method: method, reference: form.note ?? ""))
        }
    }

    func note(_ code: String, _ form: Form) async throws -> Response {
        try await act(code, form: form, done: "note") {
            guard let text = Self.optional(form.text) else { throw InputError("Note: write something") }
            try await user.settle.addNote(client: code, invoice: nil, text: text)
        }
    }

    func hold(_ code: String, _ form: Form) async throws -> Response {
        let kind = form.kind.flatMap(ClientHoldKind.init(rawValue:))
        return try await act(code, form: form, done: kind?.rawValue ?? "") {
            let until = try Self.day(form.until, "Until")
            switch kind {
            case .pause: try await user.settle.pauseClient(code, until: until, note: form.note ?? "")
            case .hardship: try await user.settle.setHardship(client: code, until: until, note: form.note ?? "")
            case nil: throw InputError("choose pause or hardship")
            }
        }
    }
}

extension WebApp {
    func registerClientActions(on router: Router<BasicRequestContext>) {
        let actions: [(String, @Sendable (ClientActions, String, ClientActions.Form) async throws -> Response)] = [
            ("promise", { try await $0.promise($1, $2) }), ("dispute", { try await $0.dispute($1, $2) }),
            ("plan", { try await $0.plan($1, $2) }), ("note", { try await $0.note($1, $2) }), ("hold", { try await $0.hold($1, $2) }),
            ("payment", { try await $0.payment($1, $2) }),
        ]
        for (name, handler) in actions {
            router.post("/app/clients/:code/\(name)") { request, context -> Response in
                var request = request
                let form = try await WebForm.read(ClientActions.Form.self, from: &request)
                guard let user = try await signedIn(request) else { return redirect("/signin") }
                let code = try context.parameters.require("code")
                return try await handler(ClientActions(user: user, pages: pages, frame: frame(user)), code.removingPercentEncoding ?? code, form)
            }
        }
        router.get("/app/clients/:code/statement.pdf") { request, context -> Response in
            guard let user = try await signedIn(request) else { return redirect("/signin") }
            let code = try context.parameters.require("code")
            let pdf: [UInt8]
            do { pdf = try await user.settle.statementPDF(client: code.removingPercentEncoding ?? code) } catch StoreError.unknownClient {
                throw HTTPError(.notFound, message: "no client \(code)")
            }
            return Self.pdf(pdf, name: "statement-\(code).pdf")
        }
    }

    /// A PDF for the browser to show, not to cache.
    static func pdf(_ bytes: [UInt8], name: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/pdf"
        headers[.cacheControl] = "no-store"
        let safe = name.filter { $0.isLetter || $0.isNumber || "-_.".contains($0) }
        headers[.contentDisposition] = "inline; filename=\"\(safe)\""
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
