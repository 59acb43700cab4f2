import Foundation
import SettleCore
import SettleStore

extension Settle {
    /// The demo's bank account and a camt.053 statement of today paying some of the open EUR
    /// invoices the way clients really pay: by RF reference, by an invoice number typed into the
    /// text (once in part), by name and amount only; with a credit nobody can place and money out.
    /// Returns the statement's XML, to be read with `settle import statement`.
    public func demoStatement() async throws -> String {
        let org = try await organisation()
        let iban = "DE89370400440532013000"
        if try await BankAccountStore(database.sql, orgID: org.id).find(account: iban) == nil {
            _ = try await addBankAccount(iban: iban, currency: "EUR", name: "Demo current account")
        }
        let today = today(for: org)
        let names = Dictionary(try await ClientStore(database.sql, orgID: org.id).all().map { ($0.client.code, $0.client.name) },
                               uniquingKeysWith: { first, _ in first })
        let open = try await InvoiceStore(database.sql, orgID: org.id).openItems(currency: .EUR)
            .sorted { ($0.item.dueDate, $0.item.invoice) < ($1.item.dueDate, $1.item.invoice) }
        var entries: [String] = []
        func entry(_ amount: Money, debit: Bool = false, name: String, text: String? = nil, reference: String? = nil) {
            let party = debit ? "Cdtr" : "Dbtr"
            var remittance = text.map { "<Ustrd>\(Self.xmlEscaped($0))</Ustrd>" } ?? ""
            if let reference {
                remittance += "<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>\(reference)</Ref></CdtrRefInf></Strd>"
            }
            entries.append("""
                    <Ntry><Amt Ccy="EUR">\(amount.decimalString)</Amt><CdtDbtInd>\(debit ? "DBIT" : "CRDT")</CdtDbtInd>
                      <Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>\(today)</Dt></BookgDt><ValDt><Dt>\(today)</Dt></ValDt>
                      <AcctSvcrRef>DEMO-\(today)-\(entries.count + 1)</AcctSvcrRef>
                      <NtryDtls><TxDtls><RltdPties><\(party)><Pty><Nm>\(Self.xmlEscaped(name))</Nm></Pty></\(party)></RltdPties>
                        <RmtInf>\(remittance)</RmtInf></TxDtls></NtryDtls></Ntry>
                """)
        }
        for (index, invoice) in open.prefix(6).enumerated() {
            let name = names[invoice.client] ?? invoice.client
            let number = invoice.item.invoice.value, balance = invoice.item.balance.total
            switch index {
            case 0, 1: entry(balance, name: name, reference: CreditorReference(invoiceNumber: number).printed)
            case 2: entry(balance, name: name, text: "Rechnung \(number.lowercased()), danke")
            case 3: entry(Money(minorUnits: balance.minorUnits / 2, currency: .EUR), name: name, text: "part payment inv \(number)")
            default: entry(balance, name: name.uppercased(), text: "Zahlung")
            }
        }
        entry(try Money(parsing: "37.40", currency: .EUR), name: "Versicherung AG", text: "Erstattung 2025/118")
        entry(try Money(parsing: "1250.00", currency: .EUR), debit: true, name: "Office rent", text: "Miete")
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>
              <GrpHdr><MsgId>DEMO-\(today)</MsgId><CreDtTm>\(today)T06:00:00</CreDtTm></GrpHdr>
              <Stmt><Id>DEMO-\(today)</Id><Acct><Id><IBAN>\(iban)</IBAN></Id><Ccy>EUR</Ccy></Acct>
            \(entries.joined(separator: "\n"))
              </Stmt></BkToCstmrStmt></Document>

            """
    }

    /// Text for XML or HTML content and attribute values: `&`, `<`, `>` and `"` escaped.
    public static func xmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
