import Crypto
import Foundation
import SettleCore
import SettleStore

/// What reading a statement file did.
public struct StatementImport: Sendable, Hashable {
    public var file: String
    public var account: String
    /// The file's format (detected when none was given).
    public var format: StatementFormat
    /// Entries read (one per transfer of a batch).
    public var entries: Int
    /// Of those, new ones stored now; the others were there already (the file or an overlapping
    /// statement was read before).
    public var new: Int
    public var credits: Int
    public var debits: Int
    public var dryRun: Bool
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
    /// detected when `format` is nil; CSV through the saved mapping named `mapping`) and stores its
    /// entries, all or nothing: an unknown account, a currency that is not the account's, or any
    /// bad entry rejects the file with the place named. Entries already stored (the same bank
    /// reference or, without one, the same content) are not stored again.
    public func importStatement(_ stream: InputStream, file: String, format: StatementFormat? = nil, mapping: String? = nil,
                                dryRun: Bool) async throws -> StatementImport {
        let org = try await organisation()
        let store = BankAccountStore(database.sql, orgID: org.id)
        let known = try await store.list()
        var account: StoredBankAccount?
        var entries: [StatementEntry] = []
        var csvMapping: StatementCSVMapping?
        if let mapping { csvMapping = try await statementMapping(named: mapping) }
        let format = try StatementReading.read(stream, file: file, format: format, mapping: csvMapping, account: { header in
            guard let found = known.first(where: { $0.account == header.id }) else {
                throw FileProblem(file: file, line: 1, column: 1, message: "the statement is for account \(header.id), "
                                  + "which is not one of the organisation's (add it with `settle bank add`)")
            }
            if let currency = header.currency, currency != found.currency {
                throw FileProblem(file: file, line: 1, column: 1, message: "the statement is in \(currency.code) "
                                  + "but account \(found.name) is in \(found.currency.code)")
            }
            if let earlier = account, earlier.id != found.id {
                throw FileProblem(file: file, line: 1, column: 1, message: "the file holds statements of two accounts "
                                  + "(\(earlier.account) and \(found.account)): import one account per file")
            }
            account = found
        }, entry: { entry in
            if let account, entry.amount.currency != account.currency {
                throw FileProblem(file: file, line: 1, column: 1, message: "\(entry.position) is in \(entry.amount.currency.code), "
                                  + "the account in \(account.currency.code)")
            }
            entries.append(entry)
        })
        guard let account else { throw FileProblem(file: file, line: 1, column: 1, message: "the file holds no statement") }
        let fingerprinted = Self.fingerprints(of: entries)
        let existing = try await store.existingFingerprints(accountID: account.id, among: fingerprinted.map(\.fingerprint))
        let new = fingerprinted.filter { !existing.contains($0.fingerprint) }
        if !dryRun, !new.isEmpty {
            let now = timestamp
            try await database.transaction { sql in
                try await BankAccountStore(sql, orgID: org.id).insert(new, accountID: account.id, file: file, now: now)
            }
        }
        return StatementImport(file: file, account: account.name, format: format, entries: entries.count, new: new.count,
                               credits: entries.filter { $0.direction == .credit }.count,
                               debits: entries.filter { $0.direction == .debit }.count, dryRun: dryRun)
    }

    /// Each entry's identity: the bank's reference when it gives one; else a digest of what the
    /// entry says (not where it stands in the file, so an overlapping statement matches), with a
    /// running count for identical entries in one file (two equal transfers the same day).
    static func fingerprints(of entries: [StatementEntry]) -> [(fingerprint: String, entry: StatementEntry)] {
        var seen: [String: Int] = [:]
        return entries.map { entry in
            if let reference = entry.bankReference, !reference.isEmpty { return ("ref:" + reference, entry) }
            let content = [entry.direction.rawValue, entry.reversal ? "R" : "", entry.amount.decimalString, entry.amount.currency.code,
                           entry.bookingDate?.description ?? "", entry.valueDate?.description ?? "", entry.endToEndReference ?? "",
                           entry.counterpartyAccount ?? "", entry.counterpartyName ?? "", entry.remittance.joined(separator: "\n"),
                           entry.creditorReferences.joined(separator: "\n")].joined(separator: "\u{1F}")
            let digest = SHA256.hash(data: Data(content.utf8)).map { String(format: "%02x", $0) }.joined()
            seen[digest, default: 0] += 1
            return ("sum:\(digest)#\(seen[digest] ?? 1)", entry)
        }
    }
}
