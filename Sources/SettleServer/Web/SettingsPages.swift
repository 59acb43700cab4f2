import Foundation
import Hummingbird
import SettleApp
import SettleCore
import SettleStore

/// The settings page (admins and owners): the organisation, its sender identity, letterhead and
/// bank details, the bank accounts statements are read for, the contact rules (the jurisdiction's
/// limits on calls and messages), each policy's interest regime, the channels with a test message,
/// and — for owners — users and API keys. Each section is its own form; a refused change is
/// shown in its section's words (422) and nothing of it is saved.
struct SettingsPages {
    let user: WebApp.SignedIn
    let pages: WebPages
    let frame: [String: Any]
    let couriers: [any MessageCourier]

    struct Form: Decodable {
        var csrf: String?
        var intent: String?
        // organisation
        var name: String?
        var currency: String?
        var time_zone: String?
        var country: String?
        // sender, letterhead, bank details, matching, cycle
        var sender_name: String?
        var sender_email: String?
        var reply_to: String?
        var address: String?
        var signature: String?
        var bank_name: String?
        var iban: String?
        var bic: String?
        var match_threshold: String?
        var cycle_time: String?
        // contact rules
        var window: String?
        var no_weekends: String?
        var no_holidays: String?
        var frequency: String?
        // test message, users, keys, bank accounts
        var channel: String?
        var to: String?
        var email: String?
        var role: String?
        var password: String?
        var key: String?
        var account_name: String?
        var account_iban: String?
        var account_currency: String?
    }

    var mayOpen: Bool { user.session.user.role.may(.manage) }

    func page(problem: String? = nil, done: String? = nil, notice: String? = nil, newKey: (id: String, key: String)? = nil,
              status: HTTPResponse.Status = .ok) async throws -> Response {
        guard mayOpen else {
            return pages.render("forbidden", title: "Not for your role", values: [
                "what": "Settings are for admins and owners; your role is \(user.session.user.role.rawValue).",
            ], frame: frame, status: .forbidden)
        }
        let settle = user.settle
        let org = try await settle.organisation().organisation
        let settings = try await settle.organisationSettings()
        let rules = try await settle.contactRules()
        let owner = user.session.user.role.may(.own)
        let book = try await settle.policyBook()
        var values: [String: Any] = [
            "csrf": user.session.csrfToken, "problem": problem as Any, "done": (notice ?? Self.notice(done)) as Any,
            "name": org.name, "currency": org.currency.code, "timeZone": org.timeZone, "country": org.country,
            "senderName": settings.senderName, "senderEmail": settings.senderEmail, "replyTo": settings.replyTo,
            "address": settings.address.joined(separator: "\n"), "signature": settings.signature, "bankName": settings.bankName,
            "iban": settings.iban, "bic": settings.bic, "matchThreshold": settings.matchThreshold, "cycleTime": settings.cycleTime.description,
            "window": rules.window.description, "noWeekends": rules.noWeekends, "noHolidays": rules.noHolidays,
            "frequencies": ContactFrequency.allCases.map { ["value": $0.rawValue, "selected": $0 == rules.frequency] },
            "policies": book.policies.values.sorted { $0.name < $1.name }.map { ["name": $0.name, "interest": $0.interest.description] },
            "channels": [MessageChannel.email, .sms].map { channel in
                ["name": channel.rawValue, "configured": couriers.contains { $0.channel == channel }]
            },
            "accounts": try await settle.bankAccounts().map { ["account": $0.account, "currency": $0.currency.code, "name": $0.name] },
            "owner": owner, "me": user.session.user.email,
            "roles": Role.allCases.map(\.rawValue),
        ]
        if owner {
            values["users"] = try await settle.users().map { person in
                ["email": person.email, "role": person.role.rawValue, "disabled": person.disabledAt != nil,
                 "self": person.email == user.session.user.email,
                 "roles": Role.allCases.map { role in ["value": role.rawValue, "selected": role == person.role] }] as [String: Any]
            }
            values["keys"] = try await settle.apiKeys().map {
                ["id": $0.publicID, "role": $0.role.rawValue, "name": $0.name, "created": String($0.createdAt.prefix(10)),
                 "lastUsed": $0.lastUsedAt.map { String($0.prefix(16)) } ?? "never", "revoked": $0.revokedAt != nil] as [String: Any]
            }
        }
        if let newKey { values["newKey"] = ["id": newKey.id, "key": newKey.key] }
        return pages.render("settings", title: "Settings", values: values, frame: frame, status: status)
    }

    /// The sentence for a `done` parameter (only these words: the page never shows text from its address).
    static func notice(_ done: String?) -> String? {
        switch done {
        case "organisation": "The organisation is saved."
        case "sender": "The sender, letterhead and bank details are saved."
        case "rules": "The contact rules are saved."
        case "account": "The bank account is added."
        case "user": "The user is saved."
        case "key": "The API key is revoked."
        default: nil
        }
    }

    /// Checks the form's token and the role, runs `change`, and goes back to the page.
    func save(_ form: Form, permission: Permission = .manage, _ change: () async throws -> String) async throws -> Response {
        try WebForm.requireToken(form.csrf, user)
        guard user.session.user.role.may(permission) else { throw HTTPError(.forbidden, message: "your role may not change this") }
        do {
            let done = try await change()
            return Response(status: .seeOther, headers: [.location: "/app/settings?done=\(done)"])
        } catch {
            guard let problem = ClientActions.problem(error) ?? Self.problem(error) else { throw error }
            return try await page(problem: problem, status: .unprocessableContent)
        }
    }

    static func problem(_ error: any Error) -> String? {
        switch error {
        case let error as MoneyError: "\(error)"
        case let error as ContactRulesError: "\(error)"
        default: nil
        }
    }

    func organisation(_ form: Form) async throws -> Response {
        try await save(form) {
            try await user.settle.updateOrganisation(name: form.name ?? "", currency: form.currency ?? "", timeZone: form.time_zone ?? "",
                                                     country: form.country ?? "")
            return "organisation"
        }
    }

    func sender(_ form: Form) async throws -> Response {
        try await save(form) {
            guard let threshold = Int(form.match_threshold ?? "") else { throw InputError("Match threshold: a whole number from 50 to 100") }
            _ = try await user.settle.updateOrganisationSettings(OrganisationSettingsChange(
                bankName: form.bank_name ?? "", iban: form.iban ?? "", bic: form.bic ?? "", signature: form.signature ?? "",
                senderName: form.sender_name ?? "", senderEmail: form.sender_email ?? "", replyTo: form.reply_to ?? "",
                address: form.address ?? "", matchThreshold: threshold, cycleTime: form.cycle_time ?? ""))
            return "sender"
        }
    }

    func contactRules(_ form: Form) async throws -> Response {
        try await save(form) {
            let window = try ContactWindow(parsing: (form.window ?? "").trimmingCharacters(in: .whitespaces))
            guard let frequency = form.frequency.flatMap(ContactFrequency.init(rawValue:)) else { throw InputError("Frequency: choose one") }
            try await user.settle.setContactRules(window: window, noWeekends: form.no_weekends == "1", noHolidays: form.no_holidays == "1",
                                                  frequency: frequency)
            return "rules"
        }
    }

    func bankAccount(_ form: Form) async throws -> Response {
        try await save(form) {
            _ = try await user.settle.addBankAccount(iban: form.account_iban ?? "", currency: form.account_currency ?? "",
                                                     name: form.account_name ?? "")
            return "account"
        }
    }

    /// Sends a test message and says on the page what the server or gateway answered.
    func testMessage(_ form: Form) async throws -> Response {
        try WebForm.requireToken(form.csrf, user)
        guard mayOpen else { throw HTTPError(.forbidden, message: "your role may not send test messages") }
        guard let channel = form.channel.flatMap(MessageChannel.init(rawValue:)) else {
            return try await page(problem: "Test message: choose email or SMS", status: .unprocessableContent)
        }
        do {
            switch try await user.settle.sendTestMessage(channel, to: form.to ?? "", couriers: couriers) {
            case .sent: return try await page(notice: "Test \(channel.rawValue) sent to \(form.to ?? "").")
            case .failed(let why), .deferred(let why):
                return try await page(problem: "Test \(channel.rawValue) not sent: \(why)", status: .unprocessableContent)
            }
        } catch let error as InputError {
            return try await page(problem: "Test message: \(error.description)", status: .unprocessableContent)
        }
    }

    func users(_ form: Form) async throws -> Response {
        try await save(form, permission: .own) {
            let email = (form.email ?? "").trimmingCharacters(in: .whitespaces)
            switch form.intent {
            case "create":
                guard let role = form.role.flatMap(Role.init(rawValue:)) else { throw InputError("Role: choose one") }
                _ = try await user.settle.createUser(email: email, role: role, password: form.password ?? "")
            case "role":
                guard let role = form.role.flatMap(Role.init(rawValue:)) else { throw InputError("Role: choose one") }
                guard email.lowercased() != user.session.user.email else { throw InputError("you cannot change your own role") }
                _ = try await user.settle.setUserRole(email: email, role: role)
            case "disable":
                guard email.lowercased() != user.session.user.email else { throw InputError("you cannot disable yourself") }
                _ = try await user.settle.disableUser(email: email)
            default:
                throw InputError("Users: create, change a role or disable")
            }
            return "user"
        }
    }

    /// Creates a key (shown once, on this answer only) or revokes one.
    func apiKeys(_ form: Form) async throws -> Response {
        if form.intent == "create" {
            try WebForm.requireToken(form.csrf, user)
            guard user.session.user.role.may(.own) else { throw HTTPError(.forbidden, message: "only owners manage API keys") }
            guard let role = form.role.flatMap(Role.init(rawValue:)) else {
                return try await page(problem: "API key: choose a role", status: .unprocessableContent)
            }
            let created = try await user.settle.createAPIKey(role: role, name: (form.name ?? "").trimmingCharacters(in: .whitespaces))
            return try await page(newKey: (created.key.publicID, created.secret))
        }
        return try await save(form, permission: .own) {
            _ = try await user.settle.revokeAPIKey(publicID: form.key ?? "")
            return "key"
        }
    }
}

extension WebApp {
    func registerSettings(on router: Router<BasicRequestContext>) {
        router.get("/app/settings") { request, _ -> Response in
            guard let user = try await signedIn(request) else { return redirect("/signin") }
            return try await SettingsPages(user: user, pages: pages, frame: frame(user), couriers: couriers)
                .page(done: Self.query(request)["done"])
        }
        let sections: [(String, @Sendable (SettingsPages, SettingsPages.Form) async throws -> Response)] = [
            ("organisation", { try await $0.organisation($1) }), ("sender", { try await $0.sender($1) }),
            ("contact-rules", { try await $0.contactRules($1) }), ("bank-accounts", { try await $0.bankAccount($1) }),
            ("test-message", { try await $0.testMessage($1) }), ("users", { try await $0.users($1) }),
            ("api-keys", { try await $0.apiKeys($1) }),
        ]
        for (name, handler) in sections {
            router.post("/app/settings/\(name)") { request, _ -> Response in
                var request = request
                let form = try await WebForm.read(SettingsPages.Form.self, from: &request)
                guard let user = try await signedIn(request) else { return redirect("/signin") }
                return try await handler(SettingsPages(user: user, pages: pages, frame: frame(user), couriers: couriers), form)
            }
        }
    }
}
