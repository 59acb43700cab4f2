import Foundation
import Hummingbird
import SettleApp
import SettleCore
import SettleStore

extension WebApp {
    func registerReconciliation(on router: Router<BasicRequestContext>) {
        router.get("/app/reconcile") { request, _ -> Response in
            guard let user = try await signedIn(request) else { return redirect("/signin") }
            return try await ReconcilePages(user: user).page(pages, frame: frame(user), query: Self.query(request))
        }
        for action in ReconcilePages.Action.allCases {
            router.post(RouterPath("/app/reconcile/:id/\(action.rawValue)")) { request, context -> Response in
                var request = request
                let form = try await WebForm.read(ReconcilePages.DecisionForm.self, from: &request)
                guard let user = try await signedIn(request) else { return redirect("/signin") }
                guard let id = Int64(try context.parameters.require("id")) else { throw HTTPError(.notFound) }
                return try await ReconcilePages(user: user).decide(action, id, form: form, pages: pages, frame: frame(user))
            }
        }
        router.post("/app/reconcile/statements") { request, _ -> Response in
            guard let user = try await signedIn(request) else { return redirect("/signin") }
            guard user.session.user.role.may(.manage) else { throw HTTPError(.forbidden, message: "your role may not import statements") }
            var request = request
            let form = try await WebForm.read(ReconcilePages.StatementForm.self, from: &request, limit: WebForm.uploadLimit)
            return try await ReconcilePages(user: user).importStatement(form, pages: pages, frame: frame(user))
        }
    }
}

/// The reconciliation page: the bank entries of the organisation's statements with what Settle
/// decided or suggests, a hundred at a time. Collectors and up match an entry to a candidate or
/// to invoices they name, set it aside with a reason, or undo a decision; admins read statements.
struct ReconcilePages {
    let user: WebApp.SignedIn
    static let limit = 100

    enum Action: String, CaseIterable {
        case match, ignore, undo
    }

    /// Which entries the page lists.
    enum Show: String, CaseIterable {
        case waiting, unmatched, suggested, applied, ignored, all

        var statuses: [StatementEntryStatus?] {
            switch self {
            case .waiting: [.unmatched, .suggested]
            case .all: [nil]
            default: [StatementEntryStatus(rawValue: rawValue)]
            }
        }

        var title: String {
            switch self {
            case .waiting: "Waiting for a person (unmatched or suggested)"
            case .all: "All entries"
            default: rawValue.prefix(1).uppercased() + rawValue.dropFirst()
            }
        }
    }

    struct DecisionForm: Decodable {
        var csrf: String?
        /// The invoice numbers to match the entry to, in order, separated by commas or spaces.
        var invoices: String?
        var reason: String?
        /// The list to come back to.
        var show: String?
    }

    struct StatementForm: Decodable {
        var csrf: String?
        var file: UploadedFile?
        var mapping: String?
        /// "1" when only checking.
        var check: String?
    }

    /// What a refused form gave, shown again next to its entry.
    struct Given {
        var entry: Int64
        var invoices: String
        var reason: String
    }

    func page(_ pages: WebPages, frame: [String: Any], query: [String: String], problem: String? = nil,
              refusal: ImportPages.Refusal? = nil, read: String? = nil, given: Given? = nil,
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let settle = user.settle
        let show = query["show"].flatMap(Show.init(rawValue:)) ?? .waiting
        let after = query["after"].flatMap { Int64($0) }
        var found: [ReconciliationItem] = []
        for status in show.statuses {
            found += try await settle.reconciliation(status: status, after: after, limit: Self.limit + 1)
        }
        found.sort { $0.entry.id < $1.entry.id }
        let items = found.prefix(Self.limit)
        let mayWork = user.session.user.role.may(.work), mayManage = user.session.user.role.may(.manage)
        var done: String?
        if let action = query["done"].flatMap(Action.init(rawValue:)), let id = query["entry"].flatMap({ Int64($0) }),
           let item = try await settle.reconciliationItem(id) {
            done = Self.done(action, item)
        }
        return pages.render("reconcile", title: "Reconcile", values: [
            "entries": items.map { row($0, mayWork: mayWork, given: given?.entry == $0.entry.id ? given : nil) },
            "show": show.rawValue, "shows": Show.allCases.map { ["value": $0.rawValue, "title": $0.title, "selected": $0 == show] },
            "showTitle": show.title, "next": (found.count > Self.limit ? items.last.map { String($0.entry.id) } : nil) as Any,
            "paged": after != nil, "limit": Self.limit, "mayWork": mayWork, "mayManage": mayManage, "csrf": user.session.csrfToken,
            "role": user.session.user.role.rawValue, "done": done as Any, "problem": problem as Any, "read": read as Any,
            "refused": refusal != nil, "refusal": refusal?.message as Any, "problems": ImportPages.rows(refusal?.problems ?? []),
            "problemCount": refusal.map(\.problems.count).flatMap { $0 > 0 ? $0 : nil } as Any,
            "accounts": mayManage ? WebPages.shown(try await settle.bankAccounts().map { "\($0.name) (\(IBAN.shown($0.account)), \($0.currency.code))" }
                .joined(separator: "; ")) : nil as String?,
            "mappings": mayManage ? try await settle.statementMappings().map(\.mapping.name) : [],
        ], frame: frame, status: status)
    }

    /// One entry as the page shows it, with the forms its state allows.
    func row(_ item: ReconciliationItem, mayWork: Bool, given: Given?) -> [String: Any] {
        let stored = item.entry, entry = stored.entry, decision = stored.decision
        let incoming = entry.direction == .credit && !entry.reversal
        let undecided = incoming && [.unmatched, .suggested].contains(decision.status)
        let undoable = incoming && (decision.status == .applied || (decision.status == .ignored && decision.decidedBy == "person"))
        return [
            "id": stored.id, "day": (entry.bookingDate ?? entry.valueDate)?.description ?? "", "amount": entry.amount.decimalString,
            "currency": entry.amount.currency.code, "direction": entry.reversal ? "reversal" : entry.direction == .credit ? "in" : "out",
            "party": entry.direction == .credit ? "From" : "To", "counterparty": WebPages.shown(entry.counterpartyName), "counterpartyAccount": WebPages.shown(entry.counterpartyAccount.map(IBAN.shown)),
            "text": WebPages.shown((entry.creditorReferences + entry.remittance).joined(separator: " ")), "account": item.account,
            "status": decision.status.rawValue, "reason": WebPages.shown(decision.reason), "client": WebPages.shown(stored.client),
            "invoices": WebPages.shown(decision.invoices.joined(separator: ", ")), "file": "\(stored.file), \(entry.position)",
            "candidates": item.candidates.map {
                ["invoices": $0.invoices.joined(separator: ", "), "numbers": $0.invoices.joined(separator: " "),
                 "confidence": $0.confidence, "why": $0.reason]
            },
            "hasCandidates": !item.candidates.isEmpty, "mayDecide": mayWork && undecided, "mayUndo": mayWork && undoable,
            "invoicesGiven": given?.invoices ?? "", "reasonGiven": given?.reason ?? "",
        ]
    }

    /// A text for the page, nil when empty (Mustache shows a section for any string, the empty one too).
    /// Matches, sets aside or undoes an entry from its form: the session's token and a role that
    /// works the queue are required; what cannot be done is shown next to the list, nothing changed.
    func decide(_ action: Action, _ id: Int64, form: DecisionForm, pages: WebPages, frame: [String: Any]) async throws -> Response {
        try WebForm.requireToken(form.csrf, user)
        guard user.session.user.role.may(.work) else { throw HTTPError(.forbidden, message: "your role may not reconcile bank entries") }
        let settle = user.settle
        guard try await settle.reconciliationItem(id) != nil else { throw HTTPError(.notFound, message: "no statement entry \(id)") }
        let show = form.show.flatMap(Show.init(rawValue:)) ?? .waiting
        func refuse(_ problem: String) async throws -> Response {
            // Settle's own messages name the entry already ("entry 5 is already applied ...").
            let named = problem.hasPrefix("entry \(id) ") ? "E" + problem.dropFirst() : "Entry \(id): \(problem)"
            return try await page(pages, frame: frame, query: ["show": show.rawValue], problem: named,
                           given: Given(entry: id, invoices: form.invoices ?? "", reason: form.reason ?? ""), status: .unprocessableContent)
        }
        do {
            switch action {
            case .match:
                let numbers = (form.invoices ?? "").split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
                guard !numbers.isEmpty else { return try await refuse("name the invoices to match it to") }
                _ = try await settle.matchStatementEntry(id, invoices: numbers)
                SettleMetrics.paymentsMatched(1, how: "person")
            case .ignore:
                let reason = (form.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                guard (1...200).contains(reason.count), !reason.contains(where: \.isNewline) else {
                    return try await refuse("give the reason for setting it aside in one line of 1 to 200 characters")
                }
                _ = try await settle.ignoreStatementEntry(id, reason: reason)
            case .undo:
                _ = try await settle.undoStatementEntry(id)
            }
        } catch let error as InputError {
            return try await refuse(error.description)
        } catch let error as StoreError {
            guard case .unknownInvoice = error else { throw error }
            return try await refuse(error.description)
        }
        return Response(status: .seeOther, headers: [.location: "/app/reconcile?show=\(show.rawValue)&done=\(action.rawValue)&entry=\(id)"])
    }

    /// The status line after a decision.
    static func done(_ action: Action, _ item: ReconciliationItem) -> String {
        let id = item.entry.id, decision = item.entry.decision
        switch action {
        case .match:
            return "Entry \(id) is matched to \(decision.invoices.joined(separator: ", "))\(item.entry.client.map { " (client \($0))" } ?? "")."
        case .ignore:
            return "Entry \(id) is set aside: \(decision.reason)."
        case .undo:
            return "Entry \(id) is undone and waits for a person again; a payment it had recorded is reversed."
        }
    }

    /// Reads a bank statement (admins and the owner, with the session's token): camt.053, camt.054
    /// or MT940 detected from the file, CSV through a saved mapping. A refused file writes nothing.
    func importStatement(_ form: StatementForm, pages: WebPages, frame: [String: Any]) async throws -> Response {
        try WebForm.requireToken(form.csrf, user)
        guard let file = form.file, !file.bytes.isEmpty else {
            return try await page(pages, frame: frame, query: [:], refusal: ImportPages.Refusal(
                problems: [], message: "Choose a statement file to upload: the form had none, or it was empty."), status: .unprocessableContent)
        }
        let mapping = (form.mapping ?? "").isEmpty ? nil : form.mapping
        let result: StatementImport
        do {
            result = try await user.settle.importStatement(InputStream(data: Data(file.bytes)), file: file.name(or: "statement"),
                                                           mapping: mapping, dryRun: form.check == "1")
        } catch {
            guard let refusal = ImportPages.refusal(error) else { throw error }
            return try await page(pages, frame: frame, query: [:], refusal: refusal, status: .unprocessableContent)
        }
        if !result.dryRun { SettleMetrics.paymentsMatched(result.summary.applied, how: "automatic") }
        return try await page(pages, frame: frame, query: [:], read: Self.describe(result))
    }

    static func describe(_ result: StatementImport) -> String {
        let summary = result.summary
        let counts = "\(summary.entries) entries read, \(summary.new) new: \(summary.applied) applied, \(summary.suggested) suggested, "
            + "\(summary.unmatched) unmatched, \(summary.ignored) ignored, \(summary.reversed) reversed; "
            + "\(summary.cancelledMessages) waiting message(s) cancelled"
        let what = "\(result.file) (\(result.format.title)) for \(result.account): \(counts)."
        return result.dryRun ? "Checked only, nothing was written. \(what)" : what
    }
}
