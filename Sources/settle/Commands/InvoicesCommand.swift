import ArgumentParser
import SettleApp
import SettleCore
import SettleStore

struct InvoicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoices", abstract: "List, show and write off invoices.",
        subcommands: [List.self, Show.self, WriteOff.self])

    static let columns = ["number", "client", "issue_date", "due_date", "currency", "total", "balance", "status"]

    static func row(_ stored: StoredInvoice) -> [String] {
        let invoice = stored.invoice
        return [invoice.number.value, invoice.client, invoice.issueDate.description, invoice.dueDate.description,
                invoice.currency.code, invoice.total.decimalString, stored.summary.balance.total.decimalString,
                stored.status.rawValue]
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List invoices.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(help: "open, partially_paid, paid, written_off or void.") var status: String?
        @Flag(help: "Only invoices past due and still owed (as of --as-of or today).") var overdue = false
        @Option(help: "Only this client's invoices.") var client: String?

        func run() async throws {
            var filter = InvoiceFilter()
            if let status {
                guard let parsed = PaymentStatus(rawValue: status) else {
                    throw ValidationError("--status must be one of \(PaymentStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                filter.status = parsed
            }
            let invoices = try await global.withSettle { settle in
                if overdue { filter.overdueAsOf = settle.today(for: try await settle.organisation()) }
                return try await settle.invoices(filter, client: client)
            }
            print(Table(columns: InvoicesCommand.columns, rows: invoices.map(InvoicesCommand.row)).render(output.format), terminator: "")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an invoice: lines, ledger entries, payments, balance.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "The invoice number.") var number: String

        func run() async throws {
            let detail = try await global.withSettle { try await $0.invoiceDetail(number) }
            let invoice = detail.stored.invoice
            let balance = detail.stored.summary.balance
            let overdue = detail.stored.status.isOutstanding ? max(0, invoice.daysPastDue(asOf: detail.asOf)) : 0
            let entries = detail.entries.map { [$0.date.description, $0.kind.rawValue, $0.component.rawValue, $0.amount.decimalString, $0.note] }
            let payments = detail.payments.map { [String($0.id), $0.payment.date.description, $0.payment.amount.decimalString,
                                                  $0.payment.method.rawValue, $0.payment.reference, $0.reversalReason?.rawValue ?? ""] }
            if output.format == .json {
                print(JSONOutput.string([
                    "number": invoice.number.value, "client": invoice.client, "issue_date": invoice.issueDate.description,
                    "due_date": invoice.dueDate.description, "currency": invoice.currency.code,
                    "terms": invoice.terms?.description ?? "", "description": invoice.description,
                    "reference": invoice.paymentReference.value, "total": invoice.total.decimalString,
                    "status": detail.stored.status.rawValue, "days_overdue": overdue, "as_of": detail.asOf.description,
                    "balance": ["principal": balance.principal.decimalString, "costs": balance.costs.decimalString,
                                "interest": balance.interest.decimalString, "total": balance.total.decimalString],
                    "lines": detail.lines.map { ["description": $0.description, "quantity": $0.quantity.description,
                                                 "unit_price": $0.unitPrice.decimalString, "tax_rate": $0.taxRate.description] },
                    "entries": entries.map { Dictionary(uniqueKeysWithValues: zip(["date", "kind", "component", "amount", "note"], $0)) },
                    "payments": payments.map { Dictionary(uniqueKeysWithValues: zip(["id", "date", "amount", "method", "reference", "reversed"], $0)) },
                ] as [String: Any]), terminator: "")
                return
            }
            print("Invoice \(invoice.number) for \(invoice.client): \(invoice.total) issued \(invoice.issueDate), due \(invoice.dueDate)\(invoice.terms.map { " (\($0))" } ?? "")")
            print("Reference \(invoice.paymentReference.printed)")
            print("Status \(detail.stored.status.rawValue), \(overdue) days overdue as of \(detail.asOf)")
            print("Balance \(balance.total): principal \(balance.principal.decimalString), costs \(balance.costs.decimalString), interest \(balance.interest.decimalString)")
            if !detail.lines.isEmpty {
                print("\nLines")
                print(Table(columns: ["description", "quantity", "unit_price", "tax_rate"], rows: detail.lines.map {
                    [$0.description, $0.quantity.description, $0.unitPrice.decimalString, $0.taxRate.description + "%"]
                }).render(.table), terminator: "")
            }
            print("\nLedger")
            print(Table(columns: ["date", "kind", "component", "amount", "note"], rows: entries).render(.table), terminator: "")
            if !payments.isEmpty {
                print("\nPayments")
                print(Table(columns: ["id", "date", "amount", "method", "reference", "reversed"], rows: payments).render(.table), terminator: "")
            }
        }
    }

    struct WriteOff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "write-off", abstract: "Write off what an invoice still owes.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The invoice number.") var number: String
        @Option(help: "bad_debt, goodwill or small_balance.") var reason: String

        func run() async throws {
            guard let reason = WriteOffReason(rawValue: reason) else {
                throw ValidationError("--reason must be one of \(WriteOffReason.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let entries = try await global.withSettle { try await $0.writeOff(invoice: number, reason: reason) }
            let total = entries.reduce(Int64(0)) { $0 - $1.amount.minorUnits }
            let currency = entries.first?.amount.currency
            print("wrote off \(currency.map { Money(minorUnits: total, currency: $0).description } ?? "nothing") on invoice \(number)")
        }
    }
}
