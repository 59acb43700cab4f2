/// Finds what an incoming transfer pays, in order of confidence (docs/statements.md, "Matching"):
///
/// | basis | confidence |
/// |---|---|
/// | the RF creditor reference of an open invoice | 99 |
/// | invoice numbers in the remittance text, amount not above their balance | 95 (80 when it is above, 70 when another client paid) |
/// | a short or partial number (`1002` for `INV-1002`) the payer or the amount confirms | 92 (65 otherwise) |
/// | a known debtor account paying exactly one open invoice's balance | 92 (80 by name) |
/// | the discounted amount inside the discount window | 90 (78 by name) |
/// | a plan instalment's amount | 90 (78 by name) |
/// | the sum of several open invoices of the payer | 85 (72 by name) |
/// | an equal balance among several of the payer's invoices | 65 (55 by name) |
/// | a part payment (or an overpayment) by a known payer, oldest invoices first | 55-60 (45-50 by name) |
/// | an unknown payer, amount equal to one open invoice's balance in the book | 50 (35 when 2-3 are equal) |
///
/// The matcher holds the open invoices of one currency indexed by reference, number, client and
/// balance; `apply` keeps it current while a statement is applied, so two transfers never pay
/// the same balance twice.
public struct PaymentMatcher: Sendable {
    public let currency: Currency
    private var invoices: [InvoiceNumber: MatchableInvoice] = [:]
    private var byReference: [String: InvoiceNumber] = [:]
    private var byCompact: [String: [InvoiceNumber]] = [:]
    private var byDigits: [String: [InvoiceNumber]] = [:]
    private var byClient: [String: Set<InvoiceNumber>] = [:]
    private var byBalance: [Int64: Set<InvoiceNumber>] = [:]
    private var instalments: [String: [DueInstalment]] = [:]
    private var clientsByAccount: [String: [String]] = [:]
    private var clientsByName: [String: [String]] = [:]
    private var clientsByWord: [String: [String]] = [:]
    private var clientWords: [String: Set<String>] = [:]

    public init(currency: Currency, invoices: some Sequence<MatchableInvoice>, clients: some Sequence<MatchableClient>,
                instalments: some Sequence<DueInstalment> = []) {
        self.currency = currency
        let expected = invoices.underestimatedCount
        self.invoices.reserveCapacity(expected)
        byReference.reserveCapacity(expected)
        byCompact.reserveCapacity(expected)
        byDigits.reserveCapacity(expected)
        for invoice in invoices where invoice.balance.currency == currency { add(invoice) }
        for client in clients { add(client) }
        for instalment in instalments where instalment.amount.currency == currency {
            self.instalments[instalment.client, default: []].append(instalment)
        }
    }

    /// The open invoice with this number, as the matcher knows it now.
    public func invoice(_ number: InvoiceNumber) -> MatchableInvoice? { invoices[number] }

    /// A client's open invoices in the matcher's currency, oldest due first.
    public func openInvoices(of client: String) -> [MatchableInvoice] {
        (byClient[client] ?? []).compactMap { invoices[$0] }.sorted(by: Self.oldestFirst)
    }

    /// Remembers that `client` pays from `account`.
    public mutating func remember(account: String, for client: String) {
        let account = MatchText.compact(account)
        guard !account.isEmpty, !(clientsByAccount[account] ?? []).contains(client) else { return }
        clientsByAccount[account, default: []].append(client)
    }

    /// Puts an invoice in (or back in) the index with its current balance; a settled one leaves it.
    public mutating func update(_ invoice: MatchableInvoice) {
        remove(invoice.number)
        if invoice.balance.isPositive, invoice.balance.currency == currency { add(invoice) }
    }

    /// Applies ledger lines just posted (allocations, discounts, reversals) to the balances held.
    public mutating func apply(_ lines: [AllocationPlan.Line]) {
        for line in lines {
            guard var invoice = invoices[line.invoice] else { continue }
            try? invoice.item.balance.add(line.entry.amount, to: line.entry.component)
            update(invoice)
        }
    }

    private mutating func add(_ invoice: MatchableInvoice) {
        let number = invoice.number
        invoices[number] = invoice
        byReference[CreditorReference(invoiceNumber: number.value).value] = number
        let compact = MatchText.compact(number.value)
        byCompact[compact, default: []].append(number)
        if let digits = MatchText.trailingDigits(compact), digits != compact { byDigits[digits, default: []].append(number) }
        byClient[invoice.client, default: []].insert(number)
        byBalance[invoice.balance.minorUnits, default: []].insert(number)
    }

    private mutating func remove(_ number: InvoiceNumber) {
        guard let old = invoices.removeValue(forKey: number) else { return }
        byReference[CreditorReference(invoiceNumber: number.value).value] = nil
        let compact = MatchText.compact(number.value)
        byCompact[compact]?.removeAll { $0 == number }
        if byCompact[compact]?.isEmpty == true { byCompact[compact] = nil }
        if let digits = MatchText.trailingDigits(compact) {
            byDigits[digits]?.removeAll { $0 == number }
            if byDigits[digits]?.isEmpty == true { byDigits[digits] = nil }
        }
        byClient[old.client]?.remove(number)
        byBalance[old.balance.minorUnits]?.remove(number)
        if byBalance[old.balance.minorUnits]?.isEmpty == true { byBalance[old.balance.minorUnits] = nil }
    }

    private mutating func add(_ client: MatchableClient) {
        for account in client.accounts { remember(account: account, for: client.code) }
        let words = MatchText.nameWords(client.name)
        guard !words.isEmpty else { return }
        clientsByName[words.joined(separator: " "), default: []].append(client.code)
        clientWords[client.code] = Set(words)
        for word in Set(words) { clientsByWord[word, default: []].append(client.code) }
    }

    static func oldestFirst(_ lhs: MatchableInvoice, _ rhs: MatchableInvoice) -> Bool {
        (lhs.item.dueDate, lhs.item.issueDate, lhs.number) < (rhs.item.dueDate, rhs.item.issueDate, rhs.number)
    }

    // MARK: Lookups the candidate rules use

    func open(_ numbers: [InvoiceNumber]?) -> [MatchableInvoice] { (numbers ?? []).compactMap { invoices[$0] } }
    func invoice(reference: String) -> MatchableInvoice? { byReference[reference].flatMap { invoices[$0] } }
    func invoices(compact: String) -> [MatchableInvoice] { open(byCompact[compact]) }
    func invoices(trailingDigits digits: String) -> [MatchableInvoice] { open(byDigits[digits]) }
    func invoices(balance: Money) -> [MatchableInvoice] {
        (byBalance[balance.minorUnits] ?? []).compactMap { invoices[$0] }.sorted(by: Self.oldestFirst)
    }
    func instalments(of client: String) -> [DueInstalment] { instalments[client] ?? [] }

    /// How the payer of a transfer is recognised.
    enum Recognition: Equatable { case account, name }

    /// The clients a transfer comes from: by a known debtor account, else by name (all the
    /// client's significant name words appear in the payer's name).
    func payers(of entry: StatementEntry) -> [(client: String, by: Recognition)] {
        if let account = entry.counterpartyAccount.map(MatchText.compact), let clients = clientsByAccount[account] {
            return clients.map { ($0, .account) }
        }
        guard let name = entry.counterpartyName else { return [] }
        let words = MatchText.nameWords(name)
        if let exact = clientsByName[words.joined(separator: " ")] { return exact.map { ($0, .name) } }
        // The rarest word of the payer's name narrows the clients to compare.
        guard let rarest = Set(words).compactMap({ clientsByWord[$0] }).min(by: { $0.count < $1.count }) else { return [] }
        let given = Set(words)
        return rarest.filter { clientWords[$0].map { $0.isSubset(of: given) } ?? false }.map { ($0, .name) }
    }
}
