import Foundation
import SettleApp
import SettleCore
import SettleStore

/// The daily collection cycle: what it recorded, running it, simulating it; and the interest calculator.
extension APIHandlers {
    func listActions(_ input: Operations.ListActions.Input) async throws -> Operations.ListActions.Output {
        let (settle, caller) = try settle(.read)
        let query = input.query
        var check = FieldCheck()
        let (limit, after) = check.idPage(limit: query.limit, cursor: query.cursor)
        let from = query.from.flatMap { text in check.value("from") { try Day(parsing: text) } }
        let to = query.to.flatMap { text in check.value("to") { try Day(parsing: text) } }
        try check.done()
        var filter = ActionFilter(from: from, to: to, status: query.status.flatMap { PlannedAction.Status(rawValue: $0.rawValue) },
                                  after: after, limit: limit + 1)
        if let number = query.invoice {
            guard let invoice = try await InvoiceStore(settle.database.sql, orgID: caller.orgID).find(number) else {
                throw APIError.notFound("invoice \(number)")
            }
            filter.invoiceID = invoice.id
        }
        let found = try await ActionStore(settle.database.sql, orgID: caller.orgID).page(filter)
        let items = found.prefix(limit).map { id, invoice, action in
            Components.Schemas.Action(id: id, key: action.key, invoice: invoice, day: action.day.description, stage: action.stage,
                                      kind: action.kind.rawValue, tone: action.tone.rawValue,
                                      status: .init(rawValue: action.status.rawValue) ?? .due, reason: action.reason,
                                      message: action.messageKey)
        }
        let next = found.count > limit ? items.last.map { Cursor.encode([String($0.id)]) } : nil
        return .ok(.init(body: .json(.init(items: Array(items), nextCursor: next))))
    }

    func collect(_ input: Operations.Collect.Input) async throws -> Operations.Collect.Output {
        let dryRun = input.query.dryRun ?? false
        let (settle, _) = try settle(dryRun ? .read : .manage)
        let result = try await settle.collect(dryRun: dryRun, listSkipped: false)
        return .ok(.init(body: .json(.init(
            asOf: result.asOf.description, dryRun: result.dryRun, actions: result.actions.map(Self.plannedAction), skipped: result.skipped,
            messages: result.messages.count, tasks: result.tasks.count,
            fees: result.fees.map { .init(invoice: $0.invoice.value, amount: $0.amount.decimalString, currency: $0.amount.currency.code) }))))
    }

    func simulate(_ input: Operations.Simulate.Input) async throws -> Operations.Simulate.Output {
        let (settle, _) = try settle(.read)
        var check = FieldCheck()
        let from = input.query.from.flatMap { text in check.value("from") { try Day(parsing: text) } }
        let days = input.query.days ?? 30
        if !(1...90).contains(days) { check.fail("days", "must be 1 to 90") }
        try check.done()
        let start: Day
        if let from { start = from } else { start = settle.today(for: try await settle.organisation()) }
        let simulated = try await settle.simulate(from: start, days: days)
        return .ok(.init(body: .json(.init(days: simulated.map {
            .init(day: $0.day.description, actions: $0.actions.map(Self.plannedAction), messages: $0.messages.count)
        }))))
    }

    func calculateInterest(_ input: Operations.CalculateInterest.Input) async throws -> Operations.CalculateInterest.Output {
        let (settle, _) = try settle(.read)
        let query = input.query
        var check = FieldCheck()
        let principal = check.value("amount") { try Money(parsing: query.amount, currencyCode: query.currency.uppercased()) }
        let due = check.value("due") { try Day(parsing: query.due) }
        let until = check.value("until") { try Day(parsing: query.until) }
        let regime = check.value("regime") { () throws -> InterestRegime in
            if query.regime.hasPrefix("contract:") {
                return try InterestRegime(parsing: "contract", contractRate: try Percentage(parsing: String(query.regime.dropFirst(9))))
            }
            return try InterestRegime(parsing: query.regime, contractRate: nil)
        }
        if let due, let until, until < due { check.fail("until", "is before the due day") }
        try check.done()
        guard let principal, let due, let until, let regime else { throw APIError.invalid(check.problems) }
        let debtor = ClientKind(rawValue: query.debtor?.rawValue ?? "business") ?? .business
        let calculation = try await settle.calculateInterest(principal: principal, due: due, until: until, regime: regime, debtor: debtor)
        return .ok(.init(body: .json(.init(
            regime: calculation.regime.description, debtor: calculation.debtor.rawValue, currency: principal.currency.code,
            principal: calculation.principal.decimalString, due: due.description, until: until.description, days: calculation.days,
            interest: calculation.interest.decimalString, fixedCompensation: calculation.fixedCompensation.decimalString,
            total: calculation.total.decimalString, warnings: calculation.warnings.map { "\($0)" },
            periods: calculation.periods.map {
                .init(from: $0.from.description, to: $0.to.description, days: $0.days, rate: $0.rate.rateString,
                      principal: $0.principal.decimalString, interest: $0.interest.decimalString)
            }))))
    }

    static func plannedAction(_ action: PlannedAction) -> Components.Schemas.PlannedAction {
        .init(invoice: action.invoice.value, client: action.client, stage: action.stage, kind: action.kind.rawValue,
              tone: action.tone.rawValue, status: action.status.rawValue, reason: action.reason)
    }
}
