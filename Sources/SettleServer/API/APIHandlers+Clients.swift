import SettleApp
import SettleCore
import SettleStore

extension APIHandlers {
    func listClients(_ input: Operations.ListClients.Input) async throws -> Operations.ListClients.Output {
        let (settle, caller) = try settle(.read)
        let limit = try pageLimit(input.query.limit)
        let after = try Cursor.decode(input.query.cursor, parts: 1)?.first
        let page = try await ClientStore(settle.database.sql, orgID: caller.orgID).page(after: after, limit: limit + 1)
        let items = page.prefix(limit).map { Self.client($0.client) }
        return .ok(.init(body: .json(.init(items: items, nextCursor: page.count > limit ? Cursor.encode([items.last!.code]) : nil))))
    }

    func getClient(_ input: Operations.GetClient.Input) async throws -> Operations.GetClient.Output {
        let (settle, caller) = try settle(.read)
        guard let stored = try await ClientStore(settle.database.sql, orgID: caller.orgID).find(input.path.code) else {
            throw APIError.notFound("client \(input.path.code)")
        }
        return .ok(.init(body: .json(Self.client(stored.client))))
    }

    static func client(_ client: Client) -> Components.Schemas.Client {
        let billing = client.contacts.first
        return .init(code: client.code, name: client.name, kind: client.kind == .business ? .business : .consumer,
                     email: billing?.email, phone: billing?.phone, country: client.country, timeZone: client.timeZone,
                     language: client.language, terms: client.defaultTerms.description)
    }
}
