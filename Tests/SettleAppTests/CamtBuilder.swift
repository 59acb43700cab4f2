import Foundation
import SettleCore

/// Builds camt.053.001.08 statements for tests, entry by entry.
struct CamtBuilder {
    var account = "DE89370400440532013000"
    var entries: [String] = []

    /// An incoming transfer (or, with `debit`, money out; with `reversal`, the bank undoing one).
    mutating func add(_ amount: String, debit: Bool = false, reversal: Bool = false, on day: String = "2024-04-01",
                      reference bankReference: String? = nil, endToEnd: String? = nil, name: String? = nil, iban: String? = nil,
                      text: [String] = [], creditorReference: String? = nil) {
        let party = debit && !reversal ? "Cdtr" : "Dbtr"
        var related = ""
        if let name { related += "<\(party)><Pty><Nm>\(Self.escaped(name))</Nm></Pty></\(party)>" }
        if let iban { related += "<\(party)Acct><Id><IBAN>\(iban)</IBAN></Id></\(party)Acct>" }
        var remittance = text.map { "<Ustrd>\(Self.escaped($0))</Ustrd>" }.joined()
        if let creditorReference {
            remittance += "<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>\(creditorReference)</Ref></CdtrRefInf></Strd>"
        }
        entries.append("""
            <Ntry><Amt Ccy="EUR">\(amount)</Amt><CdtDbtInd>\(debit ? "DBIT" : "CRDT")</CdtDbtInd>\(reversal ? "<RvslInd>true</RvslInd>" : "")
              <Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>\(day)</Dt></BookgDt><ValDt><Dt>\(day)</Dt></ValDt>
              \(bankReference.map { "<AcctSvcrRef>\($0)</AcctSvcrRef>" } ?? "")
              <NtryDtls><TxDtls>\(endToEnd.map { "<Refs><EndToEndId>\($0)</EndToEndId></Refs>" } ?? "")
                \(related.isEmpty ? "" : "<RltdPties>\(related)</RltdPties>")\(remittance.isEmpty ? "" : "<RmtInf>\(remittance)</RmtInf>")
              </TxDtls></NtryDtls></Ntry>
            """)
    }

    var document: Data {
        Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>
              <GrpHdr><MsgId>MSG</MsgId><CreDtTm>2024-04-02T06:00:00</CreDtTm></GrpHdr>
              <Stmt><Id>STMT</Id><Acct><Id><IBAN>\(account)</IBAN></Id><Ccy>EUR</Ccy></Acct>
            \(entries.joined(separator: "\n"))
              </Stmt></BkToCstmrStmt></Document>
            """.utf8)
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }

    /// A German IBAN with correct check digits for a bank code and account number.
    static func germanIBAN(bank: String = "12030000", account: Int) -> String {
        let bban = bank + String(format: "%010d", account)
        var remainder = 0
        for character in bban + "131400" { remainder = (remainder * 10 + Int(String(character))!) % 97 }
        return String(format: "DE%02d", 98 - remainder) + bban
    }
}
