import Foundation
import Hummingbird
import SettleApp
import SettleCore
import SettleStore

extension WebApp {
    /// `/app/templates`: every template by name, language and tone; a template's page edits its
    /// subject and bodies, previews them on a real open invoice, saves them (admins) and goes
    /// back to Settle's wording (admins).
    func registerTemplates(on router: Router<BasicRequestContext>) {
        router.get("/app/templates") { request, _ -> Response in
            guard let user = try await signedIn(request) else { return redirect("/signin") }
            return try await TemplatePages(user: user, pages: pages, frame: frame(user), links: links).list()
        }
        router.get("/app/templates/open") { request, _ -> Response in
            guard let user = try await signedIn(request) else { return redirect("/signin") }
            return try await TemplatePages(user: user, pages: pages, frame: frame(user), links: links).open(Self.query(request))
        }
        router.get("/app/templates/:name/:language/:tone") { request, context -> Response in
            guard let user = try await signedIn(request) else { return redirect("/signin") }
            let query = Self.query(request)
            let notice: String? = if query["saved"] == "1" { "Template saved." }
                else if query["reverted"] == "1" { "Settle's own wording applies again." } else { nil }
            let pages = TemplatePages(user: user, pages: pages, frame: frame(user), links: links)
            return try await pages.page(try pages.key(context), invoice: query["invoice"], notice: notice)
        }
        router.post("/app/templates/:name/:language/:tone") { request, context -> Response in
            var request = request
            let form = try await WebForm.read(TemplatePages.TemplateForm.self, from: &request)
            guard let user = try await signedIn(request) else { return redirect("/signin") }
            let pages = TemplatePages(user: user, pages: pages, frame: frame(user), links: links)
            return try await pages.submit(try pages.key(context), form: form)
        }
    }
}

/// The templates list and a template's page.
struct TemplatePages {
    let user: WebApp.SignedIn
    let pages: WebPages
    let frame: [String: Any]
    let links: ClientLinkSigner

    var settle: Settle { user.settle }
    var mayManage: Bool { user.session.user.role.may(.manage) }
    /// How many open invoices the preview offers.
    static let invoiceChoices = 20

    /// Which template a page is about.
    struct Key {
        var name: String
        var language: MessageLanguage
        var tone: Tone

        var path: String { "/app/templates/\(name)/\(language.rawValue)/\(tone.rawValue)" }
    }

    func key(_ context: BasicRequestContext) throws -> Key {
        let name = try WebApp.pathParameter("name", context)
        guard MessageTemplate.isName(name) else { throw HTTPError(.notFound, message: TemplateError.invalidName(name).description) }
        let language = try WebApp.pathParameter("language", context), tone = try WebApp.pathParameter("tone", context)
        guard let parsedLanguage = MessageLanguage(rawValue: language) else {
            throw HTTPError(.notFound, message: TemplateError.unsupportedLanguage(language).description)
        }
        guard let parsedTone = Tone(rawValue: tone) else { throw HTTPError(.notFound, message: TemplateError.unknownTone(tone).description) }
        return Key(name: name, language: parsedLanguage, tone: parsedTone)
    }

    func list(problem: String? = nil, given: [String: String] = [:]) async throws -> Response {
        let rows: [[String: Any]] = try await settle.templateListings().map {
            ["name": $0.name, "language": $0.language.rawValue, "tone": $0.tone.rawValue,
             "path": Key(name: $0.name, language: $0.language, tone: $0.tone).path,
             "source": $0.source == .organisation ? ($0.overridesDefault ? "yours (replaces Settle's)" : "yours") : "Settle's",
             "updated": $0.updatedAt]
        }
        return pages.render("templates", title: "Templates", values: [
            "templates": rows, "problem": WebPages.shown(problem), "nameGiven": given["name"] ?? "",
            "languages": MessageLanguage.allCases.map { ["value": $0.rawValue, "selected": $0.rawValue == given["language"]] },
            "tones": Tone.allCases.map { ["value": $0.rawValue, "selected": $0.rawValue == given["tone"]] },
        ], frame: frame, status: problem == nil ? .ok : .unprocessableContent)
    }

    /// The list's "open or start a template" form: to the template's page, or back with the problem.
    func open(_ query: [String: String]) async throws -> Response {
        let name = (query["name"] ?? "").trimmingCharacters(in: .whitespaces)
        guard MessageTemplate.isName(name) else {
            return try await list(problem: "Name: " + TemplateError.invalidName(name).description, given: query)
        }
        guard let language = query["language"].flatMap(MessageLanguage.init(rawValue:)),
              let tone = query["tone"].flatMap(Tone.init(rawValue:)) else {
            return try await list(problem: "Choose a language and a tone.", given: query)
        }
        return Response(status: .seeOther, headers: [.location: Key(name: name, language: language, tone: tone).path])
    }

    /// What the page's form holds.
    struct Draft {
        var subject = "", text = "", html = ""
    }

    func page(_ key: Key, invoice: String?, notice: String? = nil) async throws -> Response {
        var draft = Draft()
        var notes: [String] = []
        do {
            let template = try await settle.resolveTemplate(name: key.name, language: key.language, tone: key.tone).template
            draft = Draft(subject: template.subject, text: template.text, html: template.html)
            if template.tone != key.tone || template.language != key.language {
                notes.append("There is no \(key.tone.rawValue) wording in \(key.language.rawValue) yet; the form starts from the "
                    + "\(template.tone.rawValue) wording in \(template.language.rawValue).")
            }
        } catch TemplateError.unknownTemplate {
            notes.append("There is no wording for this template yet; write the subject and both bodies.")
        }
        let choice = try await invoiceChoice(invoice)
        var preview: MessagePreview?
        var problems: [String] = []
        if !draft.subject.isEmpty {
            do { preview = try await settle.previewDraft(template(key, draft), invoices: choice.selected, links: links) } catch {
                problems = try Self.problems(error)
            }
        }
        return try await render(key, draft: draft, invoices: choice, preview: preview, problems: problems, notes: notes,
                                notice: notice, status: .ok)
    }

    struct TemplateForm: Decodable {
        var csrf: String?
        var intent: String?
        var subject: String?
        var text: String?
        var html: String?
        var invoice: String?
    }

    /// The template form: `intent=preview` (anyone signed in) renders the wording on the chosen
    /// invoice and saves nothing; `intent=save` (admins) checks and stores it; `intent=revert`
    /// (admins) removes the organisation's wording. An unknown merge field is named with where it
    /// is, and nothing is saved.
    func submit(_ key: Key, form: TemplateForm) async throws -> Response {
        try WebForm.requireToken(form.csrf, user)
        let intent = form.intent ?? "preview"
        guard ["preview", "save", "revert"].contains(intent) else {
            throw HTTPError(.badRequest, message: "the form's intent \"\(intent)\" is not preview, save or revert")
        }
        guard intent == "preview" || mayManage else { throw HTTPError(.forbidden, message: "your role may not change templates") }
        if intent == "revert" {
            _ = try await settle.deleteTemplate(name: key.name, language: key.language, tone: key.tone)
            return Response(status: .seeOther, headers: [.location: key.path + "?reverted=1"])
        }
        // Browsers send line breaks in text areas as CR LF; messages are written with LF.
        func part(_ text: String?) -> String { (text ?? "").replacingOccurrences(of: "\r\n", with: "\n") }
        let draft = Draft(subject: part(form.subject), text: part(form.text), html: part(form.html))
        let choice = try await invoiceChoice(form.invoice)
        if intent == "save" {
            do {
                try await settle.saveTemplate(template(key, draft))
                return Response(status: .seeOther, headers: [.location: key.path + "?saved=1"])
            } catch {
                return try await render(key, draft: draft, invoices: choice, preview: nil, problems: try Self.problems(error), notes: [],
                                        notice: nil, status: .unprocessableContent)
            }
        }
        do {
            let preview = try await settle.previewDraft(template(key, draft), invoices: choice.selected, links: links)
            return try await render(key, draft: draft, invoices: choice, preview: preview, problems: [], notes: [], notice: nil, status: .ok)
        } catch {
            return try await render(key, draft: draft, invoices: choice, preview: nil, problems: try Self.problems(error), notes: [],
                                    notice: nil, status: .unprocessableContent)
        }
    }

    func template(_ key: Key, _ draft: Draft) -> MessageTemplate {
        MessageTemplate(name: key.name, language: key.language, tone: key.tone, subject: draft.subject, text: draft.text, html: draft.html)
    }

    /// What is wrong with the wording, each problem with its part, line and column; other errors
    /// (an invoice that is no longer open, several currencies) as they are told. Anything else is
    /// not the form's fault and is thrown on.
    static func problems(_ error: any Error) throws -> [String] {
        switch error {
        case let rejected as TemplateRejected:
            return rejected.problems.map { "\(partName($0.source)), line \($0.line), column \($0.column): \($0.message)" }
        case let error as TemplateError: return [error.description]
        case let error as InputError: return [error.description]
        case StoreError.unknownInvoice(let number): return ["Invoice: there is no invoice \(number)."]
        default: throw error
        }
    }

    static func partName(_ source: String) -> String {
        switch source {
        case "subject": "Subject"
        case "text": "Text body"
        case "html": "HTML body"
        default: source
        }
    }

    /// The open invoices the preview may use (the first ones by due date) and the one chosen:
    /// the one asked for, else the first; none when nothing is open.
    func invoiceChoice(_ asked: String?) async throws -> (numbers: [String], selected: [String]) {
        // Those due from 120 days ago, found by one query that sums each ledger only until the
        // list is full (a sample stands in when none is open; any invoice can be asked for).
        let today = settle.today(for: try await settle.organisation())
        var numbers = try await settle.openInvoiceNumbers(dueFrom: today.adding(days: -120), limit: Self.invoiceChoices)
        let asked = (asked ?? "").trimmingCharacters(in: .whitespaces)
        if !asked.isEmpty, !numbers.contains(asked) { numbers.insert(asked, at: 0) }
        let selected = asked.isEmpty ? numbers.first : asked
        return (numbers, selected.map { [$0] } ?? [])
    }

    func render(_ key: Key, draft: Draft, invoices: (numbers: [String], selected: [String]), preview: MessagePreview?,
                problems: [String], notes: [String], notice: String?, status: HTTPResponse.Status) async throws -> Response {
        let saved = try await settle.templateListings().first {
            $0.name == key.name && $0.language == key.language && $0.tone == key.tone && $0.source == .organisation
        }
        return pages.render("template", title: "Template \(key.name)", values: [
            "name": key.name, "language": key.language.rawValue, "tone": key.tone.rawValue, "path": key.path,
            "saved": saved != nil, "updated": saved?.updatedAt ?? "", "overridesDefault": saved?.overridesDefault ?? false,
            "subject": draft.subject, "text": draft.text, "html": draft.html,
            "invoices": invoices.numbers.map { ["number": $0, "selected": invoices.selected.contains($0)] },
            "hasInvoices": !invoices.numbers.isEmpty,
            "problems": problems, "hasProblems": !problems.isEmpty, "notes": notes + (preview?.notes ?? []), "notice": WebPages.shown(notice),
            "previewed": preview != nil, "previewSubject": preview?.message.subject ?? "", "previewText": preview?.message.text ?? "",
            "previewHTML": preview?.message.html ?? "", "previewInvoice": invoices.selected.first ?? "a sample invoice",
            "mayManage": mayManage, "csrf": user.session.csrfToken,
        ], frame: frame, status: status)
    }
}
