import Foundation
import SettleApp
import SettleCore
import Testing

/// The same MT940 files read by the PyPI package mt-940 (through scripts/mt940_dump.py): both
/// readers must agree on every entry. python3 with mt-940 is required (scripts/ensure-deps.sh
/// installs it); without it these tests fail rather than skip.
@Suite struct MT940PackageTests {
    /// One transaction as the package gives it.
    struct PackageTransaction: Decodable {
        var amount: String
        var currency: String
        var status: String
        var date: String
        var entryDate: String?
        var id: String?
        var bankReference: String?
        var customerReference: String?
        var endToEndReference: String?
        var transactionCode: String?
        var purpose: String?
        var additionalPurpose: String?
        var applicantName: String?
        var applicantIban: String?
        var deviateApplicant: String?
        var deviateRecipient: String?
        var transactionDetails: String?
    }

    static let script: URL = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent("scripts/mt940_dump.py")
    }()

    func packageReading(_ data: Data) throws -> [PackageTransaction] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mt940-\(UUID().uuidString).sta")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script.path, file.path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let json = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, """
            scripts/mt940_dump.py failed: it needs python3 with the PyPI package mt-940 (bash scripts/ensure-deps.sh installs it)
            \(message)
            """)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode([PackageTransaction].self, from: json)
    }

    @Test(arguments: [("german", MT940ReaderTests.german), ("two accounts", MT940ReaderTests.twoAccounts)])
    func bothReadersAgreeOnEveryEntry(name: String, file: Data) throws {
        var entries: [StatementEntry] = []
        try MT940Reader.read(file, file: "\(name).sta", account: { _ in }, entry: { entries.append($0) })
        let theirs = try packageReading(file)
        #expect(theirs.count == entries.count, "\(name): the package read \(theirs.count) entries, Settle \(entries.count)")
        for (entry, their) in zip(entries, theirs) {
            let place = "\(name), \(entry.position)"
            // The package signs the amount: credits and reversed debits positive, debits and reversed credits negative.
            let signed = try Money(parsing: their.amount, currencyCode: their.currency)
            #expect(entry.amount == (signed.isNegative ? -signed : signed), "\(place)")
            #expect(entry.direction == (signed.isNegative ? .debit : .credit), "\(place)")
            #expect(entry.reversal == (their.status.hasPrefix("R") || ["108", "109", "159"].contains(their.transactionCode ?? "")),
                    "\(place)")
            #expect(entry.valueDate?.description == their.date, "\(place)")
            #expect(entry.bookingDate?.description == their.entryDate, "\(place)")
            #expect(entry.bankReference == their.bankReference.flatMap { $0.isEmpty || $0 == "NONREF" ? nil : $0 }, "\(place)")
            // Settle takes the end-to-end reference (EREF) and falls back on the :61: customer reference.
            let customer = their.customerReference?.split(separator: "\n").first.map(String.init)
            let reference = [their.endToEndReference, customer].compactMap { $0 }
                .first { !["", "NONREF", "NOTPROVIDED"].contains($0) }
            #expect(entry.endToEndReference == reference, "\(place)")
            if let details = their.transactionDetails {
                // Free text: the package keeps the lines, Settle each line as one of remittance.
                #expect(entry.remittance == details.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) },
                        "\(place)")
            } else {
                #expect(their.transactionCode != nil, "\(place): structured :86: expected")
                let purpose = ((their.purpose ?? "") + (their.additionalPurpose ?? "")).trimmingCharacters(in: .whitespaces)
                #expect(entry.remittance.joined(separator: " ") == purpose, "\(place)")
            }
            #expect(entry.counterpartyName == (their.applicantName ?? their.deviateApplicant ?? their.deviateRecipient), "\(place)")
            #expect(entry.counterpartyAccount == their.applicantIban?.filter { $0 != " " }, "\(place)")
        }
    }
}
