import SettleCore
import SQLKit

/// One thing that happened to a client or one of its invoices, as `settle timeline` shows it.
public struct TimelineEvent: Sendable, Hashable {
    public var day: Day
    /// What happened: `invoice`, `payment`, a ledger entry (`allocation`, `reversal`, `discount`, `discount_reversal`,
    /// `fee`, `compensation`, `interest`, `credit_note`, `write_off`), `reminder`, `letter`, `call_task`, `webhook`,
    /// `skipped`, `promise`, `promise_outcome`, `dispute`, `dispute_resolved`, `pause`, `hardship`, `opt_out`,
    /// `opt_in`, `cease`, `note`, `reply`, `task`, `task_done`, `approval`, `approval_decided`, `case`, or what became of a message:
    /// `message_sent`, `message_failed`, `message_cancelled`, or a bank statement's entry applied to the client: `bank_entry`.
    public var kind: String
    /// The invoice it concerns; nil when it concerns the client as a whole or several invoices.
    public var invoice: String?
    /// A sentence a person can read, with amounts as `1234.50 EUR`.
    public var summary: String
    /// What else there is to know: the reason, the note, the ids to act on.
    public var detail: String
    /// The outbox message of a `message_*` event (its content is the message's).
    public var messageID: Int64?

    public init(day: Day, kind: String, invoice: String?, summary: String, detail: String, messageID: Int64? = nil) {
        self.messageID = messageID
        self.day = day
        self.kind = kind
        self.invoice = invoice
        self.summary = summary
        self.detail = detail
    }
}

/// Everything that happened to one client, or to one of its invoices, in day order. Read-only: one query per
/// source table, each scoped to the organisation, the client and (when given) the invoice, merged here.
///
/// Late-fee and interest stages appear as the entries they posted, escalations as their approvals and cases,
/// call tasks as the `call_task` action that created them; skipped actions are summarised once per day.
public struct TimelineQuery: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    /// The client's events; with `invoiceID` (an invoice of that client) only the events of that invoice,
    /// so client-wide ones (pauses, hardship, contact preferences, notes on the client) are left out.
    public func events(clientID: Int64, invoiceID: Int64? = nil) async throws -> [TimelineEvent] {
        let scope = Scope(clientID: clientID, invoiceID: invoiceID)
        var found = try await invoices(scope) + ledger(scope) + payments(scope) + actions(scope)
        found += try await promises(scope) + disputes(scope) + notes(scope) + tasks(scope) + approvals(scope) + cases(scope)
        found += try await messages(scope) + statementEntries(scope) + replies(scope)
        if invoiceID == nil { found += try await holds(scope) + contactPreferences(scope) + revokedPreferences(scope) }
        return found.sorted { ($0.event.day, $0.position.rawValue, $0.id) < ($1.event.day, $1.position.rawValue, $1.id) }
            .map(\.event)
    }
}

/// Where an event stands among those of its day: what arrives first (invoices, payments, their allocations),
/// then what people record, then what the day's cycle did, then the work it left and how that ended.
enum Position: Int {
    case issued, paid, applied, promiseClosed, promised, disputed, disputeResolved, credited, held, contactPreference,
         noted, actioned, skipped, charged, messaged, replied, taskCreated, approvalRequested, approvalDecided, caseOpened, taskDone
}

/// An event with its tie-break within the day: its position, then its row id (unique within a position).
struct Placed {
    var event: TimelineEvent
    var position: Position
    var id: Int64

    init(_ day: Day, _ kind: String, _ invoice: String?, _ summary: String, _ detail: String, _ position: Position, id: Int64) {
        event = TimelineEvent(day: day, kind: kind, invoice: invoice, summary: summary, detail: detail)
        self.position = position
        self.id = id
    }
}

/// The client and (optionally) invoice every query is restricted to, besides the organisation.
struct Scope {
    var clientID: Int64
    var invoiceID: Int64?

    /// ` AND column = invoice id` when the timeline is of one invoice.
    func only(_ column: String) -> SQLQueryString {
        guard let invoiceID else { return "" }
        return " AND \(unsafeRaw: column) = \(bind: invoiceID)"
    }
}

extension TimelineQuery {
    private func invoices(_ scope: Scope) async throws -> [Placed] {
        try await sql.raw("""
            SELECT id, number, issue_date, due_date, currency, total_minor, description FROM invoices
            WHERE org_id = \(bind: orgID) AND client_id = \(bind: scope.clientID)\(scope.only("id"))
            """).all().map { row in
            let number = try row.text("number")
            return Placed(try row.day("issue_date"), "invoice", number,
                          "Invoice \(number) issued: \(try row.money("total_minor")), due \(try row.day("due_date"))",
                          try row.text("description"), .issued, id: try row.id())
        }
    }

    private func ledger(_ scope: Scope) async throws -> [Placed] {
        try await sql.raw("""
            SELECT e.id, e.kind, e.component, e.amount_minor, e.date, e.payment_id, e.note, i.number, i.currency
            FROM ledger_entries e JOIN invoices i ON i.id = e.invoice_id AND i.org_id = e.org_id
            WHERE e.org_id = \(bind: orgID) AND i.client_id = \(bind: scope.clientID) AND e.kind <> 'principal'\(scope.only("e.invoice_id"))
            """).all().map { row in
            let kind = try row.text("kind")
            let amount = try row.money("amount_minor")
            let payment = try row.decode(column: "payment_id", as: Int64?.self).map { "payment \($0)" } ?? ""
            let stored = try row.text("component")
            let component = stored == "costs" ? "fees" : stored
            let (summary, position): (String, Position) = switch kind {
            case "allocation": ("\(amount) of \(payment) applied to \(component)", .applied)
            case "reversal": ("\(amount) of \(component) owed again: \(payment) reversed", .applied)
            case "discount": ("Early-payment discount of \(amount) (\(payment))", .applied)
            case "discount_reversal": ("Early-payment discount of \(amount) undone: \(payment) reversed", .applied)
            case "fee": ("Late fee of \(amount) charged", .charged)
            case "compensation": ("Fixed compensation of \(amount) charged", .charged)
            case "interest": ("Interest of \(amount) posted", .charged)
            case "credit_note": ("Credit note of \(amount)", .credited)
            default: ("\(amount) of \(component) written off", .credited)
            }
            return Placed(try row.day("date"), kind, try row.text("number"), summary, try row.text("note"), position, id: try row.id())
        }
    }

    private func payments(_ scope: Scope) async throws -> [Placed] {
        var touching: SQLQueryString = ""
        if let invoiceID = scope.invoiceID {
            touching = """
                 AND (p.invoice_id = \(bind: invoiceID)
                      OR p.id IN (SELECT payment_id FROM ledger_entries WHERE org_id = \(bind: orgID) AND invoice_id = \(bind: invoiceID)))
                """
        }
        return try await sql.raw("""
            SELECT p.id, p.date, p.currency, p.amount_minor, p.method, p.reference, p.reversed_on, p.reversal_reason, i.number
            FROM payments p LEFT JOIN invoices i ON i.id = p.invoice_id AND i.org_id = p.org_id
            WHERE p.org_id = \(bind: orgID) AND p.client_id = \(bind: scope.clientID)\(touching)
            """).all().map { row in
            let method = try row.text("method")
            let reference = try row.text("reference")
            let how = ([method == "other" ? nil : method.spoken] + [reference.isEmpty ? nil : "reference \(reference)"]).compactMap { $0 }
            var summary = "Payment of \(try row.money("amount_minor")) received" + (how.isEmpty ? "" : " (\(how.joined(separator: ", ")))")
            if let reversedOn = try row.optionalDay("reversed_on") {
                summary += "; reversed on \(reversedOn) (\(try row.optionalText("reversal_reason") ?? ""))"
            }
            let id = try row.id()
            return Placed(try row.day("date"), "payment", try row.optionalText("number"), summary, "payment \(id)", .paid, id: id)
        }
    }

    private func actions(_ scope: Scope) async throws -> [Placed] {
        let rows = try await sql.raw("""
            SELECT a.id, a.day, a.stage, a.kind, a.tone, a.status, a.reason, i.number, t.id AS task_id
            FROM actions a JOIN invoices i ON i.id = a.invoice_id AND i.org_id = a.org_id
            LEFT JOIN tasks t ON t.org_id = a.org_id AND t.key = a.key
            WHERE a.org_id = \(bind: orgID) AND i.client_id = \(bind: scope.clientID) AND a.kind <> 'escalate'\(scope.only("a.invoice_id"))
            ORDER BY a.id
            """).all()
        var placed: [Placed] = []
        var skipped: [Day: [SkippedAction]] = [:]
        for row in rows {
            let (kind, status, number, day) = (try row.text("kind"), try row.text("status"), try row.text("number"), try row.day("day"))
            let (stage, reason, id) = (try row.text("stage"), try row.text("reason"), try row.id())
            if status == "skipped" {
                skipped[day, default: []].append(SkippedAction(invoice: number, stage: stage, kind: kind, reason: reason, id: id))
                continue
            }
            let (event, what): (String, String)
            switch kind {
            case "email": (event, what) = ("reminder", "Email reminder")
            case "sms": (event, what) = ("reminder", "SMS reminder")
            case "letter": (event, what) = ("letter", "Letter")
            case "call_task": (event, what) = ("call_task", "Call to make")
            case "webhook": (event, what) = ("webhook", "Webhook")
            default: continue  // late fees and interest show as the entries they posted
            }
            let waiting = status == "awaiting_approval" ? ", awaiting approval" : ""
            let task = try row.decode(column: "task_id", as: Int64?.self).map { "task \($0): " } ?? ""
            placed.append(Placed(day, event, number, "\(what) (stage \(stage), \(try row.text("tone")) tone\(waiting))",
                                 task + reason, .actioned, id: id))
        }
        return placed + skipped.map { SkippedAction.summary(of: $0.value, on: $0.key) }
    }

    private func promises(_ scope: Scope) async throws -> [Placed] {
        try await sql.raw("""
            SELECT p.id, p.made_on, p.promised_date, p.amount_minor, p.note, p.status, p.closed_on, i.number, i.currency
            FROM promises p JOIN invoices i ON i.id = p.invoice_id AND i.org_id = p.org_id
            WHERE p.org_id = \(bind: orgID) AND i.client_id = \(bind: scope.clientID)\(scope.only("p.invoice_id"))
            """).all().flatMap { row in
            let (id, number, date) = (try row.id(), try row.text("number"), try row.day("promised_date"))
            let amount = try row.optionalMoney("amount_minor").map(\.description) ?? "the balance"
            var events = [Placed(try row.day("made_on"), "promise", number, "Promise to pay \(amount) by \(date)",
                                 try row.text("note"), .promised, id: id)]
            if let closedOn = try row.optionalDay("closed_on") {
                events.append(Placed(closedOn, "promise_outcome", number, "Promise to pay by \(date) \(try row.text("status").spoken)",
                                     "", .promiseClosed, id: id))
            }
            return events
        }
    }

    private func disputes(_ scope: Scope) async throws -> [Placed] {
        try await sql.raw("""
            SELECT d.id, d.opened_on, d.reason, d.note, d.outcome, d.credit_minor, d.resolved_on, i.number, i.currency
            FROM disputes d JOIN invoices i ON i.id = d.invoice_id AND i.org_id = d.org_id
            WHERE d.org_id = \(bind: orgID) AND i.client_id = \(bind: scope.clientID)\(scope.only("d.invoice_id"))
            """).all().flatMap { row in
            let (id, number) = (try row.id(), try row.text("number"))
            var events = [Placed(try row.day("opened_on"), "dispute", number, "Dispute opened: \(try row.text("reason").spoken)",
                                 try row.text("note"), .disputed, id: id)]
            if let resolvedOn = try row.optionalDay("resolved_on") {
                let credit = try row.optionalMoney("credit_minor").map { ", \($0) credited" } ?? ""
                events.append(Placed(resolvedOn, "dispute_resolved", number,
                                     "Dispute resolved: \(try row.optionalText("outcome") ?? "")\(credit)", "", .disputeResolved, id: id))
            }
            return events
        }
    }

    private func notes(_ scope: Scope) async throws -> [Placed] {
        try await sql.raw("""
            SELECT n.id, n.day, n.text, i.number FROM notes n LEFT JOIN invoices i ON i.id = n.invoice_id AND i.org_id = n.org_id
            WHERE n.org_id = \(bind: orgID) AND n.client_id = \(bind: scope.clientID)\(scope.only("n.invoice_id"))
            """).all().map { row in
            Placed(try row.day("day"), "note", try row.optionalText("number"), try row.text("text"), "", .noted, id: try row.id())
        }
    }

    private func tasks(_ scope: Scope) async throws -> [Placed] {
        try await sql.raw("""
            SELECT t.id, t.kind, t.due_day, t.reason, t.outcome, t.note, t.completed_on, i.number
            FROM tasks t LEFT JOIN invoices i ON i.id = t.invoice_id AND i.org_id = t.org_id
            WHERE t.org_id = \(bind: orgID) AND t.client_id = \(bind: scope.clientID)\(scope.only("t.invoice_id"))
            """).all().flatMap { row in
            let (id, kind, number) = (try row.id(), try row.text("kind"), try row.optionalText("number"))
            var events: [Placed] = []
            // A call task was created by its `call_task` action, which is on the timeline already.
            if kind != "call" {
                let what = switch kind {
                case "apply_credit": "apply the client's credit"
                case "charges_left": "waive or pursue the charges left"
                case "delivery": "a message was not delivered"
                case "reply": "answer the client's reply"
                case "bounce": "an email address bounced"
                default: kind.spoken
                }
                events.append(Placed(try row.day("due_day"), "task", number, "Task created: \(what)",
                                     "task \(id): \(try row.text("reason"))", .taskCreated, id: id))
            }
            if let completedOn = try row.optionalDay("completed_on") {
                let note = try row.text("note")
                events.append(Placed(completedOn, "task_done", number,
                                     "\(kind == "call" ? "Call" : "Task") done: \(try row.optionalText("outcome")?.spoken ?? "")",
                                     "task \(id)" + (note.isEmpty ? "" : ": \(note)"), .taskDone, id: id))
            }
            return events
        }
    }

    private func approvals(_ scope: Scope) async throws -> [Placed] {
        try await sql.raw("""
            SELECT a.id, a.stage, a.requested_on, a.status, a.decided_on, a.note, i.number
            FROM approvals a JOIN invoices i ON i.id = a.invoice_id AND i.org_id = a.org_id
            WHERE a.org_id = \(bind: orgID) AND i.client_id = \(bind: scope.clientID)\(scope.only("a.invoice_id"))
            """).all().flatMap { row in
            let (id, number) = (try row.id(), try row.text("number"))
            var events = [Placed(try row.day("requested_on"), "approval", number,
                                 "Approval asked to escalate (stage \(try row.text("stage")))", "approval \(id)", .approvalRequested, id: id)]
            if let decidedOn = try row.optionalDay("decided_on") {
                events.append(Placed(decidedOn, "approval_decided", number, "Escalation \(try row.text("status"))",
                                     try row.text("note"), .approvalDecided, id: id))
            }
            return events
        }
    }

    private func cases(_ scope: Scope) async throws -> [Placed] {
        var member: SQLQueryString = ""
        if let invoiceID = scope.invoiceID {
            member = " AND c.id IN (SELECT case_id FROM case_invoices WHERE org_id = \(bind: orgID) AND invoice_id = \(bind: invoiceID))"
        }
        let rows = try await sql.raw("""
            SELECT c.id, c.kind, c.opened_on, c.note FROM cases c
            WHERE c.org_id = \(bind: orgID) AND c.client_id = \(bind: scope.clientID)\(member)
            """).all()
        guard !rows.isEmpty else { return [] }
        var invoices: [Int64: [String]] = [:]
        for row in try await sql.raw("""
            SELECT ci.case_id, i.number FROM case_invoices ci JOIN invoices i ON i.id = ci.invoice_id AND i.org_id = ci.org_id
            WHERE ci.org_id = \(bind: orgID) AND i.client_id = \(bind: scope.clientID) ORDER BY i.number
            """).all() {
            invoices[try row.id("case_id"), default: []].append(try row.text("number"))
        }
        let takers = ["agency": "a collection agency", "legal": "a lawyer", "mediation": "a mediator"]
        return try rows.map { row in
            let (id, kind) = (try row.id(), try row.text("kind"))
            let numbers = invoices[id] ?? []
            return Placed(try row.day("opened_on"), "case", numbers.count == 1 ? numbers.first : nil,
                          "Case \(id) opened: \(numbers.joined(separator: ", ")) handed to \(takers[kind] ?? kind)",
                          try row.text("note"), .caseOpened, id: id)
        }
    }

    private func holds(_ scope: Scope) async throws -> [Placed] {
        try await sql.raw("""
            SELECT id, kind, from_day, until_day, note FROM client_holds WHERE org_id = \(bind: orgID) AND client_id = \(bind: scope.clientID)
            """).all().map { row in
            let (kind, until) = (try row.text("kind"), try row.day("until_day"))
            let summary = kind == "pause" ? "Chasing paused until \(until)" : "Hardship until \(until): no fees, interest or escalation"
            return Placed(try row.day("from_day"), kind, nil, summary, try row.text("note"), .held, id: try row.id())
        }
    }

    private func contactPreferences(_ scope: Scope) async throws -> [Placed] {
        try await sql.raw("""
            SELECT id, kind, channel, day, note FROM contact_preferences WHERE org_id = \(bind: orgID) AND client_id = \(bind: scope.clientID)
            """).all().map { row in
            let kind = try row.text("kind")
            let summary = try row.optionalText("channel").map { "Opted out of \($0)" } ?? "Asked to cease all communication"
            return Placed(try row.day("day"), kind, nil, summary, try row.text("note"), .contactPreference, id: try row.id())
        }
    }
}

/// An action a day's cycle recorded as skipped; a day's skipped actions make one line.
private struct SkippedAction {
    var invoice: String
    var stage: String
    var kind: String
    var reason: String
    var id: Int64

    /// "3 reminders and 1 call task skipped on catch-up", naming the invoices when there are several.
    static func summary(of actions: [SkippedAction], on day: Day) -> Placed {
        let names = ["email": "reminder", "sms": "reminder", "letter": "letter", "call_task": "call task",
                     "webhook": "webhook", "late_fee": "late fee", "interest": "interest posting"]
        var counts: [(name: String, count: Int)] = []
        for action in actions {
            let name = names[action.kind] ?? action.kind.spoken
            if let index = counts.firstIndex(where: { $0.name == name }) { counts[index].count += 1 } else { counts.append((name, 1)) }
        }
        let parts = counts.map { "\($0.count) \($0.name)\($0.count == 1 ? "" : "s")" }
        let listed = parts.count == 1 ? parts[0] : parts.dropLast().joined(separator: ", ") + " and " + (parts.last ?? "")
        var why: [String] = []
        for action in actions {
            let cause = action.reason.contains("broken-promise") ? "for the broken-promise follow-up"
                : action.reason.contains("hardship") ? "during hardship" : "on catch-up"
            if !why.contains(cause) { why.append(cause) }
        }
        var invoices: [String] = []
        for action in actions where !invoices.contains(action.invoice) { invoices.append(action.invoice) }
        let summary = "\(listed) skipped \(why.joined(separator: " and "))"
            + (invoices.count == 1 ? "" : " (\(invoices.joined(separator: ", ")))")
        return Placed(day, "skipped", invoices.count == 1 ? invoices.first : nil, summary,
                      actions.map { "\($0.invoice) \($0.stage) \($0.kind)" }.joined(separator: ", "), .skipped,
                      id: actions.map(\.id).min() ?? 0)
    }
}

extension String {
    /// A stored code as words: `bank_transfer` -> `bank transfer`.
    fileprivate var spoken: String { split(separator: "_").joined(separator: " ") }
}

extension SQLRow {
    func text(_ column: String) throws -> String { try decode(column: column, as: String.self) }
    func optionalText(_ column: String) throws -> String? { try decode(column: column, as: String?.self) }
    func id(_ column: String = "id") throws -> Int64 { try decode(column: column, as: Int64.self) }
    func day(_ column: String) throws -> Day { try Day(parsing: try text(column)) }
    func optionalDay(_ column: String) throws -> Day? { try optionalText(column).map { try Day(parsing: $0) } }

    /// The amount in a column, without its sign (the kind of event says which way it went), in the row's `currency`.
    func optionalMoney(_ column: String) throws -> Money? {
        guard let minor = try decode(column: column, as: Int64?.self) else { return nil }
        return Money(minorUnits: abs(minor), currency: try Currency(code: try text("currency")))
    }

    func money(_ column: String) throws -> Money {
        guard let money = try optionalMoney(column) else { throw StoreError.corrupt("no amount in \(column)") }
        return money
    }
}
