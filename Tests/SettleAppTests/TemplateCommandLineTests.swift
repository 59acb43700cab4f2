import Foundation
import Testing

/// `settle template` and `settle org settings` as a user runs them.
@Suite(.serialized) struct TemplateCommandLineTests {
    static let binary = CommandLineTests.binary
    static let secret = "cli-test-secret-0123456789-abcdefghijklmnop"

    func settle(_ arguments: [String], in folder: URL) throws -> CommandLineTests.Run {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        for name in ["SETTLE_DATABASE_URL", "SETTLE_ORG", "SETTLE_NOW", "SETTLE_TODAY", "SETTLE_PUBLIC_URL"] {
            environment[name] = nil
        }
        environment["SETTLE_SECRET"] = Self.secret
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandLineTests.Run(status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
                                    errors: String(decoding: errorData, as: UTF8.self))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path)))
    func previewSaveAndSettings() throws {
        let folder = try CommandLineTests().temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try settle(["migrate"], in: folder).status == 0)
        try Data("""
            id,name,kind,email,country,time_zone,language,terms
            LIND,Lindner Haustechnik GmbH,business,buchhaltung@lindner.example,DE,Europe/Berlin,de,net 30

            """.utf8).write(to: folder.appendingPathComponent("clients.csv"))
        try Data("number,client,issue_date,due_date,currency,amount\nR-1001,LIND,2024-02-01,2024-03-02,EUR,1234.50\n".utf8)
            .write(to: folder.appendingPathComponent("invoices.csv"))
        #expect(try settle(["import", "clients", "clients.csv"], in: folder).status == 0)
        #expect(try settle(["import", "invoices", "invoices.csv"], in: folder).status == 0)

        let refused = try settle(["org", "settings", "--iban", "DE88370400440532013000"], in: folder)
        #expect(refused.status == 1 && refused.errors.contains("wrong check digits"))
        let settings = try settle(["org", "settings", "--iban", "DE89 3704 0044 0532 0130 00", "--bic", "COBADEFFXXX",
                                   "--signature", "Anna Schmidt\\nBuchhaltung"], in: folder)
        #expect(settings.status == 0 && settings.output.contains("DE89 3704 0044 0532 0130 00"))
        let shown = try settle(["org", "settings", "--format", "json"], in: folder).output
        let fields = try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: String]
        #expect(fields?["signature"] == "Anna Schmidt\nBuchhaltung" && fields?["bic"] == "COBADEFFXXX")

        let preview = try settle(["template", "preview", "reminder", "--tone", "firm", "--language", "de",
                                  "--invoice", "R-1001", "--as-of", "2024-03-12"], in: folder)
        #expect(preview.status == 0, "\(preview.errors)")
        #expect(preview.output.hasPrefix("Subject: Mahnung: Rechnung R-1001, offen 1.234,50\u{A0}€\n\nSehr geehrte Damen und Herren,\n\n"
            + "die Rechnung R-1001 ist inzwischen 10 Tage überfällig"))
        #expect(preview.output.contains("Bitte überweisen Sie 1.234,50\u{A0}€ bis spätestens 19. März 2024."))
        #expect(preview.output.contains("IBAN: DE89 3704 0044 0532 0130 00\nBIC: COBADEFFXXX\nVerwendungszweck: RF"))
        #expect(preview.output.contains("Online ansehen und bezahlen: http://localhost:8080/portal/"))
        #expect(preview.output.hasSuffix("Mit freundlichen Grüßen\nAnna Schmidt\nBuchhaltung\nDefault organisation\n"))
        #expect(!preview.output.contains(Self.secret) && !preview.errors.contains(Self.secret))

        let json = try settle(["template", "preview", "courtesy", "--tone", "formal", "--language", "fr", "--format", "json"], in: folder)
        let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #expect(object?["tone_used"] as? String == "friendly" && object?["source"] as? String == "default")
        #expect((object?["html"] as? String)?.contains("<html lang=\"fr\">") == true)
        #expect(try settle(["template", "preview", "reminder", "--tone", "stern"], in: folder).status == 2)

        try Data("Guten Tag {{contact.name}},\n\nbitte zahlen Sie {{totl_due}}.\n".utf8).write(to: folder.appendingPathComponent("body.txt"))
        try Data("<p>{{total_due}}</p>\n".utf8).write(to: folder.appendingPathComponent("body.html"))
        let save = ["template", "save", "reminder", "--tone", "firm", "--language", "de", "--subject", "Offen: {{total_due}}",
                    "--text", "body.txt", "--html", "body.html"]
        let rejected = try settle(save, in: folder)
        #expect(rejected.status == 1)
        #expect(rejected.errors.contains("body.txt:3:18: unknown merge field \"totl_due\""))
        try Data("Guten Tag,\n\nbitte zahlen Sie {{total_due}}.\n".utf8).write(to: folder.appendingPathComponent("body.txt"))
        #expect(try settle(save, in: folder).status == 0)
        let list = try settle(["template", "list", "--format", "csv"], in: folder).output
        #expect(list.contains("reminder,de,firm,organisation (replaces default),"))
        #expect(list.contains("courtesy,fr,supportive,default,"))
        let own = try settle(["template", "preview", "reminder", "--tone", "firm", "--invoice", "R-1001", "--as-of", "2024-03-12"], in: folder)
        #expect(own.output == "Subject: Offen: 1.234,50\u{A0}€\n\nGuten Tag,\n\nbitte zahlen Sie 1.234,50\u{A0}€.\n")
        #expect(try settle(["template", "delete", "reminder", "--tone", "firm", "--language", "de"], in: folder).status == 0)
        #expect(try settle(["template", "delete", "reminder", "--tone", "firm", "--language", "de"], in: folder).status == 1)
    }
}
