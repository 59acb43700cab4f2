import Foundation
import SettleApp
import SettleCore
import Testing

/// camt.053 / camt.054 read entry by entry, as banks write them.
@Suite struct CamtReaderTests {
    static func document(_ version: String, message: String = "053", body: String) -> Data {
        let root = message == "053" ? "BkToCstmrStmt" : "BkToCstmrDbtCdtNtfctn"
        let container = message == "053" ? "Stmt" : "Ntfctn"
        return Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.\(message).001.\(version)">
              <\(root)>
                <GrpHdr><MsgId>MSG-1</MsgId><CreDtTm>2024-04-02T06:00:00</CreDtTm></GrpHdr>
                <\(container)>
                  <Id>STMT-2024-04-01</Id>
                  <Acct><Id><IBAN>DE89 3704 0044 0532 0130 00</IBAN></Id><Ccy>EUR</Ccy></Acct>
                  \(body)
                </\(container)>
              </\(root)>
            </Document>
            """.utf8)
    }

    static let single = """
        <Ntry>
          <NtryRef>N-1</NtryRef>
          <Amt Ccy="EUR">1250.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
          <BookgDt><Dt>2024-04-01</Dt></BookgDt><ValDt><Dt>2024-04-01</Dt></ValDt>
          <AcctSvcrRef>BANK-REF-1</AcctSvcrRef>
          <NtryDtls><TxDtls>
            <Refs><EndToEndId>E2E-77</EndToEndId></Refs>
            <RltdPties><Dbtr><Nm>Klee &amp; Söhne GmbH</Nm></Dbtr><DbtrAcct><Id><IBAN>DE02120300000000202051</IBAN></Id></DbtrAcct></RltdPties>
            <RmtInf><Ustrd>Rechnung K-1 und</Ustrd><Ustrd>K-2, danke</Ustrd></RmtInf>
          </TxDtls></NtryDtls>
        </Ntry>
        """

    static let batch = """
        <Ntry>
          <Amt Ccy="EUR">300.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
          <BookgDt><DtTm>2024-04-02T10:15:00+02:00</DtTm></BookgDt>
          <AcctSvcrRef>BATCH-9</AcctSvcrRef>
          <NtryDtls>
            <TxDtls>
              <Refs><AcctSvcrRef>BATCH-9-A</AcctSvcrRef></Refs>
              <AmtDtls><TxAmt><Amt Ccy="EUR">100.00</Amt></TxAmt></AmtDtls>
              <RltdPties><Dbtr><Pty><Nm>Moss Ltd</Nm></Pty></Dbtr></RltdPties>
              <RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>RF18 5390 0754 7034</Ref></CdtrRefInf></Strd></RmtInf>
            </TxDtls>
            <TxDtls>
              <Amt Ccy="EUR">200.00</Amt>
              <RltdPties><Dbtr><Pty><Nm>Rook SARL</Nm></Pty></Dbtr></RltdPties>
              <RmtInf><Ustrd>facture R-1</Ustrd></RmtInf>
            </TxDtls>
          </NtryDtls>
        </Ntry>
        <Ntry>
          <Amt Ccy="EUR">90.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><RvslInd>true</RvslInd>
          <BookgDt><Dt>2024-04-02</Dt></BookgDt><AcctSvcrRef>RET-1</AcctSvcrRef>
          <NtryDtls><TxDtls><RltdPties><Cdtr><Pty><Nm>Noad Ltd</Nm></Pty></Cdtr></RltdPties></TxDtls></NtryDtls>
        </Ntry>
        """

    func read(_ data: Data) throws -> (CamtMessage, [StatementAccount], [StatementEntry]) {
        var accounts: [StatementAccount] = [], entries: [StatementEntry] = []
        let message = try CamtReader.read(data, file: "stmt.xml", account: { accounts.append($0) }, entry: { entries.append($0) })
        return (message, accounts, entries)
    }

    @Test(arguments: ["02", "08"])
    func entriesWithTheirRemittanceAndPayer(version: String) throws {
        let (message, accounts, entries) = try read(Self.document(version, body: Self.single + Self.batch))
        #expect(message == .statement)
        #expect(accounts == [StatementAccount(id: "DE89370400440532013000", currency: .EUR, statementID: "STMT-2024-04-01")])
        #expect(entries.count == 4)
        let first = entries[0]
        #expect(first.amount.decimalString == "1250.00" && first.direction == .credit && !first.reversal)
        #expect(first.bookingDate?.description == "2024-04-01" && first.bankReference == "BANK-REF-1")
        #expect(first.endToEndReference == "E2E-77")
        #expect(first.counterpartyName == "Klee & Söhne GmbH" && first.counterpartyAccount == "DE02120300000000202051")
        #expect(first.remittance == ["Rechnung K-1 und", "K-2, danke"])
        #expect(first.position == StatementPosition(entry: 1))

        // A batch: one entry per transfer, each with its own amount, payer and reference.
        #expect(entries[1].amount.decimalString == "100.00" && entries[2].amount.decimalString == "200.00")
        #expect(entries[1].position == StatementPosition(entry: 2, transfer: 1))
        #expect(entries[1].creditorReferences == ["RF18539007547034"] && entries[1].counterpartyName == "Moss Ltd")
        #expect(entries[1].bankReference == "BATCH-9-A" && entries[2].bankReference == "BATCH-9/2")
        #expect(entries[2].remittance == ["facture R-1"] && entries[2].bookingDate?.description == "2024-04-02")

        let returned = entries[3]
        #expect(returned.direction == .debit && returned.reversal && returned.counterpartyName == "Noad Ltd")
    }

    @Test func aNotificationIsReadLikeAStatement() throws {
        let (message, _, entries) = try read(Self.document("08", message: "054", body: Self.single))
        #expect(message == .notification)
        #expect(entries.map(\.amount.decimalString) == ["1250.00"])
    }

    /// A returned direct debit as some banks report it: money out without RvslInd, but with the
    /// return's reason (RtrInf); it is a reversal all the same.
    @Test func returnInformationMarksAReversal() throws {
        let returned = """
            <Ntry><Amt Ccy="EUR">89.90</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2024-04-03</Dt></BookgDt>
              <NtryDtls><TxDtls><Refs><EndToEndId>LS-991</EndToEndId></Refs>
                <RtrInf><Rsn><Cd>MD06</Cd></Rsn></RtrInf></TxDtls></NtryDtls></Ntry>
            """
        let (_, _, entries) = try read(Self.document("08", body: returned + Self.single))
        #expect(entries.map(\.reversal) == [true, false])
        #expect(entries[0].direction == .debit && entries[0].endToEndReference == "LS-991")
    }

    @Test func badFilesAreRefusedWithThePlace() throws {
        let truncated = Data(String(decoding: Self.document("02", body: Self.single), as: UTF8.self).prefix(600).utf8)
        let cut = try #require(throws: FileProblem.self) { try read(truncated) }
        #expect(cut.file == "stmt.xml" && cut.line > 1 && cut.message.contains("not well-formed XML"))

        let unknown = Data(String(decoding: Self.document("02", body: Self.single), as: UTF8.self)
            .replacingOccurrences(of: "camt.053.001.02", with: "camt.052.001.02").utf8)
        let version = try #require(throws: FileProblem.self) { try read(unknown) }
        #expect(version.message.contains("not a supported camt document") && version.message.contains("camt.052.001.02"))

        let noDirection = Self.single.replacingOccurrences(of: "<CdtDbtInd>CRDT</CdtDbtInd>", with: "")
        let direction = try #require(throws: FileProblem.self) { try read(Self.document("02", body: Self.batch + noDirection)) }
        #expect(direction.message.hasPrefix("entry 3 has no CdtDbtInd"), "\(direction.message)")

        let tooPrecise = Self.single.replacingOccurrences(of: "1250.00", with: "1250.005")
        let amount = try #require(throws: FileProblem.self) { try read(Self.document("08", body: tooPrecise)) }
        #expect(amount.message.contains("entry 1") && amount.message.contains("1250.005"), "\(amount.message)")
    }
}
