import SettleApp
import SettleCore
import SettleStore

extension APIHandlers {
    func recordPayment(_ input: Operations.RecordPayment.Input) async throws -> Operations.RecordPayment.Output {
        let (settle, caller) = try settle(.work)
        guard case .json(let body) = input.body else { throw APIError.notJSON }
        var check = FieldCheck()
        let date = check.value("date") { try Day(parsing: body.date) }
        let amount = check.value("amount") { try Money(parsing: body.amount, currencyCode: body.currency.uppercased()) }
        if let amount, !amount.isPositive { check.fail("amount", "must be more than zero") }
        let method = PaymentMethod(rawValue: body.method.rawValue)
        let invoice = body.invoice.flatMap { text in check.value("invoice") { try InvoiceNumber(text) } }
        if body.client.isEmpty { check.fail("client", "is empty") }
        try check.done()
        guard let date, let amount, let method else { throw APIError.invalid(check.problems) }
        guard try await ClientStore(settle.database.sql, orgID: caller.orgID).find(body.client) != nil else {
            throw APIError.invalid([FieldProblem(field: "client", message: "no client \(body.client) in your organisation")])
        }
        let recorded = try await settle.addPayment(Payment(client: body.client, date: date, amount: amount, method: method,
                                                           reference: body.reference ?? "", invoice: invoice))
        return .created(.init(body: .json(try await payment(recorded.id, orgID: caller.orgID))))
    }

    func reversePayment(_ input: Operations.ReversePayment.Input) async throws -> Operations.ReversePayment.Output {
        let caller = try caller()
        let settle = try await owned("payment \(input.path.id)", needs: .work) {
            try await PaymentStore(database.sql, orgID: $0).find(input.path.id) != nil
        }
        guard case .json(let body) = input.body, let reason = ReversalReason(rawValue: body.reason.rawValue) else {
            throw APIError.invalid([FieldProblem(field: "reason", message: "must be chargeback, bounced or mistake")])
        }
        _ = try await settle.reversePayment(input.path.id, reason: reason)
        return .ok(.init(body: .json(try await payment(input.path.id, orgID: caller.orgID))))
    }

    /// A stored payment with the entries it posted.
    func payment(_ id: Int64, orgID: Int64) async throws -> Components.Schemas.Payment {
        guard let stored = try await PaymentStore(database.sql, orgID: orgID).find(id) else { throw APIError.notFound("payment \(id)") }
        let payment = stored.payment
        let entries = try await LedgerStore(database.sql, orgID: orgID).entries(ofPayment: id, currency: payment.amount.currency)
        return .init(id: stored.id, client: payment.client, date: payment.date.description, currency: payment.amount.currency.code,
                     amount: payment.amount.decimalString, method: payment.method.rawValue, reference: payment.reference,
                     invoice: payment.invoice?.value, unapplied: stored.unapplied.decimalString,
                     reversedOn: stored.reversedOn?.description, reversalReason: stored.reversalReason?.rawValue,
                     allocations: entries.map {
                         .init(invoice: $0.invoice.value, kind: $0.entry.kind.rawValue, component: $0.entry.component.rawValue,
                               amount: $0.entry.amount.decimalString)
                     })
    }
}

extension APIHandlers {
    func getPayment(_ input: Operations.GetPayment.Input) async throws -> Operations.GetPayment.Output {
        let (_, caller) = try settle(.read)
        return .ok(.init(body: .json(try await payment(input.path.id, orgID: caller.orgID))))
    }

    func listClientPayments(_ input: Operations.ListClientPayments.Input) async throws -> Operations.ListClientPayments.Output {
        let (settle, caller) = try settle(.read)
        let stored = try await settle.payments(client: input.path.code).sorted { ($0.payment.date, $0.id) > ($1.payment.date, $1.id) }
        var items: [Components.Schemas.Payment] = []
        for found in stored { items.append(try await payment(found.id, orgID: caller.orgID)) }
        return .ok(.init(body: .json(.init(items: items))))
    }

    func applyCredit(_ input: Operations.ApplyCredit.Input) async throws -> Operations.ApplyCredit.Output {
        let settle = try await clientOwner(input.path.code, needs: .work)
        let lines = try await settle.applyCredit(client: input.path.code)
        return .ok(.init(body: .json(.init(client: input.path.code, allocations: lines.map {
            .init(invoice: $0.invoice.value, kind: $0.entry.kind.rawValue, component: $0.entry.component.rawValue,
                  amount: $0.entry.amount.decimalString)
        }))))
    }
}
