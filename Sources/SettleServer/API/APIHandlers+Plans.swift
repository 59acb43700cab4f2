import SettleApp
import SettleCore
import SettleStore

/// Payment plans: instalments agreed with a client.
extension APIHandlers {
    func listPlans(_ input: Operations.ListPlans.Input) async throws -> Operations.ListPlans.Output {
        let (settle, _) = try settle(.read)
        return .ok(.init(body: .json(.init(items: try await settle.plans(activeOnly: !(input.query.all ?? false)).map(Self.plan)))))
    }

    func createPlan(_ input: Operations.CreatePlan.Input) async throws -> Operations.CreatePlan.Output {
        let (settle, caller) = try settle(.work)
        guard case .json(let body) = input.body, let every = InstalmentFrequency(rawValue: body.every.rawValue) else {
            throw APIError.invalid([FieldProblem(field: "every", message: "must be week, 2weeks or month")])
        }
        var check = FieldCheck()
        let start = check.value("start") { try Day(parsing: body.start) }
        if !(1...60).contains(body.instalments) { check.fail("instalments", "must be 1 to 60") }
        if body.invoices.isEmpty { check.fail("invoices", "give at least one invoice") }
        if try await ClientStore(database.sql, orgID: caller.orgID).find(body.client) == nil {
            check.fail("client", "no client \(body.client) in your organisation")
        }
        for number in body.invoices where try await InvoiceStore(database.sql, orgID: caller.orgID).find(number) == nil {
            check.fail("invoices", "no invoice \(number) in your organisation")
        }
        try check.done()
        guard let start else { throw APIError.invalid(check.problems) }
        let plan = try await settle.createPlan(client: body.client, invoices: body.invoices, instalments: body.instalments, every: every,
                                               start: start, down: body.down, waiveFees: body.waiveFees ?? false)
        return .created(.init(body: .json(Self.plan(plan))))
    }

    func cancelPlan(_ input: Operations.CancelPlan.Input) async throws -> Operations.CancelPlan.Output {
        let settle = try await owned("plan \(input.path.id)", needs: .work) { orgID in
            try await PlanStore(database.sql, orgID: orgID).list(activeOnly: false).contains { $0.plan.id == input.path.id }
        }
        try await settle.cancelPlan(input.path.id)
        guard let plan = try await settle.plans(activeOnly: false).first(where: { $0.plan.id == input.path.id }) else {
            throw APIError.notFound("plan \(input.path.id)")
        }
        return .ok(.init(body: .json(Self.plan(plan))))
    }

    static func plan(_ stored: StoredPlan) -> Components.Schemas.Plan {
        let plan = stored.plan
        return .init(id: plan.id, client: plan.client, invoices: plan.invoices.map(\.value), status: plan.status.rawValue,
                     currency: plan.total.currency.code, total: plan.total.decimalString, every: stored.frequency.rawValue,
                     waiveFees: stored.waiveFees, createdOn: stored.createdOn.description, closedOn: stored.closedOn?.description,
                     instalments: plan.instalments.map { .init(number: $0.number, dueDate: $0.dueDate.description, amount: $0.amount.decimalString) })
    }
}
