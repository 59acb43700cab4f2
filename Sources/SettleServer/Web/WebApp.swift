import Crypto
import Foundation
import Hummingbird
import SettleApp
import SettleCore
import SettleStore

/// The web app for the business: sign-in with email and password, a session cookie
/// (HttpOnly, SameSite=Lax, Secure behind TLS), a CSRF token on every form, throttled failed
/// sign-ins, and the pages under `/app`.
struct WebApp: Sendable {
    let database: SettleDatabase
    let time: any TimeSource
    /// The organisation the sign-in form proposes.
    let defaultOrganisation: String
    let pages: WebPages
    /// The channels' couriers, for the settings page's test message.
    let couriers: [any MessageCourier]
    /// Signs the portal links that message previews show.
    let links: ClientLinkSigner

    static let sessionCookie = "settle_session"
    static let signInCookie = "settle_signin"

    init(database: SettleDatabase, time: any TimeSource, defaultOrganisation: String, links: ClientLinkSigner = .development,
         couriers: [any MessageCourier] = []) throws {
        self.couriers = couriers
        self.database = database
        self.time = time
        self.defaultOrganisation = defaultOrganisation
        self.links = links
        pages = try WebPages()
    }

    struct SignInForm: Decodable {
        var organisation: String?
        var email: String?
        var password: String?
        var csrf: String?
    }

    struct CSRFForm: Decodable {
        var csrf: String?
    }

    /// Who is signed in: the organisation's view of Settle and the session.
    struct SignedIn {
        var settle: Settle
        var session: StoredWebSession
        var organisation: String
        var token: String
    }

    func register(on router: Router<BasicRequestContext>) {
        router.add(middleware: WebTimingMiddleware())
        router.get("/") { request, _ -> Response in
            try await signedIn(request) == nil ? redirect("/signin") : redirect("/app")
        }
        router.get("/signin") { request, _ -> Response in
            signInPage(request, organisation: defaultOrganisation, email: "", status: .ok, problem: nil)
        }
        router.post("/signin") { request, _ -> Response in
            var request = request
            let form = try await WebForm.read(SignInForm.self, from: &request)
            let organisation = (form.organisation ?? "").trimmingCharacters(in: .whitespaces)
            let email = form.email ?? ""
            guard let expected = request.cookies[Self.signInCookie]?.value, Self.same(form.csrf, expected) else {
                return signInPage(request, organisation: organisation, email: email, status: .forbidden,
                                  problem: "The form had expired. Please sign in again.")
            }
            let settle = Settle(database: database, organisation: organisation, time: time)
            do {
                let signIn = try await settle.signIn(email: email, password: form.password ?? "")
                var response = redirect("/app")
                response.setCookie(Cookie(name: Self.sessionCookie, value: organisation + "." + signIn.token,
                                          maxAge: Settle.webSessionHours * 3600, path: "/", secure: Self.isSecure(request),
                                          httpOnly: true, sameSite: .lax))
                response.setCookie(Cookie(name: Self.signInCookie, value: "", maxAge: 0, path: "/signin", secure: Self.isSecure(request),
                                          httpOnly: true, sameSite: .lax))
                return response
            } catch let error as SignInError {
                let status: HTTPResponse.Status = if case .throttled = error { .tooManyRequests } else { .unauthorized }
                return signInPage(request, organisation: organisation, email: email, status: status, problem: error.description)
            } catch StoreError.unknownOrganisation {
                return signInPage(request, organisation: organisation, email: email, status: .unauthorized,
                                  problem: SignInError.wrongCredentials.description)
            }
        }
        router.post("/signout") { request, _ -> Response in
            var request = request
            let form = try await WebForm.read(CSRFForm.self, from: &request)
            guard let user = try await signedIn(request) else { return redirect("/signin") }
            try WebForm.requireToken(form.csrf, user)
            try await user.settle.signOut(token: user.token)
            var response = redirect("/signin")
            response.setCookie(Cookie(name: Self.sessionCookie, value: "", maxAge: 0, path: "/", secure: Self.isSecure(request),
                                      httpOnly: true, sameSite: .lax))
            return response
        }
        router.get("/app") { request, _ -> Response in
            guard let user = try await signedIn(request) else { return redirect("/signin") }
            return try await Dashboard(user: user).page(pages, frame: frame(user))
        }
        router.get("/app/worklist") { request, _ -> Response in
            guard let user = try await signedIn(request) else { return redirect("/signin") }
            return try await Worklist(user: user).page(pages, frame: frame(user), done: Self.query(request)["done"])
        }
        router.get("/app/clients") { request, _ -> Response in
            guard let user = try await signedIn(request) else { return redirect("/signin") }
            return try await ClientPages(user: user).list(pages, frame: frame(user), query: Self.query(request))
        }
        router.get("/app/clients/:code") { request, context -> Response in
            guard let user = try await signedIn(request) else { return redirect("/signin") }
            let code = try context.parameters.require("code")
            return try await ClientPages(user: user).page(code.removingPercentEncoding ?? code, pages, frame: frame(user),
                                                          done: Self.query(request)["done"])
        }
        router.get("/app/invoices") { request, _ -> Response in
            guard let user = try await signedIn(request) else { return redirect("/signin") }
            return try await InvoicePages(user: user).list(pages, frame: frame(user), query: Self.query(request))
        }
        router.get("/app/invoices/:number") { request, context -> Response in
            guard let user = try await signedIn(request) else { return redirect("/signin") }
            let number = try context.parameters.require("number")
            return try await InvoicePages(user: user).page(number.removingPercentEncoding ?? number, pages, frame: frame(user),
                                                           done: Self.query(request)["done"])
        }
        router.post("/app/invoices/:number/payments") { request, context -> Response in
            var request = request
            let form = try await WebForm.read(InvoicePages.PaymentForm.self, from: &request)
            guard let user = try await signedIn(request) else { return redirect("/signin") }
            let number = try context.parameters.require("number")
            return try await InvoicePages(user: user).recordPayment(number.removingPercentEncoding ?? number, form: form, pages: pages,
                                                                    frame: frame(user))
        }
        router.post("/app/tasks/:id/complete") { request, context -> Response in
            var request = request
            let form = try await WebForm.read(Worklist.CompletionForm.self, from: &request)
            guard let user = try await signedIn(request) else { return redirect("/signin") }
            guard let id = Int64(try context.parameters.require("id")) else { throw HTTPError(.notFound) }
            return try await Worklist(user: user).complete(id, form: form, pages: pages, frame: frame(user))
        }
        router.post("/app/approvals/:id/decide") { request, context -> Response in
            var request = request
            let form = try await WebForm.read(Worklist.DecisionForm.self, from: &request)
            guard let user = try await signedIn(request) else { return redirect("/signin") }
            guard let id = Int64(try context.parameters.require("id")) else { throw HTTPError(.notFound) }
            return try await Worklist(user: user).decide(id, form: form, pages: pages, frame: frame(user))
        }
        router.post("/app/cycle") { request, _ -> Response in
            var request = request
            let form = try await WebForm.read(Dashboard.CycleForm.self, from: &request)
            guard let user = try await signedIn(request) else { return redirect("/signin") }
            return try await Dashboard(user: user).runCycle(form, pages: pages, frame: frame(user))
        }
        registerClientActions(on: router)
        registerSettings(on: router)
        registerInvoiceActions(on: router)
        registerReconciliation(on: router)
        registerImports(on: router)
        registerPolicies(on: router)
        registerTemplates(on: router)
    }

    /// The session the request's cookie opens, if any.
    func signedIn(_ request: Request) async throws -> SignedIn? {
        try await WebTiming.measure("session") { try await session(of: request) }
    }

    private func session(of request: Request) async throws -> SignedIn? {
        guard let value = request.cookies[Self.sessionCookie]?.value, let dot = value.lastIndex(of: ".") else { return nil }
        let organisation = String(value[..<dot]), token = String(value[value.index(after: dot)...])
        let settle = Settle(database: database, organisation: organisation, time: time)
        do {
            guard let session = try await settle.webSession(token: token) else { return nil }
            return SignedIn(settle: settle, session: session, organisation: organisation, token: token)
        } catch StoreError.unknownOrganisation {
            return nil
        }
    }

    /// The query's parameters by name (the first of each).
    static func query(_ request: Request) -> [String: String] {
        Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }) { first, _ in first }
    }

    /// What the layout shows of the signed-in person.
    func frame(_ user: SignedIn) -> [String: Any] {
        ["signedIn": true, "organisation": user.organisation, "email": user.session.user.email, "role": user.session.user.role.rawValue,
         "csrf": user.session.csrfToken]
    }

    /// The sign-in form, with a fresh token for it in a cookie and in the form (double submit).
    func signInPage(_ request: Request, organisation: String, email: String, status: HTTPResponse.Status, problem: String?) -> Response {
        let token = Settle.randomToken()
        var response = pages.render("signin", title: "Sign in", values: [
            "organisation": organisation, "email": email, "csrf": token, "problem": problem as Any,
        ], status: status)
        response.setCookie(Cookie(name: Self.signInCookie, value: token, maxAge: 3600, path: "/signin", secure: Self.isSecure(request),
                                  httpOnly: true, sameSite: .lax))
        return response
    }

    func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// Behind a TLS-terminating proxy the request arrives as http with `X-Forwarded-Proto: https`.
    static func isSecure(_ request: Request) -> Bool {
        request.uri.scheme?.rawValue == "https" || request.headers[.init("X-Forwarded-Proto")!]?.lowercased() == "https"
    }

    /// Constant-time comparison of a submitted token with the expected one.
    static func same(_ given: String?, _ expected: String) -> Bool {
        guard let given, !expected.isEmpty else { return false }
        let a = Array(given.utf8), b = Array(expected.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
