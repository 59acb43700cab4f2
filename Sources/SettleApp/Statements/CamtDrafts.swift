import SettleCore

/// What a camt statement's header says about its account, gathered element by element.
struct AccountDraft {
    var id: String?
    var currency: String?
    var statementID: String?
    var reported = false

    mutating func take(_ value: String, currency _: String?, at path: [String]) {
        guard path.count >= 3, ["Stmt", "Ntfctn"].contains(path[2]) else { return }
        let rest = Array(path.dropFirst(3))
        switch rest {
        case ["Id"]: statementID = value
        case ["Acct", "Id", "IBAN"], ["Acct", "Id", "Othr", "Id"]: id = value.filter { $0 != " " }
        case ["Acct", "Ccy"]: currency = value
        default: break
        }
    }
}

/// One `Ntry` as it is read.
struct EntryDraft {
    var position: Int
    var amount: String?
    var currency: String?
    var direction: StatementEntry.Direction?
    var reversal = false
    var bookingDate: String?
    var valueDate: String?
    var bankReference: String?
    var transfers: [TransferDraft] = []

    init(position: Int) { self.position = position }

    mutating func take(_ value: String, currency: String?, at path: [String]) {
        guard let start = path.lastIndex(of: "Ntry") else { return }
        switch Array(path[(start + 1)...]) {
        case ["Amt"]:
            amount = value
            self.currency = currency
        case ["CdtDbtInd"]: direction = value == "CRDT" ? .credit : value == "DBIT" ? .debit : nil
        case ["RvslInd"]: reversal = value == "true" || value == "1"
        case ["BookgDt", "Dt"], ["BookgDt", "DtTm"]: bookingDate = value
        case ["ValDt", "Dt"], ["ValDt", "DtTm"]: valueDate = value
        case ["AcctSvcrRef"]: bankReference = value
        case ["NtryRef"] where bankReference == nil: bankReference = value
        default: break
        }
    }
}

/// One `TxDtls` of an entry: a transfer, with who paid and what they wrote.
struct TransferDraft {
    var amount: String?
    var currency: String?
    var bankReference: String?
    var endToEnd: String?
    var remittance: [String] = []
    var references: [String] = []
    var debtorName: String?
    var debtorAccount: String?
    var creditorName: String?
    var creditorAccount: String?
    /// Return information (`RtrInf`): the transfer returns an earlier one (a returned direct debit
    /// or a transfer sent back), with the ISO reason code.
    var returnReason: String?

    mutating func take(_ value: String, currency: String?, at path: [String]) {
        guard let start = path.lastIndex(of: "TxDtls") else { return }
        let rest = Array(path[(start + 1)...])
        switch rest {
        case ["Amt"], ["AmtDtls", "TxAmt", "Amt"]:
            amount = value
            self.currency = currency
        case ["Refs", "AcctSvcrRef"]: bankReference = value
        case ["Refs", "EndToEndId"] where value != "NOTPROVIDED": endToEnd = value
        case ["RmtInf", "Ustrd"]: remittance.append(value)
        case ["RmtInf", "Strd", "CdtrRefInf", "Ref"]: references.append(value.filter { $0 != " " })
        // Older versions name the party directly (Dbtr/Nm); 001.08 and later wrap it (Dbtr/Pty/Nm).
        case ["RltdPties", "Dbtr", "Nm"], ["RltdPties", "Dbtr", "Pty", "Nm"]: debtorName = value
        case ["RltdPties", "DbtrAcct", "Id", "IBAN"], ["RltdPties", "DbtrAcct", "Id", "Othr", "Id"]:
            debtorAccount = value.filter { $0 != " " }
        case ["RltdPties", "Cdtr", "Nm"], ["RltdPties", "Cdtr", "Pty", "Nm"]: creditorName = value
        case ["RltdPties", "CdtrAcct", "Id", "IBAN"], ["RltdPties", "CdtrAcct", "Id", "Othr", "Id"]:
            creditorAccount = value.filter { $0 != " " }
        case ["RtrInf", "Rsn", "Cd"], ["RtrInf", "Rsn", "Prtry"]: returnReason = value
        default: break
        }
    }
}
