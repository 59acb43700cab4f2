import SettleApp
import SettleCore
import SettleStore

extension APIHandlers {
    func listTasks(_ input: Operations.ListTasks.Input) async throws -> Operations.ListTasks.Output {
        let (settle, _) = try settle(.read)
        var check = FieldCheck()
        let dueBy = input.query.dueBy.flatMap { text in check.value("due_by") { try Day(parsing: text) } }
        let limit = check.value("limit") { try pageLimit(input.query.limit) } ?? 100
        let position = check.value("cursor") { () throws -> (day: Day, id: Int64)? in
            guard let parts = try Cursor.decode(input.query.cursor, parts: 2) else { return nil }
            guard let id = Int64(parts[1]) else { throw InputError("is not a cursor this API gave") }
            return (try Day(parsing: parts[0]), id)
        } ?? nil
        try check.done()
        let found = try await settle.worklist(dueBy: dueBy, after: position, limit: limit + 1)
        let items = found.prefix(limit).map { entry in
            var task = Self.task(entry.task)
            task.risk = entry.risk?.score
            return task
        }
        let next = found.count > limit ? items.last.map { Cursor.encode([$0.dueDay, String($0.id)]) } : nil
        return .ok(.init(body: .json(.init(items: Array(items), nextCursor: next))))
    }

    func completeTask(_ input: Operations.CompleteTask.Input) async throws -> Operations.CompleteTask.Output {
        let store = TaskStore(database.sql, orgID: try caller().orgID)
        let settle = try await owned("task \(input.path.id)", needs: .work) { _ in try await store.find(input.path.id) != nil }
        guard case .json(let body) = input.body, let outcome = TaskOutcome(rawValue: body.outcome.rawValue) else {
            throw APIError.invalid([FieldProblem(field: "outcome", message: "is not a task outcome")])
        }
        var check = FieldCheck()
        let promiseDate = body.promiseDate.flatMap { text in check.value("promise_date") { try Day(parsing: text) } }
        var reason: DisputeReason?
        if let text = body.disputeReason {
            reason = DisputeReason(rawValue: text)
            if reason == nil {
                check.fail("dispute_reason", "must be one of \(DisputeReason.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        try check.done()
        try await settle.completeTask(input.path.id, outcome: outcome, note: body.note ?? "", promiseDate: promiseDate,
                                      promiseAmount: body.promiseAmount, disputeReason: reason)
        guard let done = try await store.find(input.path.id) else { throw APIError.notFound("task \(input.path.id)") }
        return .ok(.init(body: .json(Self.task(done))))
    }

    func createNote(_ input: Operations.CreateNote.Input) async throws -> Operations.CreateNote.Output {
        let (settle, caller) = try settle(.work)
        guard case .json(let body) = input.body else { throw APIError.notJSON }
        var check = FieldCheck()
        let text = body.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { check.fail("text", "is empty") }
        if body.client == nil && body.invoice == nil { check.fail("client", "give the client or the invoice the note is about") }
        try check.done()
        if let code = body.client, try await ClientStore(database.sql, orgID: caller.orgID).find(code) == nil {
            throw APIError.invalid([FieldProblem(field: "client", message: "no client \(code) in your organisation")])
        }
        if let number = body.invoice, try await InvoiceStore(database.sql, orgID: caller.orgID).find(number) == nil {
            throw APIError.invalid([FieldProblem(field: "invoice", message: "no invoice \(number) in your organisation")])
        }
        try await settle.addNote(client: body.client, invoice: body.invoice, text: text)
        let client: String
        if let code = body.client {
            client = code
        } else {
            client = try await InvoiceStore(database.sql, orgID: caller.orgID).require(body.invoice ?? "").invoice.client
        }
        return .created(.init(body: .json(.init(client: client, invoice: body.invoice, text: text))))
    }

    static func task(_ task: StoredTask) -> Components.Schemas.Task {
        .init(id: task.id, kind: task.kind.rawValue, client: task.client, invoice: task.invoice, dueDay: task.dueDay.description,
              reason: task.reason, status: task.status, outcome: task.outcome, note: task.note)
    }
}
