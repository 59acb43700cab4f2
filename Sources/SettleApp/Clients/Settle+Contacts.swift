import SettleCore
import SettleStore

extension Settle {
    /// What is wrong with a contact, by field, checked as the clients import checks them.
    public static func contactProblems(_ contact: Contact) -> [(field: String, message: String)] {
        var problems: [(field: String, message: String)] = []
        if contact.name.trimmingCharacters(in: .whitespaces).isEmpty { problems.append(("name", "is empty")) }
        if let email = contact.email, !FieldRules.isEmail(email) { problems.append(("email", "\"\(email)\" is not an email address")) }
        if let phone = contact.phone, !FieldRules.isPhone(phone) {
            problems.append(("phone", "\"\(phone)\" is not a phone number in international form (such as +49 30 1234567)"))
        }
        if contact.email == nil && contact.phone == nil { problems.append(("email", "give an email address or a phone number")) }
        return problems
    }

    /// Adds a contact to a client; returns the client with its contacts.
    public func addContact(client code: String, _ contact: Contact) async throws -> StoredClient {
        if let problem = Self.contactProblems(contact).first { throw InputError("\(problem.field) \(problem.message)") }
        let org = try await organisation()
        let clients = ClientStore(database.sql, orgID: org.id)
        let client = try await clients.require(code)
        try await clients.addContact(contact, clientID: client.id)
        return try await clients.require(code)
    }
}
