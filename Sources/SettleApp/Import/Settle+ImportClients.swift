import Foundation
import SettleCore
import SettleStore

extension Settle {
    /// Imports clients from CSV (`id,name,kind,email,phone,country,time_zone,language,terms,address`;
    /// the postal address with its lines separated by `|` or line breaks).
    /// All or nothing: any bad row rejects the file with every problem listed.
    public func importClients(_ bytes: [UInt8], file: String, dryRun: Bool) async throws -> ImportSummary {
        let org = try await organisation()
        var problems: [FileProblem] = []
        let table = CSVTable(bytes: bytes, file: file, required: ["id", "name", "kind", "country"],
                             optional: ["email", "phone", "time_zone", "language", "terms", "address"], problems: &problems)
        var clients: [Client] = []
        var firstLine: [String: Int] = [:]
        for row in table.rows {
            if let client = parseClient(row, table: table, organisation: org.organisation, problems: &problems) {
                if let earlier = firstLine[client.code] {
                    problems.append(table.problem(row, "id", "duplicate client id \"\(client.code)\" (also on line \(earlier))"))
                } else {
                    firstLine[client.code] = row.line
                    clients.append(client)
                }
            }
        }
        let existing = try await ClientStore(database.sql, orgID: org.id).lookup(clients.map(\.code))
        for row in table.rows where existing[row.value("id")] != nil {
            problems.append(table.problem(row, "id", "client \"\(row.value("id"))\" already exists"))
        }
        guard problems.isEmpty else { throw ImportRejected(problems: problems.sorted()) }
        if !dryRun {
            let now = timestamp
            try await database.transaction { [clients] sql in
                try await ClientStore(sql, orgID: org.id).insert(clients, now: now)
            }
        }
        return ImportSummary(file: file, kind: "clients", rows: clients.count, dryRun: dryRun)
    }

    private func parseClient(_ row: CSVTable.Row, table: CSVTable, organisation: Organisation,
                             problems: inout [FileProblem]) -> Client? {
        let before = problems.count
        let code = row.value("id")
        if !FieldRules.isIdentifier(code) { problems.append(table.problem(row, "id", "client id must be 1 to 64 characters")) }
        let name = row.value("name")
        if name.isEmpty { problems.append(table.problem(row, "name", "name is empty")) }
        let kind = ClientKind(rawValue: row.value("kind").lowercased())
        if kind == nil {
            problems.append(table.problem(row, "kind", "kind \"\(row.value("kind"))\" must be business or consumer"))
        }
        let country = row.value("country").uppercased()
        if !FieldRules.isCountry(country) {
            problems.append(table.problem(row, "country", "\"\(row.value("country"))\" is not an ISO 3166 country code (such as DE, GB, US)"))
        }
        let timeZone = row.value("time_zone").isEmpty ? organisation.timeZone : row.value("time_zone")
        if !FieldRules.isTimeZone(timeZone) {
            problems.append(table.problem(row, "time_zone", "\"\(timeZone)\" is not an IANA time zone (such as Europe/Berlin)"))
        }
        let language = row.value("language").isEmpty ? "en" : row.value("language")
        if !FieldRules.isLanguage(language) {
            problems.append(table.problem(row, "language", "\"\(language)\" is not a language tag (such as en, de, fr-CA)"))
        }
        var terms = PaymentTerms.net(days: 30)
        if !row.value("terms").isEmpty {
            do { terms = try PaymentTerms(parsing: row.value("terms")) } catch {
                problems.append(table.problem(row, "terms", error.description))
            }
        }
        let email = row.value("email")
        if !email.isEmpty, !FieldRules.isEmail(email) {
            problems.append(table.problem(row, "email", "\"\(email)\" is not an email address"))
        }
        let phone = row.value("phone")
        if !phone.isEmpty, !FieldRules.isPhone(phone) {
            problems.append(table.problem(row, "phone", "\"\(phone)\" is not a phone number in international form (such as +49 30 1234567)"))
        }
        let address = row.value("address").split(whereSeparator: { $0 == "|" || $0.isNewline })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if address.count > 6 || address.contains(where: { $0.count > 70 }) {
            problems.append(table.problem(row, "address", "an address has at most 6 lines of at most 70 characters, separated by |"))
        }
        guard problems.count == before, let kind else { return nil }
        let contacts = email.isEmpty && phone.isEmpty ? [] : [
            Contact(name: name, email: email.isEmpty ? nil : email, phone: phone.isEmpty ? nil : phone, role: .billing),
        ]
        return Client(code: code, name: name, kind: kind, country: country, timeZone: timeZone, language: language,
                      contacts: contacts, defaultTerms: terms, address: address)
    }
}
