import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SettleCore

/// Which ISO 20022 cash-management message a file holds.
public enum CamtMessage: String, Sendable, Hashable {
    /// Bank-to-customer statement (end of day).
    case statement = "camt.053"
    /// Bank-to-customer debit/credit notification (during the day).
    case notification = "camt.054"
}

/// Reads camt.053 statements and camt.054 notifications (versions 001.02 to 001.13) entry by entry,
/// with Foundation's streaming XML parser: a large file is never held whole. A batched entry
/// (several transfers booked as one) gives one `StatementEntry` per transfer. Problems are
/// `FileProblem`s naming the file, the line and column, the XML path and the entry.
public enum CamtReader {
    public static let supportedVersions = 2...13

    /// Reads `stream` (a file) and hands each account header and entry over as it is read; with
    /// `expecting`, a file holding the other message is refused at its root element.
    @discardableResult
    public static func read(_ stream: InputStream, file: String, expecting: CamtMessage? = nil,
                            account: (StatementAccount) throws -> Void, entry: (StatementEntry) throws -> Void) throws -> CamtMessage {
        try read(XMLParser(stream: stream), file: file, expecting: expecting, account: account, entry: entry)
    }

    /// Reads bytes already in memory (tests, uploads).
    @discardableResult
    public static func read(_ data: Data, file: String, expecting: CamtMessage? = nil, account: (StatementAccount) throws -> Void,
                            entry: (StatementEntry) throws -> Void) throws -> CamtMessage {
        try read(XMLParser(data: data), file: file, expecting: expecting, account: account, entry: entry)
    }

    private static func read(_ parser: XMLParser, file: String, expecting: CamtMessage?, account: (StatementAccount) throws -> Void,
                             entry: (StatementEntry) throws -> Void) throws -> CamtMessage {
        parser.shouldProcessNamespaces = true
        return try withoutActuallyEscaping(account) { account in
            try withoutActuallyEscaping(entry) { entry in
                let walker = CamtWalker(file: file, parser: parser, expecting: expecting, account: account, entry: entry)
                parser.delegate = walker
                defer { parser.delegate = nil }
                return try finish(parser, walker: walker, file: file)
            }
        }
    }

    private static func finish(_ parser: XMLParser, walker: CamtWalker, file: String) throws -> CamtMessage {
        let finished = parser.parse()
        if let problem = walker.problem { throw problem }
        guard finished, let message = walker.message else {
            let reason = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "the file ended early"
            throw FileProblem(file: file, line: parser.lineNumber, column: parser.columnNumber,
                              message: walker.message == nil && walker.path.isEmpty && finished
                                ? "not a camt.053 or camt.054 document" : "not well-formed XML: \(reason)")
        }
        return message
    }
}

/// The parser's delegate: follows the element path and collects what an entry needs.
private final class CamtWalker: NSObject, XMLParserDelegate {
    let file: String
    let parser: XMLParser
    let expected: CamtMessage?
    let accountHandler: (StatementAccount) throws -> Void
    let entryHandler: (StatementEntry) throws -> Void
    var message: CamtMessage?
    var problem: FileProblem?
    var path: [String] = []
    private var text = ""
    private var currencyAttribute: String?
    private var account = AccountDraft()
    private var entryCount = 0
    private var current: EntryDraft?
    private var transfer: TransferDraft?

    init(file: String, parser: XMLParser, expecting: CamtMessage?, account: @escaping (StatementAccount) throws -> Void,
         entry: @escaping (StatementEntry) throws -> Void) {
        self.file = file
        self.parser = parser
        expected = expecting
        accountHandler = account
        entryHandler = entry
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if path.isEmpty {
            guard name == "Document", let namespace = namespaceURI, let found = Self.message(namespace: namespace) else {
                return fail("not a supported camt document: root <\(name)> in namespace \(namespaceURI ?? "none"); "
                            + "expected urn:iso:std:iso:20022:tech:xsd:camt.053.001.02 to .13 or camt.054")
            }
            message = found
            if let expected, expected != found {
                return fail("the file holds a \(found.rawValue) \(found == .statement ? "statement" : "notification"), "
                            + "not the \(expected.rawValue) asked for")
            }
        }
        path.append(name)
        text = ""
        currencyAttribute = attributes["Ccy"]
        switch name {
        case "Stmt", "Ntfctn" where path.count == 3:
            account = AccountDraft()
        case "Ntry":
            if !account.reported { reportAccount() }
            entryCount += 1
            current = EntryDraft(position: entryCount)
        case "TxDtls" where current != nil:
            transfer = TransferDraft()
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard problem == nil else { return }
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if var entry = current {
            if var draft = transfer {
                draft.take(value, currency: currencyAttribute, at: path)
                transfer = draft
                if name == "TxDtls" {
                    entry.transfers.append(draft)
                    transfer = nil
                }
            } else {
                entry.take(value, currency: currencyAttribute, at: path)
            }
            current = entry
            if name == "Ntry" {
                emit(entry)
                current = nil
            }
        } else {
            account.take(value, currency: currencyAttribute, at: path)
        }
        path.removeLast()
        text = ""
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if problem == nil {
            problem = FileProblem(file: file, line: parser.lineNumber, column: parser.columnNumber,
                                  message: "not well-formed XML at /\(path.joined(separator: "/")): "
                                    + (parseError as NSError).localizedDescription)
        }
    }

    private func reportAccount() {
        account.reported = true
        guard let id = account.id else { return fail("the statement names no account (Acct/Id/IBAN or Acct/Id/Othr/Id)") }
        var currency: Currency?
        if let code = account.currency {
            do { currency = try Currency(code: code) } catch { return fail("unknown account currency \(code)") }
        }
        perform { try accountHandler(StatementAccount(id: id, currency: currency, statementID: account.statementID)) }
    }

    private func emit(_ entry: EntryDraft) {
        let place = "entry \(entry.position)"
        guard let amountText = entry.amount, let code = entry.currency else { return fail("\(place) has no Amt with a Ccy") }
        guard let direction = entry.direction else { return fail("\(place) has no CdtDbtInd (CRDT or DBIT)") }
        let transfers = entry.transfers.isEmpty ? [TransferDraft()] : entry.transfers
        let batched = entry.transfers.count > 1
        for (index, transfer) in transfers.enumerated() {
            let position = StatementPosition(entry: entry.position, transfer: batched ? index + 1 : nil)
            let amount: Money
            do {
                // A transfer of a batch carries its own amount; a single one may repeat the entry's.
                let text = batched ? (transfer.amount ?? "") : (transfer.amount ?? amountText)
                guard !text.isEmpty else { return fail("\(position) of a batched entry has no amount of its own") }
                amount = try Money(parsing: text, currencyCode: transfer.currency ?? code)
            } catch {
                return fail("\(position): amount \(transfer.amount ?? amountText) \(transfer.currency ?? code): \(error)")
            }
            guard amount.isPositive || amount.minorUnits == 0 else { return fail("\(position): a negative amount \(amount)") }
            let bookingDate: Day?, valueDate: Day?
            do {
                bookingDate = try entry.bookingDate.map { try Day(parsing: String($0.prefix(10))) }
                valueDate = try entry.valueDate.map { try Day(parsing: String($0.prefix(10))) }
            } catch {
                return fail("\(place): a booking or value date that is not a date: \(error)")
            }
            let counterparty = direction == .credit ? (transfer.debtorName, transfer.debtorAccount)
                : (transfer.creditorName, transfer.creditorAccount)
            let statementEntry = StatementEntry(
                // A returned direct debit may come without RvslInd but with its return information.
                amount: amount, direction: direction, reversal: entry.reversal || transfer.returnReason != nil,
                bookingDate: bookingDate, valueDate: valueDate,
                bankReference: transfer.bankReference ?? entry.bankReference.map { batched ? "\($0)/\(index + 1)" : $0 },
                endToEndReference: transfer.endToEnd, remittance: transfer.remittance, creditorReferences: transfer.references,
                counterpartyName: counterparty.0, counterpartyAccount: counterparty.1, position: position)
            perform { try entryHandler(statementEntry) }
            if problem != nil { return }
        }
    }

    private func perform(_ body: () throws -> Void) {
        do { try body() } catch let problem as FileProblem { fail(problem.message) } catch { fail(String(describing: error)) }
    }

    private func fail(_ message: String) {
        guard problem == nil else { return }
        problem = FileProblem(file: file, line: parser.lineNumber, column: parser.columnNumber,
                              message: "\(message) (at /\(path.joined(separator: "/")))")
        parser.abortParsing()
    }

    /// camt.053.001.02 ... .13 and camt.054 of the same versions.
    static func message(namespace: String) -> CamtMessage? {
        let prefix = "urn:iso:std:iso:20022:tech:xsd:"
        guard namespace.hasPrefix(prefix) else { return nil }
        let parts = namespace.dropFirst(prefix.count).split(separator: ".")
        guard parts.count == 4, parts[0] == "camt", parts[2] == "001", let version = Int(parts[3]),
              CamtReader.supportedVersions.contains(version) else { return nil }
        return CamtMessage(rawValue: "camt.\(parts[1])")
    }
}
