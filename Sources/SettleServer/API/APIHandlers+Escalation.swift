import SettleApp
import SettleCore
import SettleStore

/// Escalation: approvals a person decides, the cases they open, and the hand-off pack.
extension APIHandlers {
    func listApprovals(_ input: Operations.ListApprovals.Input) async throws -> Operations.ListApprovals.Output {
        let (settle, _) = try settle(.read)
        return .ok(.init(body: .json(.init(items: try await settle.approvals(includeDecided: input.query.all ?? false).map(Self.approval)))))
    }

    func approveEscalation(_ input: Operations.ApproveEscalation.Input) async throws -> Operations.ApproveEscalation.Output {
        let settle = try await approvalOwner(input.path.id)
        guard case .json(let body) = input.body, let kind = CaseKind(rawValue: body.kind.rawValue) else {
            throw APIError.invalid([FieldProblem(field: "kind", message: "must be agency, legal or mediation")])
        }
        let caseID = try await settle.approve(input.path.id, kind: kind, note: body.note ?? "")
        return .created(.init(body: .json(try await escalationCase(caseID, settle: settle))))
    }

    func rejectEscalation(_ input: Operations.RejectEscalation.Input) async throws -> Operations.RejectEscalation.Output {
        let settle = try await approvalOwner(input.path.id)
        guard case .json(let body) = input.body else { throw APIError.notJSON }
        try await settle.reject(input.path.id, note: body.note ?? "")
        guard let decided = try await settle.approvals(includeDecided: true).first(where: { $0.approval.id == input.path.id }) else {
            throw APIError.notFound("approval \(input.path.id)")
        }
        return .ok(.init(body: .json(Self.approval(decided))))
    }

    func listCases(_ input: Operations.ListCases.Input) async throws -> Operations.ListCases.Output {
        let (settle, _) = try settle(.read)
        var items: [Components.Schemas.Case] = []
        for found in try await settle.cases() { items.append(try await escalationCase(found, settle: settle)) }
        return .ok(.init(body: .json(.init(items: items))))
    }

    func setCaseStatus(_ input: Operations.SetCaseStatus.Input) async throws -> Operations.SetCaseStatus.Output {
        let settle = try await caseOwner(input.path.id, needs: .manage)
        guard case .json(let body) = input.body, let status = CaseStatus(rawValue: body.status.rawValue) else {
            throw APIError.invalid([FieldProblem(field: "status", message: "is not a case status")])
        }
        try await settle.setCaseStatus(input.path.id, status)
        return .ok(.init(body: .json(try await escalationCase(input.path.id, settle: settle))))
    }

    func exportCase(_ input: Operations.ExportCase.Input) async throws -> Operations.ExportCase.Output {
        let settle = try await caseOwner(input.path.id, needs: .manage)
        let files = try await settle.casePack(input.path.id)
        return .ok(.init(body: .json(.init(files: files.map { .init(name: $0.name, contents: $0.contents) }))))
    }

    private func approvalOwner(_ id: Int64) async throws -> Settle {
        try await owned("approval \(id)", needs: .manage) { orgID in
            try await EscalationStore(database.sql, orgID: orgID).approvals(status: nil).contains { $0.id == id }
        }
    }

    private func caseOwner(_ id: Int64, needs permission: Permission) async throws -> Settle {
        try await owned("case \(id)", needs: permission) { orgID in
            try await EscalationStore(database.sql, orgID: orgID).cases().contains { $0.id == id }
        }
    }

    private func escalationCase(_ id: Int64, settle: Settle) async throws -> Components.Schemas.Case {
        guard let found = try await settle.cases().first(where: { $0.id == id }) else { throw APIError.notFound("case \(id)") }
        return try await escalationCase(found, settle: settle)
    }

    private func escalationCase(_ found: StoredCase, settle: Settle) async throws -> Components.Schemas.Case {
        let numbers = try await InvoiceStore(settle.database.sql, orgID: try caller().orgID)
            .list(InvoiceFilter(clientID: found.clientID)).filter { found.invoiceIDs.contains($0.id) }.map(\.invoice.number.value)
        return .init(id: found.id, client: found.client, kind: .init(rawValue: found.kind.rawValue) ?? .agency,
                     status: .init(rawValue: found.status.rawValue) ?? .open, openedOn: found.openedOn.description, note: found.note,
                     invoices: numbers)
    }

    static func approval(_ request: ApprovalRequest) -> Components.Schemas.Approval {
        let approval = request.approval
        return .init(id: approval.id, invoice: approval.invoice, client: approval.client, stage: approval.stage,
                     requestedOn: approval.requestedOn.description, status: approval.status, note: approval.note,
                     balance: request.balance.decimalString, currency: request.balance.currency.code, daysOverdue: request.daysOverdue,
                     openDisputes: request.openDisputes, risk: risk(request.risk))
    }
}
