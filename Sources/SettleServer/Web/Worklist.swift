import Foundation
import Hummingbird
import SettleApp
import SettleCore
import SettleStore

/// The worklist page: today's tasks with their client's risk, each completed in place by those
/// whose role works the worklist (collectors and up); viewers see it without the forms.
struct Worklist {
    let user: WebApp.SignedIn

    /// The outcomes the page offers (a dispute is opened from the client's page, with its reason).
    static let outcomes: [TaskOutcome] = [.reached, .voicemail, .noAnswer, .wrongNumber, .promise, .done]

    struct CompletionForm: Decodable {
        var csrf: String?
        var outcome: String?
        var note: String?
        var promise_date: String?
    }

    func page(_ pages: WebPages, frame: [String: Any], problem: String? = nil, done: Int64? = nil,
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let settle = user.settle
        let today = settle.today(for: try await settle.organisation())
        let mayWork = user.session.user.role.may(.work)
        let tasks: [[String: Any]] = try await settle.worklist(dueBy: today, limit: 200).map { entry in
            let task = entry.task
            return ["id": task.id, "due": task.dueDay.description, "kind": task.kind.rawValue, "client": task.client,
                    "invoice": task.invoice ?? "", "reason": task.reason, "risk": entry.risk.map { String($0.score) } ?? "",
                    "mayWork": mayWork, "csrf": user.session.csrfToken, "outcomes": Self.outcomes.map(\.rawValue)]
        }
        return pages.render("worklist", title: "Worklist", values: [
            "today": today.description, "tasks": tasks, "mayWork": mayWork, "problem": problem as Any, "done": done as Any,
        ], frame: frame, status: status)
    }

    /// Completes a task from its form: the session's token and a role that works the worklist are required.
    func complete(_ id: Int64, form: CompletionForm, pages: WebPages, frame: [String: Any]) async throws -> Response {
        try WebForm.requireToken(form.csrf, user)
        guard user.session.user.role.may(.work) else { throw HTTPError(.forbidden, message: "your role may not complete tasks") }
        guard let outcome = form.outcome.flatMap(TaskOutcome.init(rawValue:)), Self.outcomes.contains(outcome) else {
            return try await page(pages, frame: frame, problem: "Choose an outcome.", status: .unprocessableContent)
        }
        do {
            let promised = try form.promise_date.flatMap { $0.isEmpty ? nil : try Day(parsing: $0) }
            try await user.settle.completeTask(id, outcome: outcome, note: form.note ?? "", promiseDate: promised)
        } catch let error as InputError {
            return try await page(pages, frame: frame, problem: "Task \(id): \(error.description)", status: .unprocessableContent)
        } catch let error as DayError {
            return try await page(pages, frame: frame, problem: "Task \(id): the promised day \(error)", status: .unprocessableContent)
        }
        return Response(status: .seeOther, headers: [.location: "/app/worklist?done=\(id)"])
    }
}
