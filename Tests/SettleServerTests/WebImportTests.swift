import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SettleApp
import SettleCore
import SettleStore
import SettleTestSupport
import Testing

/// The imports page: clients, invoices and payments CSV files uploaded by admins, checked only
/// or imported, a refused file shown with every problem and nothing written.
@Suite struct WebImportTests {
    let web = WebAppTests()

    static let clients = """
        id,name,kind,email,phone,country,time_zone,language,terms
        NEW-1,New One GmbH,business,ap@new1.example,,DE,Europe/Berlin,de,net 30
        NEW-2,New Two Ltd,business,ap@new2.example,,GB,Europe/London,en,net 14

        """
    static let invoices = """
        number,client,issue_date,due_date,currency,amount,description
        N-1,NEW-1,2024-03-01,2024-03-31,EUR,120.00,first
        N-2,NEW-2,2024-03-05,,EUR,80.50,second

        """
    static let payments = """
        client,date,currency,amount,method,reference,invoice
        NEW-1,2024-03-30,EUR,20.00,bank_transfer,part,N-1

        """
    /// Lines 3 and 4 are wrong: a kind that is not one, a country that is not one.
    static let badClients = """
        id,name,kind,email,phone,country,time_zone,language,terms
        BAD-1,Fine Ltd,business,ap@fine.example,,GB,Europe/London,en,net 30
        BAD-2,Robot Inc,robot,ap@robot.example,,US,America/New_York,en,net 30
        BAD-3,Nowhere AG,business,ap@nowhere.example,,XX,Europe/Berlin,de,net 30

        """

    func upload(_ client: any TestClientProtocol, _ kind: String, _ session: (cookie: String, csrf: String), _ content: String,
                named name: String, check: Bool = false) async throws -> WebAppTests.Answer {
        var fields = ["csrf": session.csrf]
        if check { fields["check"] = "1" }
        return try await sendMultipartForm(client, "/app/imports/\(kind)", cookie: session.cookie, fields: fields, file: (name, content))
    }

    @Test(arguments: TestEngine.available)
    func clientsInvoicesAndPaymentsAreImported(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            let admin = try await web.session(settle, role: .admin)
            let page = try await web.send(client, .get, "/app/imports", cookies: ["settle_session": admin.cookie])
            // Nothing refused, nothing done yet: no alert, no status, no "nil" where a value is missing.
            #expect(page.status == .ok && !page.body.contains("role=\"alert\"") && !page.body.contains("role=\"status\""))
            #expect(!page.body.contains("nil"))
            for kind in ["clients", "invoices", "payments"] {
                #expect(page.body.contains(#"<form method="post" action="/app/imports/\#(kind)" enctype="multipart/form-data">"#))
                #expect(page.body.contains(#"<label for="file-\#(kind)">"#) && page.body.contains(#"<label for="check-\#(kind)" class="inline">"#))
            }

            var answer = try await upload(client, "clients", admin, Self.clients, named: "clients.csv")
            #expect(answer.status == .ok && answer.body.contains(#"<p role="status">clients.csv: 2 clients imported.</p>"#), "\(answer.body)")
            let codes = Set(try await settle.clients().map(\.client.code))
            #expect(codes.isSuperset(of: ["NEW-1", "NEW-2"]))
            #expect(try await settle.clients().first { $0.client.code == "NEW-2" }?.client.name == "New Two Ltd")

            answer = try await upload(client, "invoices", admin, Self.invoices, named: "march invoices.csv")
            #expect(answer.status == .ok && answer.body.contains("march invoices.csv: 2 invoices imported."), "\(answer.body)")
            let n1 = try await settle.invoiceDetail("N-1").stored
            #expect(n1.invoice.client == "NEW-1" && n1.invoice.total.decimalString == "120.00")
            // NEW-2's terms (net 14) give N-2 its due day.
            #expect(try await settle.invoiceDetail("N-2").stored.invoice.dueDate.description == "2024-03-19")

            answer = try await upload(client, "payments", admin, Self.payments, named: "payments.csv")
            #expect(answer.status == .ok && answer.body.contains("payments.csv: 1 payment imported."), "\(answer.body)")
            #expect(try await settle.invoiceDetail("N-1").stored.summary.balance.total.decimalString == "100.00")
            #expect(try await settle.payments(client: "NEW-1").count == 1)
        }
    }

    @Test(arguments: TestEngine.available)
    func aFileWithBadRowsShowsEveryProblemAndWritesNothing(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            let admin = try await web.session(settle, role: .admin)
            let expected: [FileProblem]
            do {
                _ = try await settle.importClients(Array(Self.badClients.utf8), file: "bad.csv", dryRun: true)
                Issue.record("the bad file was accepted")
                return
            } catch let rejected as ImportRejected { expected = rejected.problems }
            #expect(expected.map(\.line) == [3, 4])
            let before = try await settle.clients().count

            let answer = try await upload(client, "clients", admin, Self.badClients, named: "bad.csv")
            #expect(answer.status == .unprocessableContent)
            #expect(answer.body.contains("Clients: the file was not imported, nothing was written. 2 problem(s), listed below."), "\(answer.body)")
            #expect(answer.body.contains(#"<th scope="col">Line</th><th scope="col">Column</th>"#))
            for problem in expected {
                #expect(answer.body.contains("<tr><td>bad.csv</td><td>\(problem.line)</td><td>\(problem.column)</td><td>\(htmlEscaped(problem.message))</td></tr>"),
                        "\(problem) missing: \(answer.body)")
            }
            #expect(answer.body.contains("robot") && answer.body.contains("XX"))
            // Not even the good first row was written.
            #expect(try await settle.clients().count == before)
            #expect(try await !settle.clients().contains { $0.client.code == "BAD-1" })

            // An invoice of a client that does not exist is refused the same way.
            let orphan = try await upload(client, "invoices", admin, "number,client,issue_date,currency,amount\nZ-1,NOBODY,2024-03-01,EUR,1.00\n",
                                          named: "orphan.csv")
            #expect(orphan.status == .unprocessableContent && orphan.body.contains("<td>orphan.csv</td><td>2</td>"), "\(orphan.body)")
            #expect(try await settle.invoices(InvoiceFilter()).contains { $0.invoice.number.value == "Z-1" } == false)
        }
    }

    @Test(arguments: TestEngine.available)
    func checkingOnlyWritesNothing(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            let admin = try await web.session(settle, role: .admin)
            let before = try await settle.clients().count
            // The file's name without the folders an old browser sends with it.
            let answer = try await upload(client, "clients", admin, Self.clients, named: #"C:\Users\ap\clients.csv"#, check: true)
            #expect(answer.status == .ok && answer.body.contains("clients.csv: 2 clients checked, all valid. Nothing was written (check only)."),
                    "\(answer.body)")
            #expect(try await settle.clients().count == before)
        }
    }

    @Test(arguments: TestEngine.available)
    func onlyAdminsImport(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            let collector = try await web.session(settle, role: .collector), admin = try await web.session(settle, role: .admin)
            let before = try await settle.clients().count
            let page = try await web.send(client, .get, "/app/imports", cookies: ["settle_session": collector.cookie])
            #expect(page.status == .ok && page.body.contains("Only admins and the owner may import files; you are signed in as collector."))
            #expect(!page.body.contains("<form method=\"post\" action=\"/app/imports/"))
            #expect(try await upload(client, "clients", collector, Self.clients, named: "clients.csv").status == .forbidden)
            // An admin's form without the session's token is refused too.
            #expect(try await upload(client, "clients", (admin.cookie, "forged"), Self.clients, named: "clients.csv").status == .forbidden)
            #expect(try await sendMultipartForm(client, "/app/imports/clients", cookie: admin.cookie, fields: [:],
                                                file: ("clients.csv", Self.clients)).status == .forbidden)
            #expect(try await settle.clients().count == before)
            #expect(try await upload(client, "ledgers", admin, Self.clients, named: "clients.csv").status == .notFound)
            // No file chosen: said so, nothing written.
            let empty = try await sendMultipartForm(client, "/app/imports/clients", cookie: admin.cookie, fields: ["csrf": admin.csrf], file: nil)
            #expect(empty.status == .unprocessableContent && empty.body.contains("Choose a file to upload"))
            #expect(try await web.send(client, .get, "/app/imports").headers[.location] == "/signin")
        }
    }
}

/// Sends a `multipart/form-data` form with one file, built by hand as a browser would.
func sendMultipartForm(_ client: any TestClientProtocol, _ path: String, cookie: String, fields: [String: String],
                       file: (name: String, content: String)?, fileField: String = "file") async throws -> WebAppTests.Answer {
    let boundary = "----settle-test-7d93b1"
    var body = ""
    for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
    }
    if let file {
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(fileField)\"; filename=\"\(file.name)\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n\(file.content)\r\n"
    }
    body += "--\(boundary)--\r\n"
    let headers: HTTPFields = [.cookie: "settle_session=\(cookie)", .contentType: "multipart/form-data; boundary=\(boundary)"]
    return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body)) {
        WebAppTests.Answer(status: $0.status, headers: $0.headers, body: String(buffer: $0.body))
    }
}

/// `text` as Mustache escapes it in a page.
func htmlEscaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        .replacingOccurrences(of: "'", with: "&#39;")
}
