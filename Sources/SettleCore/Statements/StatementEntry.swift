/// One movement on a bank account as the bank's statement reports it: for a batched entry
/// (several transfers booked as one), one of these per transfer.
public struct StatementEntry: Sendable, Hashable {
    public enum Direction: String, Sendable, Hashable {
        /// Money in.
        case credit
        /// Money out.
        case debit
    }

    /// Always positive; `direction` says which way it went.
    public var amount: Money
    public var direction: Direction
    /// The bank undid an earlier entry (a returned direct debit, a recalled transfer).
    public var reversal: Bool
    public var bookingDate: Day?
    public var valueDate: Day?
    /// The bank's own reference of the entry (or of the transfer within a batch): what makes a
    /// re-imported statement recognisable.
    public var bankReference: String?
    /// The payer's end-to-end reference, when given.
    public var endToEndReference: String?
    /// Unstructured remittance lines, as the payer typed them.
    public var remittance: [String]
    /// Structured creditor references (ISO 11649 RF references and the like).
    public var creditorReferences: [String]
    public var counterpartyName: String?
    /// The counterparty's IBAN (or other account id).
    public var counterpartyAccount: String?
    /// Where the entry stands in its file: the entry's position (1 = first) and, in a batch, the
    /// transfer's position within it; for error messages and for telling identical entries apart.
    public var position: StatementPosition

    public init(amount: Money, direction: Direction, reversal: Bool = false, bookingDate: Day? = nil, valueDate: Day? = nil,
                bankReference: String? = nil, endToEndReference: String? = nil, remittance: [String] = [],
                creditorReferences: [String] = [], counterpartyName: String? = nil, counterpartyAccount: String? = nil,
                position: StatementPosition) {
        self.amount = amount
        self.direction = direction
        self.reversal = reversal
        self.bookingDate = bookingDate
        self.valueDate = valueDate
        self.bankReference = bankReference
        self.endToEndReference = endToEndReference
        self.remittance = remittance
        self.creditorReferences = creditorReferences
        self.counterpartyName = counterpartyName
        self.counterpartyAccount = counterpartyAccount
        self.position = position
    }
}

/// The place of an entry in its statement file.
public struct StatementPosition: Sendable, Hashable, CustomStringConvertible {
    /// 1 = the file's first entry.
    public var entry: Int
    /// 1 = the first transfer of a batched entry; nil for an entry of one transfer.
    public var transfer: Int?

    public init(entry: Int, transfer: Int? = nil) {
        self.entry = entry
        self.transfer = transfer
    }

    public var description: String { transfer.map { "entry \(entry), transfer \($0)" } ?? "entry \(entry)" }

    /// Reads back the `description` form ("entry 3", "entry 3, transfer 2"); zero where it does not parse.
    public init(parsing text: String) {
        let numbers = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        entry = numbers.first ?? 0
        transfer = numbers.count > 1 ? numbers[1] : nil
    }
}

/// The account a statement is about, as its header says.
public struct StatementAccount: Sendable, Hashable {
    /// The IBAN, or the bank's other account identification.
    public var id: String
    public var currency: Currency?
    /// The statement's or notification's own identification.
    public var statementID: String?

    public init(id: String, currency: Currency?, statementID: String?) {
        self.id = id
        self.currency = currency
        self.statementID = statementID
    }
}
