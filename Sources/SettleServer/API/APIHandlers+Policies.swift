import SettleApp
import SettleCore
import SettleStore

/// Collection policies (YAML, as `settle policy` reads them) and message templates.
extension APIHandlers {
    func listPolicies(_ input: Operations.ListPolicies.Input) async throws -> Operations.ListPolicies.Output {
        let (settle, _) = try settle(.read)
        let book = try await settle.policyBook()
        var items: [Components.Schemas.Policy] = []
        for name in book.policies.keys.sorted(by: { ($0 == PolicyBook.defaultName ? 0 : 1, $0) < ($1 == PolicyBook.defaultName ? 0 : 1, $1) }) {
            items.append(Self.policy(book.policies[name]!, source: try await settle.policySource(name)))
        }
        return .ok(.init(body: .json(.init(_default: PolicyBook.defaultName, items: items))))
    }

    func getPolicy(_ input: Operations.GetPolicy.Input) async throws -> Operations.GetPolicy.Output {
        let (settle, _) = try settle(.read)
        guard let policy = try await settle.policyBook().policies[input.path.name] else { throw APIError.notFound("policy \(input.path.name)") }
        return .ok(.init(body: .json(Self.policy(policy, source: try await settle.policySource(input.path.name)))))
    }

    func savePolicy(_ input: Operations.SavePolicy.Input) async throws -> Operations.SavePolicy.Output {
        let (settle, _) = try settle(.manage)
        guard case .json(let body) = input.body else { throw APIError.notJSON }
        let policy: Policy
        do {
            policy = try PolicyFile.read(body.source, file: "source")
        } catch {
            throw APIError.invalid(error.problems.map { FieldProblem(field: "source", message: "line \($0.line), column \($0.column): \($0.message)") })
        }
        guard policy.name == input.path.name else {
            throw APIError.invalid([FieldProblem(field: "source", message: "names the policy \"\(policy.name)\", not \"\(input.path.name)\"")])
        }
        let saved = try await settle.applyPolicy(body.source, file: "source")
        return .ok(.init(body: .json(Self.policy(saved, source: body.source))))
    }

    func assignPolicy(_ input: Operations.AssignPolicy.Input) async throws -> Operations.AssignPolicy.Output {
        let (settle, caller) = try settle(.manage)
        guard case .json(let body) = input.body else { throw APIError.notJSON }
        guard let policy = try await settle.policyBook().policies[input.path.name] else { throw APIError.notFound("policy \(input.path.name)") }
        var check = FieldCheck()
        if (body.client == nil) == (body.invoice == nil) { check.fail("client", "give either a client or an invoice") }
        if let code = body.client, try await ClientStore(database.sql, orgID: caller.orgID).find(code) == nil {
            check.fail("client", "no client \(code) in your organisation")
        }
        if let number = body.invoice, try await InvoiceStore(database.sql, orgID: caller.orgID).find(number) == nil {
            check.fail("invoice", "no invoice \(number) in your organisation")
        }
        try check.done()
        try await settle.assignPolicy(input.path.name, client: body.client, invoice: body.invoice)
        return .ok(.init(body: .json(Self.policy(policy, source: try await settle.policySource(input.path.name)))))
    }

    func listTemplates(_ input: Operations.ListTemplates.Input) async throws -> Operations.ListTemplates.Output {
        let (settle, _) = try settle(.read)
        return .ok(.init(body: .json(.init(items: try await settle.templateListings().map(Self.template)))))
    }

    func saveTemplate(_ input: Operations.SaveTemplate.Input) async throws -> Operations.SaveTemplate.Output {
        let (settle, _) = try settle(.manage)
        guard case .json(let body) = input.body, let language = MessageLanguage(rawValue: input.path.language.rawValue),
              let tone = Tone(rawValue: input.path.tone.rawValue) else {
            throw APIError.notJSON
        }
        do {
            try await settle.saveTemplate(MessageTemplate(name: input.path.name, language: language, tone: tone, subject: body.subject,
                                                          text: body.text, html: body.html))
        } catch let rejected as TemplateRejected {
            throw APIError.invalid(rejected.problems.map {
                FieldProblem(field: $0.source, message: "line \($0.line), column \($0.column): \($0.message)")
            })
        } catch TemplateError.invalidName(let name) {
            throw APIError.invalid([FieldProblem(field: "name", message: "\"\(name)\" is not a template name (letters, digits, - and _)")])
        }
        guard let saved = try await settle.templateListings().first(where: {
            $0.name == input.path.name && $0.language == language && $0.tone == tone && $0.source == .organisation
        }) else { throw APIError.notFound("template \(input.path.name)") }
        return .ok(.init(body: .json(Self.template(saved))))
    }

    func previewTemplate(_ input: Operations.PreviewTemplate.Input) async throws -> Operations.PreviewTemplate.Output {
        let (settle, caller) = try settle(.read)
        guard case .json(let body) = input.body, let tone = Tone(rawValue: body.tone.rawValue) else {
            throw APIError.invalid([FieldProblem(field: "tone", message: "is not a tone")])
        }
        var check = FieldCheck()
        if body.invoices.isEmpty { check.fail("invoices", "give at least one invoice") }
        for number in body.invoices where try await InvoiceStore(database.sql, orgID: caller.orgID).find(number) == nil {
            check.fail("invoices", "no invoice \(number) in your organisation")
        }
        try check.done()
        let preview = try await settle.previewMessage(template: input.path.name, tone: tone,
                                                      language: body.language.flatMap { MessageLanguage(rawValue: $0.rawValue) },
                                                      invoices: body.invoices, links: links)
        let template = preview.resolved.template
        return .ok(.init(body: .json(.init(template: template.name, language: template.language.rawValue, tone: template.tone.rawValue,
                                           subject: preview.message.subject, text: preview.message.text, html: preview.message.html,
                                           notes: preview.notes))))
    }

    static func policy(_ policy: Policy, source: String) -> Components.Schemas.Policy {
        .init(name: policy.name, _default: policy.name == PolicyBook.defaultName,
              description: policy.description.isEmpty ? nil : policy.description, source: source,
              stages: policy.stages.map {
                  .init(id: $0.id, offsetDays: $0.offsetDays, actions: $0.actions.map(\.rawValue), tone: $0.tone.rawValue,
                        template: $0.template, requiresApproval: $0.requiresApproval)
              })
    }

    static func template(_ listing: TemplateListing) -> Components.Schemas.TemplateListing {
        .init(name: listing.name, language: listing.language.rawValue, tone: listing.tone.rawValue,
              source: listing.source == .organisation ? "saved" : "built-in", overridesDefault: listing.overridesDefault,
              updatedAt: listing.updatedAt.isEmpty ? nil : listing.updatedAt)
    }
}
