import Foundation
import Hummingbird
import SettleApp
import SettleCore
import SettleStore

extension WebApp {
    func registerImports(on router: Router<BasicRequestContext>) {
        router.get("/app/imports") { request, _ -> Response in
            guard let user = try await signedIn(request) else { return redirect("/signin") }
            return ImportPages(user: user).page(pages, frame: frame(user))
        }
        router.post("/app/imports/:kind") { request, context -> Response in
            guard let user = try await signedIn(request) else { return redirect("/signin") }
            guard let kind = ImportPages.Kind(rawValue: try context.parameters.require("kind")) else { throw HTTPError(.notFound) }
            guard user.session.user.role.may(.manage) else { throw HTTPError(.forbidden, message: "your role may not import files") }
            var request = request
            let form = try await WebForm.read(ImportPages.UploadForm.self, from: &request, limit: WebForm.uploadLimit)
            return try await ImportPages(user: user).upload(kind, form: form, pages: pages, frame: frame(user))
        }
    }
}

/// The imports page: the clients, invoices and payments CSV files, uploaded by admins (and the
/// owner), checked only or imported; every problem of a refused file is listed with its line and
/// column, and nothing of it is written.
struct ImportPages {
    let user: WebApp.SignedIn

    enum Kind: String, CaseIterable {
        case clients, invoices, payments

        var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

        /// The columns the file has, as the import reads them.
        var columns: String {
            switch self {
            case .clients: "id, name, kind, country; optional: email, phone, time_zone, language, terms, address"
            case .invoices: "number, client, issue_date, currency, amount; optional: due_date, description"
            case .payments: "client, date, currency, amount; optional: method, reference, invoice"
            }
        }

        /// Clients come first: invoices and payments name them.
        var note: String {
            switch self {
            case .clients: "New clients only: an id that exists already is a problem of the file."
            case .invoices: "Each invoice's client must exist already."
            case .payments: "Each payment's client (and invoice, when named) must exist already."
            }
        }
    }

    struct UploadForm: Decodable {
        var csrf: String?
        var file: UploadedFile?
        /// "1" when only checking.
        var check: String?
    }

    /// What a refused upload shows: every problem with its place in the file.
    struct Refusal {
        var problems: [FileProblem]
        var message: String?
    }

    func page(_ pages: WebPages, frame: [String: Any], kind: Kind? = nil, done: ImportSummary? = nil, refusal: Refusal? = nil,
              status: HTTPResponse.Status = .ok) -> Response {
        pages.render("imports", title: "Imports", values: [
            "mayManage": user.session.user.role.may(.manage), "role": user.session.user.role.rawValue, "csrf": user.session.csrfToken,
            "kinds": Kind.allCases.map { ["kind": $0.rawValue, "title": $0.title, "columns": $0.columns, "note": $0.note] },
            "done": done.map(Self.describe) as Any, "refusedKind": kind?.title as Any,
            "problems": Self.rows(refusal?.problems ?? []), "problemCount": refusal.map(\.problems.count).flatMap { $0 > 0 ? $0 : nil } as Any,
            "message": refusal?.message as Any,
        ], frame: frame, status: status)
    }

    /// Checks or imports the uploaded file (admins and the owner, with the session's token). A
    /// refused file is shown with all its problems (422), and nothing of it is written.
    func upload(_ kind: Kind, form: UploadForm, pages: WebPages, frame: [String: Any]) async throws -> Response {
        try WebForm.requireToken(form.csrf, user)
        guard let file = form.file, !file.bytes.isEmpty else {
            return page(pages, frame: frame, kind: kind, refusal: Refusal(problems: [], message: "Choose a file to upload: the form had none, or it was empty."),
                        status: .unprocessableContent)
        }
        let name = file.name(or: "\(kind.rawValue).csv"), dryRun = form.check == "1"
        let settle = user.settle
        do {
            let summary = switch kind {
            case .clients: try await settle.importClients(file.bytes, file: name, dryRun: dryRun)
            case .invoices: try await settle.importInvoices(file.bytes, file: name, dryRun: dryRun)
            case .payments: try await settle.importPayments(file.bytes, file: name, dryRun: dryRun)
            }
            return page(pages, frame: frame, done: summary)
        } catch {
            guard let refusal = Self.refusal(error) else { throw error }
            return page(pages, frame: frame, kind: kind, refusal: refusal, status: .unprocessableContent)
        }
    }

    /// The problems of a refused file (an import, a statement), or nil for an error that is not about the file.
    static func refusal(_ error: any Error) -> Refusal? {
        switch error {
        case let rejected as ImportRejected: Refusal(problems: rejected.problems)
        case let problem as FileProblem: Refusal(problems: [problem])
        case let input as InputError: Refusal(problems: [], message: input.description)
        case let described as any Error & CustomStringConvertible where Problem.isDomain(described):
            Refusal(problems: [], message: described.description)
        default: nil
        }
    }

    static func rows(_ problems: [FileProblem]) -> [[String: Any]] {
        problems.map { ["file": $0.file, "line": $0.line, "column": $0.column, "message": $0.message] }
    }

    static func describe(_ summary: ImportSummary) -> String {
        let rows = "\(summary.rows) \(summary.rows == 1 ? String(summary.kind.dropLast()) : summary.kind)"
        return summary.dryRun ? "\(summary.file): \(rows) checked, all valid. Nothing was written (check only)."
            : "\(summary.file): \(rows) imported."
    }
}
