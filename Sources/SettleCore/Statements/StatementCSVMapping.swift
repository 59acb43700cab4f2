import Foundation

/// How to read one bank's CSV export as statement entries: which column holds what, and how the
/// bank writes numbers and dates. An organisation saves it under a name, for one of its accounts,
/// and names it when importing such a file.
public struct StatementCSVMapping: Codable, Sendable, Hashable {
    public enum Amount: Codable, Sendable, Hashable {
        /// One column, negative for money out.
        case signed(column: String)
        /// Money in and money out in columns of their own; a debit may be written positive or negative.
        case split(credit: String, debit: String)
    }

    public enum CurrencySource: Codable, Sendable, Hashable {
        /// Each row names its currency.
        case column(name: String)
        /// Every row is in this currency (the account's).
        case fixed(code: String)
    }

    public enum DecimalSeparator: String, Codable, Sendable, CaseIterable {
        /// `1.234,56`: thousands may be grouped with `.`, a space or an apostrophe.
        case comma
        /// `1,234.56`: thousands may be grouped with `,`, a space or an apostrophe.
        case point
    }

    public enum DateFormat: String, Codable, Sendable, CaseIterable {
        case iso = "YYYY-MM-DD"
        case dotted = "DD.MM.YYYY"
        case dottedShortYear = "DD.MM.YY"
        case slashedDayFirst = "DD/MM/YYYY"
        case slashedMonthFirst = "MM/DD/YYYY"
        case compact = "YYYYMMDD"
    }

    public enum Delimiter: String, Codable, Sendable, CaseIterable {
        case comma = ","
        case semicolon = ";"
        case tab

        public var character: Character { self == .comma ? "," : self == .semicolon ? ";" : "\t" }
    }

    /// The name it is saved and chosen under (`sparkasse`).
    public var name: String
    /// The bank account the files are about: its IBAN or account number, as the account was added.
    public var account: String
    public var bookingDate: String
    public var valueDate: String?
    public var amount: Amount
    public var currency: CurrencySource
    public var counterpartyName: String?
    public var counterpartyAccount: String?
    /// Columns whose texts, joined, are the remittance.
    public var text: [String]
    public var bankReference: String?
    public var decimalSeparator: DecimalSeparator
    public var dateFormat: DateFormat
    public var delimiter: Delimiter
    /// Lines before the header (a bank's preamble) that are not read.
    public var skipRows: Int

    /// Checks the mapping: a name, column names, a known currency, split columns that differ.
    public init(name: String, account: String, bookingDate: String, valueDate: String? = nil, amount: Amount,
                currency: CurrencySource, counterpartyName: String? = nil, counterpartyAccount: String? = nil,
                text: [String] = [], bankReference: String? = nil, decimalSeparator: DecimalSeparator = .point,
                dateFormat: DateFormat = .iso, delimiter: Delimiter = .comma, skipRows: Int = 0) throws(StatementMappingError) {
        self.name = name
        self.account = account
        self.bookingDate = bookingDate
        self.valueDate = valueDate
        self.amount = amount
        self.currency = currency
        self.counterpartyName = counterpartyName
        self.counterpartyAccount = counterpartyAccount
        self.text = text
        self.bankReference = bankReference
        self.decimalSeparator = decimalSeparator
        self.dateFormat = dateFormat
        self.delimiter = delimiter
        self.skipRows = skipRows
        try validate()
    }

    /// What each column is for, in the order the mapping names them.
    public var columns: [(role: String, column: String)] {
        var columns = [("booking date", bookingDate)]
        if let valueDate { columns.append(("value date", valueDate)) }
        switch amount {
        case .signed(let column): columns.append(("amount", column))
        case .split(let credit, let debit): columns += [("credit", credit), ("debit", debit)]
        }
        if case .column(let name) = currency { columns.append(("currency", name)) }
        if let counterpartyName { columns.append(("counterparty", counterpartyName)) }
        if let counterpartyAccount { columns.append(("counterparty account", counterpartyAccount)) }
        columns += text.map { ("text", $0) }
        if let bankReference { columns.append(("reference", bankReference)) }
        return columns
    }

    public func validate() throws(StatementMappingError) {
        guard (1...40).contains(name.count), name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw StatementMappingError("a mapping name is 1 to 40 letters, digits, '-' or '_' (such as sparkasse), not '\(name)'")
        }
        guard !account.isEmpty else { throw StatementMappingError("the mapping '\(name)' names no bank account") }
        for (role, column) in columns {
            guard (1...100).contains(column.count), column.trimmingCharacters(in: .whitespaces) == column else {
                throw StatementMappingError("the \(role) column must be named by 1 to 100 characters without spaces around them, "
                                            + "not '\(column)'")
            }
        }
        if case .split(let credit, let debit) = amount, credit == debit {
            throw StatementMappingError("the credit and debit columns must differ (both are '\(credit)')")
        }
        if case .fixed(let code) = currency, (try? Currency(code: code)) == nil {
            throw StatementMappingError("unknown currency '\(code)' (an ISO 4217 code such as EUR)")
        }
        guard (0...100).contains(skipRows) else { throw StatementMappingError("rows to skip must be 0 to 100, not \(skipRows)") }
        guard text.count <= 10 else { throw StatementMappingError("at most 10 text columns, not \(text.count)") }
    }
}

/// Why a statement mapping or a value it reads was refused.
public struct StatementMappingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
