import Foundation
import SettleApp
import SettleCore
import SettleStore

/// The ids of one organisation's resources in a book where every kind of API resource exists:
/// a payment, a plan, two open approvals and an opened case, messages, tasks, a bank account,
/// a statement entry waiting for a person and a webhook subscription.
struct APIBookIDs: Sendable {
    var payment: Int64
    var plan: Int64
    var approvals: [Int64]
    var escalationCase: Int64
    var message: Int64
    var task: Int64
    var statementEntry: Int64
    var webhook: String
}

/// Fills both organisations of `withServer` ("D" and "O" prefixes) the same way, through the
/// use cases: three invoices far past due for escalation, one at the stage with a call to make, the day's cycle, its messages queued,
/// a payment, a plan, one approval approved, and a bank statement with an unmatched transfer.
func fillAPIBook(_ settle: Settle) async throws -> [String: APIBookIDs] {
    var ids: [String: APIBookIDs] = [:]
    for slug in ["default", "other"] {
        let view = Settle(database: settle.database, organisation: slug, time: settle.time)
        let prefix = slug == "default" ? "D" : "O"
        _ = try await view.importInvoices(Array("""
            number,client,issue_date,due_date,currency,amount,description
            \(prefix)-OLD1,\(prefix)-ACME,2023-12-01,2024-01-10,EUR,300.00,old one
            \(prefix)-OLD2,\(prefix)-ACME,2023-12-01,2024-01-11,EUR,310.00,old two
            \(prefix)-OLD3,\(prefix)-ACME,2023-12-01,2024-01-12,EUR,320.00,old three
            \(prefix)-MID,\(prefix)-ACME,2024-01-01,2024-02-12,EUR,150.00,a call to make

            """.utf8), file: "old.csv", dryRun: false)
        _ = try await view.collect(dryRun: false)
        try await view.queueMessages()
        let approvals = try await view.approvals().map(\.approval.id)
        guard approvals.count == 3 else { throw InputError("expected three approvals in \(slug), found \(approvals.count)") }
        let caseID = try await view.approve(approvals[2], kind: .agency, note: "handed over")
        let payment = try await view.addPayment(Payment(client: "\(prefix)-ACME", date: try Day(parsing: "2024-03-30"),
                                                        amount: try Money(parsing: "20.00", currencyCode: "EUR"), method: .bankTransfer,
                                                        reference: "part", invoice: try InvoiceNumber("\(prefix)-1")))
        let plan = try await view.createPlan(client: "\(prefix)-ACME", invoices: ["\(prefix)/2"], instalments: 2, every: .month,
                                             start: try Day(parsing: "2024-04-15"), down: nil, waiveFees: false)
        let iban = slug == "default" ? "DE89370400440532013000" : "GB33BUKB20201555555555"
        _ = try await view.addBankAccount(iban: iban, currency: "EUR", name: "Main")
        let statement = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>
              <GrpHdr><MsgId>M-\(slug)</MsgId><CreDtTm>2024-03-31T06:00:00</CreDtTm></GrpHdr>
              <Stmt><Id>S-\(slug)</Id><Acct><Id><IBAN>\(iban)</IBAN></Id><Ccy>EUR</Ccy></Acct>
                <Ntry><Amt Ccy="EUR">77.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2024-03-31</Dt></BookgDt>
                  <AcctSvcrRef>R-\(slug)</AcctSvcrRef><NtryDtls><TxDtls><RltdPties><Dbtr><Pty><Nm>Somebody Else</Nm></Pty></Dbtr></RltdPties>
                  <RmtInf><Ustrd>gift</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
              </Stmt></BkToCstmrStmt></Document>
            """
        _ = try await view.importStatement(InputStream(data: Data(statement.utf8)), file: "s-\(slug).xml", dryRun: false)
        let webhook = try await view.subscribeWebhook(url: "https://hooks.example/\(slug)", events: ["payment.received"], secret: nil)
        guard let entry = try await view.reconciliation(status: nil).first?.entry.id else { throw InputError("\(slug): no statement entry") }
        guard let message = try await view.outbox().first?.id else { throw InputError("\(slug): no message") }
        guard let task = try await view.tasks(dueBy: nil).first?.id else { throw InputError("\(slug): no task") }
        ids[slug] = APIBookIDs(payment: payment.id, plan: plan.plan.id, approvals: Array(approvals.prefix(2)), escalationCase: caseID,
                               message: message, task: task, statementEntry: entry,
                               webhook: webhook.subscription.publicID)
    }
    return ids
}
