import Foundation
import Hummingbird
import SettleApp
import SettleCore
import SettleStore

extension WebApp {
    /// `/app/policies`: the policies and how many clients each governs; a policy's page edits its
    /// stages, previews the change as a simulation of the next 30 days, saves it (admins), assigns
    /// it to a client and copies it under a new name (admins).
    func registerPolicies(on router: Router<BasicRequestContext>) {
        router.get("/app/policies") { request, _ -> Response in
            guard let user = try await signedIn(request) else { return redirect("/signin") }
            return try await PolicyPages(user: user, pages: pages, frame: frame(user)).list()
        }
        router.get("/app/policies/:name") { request, context -> Response in
            guard let user = try await signedIn(request) else { return redirect("/signin") }
            let query = Self.query(request)
            let notice: String? = if query["saved"] == "1" { "Policy saved." }
                else if query["copied"] == "1" { "Policy copied: this is the new policy, governing no client yet." }
                else if let client = query["assigned"] { "Client \(client) now follows this policy." } else { nil }
            return try await PolicyPages(user: user, pages: pages, frame: frame(user))
                .page(try Self.pathParameter("name", context), notice: notice)
        }
        router.post("/app/policies/:name") { request, context -> Response in
            var request = request
            let form = try await WebForm.read([String: String].self, from: &request)
            guard let user = try await signedIn(request) else { return redirect("/signin") }
            return try await PolicyPages(user: user, pages: pages, frame: frame(user)).submit(try Self.pathParameter("name", context), form: form)
        }
        router.post("/app/policies/:name/assign") { request, context -> Response in
            var request = request
            let form = try await WebForm.read(PolicyPages.AssignForm.self, from: &request)
            guard let user = try await signedIn(request) else { return redirect("/signin") }
            return try await PolicyPages(user: user, pages: pages, frame: frame(user)).assign(try Self.pathParameter("name", context), form: form)
        }
        router.post("/app/policies/:name/copy") { request, context -> Response in
            var request = request
            let form = try await WebForm.read(PolicyPages.CopyForm.self, from: &request)
            guard let user = try await signedIn(request) else { return redirect("/signin") }
            return try await PolicyPages(user: user, pages: pages, frame: frame(user)).copy(try Self.pathParameter("name", context), form: form)
        }
    }

    /// A path parameter, percent-decoded.
    static func pathParameter(_ name: String, _ context: BasicRequestContext) throws -> String {
        let value = try context.parameters.require(name)
        return value.removingPercentEncoding ?? value
    }
}

/// The policies list and a policy's page.
struct PolicyPages {
    let user: WebApp.SignedIn
    let pages: WebPages
    let frame: [String: Any]

    var settle: Settle { user.settle }
    var mayManage: Bool { user.session.user.role.may(.manage) }

    func list() async throws -> Response {
        let book = try await settle.policyBook()
        let clients = try await settle.policyClientCounts()
        let names = book.policies.keys.sorted { ($0 == PolicyBook.defaultName ? 0 : 1, $0) < ($1 == PolicyBook.defaultName ? 0 : 1, $1) }
        let rows: [[String: Any]] = names.compactMap { name in
            book.policies[name].map { policy in
                ["name": name, "isDefault": name == PolicyBook.defaultName, "description": policy.description,
                 "clients": clients[name] ?? 0,
                 "stages": policy.stages.map { "\($0.id) (\($0.offsetDays > 0 ? "+" : "")\($0.offsetDays))" }.joined(separator: ", ")]
            }
        }
        return pages.render("policies", title: "Policies", values: ["policies": rows, "defaultName": PolicyBook.defaultName], frame: frame)
    }

    /// What a policy's page shows besides the policy itself.
    struct Feedback {
        var rows: PolicyStageRows?
        var problems: [String] = []
        var simulation: PolicySimulation?
        var assignProblem: String?
        var clientGiven = ""
        var copyProblem: String?
        var copyGiven = ""
    }

    func page(_ name: String, notice: String? = nil, feedback: Feedback = Feedback(),
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let saved = try await policy(name)
        let templates = try await templateNames()
        var rows = feedback.rows ?? PolicyStageRows(saved)
        if !rows.rows.contains(where: \.isBlank) { rows.rows.append(PolicyStageRows.empty(at: (rows.rows.map(\.index).max() ?? -1) + 1)) }
        return pages.render("policy", title: "Policy \(name)", values: [
            "name": name, "description": saved.description, "isDefault": name == PolicyBook.defaultName,
            "clients": try await settle.policyClientCounts()[name] ?? 0,
            "stages": rows.values(templates: templates, saved: saved),
            "source": try await settle.policySource(name), "notice": WebPages.shown(notice),
            "problems": feedback.problems, "hasProblems": !feedback.problems.isEmpty,
            "simulated": feedback.simulation != nil, "summary": feedback.simulation?.summary ?? "",
            "days": feedback.simulation?.rows ?? [], "simulationDays": PolicySimulation.days,
            "mayManage": mayManage, "csrf": user.session.csrfToken,
            "assignProblem": WebPages.shown(feedback.assignProblem), "clientGiven": feedback.clientGiven,
            "copyProblem": WebPages.shown(feedback.copyProblem), "copyGiven": feedback.copyGiven,
        ], frame: frame, status: status)
    }

    /// The stage form: `intent=preview` (anyone signed in) simulates the change and saves nothing;
    /// `intent=save` (admins) stores it as `settle policy apply` would. Problems are shown with
    /// their row and field, and nothing is saved.
    func submit(_ name: String, form: [String: String]) async throws -> Response {
        try WebForm.requireToken(form["csrf"], user)
        let saving: Bool
        switch form["intent"] ?? "preview" {
        case "preview": saving = false
        case "save": saving = true
        case let other: throw HTTPError(.badRequest, message: "the form's intent \"\(other)\" is neither preview nor save")
        }
        guard !saving || mayManage else { throw HTTPError(.forbidden, message: "your role may not change policies") }
        let saved = try await policy(name)
        let rows = PolicyStageRows(form: form)
        switch rows.proposal(replacing: saved, templates: try await templateNames()) {
        case .failure(let rejected):
            return try await page(name, feedback: Feedback(rows: rows, problems: rejected.problems), status: .unprocessableContent)
        case .success(let proposal):
            if saving {
                _ = try await settle.applyPolicy(proposal.yaml, file: "policy \(name)")
                return redirect("/app/policies/\(name)?saved=1")
            }
            let today = settle.today(for: try await settle.organisation())
            let simulation = try await PolicySimulation.run(settle, proposing: proposal.policy, today: today)
            return try await page(name, feedback: Feedback(rows: rows, simulation: simulation))
        }
    }

    struct AssignForm: Decodable {
        var csrf: String?
        var client: String?
    }

    /// Assigns the policy to a client (admins); an unknown client is named on the page.
    func assign(_ name: String, form: AssignForm) async throws -> Response {
        try WebForm.requireToken(form.csrf, user)
        guard mayManage else { throw HTTPError(.forbidden, message: "your role may not assign policies") }
        _ = try await policy(name)
        let code = (form.client ?? "").trimmingCharacters(in: .whitespaces)
        func refuse(_ problem: String) async throws -> Response {
            try await page(name, feedback: Feedback(assignProblem: problem, clientGiven: code), status: .unprocessableContent)
        }
        guard !code.isEmpty else { return try await refuse("Client: give the client's code.") }
        do {
            try await settle.assignPolicy(name, client: code)
        } catch StoreError.unknownClient {
            return try await refuse("Client: there is no client \(code).")
        }
        return redirect("/app/policies/\(name)?assigned=\(ClientPages.pathComponent(code))")
    }

    struct CopyForm: Decodable {
        var csrf: String?
        var name: String?
    }

    /// Stores a copy of the policy under a new name (admins).
    func copy(_ name: String, form: CopyForm) async throws -> Response {
        try WebForm.requireToken(form.csrf, user)
        guard mayManage else { throw HTTPError(.forbidden, message: "your role may not add policies") }
        var copy = try await policy(name)
        let newName = (form.name ?? "").trimmingCharacters(in: .whitespaces)
        func refuse(_ problem: String) async throws -> Response {
            try await page(name, feedback: Feedback(copyProblem: problem, copyGiven: newName), status: .unprocessableContent)
        }
        guard Organisation.isSlug(newName) else {
            return try await refuse("New policy's name: \"\(newName)\" must be lower-case letters, digits and dashes.")
        }
        guard try await settle.policyBook().policies[newName] == nil else {
            return try await refuse("New policy's name: there is already a policy \(newName).")
        }
        copy.name = newName
        do {
            _ = try await settle.applyPolicy(PolicyFile.yaml(copy), file: "policy \(newName)")
        } catch let rejected as ImportRejected {
            return try await refuse("New policy: " + rejected.problems.map(\.message).joined(separator: "; "))
        }
        return redirect("/app/policies/\(newName)?copied=1")
    }

    func policy(_ name: String) async throws -> Policy {
        guard let policy = try await settle.policyBook().policies[name] else { throw HTTPError(.notFound, message: "no policy \(name)") }
        return policy
    }

    /// Every template name a stage may use: Settle's own and the organisation's.
    func templateNames() async throws -> Set<String> {
        Set(try await settle.templateListings().map(\.name))
    }

    func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
