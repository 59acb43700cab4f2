import Foundation
import Hummingbird
import SettleApp
import SettleCore
import SettleStore

/// The worklist page: today's work in priority order (amount × days overdue × risk, the reason
/// shown) — tasks (calls with the client's local time and whether calling is allowed now, replies,
/// bounces, failed deliveries, charges left), approvals with what is at stake, promises broken
/// lately, open disputes — each completed in place by those whose role may. Viewers see it
/// without the forms.
struct Worklist {
    let user: WebApp.SignedIn

    /// The outcomes a task's form offers (a dispute is opened from the client's page, with its reason).
    static let outcomes: [TaskOutcome] = [.reached, .voicemail, .noAnswer, .wrongNumber, .promise, .done]

    struct CompletionForm: Decodable {
        var csrf: String?
        var outcome: String?
        var note: String?
        var promise_date: String?
        var promise_amount: String?
    }

    struct DecisionForm: Decodable {
        var csrf: String?
        var intent: String?
        var kind: String?
        var note: String?
    }

    func page(_ pages: WebPages, frame: [String: Any], problem: String? = nil, done: String? = nil,
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let settle = user.settle
        let org = try await settle.organisation()
        let today = settle.today(for: org)
        let role = user.session.user.role
        let now = settle.time.now()
        var rows: [[String: Any]] = []
        for item in try await settle.workItems() {
            var row: [String: Any] = [
                "client": item.client, "clientPath": ClientPages.pathComponent(item.client), "invoice": item.invoice ?? "",
                "invoicePath": item.invoice.map(ClientPages.pathComponent) ?? "", "why": item.priority.reason,
                "level": item.riskScore?.level.rawValue ?? "unknown", "csrf": user.session.csrfToken,
            ]
            switch item.kind {
            case .task(let task):
                row["key"] = "task-\(task.id)"
                row["id"] = task.id
                row["what"] = Self.taskTitle(task.kind)
                row["detail"] = "\(task.reason) (due \(task.dueDay))"
                row["task"] = role.may(.work)
                row["outcomes"] = Self.outcomes.map(\.rawValue)
                if task.kind == .call {
                    row["callTime"] = try await callTime(client: task.client, invoice: task.invoice, at: now)
                }
            case .approval(let request):
                row["key"] = "approval-\(request.approval.id)"
                row["id"] = request.approval.id
                row["what"] = "Approve escalation (stage \(request.approval.stage))"
                row["detail"] = "At stake: \(request.balance.decimalString) \(request.balance.currency.code), \(request.daysOverdue) days overdue, "
                    + "\(request.openDisputes) open dispute\(request.openDisputes == 1 ? "" : "s"); share paid on time before: "
                    + (request.behaviour.sharePaidOnTime.map { "\(($0 * 100).oneDecimal) %" } ?? "no history")
                    + "; requested \(request.approval.requestedOn)"
                row["approval"] = role.may(.manage)
                row["kinds"] = CaseKind.allCases.map(\.rawValue)
            case .brokenPromise(let promise):
                row["key"] = "promise-\(promise.id)"
                row["what"] = "Broken promise"
                row["detail"] = "Promised to pay by \(promise.promisedDate); broken on \(promise.brokenOn). Ask for a new date."
                row["promise"] = role.may(.work)
                row["today"] = today.description
            case .dispute(let dispute):
                row["key"] = "dispute-\(dispute.invoice)"
                row["what"] = "Open dispute"
                row["detail"] = "\(dispute.reason.replacingOccurrences(of: "_", with: " ")) since \(dispute.openedOn)"
                    + (dispute.note.isEmpty ? "" : ": \(dispute.note)")
                row["dispute"] = role.may(.work)
                row["disputeOutcomes"] = DisputeOutcome.allCases.map(\.rawValue)
            }
            rows.append(row)
        }
        return pages.render("worklist", title: "Worklist", values: [
            "today": today.description, "items": rows, "problem": problem as Any, "done": Self.notice(done) as Any,
        ], frame: frame, status: status)
    }

    static func taskTitle(_ kind: PlannedTask.Kind) -> String {
        switch kind {
        case .call: "Call"
        case .applyCredit: "Apply unapplied credit"
        case .chargesLeft: "Charges left after the principal was paid"
        case .delivery: "Failed delivery"
        case .reply: "Client replied"
        case .bounce: "Email address bounced"
        }
    }

    /// "10:42 in Europe/Paris — calling is allowed now", or when it may be.
    func callTime(client: String, invoice: String?, at now: Date) async throws -> String {
        let check = try await user.settle.checkContact(client: client, invoice: invoice, channel: .call, at: now)
        let local = Self.clock(now, in: check.timeZone)
        switch check.decision {
        case .allowed: return "\(local) there (\(check.timeZone.identifier)): calling is allowed now"
        case .held(let until, let reason):
            return "\(local) there (\(check.timeZone.identifier)): not now (\(reason)); from \(Self.clock(until, in: check.timeZone, withDay: true))"
        case .refused(let reason): return "\(local) there (\(check.timeZone.identifier)): do not call (\(reason))"
        }
    }

    static func clock(_ instant: Date, in zone: TimeZone, withDay: Bool = false) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        let time = String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
        guard withDay else { return time }
        return String(format: "%04d-%02d-%02d ", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0) + time
    }

    /// Completes a task from its form: the session's token and a role that works the worklist are required.
    func complete(_ id: Int64, form: CompletionForm, pages: WebPages, frame: [String: Any]) async throws -> Response {
        try WebForm.requireToken(form.csrf, user)
        guard user.session.user.role.may(.work) else { throw HTTPError(.forbidden, message: "your role may not complete tasks") }
        guard let outcome = form.outcome.flatMap(TaskOutcome.init(rawValue:)), Self.outcomes.contains(outcome) else {
            return try await page(pages, frame: frame, problem: "Choose an outcome.", status: .unprocessableContent)
        }
        do {
            let promised = try form.promise_date.flatMap { $0.isEmpty ? nil : try Day(parsing: $0) }
            let amount = form.promise_amount.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            try await user.settle.completeTask(id, outcome: outcome, note: form.note ?? "", promiseDate: promised, promiseAmount: amount)
        } catch let error as InputError {
            return try await page(pages, frame: frame, problem: "Task \(id): \(error.description)", status: .unprocessableContent)
        } catch let error as DayError {
            return try await page(pages, frame: frame, problem: "Task \(id): the promised day \(error)", status: .unprocessableContent)
        } catch let error as MoneyError {
            return try await page(pages, frame: frame, problem: "Task \(id): the promised amount: \(error)", status: .unprocessableContent)
        }
        return Response(status: .seeOther, headers: [.location: "/app/worklist?done=task-\(id)"])
    }

    /// Approves (opening a case of the chosen kind) or rejects an escalation; admins and owners.
    func decide(_ id: Int64, form: DecisionForm, pages: WebPages, frame: [String: Any]) async throws -> Response {
        try WebForm.requireToken(form.csrf, user)
        guard user.session.user.role.may(.manage) else { throw HTTPError(.forbidden, message: "your role may not decide approvals") }
        let note = form.note ?? ""
        let done: String
        do {
            switch form.intent {
            case "approve":
                guard let kind = form.kind.flatMap(CaseKind.init(rawValue:)) else {
                    return try await page(pages, frame: frame, problem: "Approval \(id): choose who takes the case over.",
                                          status: .unprocessableContent)
                }
                let caseID = try await user.settle.approve(id, kind: kind, note: note)
                done = "approved-\(id)-\(caseID)"
            case "reject":
                try await user.settle.reject(id, note: note)
                done = "rejected-\(id)"
            default:
                return try await page(pages, frame: frame, problem: "Approval \(id): approve or reject.", status: .unprocessableContent)
            }
        } catch let error as InputError {
            return try await page(pages, frame: frame, problem: error.description, status: .unprocessableContent)
        }
        return Response(status: .seeOther, headers: [.location: "/app/worklist?done=\(done)"])
    }

    /// The sentence for a `done` parameter of the page's address (only these shapes: the page never
    /// shows text taken from an address).
    static func notice(_ done: String?) -> String? {
        guard let parts = done?.split(separator: "-").map(String.init), let first = parts.first else { return nil }
        let ids = parts.dropFirst().compactMap { Int64($0) }
        guard ids.count == parts.count - 1 else { return nil }
        switch (first, ids.count) {
        case ("task", 1): return "Task \(ids[0]) is done."
        case ("approved", 2): return "Approval \(ids[0]) approved: case \(ids[1]) opened."
        case ("rejected", 1): return "Approval \(ids[0]) rejected: chasing goes on under the policy."
        case ("promise", 1): return "Promise \(ids[0]) recorded: chasing of that invoice pauses until then."
        case ("dispute", 0): return "Dispute resolved."
        default: return nil
        }
    }
}

