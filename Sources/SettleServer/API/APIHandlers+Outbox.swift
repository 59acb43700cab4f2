import SettleApp
import SettleCore
import SettleStore

/// The outbox: every message queued, held, sent, failed or cancelled, with its content.
extension APIHandlers {
    func listMessages(_ input: Operations.ListMessages.Input) async throws -> Operations.ListMessages.Output {
        let (settle, caller) = try settle(.read)
        let query = input.query
        var check = FieldCheck()
        let (limit, before) = check.idPage(limit: query.limit, cursor: query.cursor)
        try check.done()
        let clients = ClientStore(settle.database.sql, orgID: caller.orgID)
        var clientID: Int64?
        if let code = query.client {
            guard let client = try await clients.find(code) else { throw APIError.notFound("client \(code)") }
            clientID = client.id
        }
        let found = try await OutboxStore(settle.database.sql, orgID: caller.orgID)
            .list(status: query.status.flatMap { MessageStatus(rawValue: $0.rawValue) }, clientID: clientID, before: before, limit: limit + 1)
        var codes: [Int64: String] = [:]
        var items: [Components.Schemas.Message] = []
        for message in found.prefix(limit) {
            if codes[message.clientID] == nil { codes[message.clientID] = try await clients.find(id: message.clientID)?.client.code ?? "" }
            items.append(Self.message(message, client: codes[message.clientID] ?? "", content: false))
        }
        let next = found.count > limit ? items.last.map { Cursor.encode([String($0.id)]) } : nil
        return .ok(.init(body: .json(.init(items: items, nextCursor: next))))
    }

    func getMessage(_ input: Operations.GetMessage.Input) async throws -> Operations.GetMessage.Output {
        let (settle, caller) = try settle(.read)
        guard let message = try await OutboxStore(settle.database.sql, orgID: caller.orgID).find(input.path.id) else {
            throw APIError.notFound("message \(input.path.id)")
        }
        let client = try await ClientStore(settle.database.sql, orgID: caller.orgID).find(id: message.clientID)?.client.code ?? ""
        return .ok(.init(body: .json(Self.message(message, client: client, content: true))))
    }

    static func message(_ message: StoredMessage, client: String, content: Bool) -> Components.Schemas.Message {
        .init(id: message.id, channel: .init(rawValue: message.channel.rawValue) ?? .email, client: client, recipient: message.recipient,
              template: message.template, tone: message.tone.rawValue, language: message.language,
              status: .init(rawValue: message.status.rawValue) ?? .queued, subject: message.subject,
              text: content ? message.text : nil, html: content && !message.html.isEmpty ? message.html : nil,
              day: message.day.description, notBefore: message.notBefore, attempts: message.attempts, lastError: message.lastError,
              messageId: message.messageID, sentAt: message.sentAt, note: message.note, createdAt: message.createdAt)
    }
}
