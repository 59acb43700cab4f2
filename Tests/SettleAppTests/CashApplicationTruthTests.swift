import Foundation
import SettleApp
import SettleCore
import SettleStore
import SettleTestSupport
import Testing

/// A generated statement of 2,000 entries against a generated book whose truth is known:
/// references, invoice numbers in free text written loosely, amounts only, part payments, one
/// transfer for several invoices, discounts, reversals, unrelated credits and money out.
@Suite struct CashApplicationTruthTests {
    enum Kind { case referenced, rest, reversal, unrelated, debit }

    struct Truth {
        var kind: Kind
        var client: String = ""
        var invoices: [String] = []
        /// For a reversal: the bank reference of the entry it reverses.
        var reverses: String?
    }

    let syllables = ["ba", "ko", "tre", "mi", "lun", "dra", "fe", "so", "gar", "ni", "pel", "vo", "rus", "ta", "qui",
                            "zen", "hol", "ma", "ber", "ux"]

    func name(_ index: Int) -> (official: String, written: String) {
        let first = syllables[index % 20] + syllables[(index / 20) % 20] + "ner"
        let second = syllables[(index / 400) % 20] + syllables[(index * 7) % 20] + "ia"
        let official = "\(first.capitalized) \(second.capitalized) GmbH"
        return (official, index % 3 == 0 ? "\(first) \(second)".uppercased() : index % 3 == 1 ? "\(first.capitalized) \(second.capitalized)" : official)
    }

    /// How a payer writes an invoice number.
    func loosely(_ number: String, _ rng: inout SplitMix64) -> String {
        let parts = number.split(separator: "-").map(String.init)
        let variants = [
            "\(parts[0].lowercased()) \(parts[1])", "\(parts[0])\(parts[1])", "Rechnung \(parts[0]) - \(parts[1])",
            "inv#\(parts[0].lowercased())\(parts[1])", "RG \(number.lowercased()) vom 03.04.2024", "Invoice \(number), thank you",
        ]
        return variants[Int.random(in: 0..<variants.count, using: &rng)]
    }

    func minor(_ cents: Int64) -> String { String(format: "%lld.%02lld", cents / 100, cents % 100) }

    @Test(arguments: TestEngine.available)
    func everyReferencedEntryIsRightAndNoAutomaticMatchIsWrong(engine: TestEngine) async throws {
        try await withSettle(engine, today: "2024-04-02") { settle in
            var rng = SplitMix64(seed: 20_241_129)
            let clientCount = 1100
            var clients = clientsHeader, invoices = invoicesHeader
            var books: [[(number: String, cents: Int64, discounted: Int64)]] = []
            var invoiceCount = 0
            for index in 0..<clientCount {
                let scenario = index % 8
                let discount = scenario == 5
                clients += "C\(index),\(name(index).official),business,,,DE,Europe/Berlin,de,\(discount ? "2/10 net 30" : "net 30")\n"
                var own: [(String, Int64, Int64)] = []
                for _ in 0..<3 {
                    invoiceCount += 1
                    let number = switch index % 3 {
                    case 0: "INV-\(10000 + invoiceCount)"
                    case 1: "B-\(20000 + invoiceCount)"
                    default: "2026-\(String(format: "%04d", invoiceCount))"
                    }
                    let cents = Int64.random(in: 5_000...500_000, using: &rng)
                    let issued = discount ? "2024-03-28" : "2024-02-\(10 + invoiceCount % 15)"
                    invoices += "\(number),C\(index),\(issued),,EUR,\(minor(cents)),generated\n"
                    own.append((number, cents, cents - (cents * 2 + 50) / 100))
                }
                books.append(own)
            }
            _ = try await settle.importCSV("clients", clients)
            _ = try await settle.importCSV("invoices", invoices)
            _ = try await settle.addBankAccount(iban: "DE89370400440532013000", currency: "EUR", name: "Main")
            let org = try await settle.organisation()
            let store = StatementEntryStore(settle.database.sql, orgID: org.id)
            for index in 0..<clientCount where index % 8 == 4 || index % 5 == 0 {
                let client = try #require(try await ClientStore(settle.database.sql, orgID: org.id).find("C\(index)"))
                try await store.remember(account: CamtBuilder.germanIBAN(account: 1000 + index), clientID: client.id, now: "2024-04-01T00:00:00Z")
            }

            var builder = CamtBuilder()
            var truth: [String: Truth] = [:]
            var reversals: [(reference: String, endToEnd: String, cents: Int64, client: String, invoice: String)] = []
            var serial = 0
            func add(_ cents: Int64, _ entryTruth: Truth, debit: Bool = false, reversal: Bool = false, endToEnd: String? = nil,
                     name: String? = nil, iban: String? = nil, text: [String] = [], creditorReference: String? = nil) {
                serial += 1
                let reference = "E-\(serial)"
                truth[reference] = entryTruth
                builder.add(minor(cents), debit: debit, reversal: reversal, on: "2024-04-02", reference: reference, endToEnd: endToEnd,
                            name: name, iban: iban, text: text, creditorReference: creditorReference)
            }
            for index in 0..<clientCount {
                let code = "C\(index)", own = books[index], payer = name(index).written
                let iban = CamtBuilder.germanIBAN(account: 1000 + index)
                func rf(_ number: String) -> String { CreditorReference(invoiceNumber: number).printed }
                switch index % 8 {
                case 0:  // structured reference; a loosely written number
                    add(own[0].cents, Truth(kind: .referenced, client: code, invoices: [own[0].number]), name: payer, creditorReference: rf(own[0].number))
                    add(own[1].cents, Truth(kind: .referenced, client: code, invoices: [own[1].number]), name: payer,
                        text: [loosely(own[1].number, &rng)])
                case 1:  // a reference typed into the text, paid in part; a number, in full
                    add(own[0].cents / 2, Truth(kind: .referenced, client: code, invoices: [own[0].number]), name: payer,
                        text: ["Teilzahlung " + rf(own[0].number).lowercased()])
                    add(own[1].cents, Truth(kind: .referenced, client: code, invoices: [own[1].number]), text: [loosely(own[1].number, &rng)])
                case 2:  // one transfer for two invoices; a part payment naming its invoice
                    let pair = own[0].number.hasPrefix("INV")
                        ? "inv#\(own[0].number.dropFirst(4))/\(own[1].number.dropFirst(4))" : "\(own[0].number) / \(own[1].number)"
                    add(own[0].cents + own[1].cents, Truth(kind: .referenced, client: code, invoices: [own[0].number, own[1].number]),
                        name: payer, text: [pair])
                    add(own[2].cents / 3, Truth(kind: .referenced, client: code, invoices: [own[2].number]), name: payer,
                        text: ["part payment " + loosely(own[2].number, &rng)])
                case 3:  // the amount only, the payer by name
                    add(own[1].cents, Truth(kind: .rest, client: code, invoices: [own[1].number]), name: payer, text: ["Danke"])
                case 4:  // the amount only, from an account the client paid from before
                    add(own[2].cents, Truth(kind: .rest, client: code, invoices: [own[2].number]), name: "Konto", iban: iban)
                case 5:  // the discounted amount inside the window
                    add(own[0].discounted, Truth(kind: .rest, client: code, invoices: [own[0].number]), name: payer, text: ["Skonto"])
                case 6:  // two invoices' sum
                    add(own[0].cents + own[2].cents, Truth(kind: .rest, client: code, invoices: [own[0].number, own[2].number]), name: payer)
                default:  // paid by reference, then returned by the bank (at the end of the file)
                    add(own[0].cents, Truth(kind: .referenced, client: code, invoices: [own[0].number]), endToEnd: "E2E-\(index)",
                        name: payer, creditorReference: rf(own[0].number))
                    reversals.append(("E-\(serial)", "E2E-\(index)", own[0].cents, code, own[0].number))
                }
            }
            let strangers = ["Versicherung AG", "Finanzamt", "Stadtwerke", "Hans Meier", "Refund Ltd"]
            for index in 0..<200 {
                add(Int64.random(in: 100...900_000, using: &rng), Truth(kind: .unrelated), name: strangers[index % 5],
                    text: ["Erstattung Vertrag \(Int.random(in: 100_000...999_999, using: &rng))"])
            }
            for index in 0..<(2000 - serial - reversals.count) {
                add(Int64.random(in: 100...900_000, using: &rng), Truth(kind: .debit), debit: true, name: "Supplier \(index)", text: ["Miete"])
            }
            for reversal in reversals {
                add(reversal.cents, Truth(kind: .reversal, client: reversal.client, invoices: [reversal.invoice], reverses: reversal.reference),
                    debit: true, reversal: true, endToEnd: reversal.endToEnd, text: ["RUECKLASTSCHRIFT"])
            }
            #expect(serial == 2000)

            let result = try await settle.importStatement(InputStream(data: builder.document), file: "generated.xml", dryRun: false)
            #expect(result.new == 2000)
            let queue = try await settle.reconciliation(status: nil)
            let byReference = Dictionary(uniqueKeysWithValues: queue.compactMap { item in item.entry.entry.bankReference.map { ($0, item) } })
            var referenced = (right: 0, all: 0), rest = (right: 0, all: 0), wrongAutomatic: [String] = []
            var reversed = (right: 0, all: 0), debits = (right: 0, all: 0), unrelatedApplied = 0
            for (reference, expected) in truth {
                let item = try #require(byReference[reference])
                let decision = item.entry.decision
                let applied = decision.status == .applied
                if applied, decision.decidedBy == "auto", expected.kind != .reversal,
                   expected.kind == .unrelated || expected.kind == .debit || Set(decision.invoices) != Set(expected.invoices)
                    || item.entry.client != expected.client {
                    wrongAutomatic.append("\(reference): \(decision.invoices) for \(expected.invoices) (\(decision.reason))")
                }
                switch expected.kind {
                case .referenced:
                    referenced.all += 1
                    if applied && decision.invoices == expected.invoices && item.entry.client == expected.client { referenced.right += 1 }
                case .rest:
                    rest.all += 1
                    // A set of invoices is right in any order (Settle pays the oldest first).
                    let first = applied ? decision.invoices : item.candidates.first?.invoices ?? []
                    if Set(first) == Set(expected.invoices) { rest.right += 1 }
                case .reversal:
                    reversed.all += 1
                    if applied, let original = expected.reverses.flatMap({ byReference[$0] }), decision.reversesEntryID == original.entry.id {
                        reversed.right += 1
                    }
                case .unrelated:
                    if applied { unrelatedApplied += 1 }
                case .debit:
                    debits.all += 1
                    if decision.status == .ignored { debits.right += 1 }
                }
            }
            func rate(_ pair: (right: Int, all: Int)) -> String { String(format: "%d/%d (%.1f%%)", pair.right, pair.all, 100 * Double(pair.right) / Double(max(pair.all, 1))) }
            print("[\(engine)] cash application on 2,000 entries: referenced matched \(rate(referenced)); "
                  + "the rest suggested or applied with the right invoice first \(rate(rest)); reversals \(rate(reversed)); "
                  + "money out ignored \(rate(debits)); unrelated credits applied \(unrelatedApplied); wrong automatic matches \(wrongAutomatic.count); "
                  + "applied \(result.summary.applied), suggested \(result.summary.suggested), unmatched \(result.summary.unmatched)")
            #expect(referenced.right == referenced.all && referenced.all == 965, "\(rate(referenced))")
            #expect(Double(rest.right) >= 0.9 * Double(rest.all) && rest.all == 549, "\(rate(rest))")
            #expect(wrongAutomatic.isEmpty, "\(wrongAutomatic.prefix(5))")
            #expect(unrelatedApplied == 0)
            #expect(reversed.right == reversed.all && reversed.all == 137)
            #expect(debits.right == debits.all && debits.all > 0)
            // A reversed invoice is owed in full again.
            let returned = try #require(reversals.first)
            #expect(try await settle.invoiceDetail(returned.invoice).stored.summary.balance.total.minorUnits == returned.cents)
        }
    }
}
