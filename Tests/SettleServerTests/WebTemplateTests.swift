import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SettleApp
import SettleCore
import SettleTestSupport
import Testing

/// The templates pages: the wording edited in a form, previewed on a real open invoice, checked
/// for unknown merge fields and saved by admins.
@Suite struct WebTemplateTests {
    let web = WebAppTests()
    static let page = "/app/templates/reminder/en/polite"

    /// The organisation's own templates (none until one is saved).
    func saved(_ settle: Settle) async throws -> [TemplateListing] {
        try await settle.templateListings().filter { $0.source == .organisation }
    }

    @Test(arguments: TestEngine.available)
    func thePreviewRendersTheWordingOnARealOpenInvoice(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            let viewer = try await web.session(settle, role: .viewer)
            let cookies = ["settle_session": viewer.cookie]
            let list = try await web.send(client, .get, "/app/templates", cookies: cookies)
            #expect(list.status == .ok && list.body.contains(#"<td><a href="/app/templates/reminder/en/polite">reminder</a></td><td class="text">en</td><td class="text">polite</td><td class="text">Settle&#39;s</td>"#),
                    "\(list.body)")

            // The page opens on the current wording, previewed on the first open invoice (D-1, 100.00 EUR).
            let page = try await web.send(client, .get, Self.page, cookies: cookies)
            #expect(page.status == .ok && page.body.contains("<h2>Preview on D-1</h2>"), "\(page.body)")
            #expect(page.body.contains("<pre>Payment reminder: invoice D-1</pre>") && page.body.contains("100.00"))
            #expect(!page.body.contains(#"value="save""#), "a viewer sees no save button")
            #expect(!page.body.contains("role=\"status\"") && !page.body.contains("role=\"alert\"") && !page.body.contains(">nil<"), "\(page.body)")
            var form = try #require(PageForm.fields(in: page.body, action: Self.page))
            let standard = try #require(DefaultTemplates.find(name: "reminder", language: .english, tone: .polite))
            #expect(form["subject"] == standard.subject && form["text"] == standard.text && form["html"] == standard.html)
            #expect(form["invoice"] == "D-1")

            // A changed wording on the other invoice: its number and amount, in the subject and the text.
            form["subject"] = "Invoice {{invoice.number}}: {{total_due}} to pay"
            form["text"] = "Dear {{client.name}},\r\nplease pay {{total_due}} for {{invoice.number}}.\r\n"
            form["invoice"] = "D/2"
            form["intent"] = "preview"
            let answer = try await web.send(client, .post, Self.page, cookies: cookies, form: form)
            #expect(answer.status == .ok && answer.body.contains("<h2>Preview on D/2</h2>"), "\(answer.body)")
            #expect(answer.body.contains("<pre>Invoice D/2: €250.50 to pay</pre>"))
            #expect(answer.body.contains("<pre>Dear Acme default,\nplease pay €250.50 for D/2.\n</pre>"))
            // The HTML is shown as its source, escaped.
            #expect(answer.body.contains("&lt;p&gt;"))
            #expect(try await saved(settle).isEmpty)
            // A viewer may not save it; a form without the token is refused.
            form["intent"] = "save"
            #expect(try await web.send(client, .post, Self.page, cookies: cookies, form: form).status == .forbidden)
            let admin = try await web.session(settle, role: .admin)
            form["csrf"] = "forged"
            #expect(try await web.send(client, .post, Self.page, cookies: ["settle_session": admin.cookie], form: form).status == .forbidden)
            #expect(try await saved(settle).isEmpty)
            // Not a language or a tone: no such page.
            #expect(try await web.send(client, .get, "/app/templates/reminder/xx/polite", cookies: cookies).status == .notFound)
            #expect(try await web.send(client, .get, "/app/templates/reminder/en/angry", cookies: cookies).status == .notFound)
        }
    }

    @Test(arguments: TestEngine.available)
    func anUnknownMergeFieldIsNamedAndNothingIsSaved(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            let admin = try await web.session(settle, role: .admin)
            let cookies = ["settle_session": admin.cookie]
            var form = try #require(PageForm.fields(in: try await web.send(client, .get, Self.page, cookies: cookies).body, action: Self.page))
            form["text"] = "Hello,\nyou owe {{total_due}} and {{nonsense}}.\n"
            for intent in ["preview", "save"] {
                form["intent"] = intent
                let answer = try await web.send(client, .post, Self.page, cookies: cookies, form: form)
                #expect(answer.status == .unprocessableContent, "\(answer.body)")
                #expect(answer.body.contains("<li>Text body, line 2, column 27: unknown merge field &quot;nonsense&quot;"), "\(answer.body)")
                #expect(!answer.body.contains("<h2>Preview on"))
                // What was typed stays in the form.
                #expect(PageForm.fields(in: answer.body, action: Self.page)?["text"] == form["text"])
            }
            #expect(try await saved(settle).isEmpty)
        }
    }

    @Test(arguments: TestEngine.available)
    func anAdminSavesTheWordingAndMessagesUseIt(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            let admin = try await web.session(settle, role: .admin)
            let cookies = ["settle_session": admin.cookie]
            var form = try #require(PageForm.fields(in: try await web.send(client, .get, Self.page, cookies: cookies).body, action: Self.page))
            form["subject"] = "Still open: {{invoice.number}}"
            form["intent"] = "save"
            let answer = try await web.send(client, .post, Self.page, cookies: cookies, form: form)
            #expect(answer.status == .seeOther && answer.headers[.location] == Self.page + "?saved=1")
            let listing = try #require(try await saved(settle).first)
            #expect(listing.name == "reminder" && listing.language == .english && listing.tone == .polite && listing.overridesDefault)

            // The page, and every message of that template, now use it.
            let page = try await web.send(client, .get, Self.page + "?saved=1", cookies: cookies)
            #expect(page.body.contains(#"<p role="status">Template saved.</p>"#) && page.body.contains("<pre>Still open: D-1</pre>"))
            #expect(page.body.contains(#"value="revert""#))
            let preview = try await settle.previewMessage(template: "reminder", tone: .polite, language: .english, invoices: ["D/2"],
                                                          links: .development)
            #expect(preview.message.subject == "Still open: D/2" && preview.resolved.source == .organisation)
            // Another organisation still has Settle's wording.
            let other = Settle(database: settle.database, organisation: "other", time: settle.time)
            #expect(try await other.templateListings().allSatisfy { $0.source == .standard })

            // Going back to Settle's wording.
            let reverted = try await web.send(client, .post, Self.page, cookies: cookies, form: ["csrf": admin.csrf, "intent": "revert"])
            #expect(reverted.status == .seeOther && reverted.headers[.location] == Self.page + "?reverted=1")
            #expect(try await saved(settle).isEmpty)
        }
    }
}
