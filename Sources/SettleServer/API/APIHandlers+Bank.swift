import Foundation
import OpenAPIRuntime
import SettleApp
import SettleCore
import SettleStore

/// Bank accounts and statement uploads (the reconciliation queue is in `APIHandlers+Reconciliation`).
extension APIHandlers {
    /// The largest statement file the API takes in one request.
    static let statementLimit = 64 * 1024 * 1024

    func listBankAccounts(_ input: Operations.ListBankAccounts.Input) async throws -> Operations.ListBankAccounts.Output {
        let (settle, _) = try settle(.read)
        return .ok(.init(body: .json(.init(items: try await settle.bankAccounts().map(Self.bankAccount)))))
    }

    func addBankAccount(_ input: Operations.AddBankAccount.Input) async throws -> Operations.AddBankAccount.Output {
        let (settle, _) = try settle(.manage)
        guard case .json(let body) = input.body else { throw APIError.notJSON }
        var check = FieldCheck()
        if (body.iban == nil) == (body.account == nil) { check.fail("iban", "give either an IBAN or an account number") }
        _ = check.value("currency") { try Currency(code: body.currency.uppercased()) }
        if body.name.trimmingCharacters(in: .whitespaces).isEmpty { check.fail("name", "is empty") }
        try check.done()
        do {
            let account = try await settle.addBankAccount(iban: body.iban, accountNumber: body.account, currency: body.currency.uppercased(),
                                                          name: body.name)
            return .created(.init(body: .json(Self.bankAccount(account))))
        } catch let error as any Error & CustomStringConvertible where error is InputError || Problem.isDomain(error) {
            throw APIError.invalid([FieldProblem(field: body.iban != nil ? "iban" : "account", message: error.description)])
        }
    }

    func importStatement(_ input: Operations.ImportStatement.Input) async throws -> Operations.ImportStatement.Output {
        let (settle, _) = try settle(.manage)
        guard case .binary(let body) = input.body else { throw APIError.invalid([FieldProblem(field: "body", message: "expected the file")]) }
        let bytes: [UInt8]
        do {
            bytes = try await [UInt8](collecting: body, upTo: Self.statementLimit)
        } catch {
            throw APIError.invalid([FieldProblem(field: "body", message: "the file is larger than \(Self.statementLimit / 1024 / 1024) MiB")])
        }
        if bytes.isEmpty { throw APIError.invalid([FieldProblem(field: "body", message: "the file is empty")]) }
        let format = input.query.format.flatMap { StatementFormat(rawValue: $0.rawValue) }
        let file = input.query.file ?? "upload"
        let result = try await settle.importStatement(InputStream(data: Data(bytes)), file: file, format: format,
                                                      mapping: input.query.mapping, dryRun: input.query.dryRun ?? false)
        let summary = result.summary
        if !result.dryRun { SettleMetrics.paymentsMatched(summary.applied, how: "automatic") }
        return .created(.init(body: .json(.init(
            file: result.file, account: result.account, format: result.format.rawValue, dryRun: result.dryRun, entries: summary.entries,
            new: summary.new, credits: summary.credits, debits: summary.debits, applied: summary.applied, reversed: summary.reversed,
            suggested: summary.suggested, unmatched: summary.unmatched, ignored: summary.ignored,
            cancelledMessages: summary.cancelledMessages))))
    }

    static func bankAccount(_ account: StoredBankAccount) -> Components.Schemas.BankAccount {
        .init(id: account.id, account: account.account, currency: account.currency.code, name: account.name)
    }
}
