import SettleApp
import SettleCore
import SettleStore

extension APIHandlers {
    func listInvoices(_ input: Operations.ListInvoices.Input) async throws -> Operations.ListInvoices.Output {
        let (settle, caller) = try settle(.read)
        let query = input.query
        var check = FieldCheck()
        let limit = check.value("limit") { try pageLimit(query.limit) }
        let dueFrom = query.dueFrom.flatMap { text in check.value("due_from") { try Day(parsing: text) } }
        let dueTo = query.dueTo.flatMap { text in check.value("due_to") { try Day(parsing: text) } }
        let after = check.value("cursor") { try Cursor.decode(query.cursor, parts: 2) } ?? nil
        var position: InvoicePosition?
        if let after { position = check.value("cursor") { InvoicePosition(dueDate: try Day(parsing: after[0]), number: after[1]) } }
        try check.done()
        var filter = InvoiceFilter(status: query.status.flatMap { PaymentStatus(rawValue: $0.rawValue) }, dueFrom: dueFrom, dueTo: dueTo,
                                   after: position, limit: (limit ?? 100) + 1)
        if let code = query.client {
            guard let client = try await ClientStore(settle.database.sql, orgID: caller.orgID).find(code) else {
                throw APIError.notFound("client \(code)")
            }
            filter.clientID = client.id
        }
        let found = try await InvoiceStore(settle.database.sql, orgID: caller.orgID).list(filter)
        let items = found.prefix(limit ?? 100).map(Self.invoice)
        let next = found.count > (limit ?? 100) ? items.last.map { Cursor.encode([$0.dueDate, $0.number]) } : nil
        return .ok(.init(body: .json(.init(items: Array(items), nextCursor: next))))
    }

    func getInvoice(_ input: Operations.GetInvoice.Input) async throws -> Operations.GetInvoice.Output {
        let (settle, caller) = try settle(.read)
        guard let stored = try await InvoiceStore(settle.database.sql, orgID: caller.orgID).find(input.path.number) else {
            throw APIError.notFound("invoice \(input.path.number)")
        }
        return .ok(.init(body: .json(Self.invoice(stored))))
    }

    static func invoice(_ stored: StoredInvoice) -> Components.Schemas.Invoice {
        let invoice = stored.invoice
        return .init(number: invoice.number.value, client: invoice.client, issueDate: invoice.issueDate.description,
                     dueDate: invoice.dueDate.description, currency: invoice.currency.code, amount: invoice.total.decimalString,
                     balance: stored.summary.balance.total.decimalString,
                     status: Components.Schemas.InvoiceStatus(rawValue: stored.status.rawValue) ?? .open,
                     description: invoice.description.isEmpty ? nil : invoice.description)
    }
}
