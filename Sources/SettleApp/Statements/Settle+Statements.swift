import Foundation
import SettleCore
import SettleStore

/// What reading a statement file did.
public struct StatementImport: Sendable, Hashable {
    public var file: String
    public var account: String
    /// The file's format (detected when none was given).
    public var format: StatementFormat
    public var summary: CashApplicationSummary
    public var dryRun: Bool

    /// Entries read (one per transfer of a batch).
    public var entries: Int { summary.entries }
    /// Of those, new ones stored now; the others were there already.
    public var new: Int { summary.new }
    public var credits: Int { summary.credits }
    public var debits: Int { summary.debits }
}

extension Settle {
    /// Adds a bank account the organisation's clients pay into, by IBAN (check digits verified) or,
    /// at a bank without IBANs, by account number (5 to 34 letters, digits, `/` or `-`): one of the two.
    public func addBankAccount(iban: String? = nil, accountNumber: String? = nil, currency code: String,
                               name: String) async throws -> StoredBankAccount {
        let org = try await organisation()
        let account: String
        switch (iban, accountNumber) {
        case (let iban?, nil): account = try IBAN(validating: iban).value
        case (nil, let number?):
            guard let valid = BankAccountNumber.validated(number) else {
                throw InputError("--account must be 5 to 34 letters, digits, '/' or '-', not '\(number)'")
            }
            account = valid
        default: throw InputError("give the account's --iban, or --account NUMBER at a bank without IBANs: one of the two")
        }
        let currency = try Currency(code: code.uppercased())
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(name.count) else { throw InputError("--name must be 1 to 100 characters") }
        let store = BankAccountStore(database.sql, orgID: org.id)
        guard try await store.find(account: account) == nil else {
            throw InputError("the account \(IBAN.shown(account)) is already known (see `settle bank list`)")
        }
        return try await store.add(account: account, currency: currency, name: name, now: timestamp)
    }

    public func bankAccounts() async throws -> [StoredBankAccount] {
        let org = try await organisation()
        return try await BankAccountStore(database.sql, orgID: org.id).list()
    }

    /// Reads a statement for one of the organisation's accounts (camt.053, camt.054 or MT940,
    /// detected when `format` is nil; CSV through the saved mapping named `mapping`), stores its
    /// new entries and applies them (`CashApplication`): all or nothing, in one
    /// transaction, streamed chunk by chunk. An unknown account, a currency that is not the
    /// account's, or any bad entry rejects the file with the place named. Entries already stored
    /// (the same bank reference or, without one, the same content) are left as they are. A dry run
    /// does all of it and then rolls it back.
    public func importStatement(_ stream: InputStream, file: String, format: StatementFormat? = nil, mapping: String? = nil,
                                dryRun: Bool) async throws -> StatementImport {
        let org = try await organisation()
        var chosen: StatementCSVMapping?
        if let mapping { chosen = try await statementMapping(named: mapping) }
        let csvMapping = chosen
        let known = try await BankAccountStore(database.sql, orgID: org.id).list()
        let threshold = try await OrganisationSettingsStore(database.sql, orgID: org.id).load().matchThreshold
        let header = AccountCheck(file: file, known: known)
        let message = MessageBox(), source = StreamBox(stream)
        let chunks = StatementChunks { account, entry in
            message.value = try StatementReading.read(source.stream, file: file, format: format, mapping: csvMapping,
                                                      account: { try account(try header.check($0)) },
                                                      entry: { try entry(try header.check($0)) })
        }
        let now = timestamp, today = today(for: org)
        do {
            return try await database.transaction { sql in
                var application: CashApplication?
                try await chunks.forEach { event in
                    switch event {
                    case .account:
                        guard application == nil, let account = header.account else { return }
                        application = try await CashApplication.load(sql: sql, organisation: org, account: account, threshold: threshold,
                                                                     now: now, today: today, file: file)
                    case .entries(let entries):
                        try await application?.take(entries)
                    }
                }
                guard let application, let account = header.account, let read = message.value else {
                    throw FileProblem(file: file, line: 1, column: 1, message: "the file holds no statement")
                }
                let result = StatementImport(file: file, account: account.name, format: read, summary: application.summary, dryRun: dryRun)
                if dryRun { throw DryRunRollback(result: result) }
                return result
            }
        } catch let rollback as DryRunRollback {
            return rollback.result
        }
    }
}

/// Thrown to roll a dry run's transaction back, carrying what it would have done.
private struct DryRunRollback: Error {
    var result: StatementImport
}

/// The format the reader found, handed from its thread.
private final class MessageBox: @unchecked Sendable {
    var value: StatementFormat?
}

/// The file's stream, handed to the reader's thread, which alone reads it.
private final class StreamBox: @unchecked Sendable {
    let stream: InputStream
    init(_ stream: InputStream) { self.stream = stream }
}

/// Checks, on the reader's thread, that a statement is for one known account in its currency.
private final class AccountCheck: @unchecked Sendable {
    let file: String
    let known: [StoredBankAccount]
    private let lock = NSLock()
    private var found: StoredBankAccount?

    init(file: String, known: [StoredBankAccount]) {
        self.file = file
        self.known = known
    }

    var account: StoredBankAccount? { lock.withLock { found } }

    func check(_ header: StatementAccount) throws -> StatementAccount {
        guard let match = known.first(where: { $0.account == header.id }) else {
            throw problem("the statement is for account \(header.id), which is not one of the organisation's (add it with `settle bank add`)")
        }
        if let currency = header.currency, currency != match.currency {
            throw problem("the statement is in \(currency.code) but account \(match.name) is in \(match.currency.code)")
        }
        if let earlier = account, earlier.id != match.id {
            throw problem("the file holds statements of two accounts (\(earlier.account) and \(match.account)): import one account per file")
        }
        lock.withLock { found = match }
        return header
    }

    func check(_ entry: StatementEntry) throws -> StatementEntry {
        if let account, entry.amount.currency != account.currency {
            throw problem("\(entry.position) is in \(entry.amount.currency.code), the account in \(account.currency.code)")
        }
        return entry
    }

    private func problem(_ message: String) -> FileProblem { FileProblem(file: file, line: 1, column: 1, message: message) }
}
