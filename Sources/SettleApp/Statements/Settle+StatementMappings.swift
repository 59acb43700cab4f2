import Foundation
import SettleCore
import SettleStore

extension Settle {
    /// Saves how to read one bank's CSV export for one of the organisation's accounts. Without a
    /// currency column every row is in the account's currency.
    public func addStatementMapping(
        name: String, account: String, bookingDate: String, valueDate: String? = nil, amount: StatementCSVMapping.Amount,
        currencyColumn: String? = nil, counterpartyName: String? = nil, counterpartyAccount: String? = nil, text: [String] = [],
        bankReference: String? = nil, decimalSeparator: StatementCSVMapping.DecimalSeparator = .point,
        dateFormat: StatementCSVMapping.DateFormat = .iso, delimiter: StatementCSVMapping.Delimiter = .comma, skipRows: Int = 0
    ) async throws -> StoredStatementMapping {
        let org = try await organisation()
        let accounts = BankAccountStore(database.sql, orgID: org.id)
        let written = account.trimmingCharacters(in: .whitespaces)
        let id = (try? IBAN(validating: written).value) ?? written
        guard let bankAccount = try await accounts.find(account: id) else {
            throw InputError("no bank account \(written) (add it with `settle bank add`, see `settle bank list`)")
        }
        let mapping: StatementCSVMapping
        do {
            mapping = try StatementCSVMapping(
                name: name, account: bankAccount.account, bookingDate: bookingDate, valueDate: valueDate, amount: amount,
                currency: currencyColumn.map { .column(name: $0) } ?? .fixed(code: bankAccount.currency.code),
                counterpartyName: counterpartyName, counterpartyAccount: counterpartyAccount, text: text,
                bankReference: bankReference, decimalSeparator: decimalSeparator, dateFormat: dateFormat, delimiter: delimiter,
                skipRows: skipRows)
        } catch {
            throw InputError(error.description)
        }
        let store = StatementMappingStore(database.sql, orgID: org.id)
        guard try await store.find(name: mapping.name) == nil else {
            throw InputError("a mapping named '\(mapping.name)' exists already (see `settle bank mapping list`)")
        }
        return try await store.add(mapping, bankAccountID: bankAccount.id, now: timestamp)
    }

    /// The organisation's saved CSV mappings, by name.
    public func statementMappings() async throws -> [StoredStatementMapping] {
        let org = try await organisation()
        return try await StatementMappingStore(database.sql, orgID: org.id).list()
    }

    /// The saved mapping of this name, or a clear error naming the ones there are.
    func statementMapping(named name: String) async throws -> StatementCSVMapping {
        let org = try await organisation()
        let store = StatementMappingStore(database.sql, orgID: org.id)
        if let found = try await store.find(name: name) { return found.mapping }
        let names = try await store.list().map(\.mapping.name)
        throw InputError("no CSV mapping named '\(name)' "
                         + (names.isEmpty ? "(save one with `settle bank mapping add`)" : "(there are: \(names.joined(separator: ", ")))"))
    }
}
