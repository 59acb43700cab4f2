import ArgumentParser
import Foundation
import SettleApp
import SettleCore
import SettleStore

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Invoices, payments, actions or timeline events of a period, as CSV or JSON for accountants.",
        discussion: """
            invoices: issued in the period, with client, dates, currency, amount, balance and status as of --to. \
            payments: received in the period, with the invoices they paid (as of --to) and what stayed unapplied. \
            actions: what the daily cycles did, by day. timeline: every event of settle timeline dated in the period, \
            client by client. Rows are written as they are read, a page at a time.
            """)

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case invoices, payments, actions, timeline
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, json
    }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "invoices, payments, actions or timeline.") var kind: Kind
    @OptionGroup var period: PeriodOptions
    @Option(help: "csv or json (an array of objects).") var format: Format = .csv

    func run() async throws {
        let (from, to) = try period.days()
        let kind = kind
        var writer = ExportWriter(format: format, columns: Self.columns[kind] ?? [])
        try await global.withSettle { settle in
            switch kind {
            case .invoices:
                try await settle.exportInvoices(from: from, to: to) { rows in writer.write(rows.map(Self.values)) }
            case .payments:
                try await settle.exportPayments(from: from, to: to) { rows in
                    writer.write(rows.map(Self.values), nested: rows.map { row in
                        ["allocations": row.allocations.map { ["invoice": $0.invoice, "amount": $0.amount.decimalString] },
                         "invoice": row.namedInvoice ?? NSNull(), "reversed_on": row.reversedOn?.description ?? NSNull(),
                         "reversal_reason": row.reversalReason ?? NSNull()]
                    })
                }
            case .actions:
                try await settle.exportActions(from: from, to: to) { rows in writer.write(rows.map(Self.values)) }
            case .timeline:
                try await settle.exportTimeline(from: from, to: to) { rows in
                    writer.write(rows.map(Self.values), nested: rows.map { ["invoice": $0.event.invoice ?? NSNull()] })
                }
            }
        }
        writer.finish()
    }

    static let columns: [Kind: [String]] = [
        .invoices: ["number", "client", "client_name", "issue_date", "due_date", "currency", "amount", "balance", "status"],
        .payments: ["payment", "date", "client", "client_name", "currency", "amount", "method", "reference", "invoice", "allocations",
                    "unapplied", "reversed_on", "reversal_reason"],
        .actions: ["day", "client", "invoice", "stage", "kind", "tone", "status", "reason"],
        .timeline: ["client", "day", "kind", "invoice", "summary", "detail"],
    ]

    static func values(_ row: InvoiceExportRow) -> [String] {
        [row.number, row.client, row.clientName, row.issueDate.description, row.dueDate.description, row.amount.currency.code,
         row.amount.decimalString, row.balance.decimalString, row.status.rawValue]
    }

    /// In CSV the allocations are one field, `A-1 100.00; A-2 50.00`; in JSON an array, and what is missing null (see `run`).
    static func values(_ row: PaymentExportRow) -> [String] {
        [String(row.id), row.date.description, row.client, row.clientName, row.amount.currency.code, row.amount.decimalString,
         row.method, row.reference, row.namedInvoice ?? "",
         row.allocations.map { "\($0.invoice) \($0.amount.decimalString)" }.joined(separator: "; "),
         row.unapplied.decimalString, row.reversedOn?.description ?? "", row.reversalReason ?? ""]
    }

    static func values(_ row: ActionExportRow) -> [String] {
        [row.day.description, row.client, row.invoice, row.stage, row.kind, row.tone, row.status, row.reason]
    }

    static func values(_ row: TimelineExportRow) -> [String] {
        [row.client, row.event.day.description, row.event.kind, row.event.invoice ?? "", row.event.summary, row.event.detail]
    }
}

/// Writes rows to standard output as they come: CSV with a header line, or a JSON array with one object a line.
struct ExportWriter {
    var format: ExportCommand.Format
    var columns: [String]
    private var rowsWritten = 0

    init(format: ExportCommand.Format, columns: [String]) {
        self.format = format
        self.columns = columns
    }

    /// Writes rows of values in `columns` order; `nested` replaces values with structured ones in JSON.
    mutating func write(_ rows: [[String]], nested: [[String: Any]] = []) {
        var text = ""
        if rowsWritten == 0 { text += start() }
        for (index, values) in rows.enumerated() {
            switch format {
            case .csv:
                text += values.map(Table.csvField).joined(separator: ",") + "\n"
            case .json:
                var object: [String: Any] = Dictionary(uniqueKeysWithValues: zip(columns, values))
                if index < nested.count { object.merge(nested[index]) { $1 } }
                let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
                text += (rowsWritten + index == 0 ? "" : ",\n") + String(decoding: data, as: UTF8.self)
            }
        }
        rowsWritten += rows.count
        print(text, terminator: "")
    }

    /// Ends the output (the header alone, or `[]`, when there were no rows).
    mutating func finish() {
        if rowsWritten == 0 { print(start(), terminator: "") }
        if format == .json { print(rowsWritten == 0 ? "]" : "\n]") }
    }

    private func start() -> String {
        format == .csv ? columns.joined(separator: ",") + "\n" : "[\n"
    }
}
