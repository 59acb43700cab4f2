import SettleCore
import SettleDocuments
import SettleStore

extension Settle {
    /// An invoice as a PDF, with what is still to pay as of today.
    public func invoicePDF(_ number: String, pageSize: String? = nil) async throws -> [UInt8] {
        let org = try await organisation()
        let stored = try await InvoiceStore(database.sql, orgID: org.id).require(number, asOf: today(for: org))
        guard let client = try await ClientStore(database.sql, orgID: org.id).find(id: stored.clientID) else {
            throw StoreError.corrupt("invoice \(number) has no client")
        }
        let size = try Self.pageSize(pageSize, country: client.client.country)
        var invoice = stored.invoice
        invoice.lines = try await InvoiceStore(database.sql, orgID: org.id).lines(of: stored)
        let document = InvoiceDocument(letterhead: try await letterhead(org), recipient: Recipient(client: client.client,
                                       address: client.client.address), invoice: invoice,
                                       amountDue: stored.status.isOutstanding ? stored.summary.balance.total : nil)
        return try document.pdf(pageSize: size)
    }

    /// A client's account statement as of today: open invoices with what each still owes, totals
    /// per currency, and unapplied credit.
    public func statementPDF(client code: String, pageSize: String? = nil) async throws -> [UInt8] {
        let org = try await organisation()
        let today = today(for: org)
        let client = try await ClientStore(database.sql, orgID: org.id).require(code)
        let open = try await InvoiceStore(database.sql, orgID: org.id).list(InvoiceFilter(clientID: client.id), asOf: today)
            .filter { $0.status.isOutstanding && $0.invoice.issueDate <= today }
        let credit = try await PaymentStore(database.sql, orgID: org.id).unappliedCredit()[client.id] ?? [:]
        let statement = AccountStatement(
            letterhead: try await letterhead(org), recipient: Recipient(client: client.client, address: client.client.address),
            date: today, items: open.map { StatementItem(invoice: $0.invoice, summary: $0.summary) },
            unappliedCredit: credit.filter { $0.value > 0 }.sorted { $0.key.code < $1.key.code }
                .map { Money(minorUnits: $0.value, currency: $0.key) })
        return try statement.pdf(pageSize: try Self.pageSize(pageSize, country: client.client.country))
    }

    /// A payment plan's agreement for the client to sign: the instalments, their dates and amounts.
    public func planPDF(_ id: Int64, pageSize: String? = nil) async throws -> [UInt8] {
        let org = try await organisation()
        guard let stored = try await PlanStore(database.sql, orgID: org.id).list(activeOnly: false).first(where: { $0.plan.id == id }),
              let client = try await ClientStore(database.sql, orgID: org.id).find(id: stored.clientID) else {
            throw InputError("no payment plan \(id) (see `settle plan list`)")
        }
        let policy = try await policyBook().policy(invoiceID: stored.invoiceIDs.first ?? 0, clientID: stored.clientID)
        let agreement = PaymentPlanAgreement(
            letterhead: try await letterhead(org), recipient: Recipient(client: client.client, address: client.client.address),
            date: stored.createdOn, plan: stored.plan, graceDays: policy.plans.graceDays)
        return try agreement.pdf(pageSize: try Self.pageSize(pageSize, country: client.client.country))
    }

    private func letterhead(_ org: StoredOrganisation) async throws -> Letterhead {
        let settings = try await OrganisationSettingsStore(database.sql, orgID: org.id).load()
        return try Letterhead(organisation: org.organisation, settings: settings, address: settings.address,
                              contact: [settings.senderEmail].filter { !$0.isEmpty })
    }

    /// `a4` or `letter`; the usual paper of the client's country when nil.
    static func pageSize(_ text: String?, country: String) throws -> PageSize {
        guard let text else { return PageSize(country: country) }
        guard let size = PageSize(rawValue: text) else { throw InputError("the page size must be a4 or letter, not \(text)") }
        return size
    }
}
