import SettleApp
import SettleCore
import SettleStore

/// A client's contacts, and what a client asked or a person decided about chasing it: pause,
/// hardship, opt-out of a channel, cease.
extension APIHandlers {
    func listContacts(_ input: Operations.ListContacts.Input) async throws -> Operations.ListContacts.Output {
        let (settle, caller) = try settle(.read)
        guard let stored = try await ClientStore(settle.database.sql, orgID: caller.orgID).find(input.path.code) else {
            throw APIError.notFound("client \(input.path.code)")
        }
        return .ok(.init(body: .json(Self.contacts(stored.client))))
    }

    func addContact(_ input: Operations.AddContact.Input) async throws -> Operations.AddContact.Output {
        let settle = try await clientOwner(input.path.code, needs: .work)
        guard case .json(let body) = input.body else { throw APIError.notJSON }
        let contact = Contact(name: body.name, email: body.email.flatMap { $0.isEmpty ? nil : $0 },
                              phone: body.phone.flatMap { $0.isEmpty ? nil : $0 },
                              role: ContactRole(rawValue: body.role?.rawValue ?? "other") ?? .other)
        let problems = Settle.contactProblems(contact)
        guard problems.isEmpty else { throw APIError.invalid(problems.map { FieldProblem(field: $0.field, message: $0.message) }) }
        let stored = try await settle.addContact(client: input.path.code, contact)
        return .created(.init(body: .json(Self.contacts(stored.client))))
    }

    func pauseClient(_ input: Operations.PauseClient.Input) async throws -> Operations.PauseClient.Output {
        guard case .json(let request) = input.body else { throw APIError.notJSON }
        return .created(.init(body: .json(try await hold(.pause, client: input.path.code, request))))
    }

    func setHardship(_ input: Operations.SetHardship.Input) async throws -> Operations.SetHardship.Output {
        guard case .json(let request) = input.body else { throw APIError.notJSON }
        return .created(.init(body: .json(try await hold(.hardship, client: input.path.code, request))))
    }

    func optOutClient(_ input: Operations.OptOutClient.Input) async throws -> Operations.OptOutClient.Output {
        let settle = try await clientOwner(input.path.code, needs: .work)
        guard case .json(let body) = input.body, let channel = ContactChannel(rawValue: body.channel.rawValue) else {
            throw APIError.invalid([FieldProblem(field: "channel", message: "must be email, sms or call")])
        }
        try await settle.recordContactPreference(client: input.path.code, channel: channel, note: body.note ?? "")
        return .created(.init(body: .json(.init(client: input.path.code, kind: .optOut, channel: .init(rawValue: channel.rawValue),
                                                note: body.note ?? ""))))
    }

    func ceaseClient(_ input: Operations.CeaseClient.Input) async throws -> Operations.CeaseClient.Output {
        let settle = try await clientOwner(input.path.code, needs: .work)
        guard case .json(let body) = input.body else { throw APIError.notJSON }
        try await settle.recordContactPreference(client: input.path.code, channel: nil, note: body.note ?? "")
        return .created(.init(body: .json(.init(client: input.path.code, kind: .cease, note: body.note ?? ""))))
    }

    private func hold(_ kind: ClientHoldKind, client code: String, _ request: Components.Schemas.HoldRequest) async throws
        -> Components.Schemas.ClientHold {
        let settle = try await clientOwner(code, needs: .work)
        var check = FieldCheck()
        let until = check.value("until") { try Day(parsing: request.until) }
        let today = settle.today(for: try await settle.organisation())
        if let until, until < today { check.fail("until", "\(until) is in the past (today is \(today))") }
        try check.done()
        guard let until else { throw APIError.invalid(check.problems) }
        switch kind {
        case .pause: try await settle.pauseClient(code, until: until, note: request.note ?? "")
        case .hardship: try await settle.setHardship(client: code, until: until, note: request.note ?? "")
        }
        return .init(client: code, kind: kind == .pause ? .pause : .hardship, until: until.description, note: request.note ?? "")
    }

    func clientOwner(_ code: String, needs permission: Permission) async throws -> Settle {
        try await owned("client \(code)", needs: permission) { try await ClientStore(database.sql, orgID: $0).find(code) != nil }
    }

    static func contacts(_ client: Client) -> Components.Schemas.ContactList {
        .init(client: client.code, items: client.contacts.map {
            .init(name: $0.name, email: $0.email, phone: $0.phone, role: .init(rawValue: $0.role.rawValue))
        })
    }
}
