import SettleCore
import SettleStore

/// A timeline event with the client it belongs to, as the timeline export lists it.
public struct TimelineExportRow: Sendable, Hashable {
    public var client: String
    public var event: TimelineEvent
}

extension Settle {
    /// How many rows an export reads at a time.
    public static let exportPageSize = 1000

    /// Invoices issued from `from` to `to` (both included), in issue-day order, with their balance and status as
    /// of `to`, handed to `write` a page at a time.
    public func exportInvoices(from: Day, to: Day, pageSize: Int = exportPageSize,
                               _ write: ([InvoiceExportRow]) async throws -> Void) async throws {
        let query = try await exportQuery(from: from, to: to)
        try await paged(write, limit: pageSize, cursor: { ExportCursor(day: $0.issueDate, id: $0.id) }) {
            try await query.invoices(from: from, to: to, after: $0, limit: pageSize)
        }
    }

    /// Payments received from `from` to `to`, in day order, with their allocations as of `to`, a page at a time.
    public func exportPayments(from: Day, to: Day, pageSize: Int = exportPageSize,
                               _ write: ([PaymentExportRow]) async throws -> Void) async throws {
        let query = try await exportQuery(from: from, to: to)
        try await paged(write, limit: pageSize, cursor: { ExportCursor(day: $0.date, id: $0.id) }) {
            try await query.payments(from: from, to: to, after: $0, limit: pageSize)
        }
    }

    /// Actions the daily cycles recorded for days from `from` to `to`, in day order, a page at a time.
    public func exportActions(from: Day, to: Day, pageSize: Int = exportPageSize,
                              _ write: ([ActionExportRow]) async throws -> Void) async throws {
        let query = try await exportQuery(from: from, to: to)
        try await paged(write, limit: pageSize, cursor: { ExportCursor(day: $0.day, id: $0.id) }) {
            try await query.actions(from: from, to: to, after: $0, limit: pageSize)
        }
    }

    /// Every timeline event dated from `from` to `to` (what `settle timeline` shows), client by client in
    /// order of client id, each client's events in day order; handed to `write` one client at a time.
    public func exportTimeline(from: Day, to: Day, _ write: ([TimelineExportRow]) async throws -> Void) async throws {
        guard from <= to else { throw InputError("the period starts on \(from), after it ends on \(to)") }
        let org = try await organisation()
        let timeline = TimelineQuery(database.sql, orgID: org.id)
        for client in try await ClientStore(database.sql, orgID: org.id).all() {
            let events = try await timeline.events(clientID: client.id).filter { $0.day >= from && $0.day <= to }
            if !events.isEmpty { try await write(events.map { TimelineExportRow(client: client.client.code, event: $0) }) }
        }
    }

    private func exportQuery(from: Day, to: Day) async throws -> ExportQuery {
        guard from <= to else { throw InputError("the period starts on \(from), after it ends on \(to)") }
        return ExportQuery(database.sql, orgID: try await organisation().id)
    }

    /// Reads pages until one comes back short, handing each non-empty page to `write`.
    private func paged<Row>(_ write: ([Row]) async throws -> Void, limit: Int, cursor: (Row) -> ExportCursor,
                            read: (ExportCursor?) async throws -> [Row]) async throws {
        var after: ExportCursor?
        while true {
            let page = try await read(after)
            if !page.isEmpty { try await write(page) }
            guard let last = page.last, page.count == limit else { return }
            after = cursor(last)
        }
    }
}
