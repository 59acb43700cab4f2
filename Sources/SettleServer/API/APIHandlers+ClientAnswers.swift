import SettleApp
import SettleCore
import SettleStore

extension APIHandlers {
    func createPromise(_ input: Operations.CreatePromise.Input) async throws -> Operations.CreatePromise.Output {
        let settle = try await invoiceOwner(input.path.number, needs: .work)
        guard case .json(let body) = input.body else { throw APIError.notJSON }
        var check = FieldCheck()
        let date = check.value("date") { try Day(parsing: body.date) }
        try check.done()
        guard let date else { throw APIError.invalid(check.problems) }
        let id = try await settle.addPromise(invoice: input.path.number, date: date, amount: body.amount, note: body.note ?? "")
        return .created(.init(body: .json(.init(id: id, invoice: input.path.number, date: date.description, amount: body.amount))))
    }

    func openDispute(_ input: Operations.OpenDispute.Input) async throws -> Operations.OpenDispute.Output {
        let settle = try await invoiceOwner(input.path.number, needs: .work)
        guard case .json(let body) = input.body, let reason = DisputeReason(rawValue: body.reason.rawValue) else {
            throw APIError.invalid([FieldProblem(field: "reason", message: "is not a dispute reason")])
        }
        try await settle.openDispute(invoice: input.path.number, reason: reason, note: body.note ?? "")
        return .created(.init(body: .json(Self.invoice(try await settle.invoiceDetail(input.path.number).stored))))
    }

    func resolveDispute(_ input: Operations.ResolveDispute.Input) async throws -> Operations.ResolveDispute.Output {
        let settle = try await invoiceOwner(input.path.number, needs: .work)
        guard case .json(let body) = input.body, let outcome = DisputeOutcome(rawValue: body.outcome.rawValue) else {
            throw APIError.invalid([FieldProblem(field: "outcome", message: "is not a dispute outcome")])
        }
        try await settle.resolveDispute(invoice: input.path.number, outcome: outcome, credit: body.credit)
        return .ok(.init(body: .json(Self.invoice(try await settle.invoiceDetail(input.path.number).stored))))
    }

    func invoiceOwner(_ number: String, needs permission: Permission) async throws -> Settle {
        try await owned("invoice \(number)", needs: permission) { try await InvoiceStore(database.sql, orgID: $0).find(number) != nil }
    }
}
