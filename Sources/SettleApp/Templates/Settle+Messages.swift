import SettleCore
import SettleStore

/// A rendered message for a person to look at before anything is sent.
public struct MessagePreview: Sendable {
    public var resolved: ResolvedTemplate
    public var message: RenderedMessage
    public var context: MessageContext
    /// Things the person should know about the preview (sample values used, settings missing).
    public var notes: [String]
}

extension Settle {
    /// Gathers a message's context from the store: the organisation and its settings, the
    /// client of the invoices with its contact to greet, and the invoices with what each still
    /// owes as of the organisation's today (fees from the costs component, interest from the
    /// interest component). All invoices must be open and belong to one client in one currency.
    public func messageContext(invoices numbers: [String], links: ClientLinkSigner?) async throws -> MessageContext {
        guard !numbers.isEmpty else { throw TemplateError.noInvoices }
        let org = try await organisation()
        let today = today(for: org)
        let invoices = InvoiceStore(database.sql, orgID: org.id)
        var items: [MessageContext.Item] = []
        for number in numbers {
            let stored = try await invoices.require(number, asOf: today)
            guard stored.status.isOutstanding else {
                throw InputError("invoice \(number) is \(stored.status.rawValue); a message is only about open invoices")
            }
            items.append(MessageContext.Item(invoice: stored.invoice, balance: stored.summary.balance))
        }
        let clients = Set(items.map(\.invoice.client))
        guard clients.count == 1, let code = clients.first else { throw TemplateError.severalClients(clients.sorted()) }
        let client = try await ClientStore(database.sql, orgID: org.id).require(code).client
        let context = MessageContext(
            businessName: org.organisation.name,
            settings: try await OrganisationSettingsStore(database.sql, orgID: org.id).load(),
            client: client, contactName: MessageContext.contactName(of: client), items: items, day: today,
            portalURL: links?.portalURL(organisation: org.organisation.slug, client: client.code, messageDay: today))
        // One client can owe in several currencies; refuse here rather than when rendering.
        _ = try context.totals()
        return context
    }

    /// Renders the named template for a context, in the context's language and the given tone.
    public func renderMessage(template name: String, tone: Tone, context: MessageContext) async throws
        -> (resolved: ResolvedTemplate, message: RenderedMessage) {
        let resolved = try await resolveTemplate(name: name, language: context.language, tone: tone)
        return (resolved, try MessageRenderer.render(resolved.template, context: context))
    }

    /// A preview of a message: with invoice numbers, real data of those invoices and their
    /// client; without, a realistic sample in the organisation's currency. The language is the
    /// client's unless one is given. Promise and plan fields, which no stored promise or plan
    /// fills yet, get sample values derived from the invoices.
    public func previewMessage(template name: String, tone: Tone, language: MessageLanguage?, invoices numbers: [String],
                               links: ClientLinkSigner) async throws -> MessagePreview {
        let org = try await organisation()
        var notes: [String] = []
        var context: MessageContext
        if numbers.isEmpty {
            context = try SampleMessage.context(
                organisation: org.organisation, settings: try await organisationSettings(), language: language ?? .english,
                tone: tone, day: today(for: org), links: links)
            notes.append("sample client and invoice; preview a real one with --invoice NUMBER")
        } else {
            context = try await messageContext(invoices: numbers, links: links)
            if let language { context.language = language }
            try SampleMessage.fillPromiseAndPlan(&context, tone: tone)
        }
        let (resolved, message) = try await renderMessage(template: name, tone: tone, context: context)
        if resolved.template.tone != tone {
            notes.append("no \(tone.rawValue) wording for \"\(name)\"; the \(resolved.template.tone.rawValue) wording stands in")
        }
        notes += Self.previewNotes(resolved.template, realInvoices: !numbers.isEmpty, context: context, links: links)
        return MessagePreview(resolved: resolved, message: message, context: context, notes: notes)
    }

    /// A preview of wording not saved yet (as the template page edits it): checked as
    /// `saveTemplate` checks it (a `TemplateRejected` names each problem), then rendered in its
    /// own language and tone over real invoices, or over the sample without any. Nothing is saved.
    public func previewDraft(_ draft: MessageTemplate, invoices numbers: [String], links: ClientLinkSigner) async throws -> MessagePreview {
        let problems = TemplateValidator.problems(in: draft)
        guard problems.isEmpty else { throw TemplateRejected(problems: problems) }
        let org = try await organisation()
        var context: MessageContext
        var notes: [String] = []
        if numbers.isEmpty {
            context = try SampleMessage.context(organisation: org.organisation, settings: try await organisationSettings(),
                                                language: draft.language, tone: draft.tone, day: today(for: org), links: links)
            notes.append("sample client and invoice: there is no open invoice to preview")
        } else {
            context = try await messageContext(invoices: numbers, links: links)
            context.language = draft.language
            try SampleMessage.fillPromiseAndPlan(&context, tone: draft.tone)
        }
        let message = try MessageRenderer.render(draft, context: context)
        notes += Self.previewNotes(draft, realInvoices: !numbers.isEmpty, context: context, links: links)
        return MessagePreview(resolved: ResolvedTemplate(template: draft, source: .organisation, requestedTone: draft.tone),
                              message: message, context: context, notes: notes)
    }

    /// What a person previewing should know: sample promise and plan values, missing bank details,
    /// links signed with the development secret.
    private static func previewNotes(_ template: MessageTemplate, realInvoices: Bool, context: MessageContext,
                                     links: ClientLinkSigner) -> [String] {
        var notes: [String] = []
        let sources = [template.subject, template.text, template.html].joined()
        if realInvoices, sources.contains("promise.") || sources.contains("plan.") {
            notes.append("promise and plan amounts and dates are sample values")
        }
        if context.settings.iban.isEmpty {
            notes.append("no bank details set, so none are shown; set them with `settle org settings --iban … --bic …`")
        }
        if links.usesDevelopmentSecret {
            notes.append("SETTLE_SECRET is not set: the portal link is signed with the development secret")
        }
        return notes
    }
}
