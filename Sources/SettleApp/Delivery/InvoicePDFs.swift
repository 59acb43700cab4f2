import SettleCore
import SettleDelivery
import SettleDocuments
import SettleStore
import SQLKit

/// The invoices a reminder is about, as PDFs to attach: each with its lines, what is still to
/// pay, the RF reference and, for euro, the payment QR code.
enum InvoicePDFs {
    static func attachments(for invoices: [StoredInvoice], client: Client, organisation org: StoredOrganisation,
                            sql: any SQLDatabase) async throws -> [EmailAttachment] {
        guard !invoices.isEmpty else { return [] }
        let settings = try await OrganisationSettingsStore(sql, orgID: org.id).load()
        let letterhead = try Letterhead(organisation: org.organisation, settings: settings, address: settings.address,
                                        contact: [settings.senderEmail].filter { !$0.isEmpty })
        let recipient = Recipient(client: client, address: client.address)
        let store = InvoiceStore(sql, orgID: org.id)
        let size = PageSize(country: client.country)
        var attachments: [EmailAttachment] = []
        for stored in invoices {
            var invoice = stored.invoice
            invoice.lines = try await store.lines(of: stored)
            let document = InvoiceDocument(letterhead: letterhead, recipient: recipient, invoice: invoice,
                                           amountDue: stored.summary.balance.total)
            let name = String(invoice.number.value.map { "/\\:".contains($0) ? "-" : $0 })
            attachments.append(EmailAttachment(filename: "\(name).pdf", contentType: "application/pdf",
                                                 bytes: try document.pdf(pageSize: size)))
        }
        return attachments
    }
}
