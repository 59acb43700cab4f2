import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SettleApp
import SettleCore
import SettleTestSupport
import Testing

/// The policies pages: the stages edited in a form, the change previewed as a simulation of the
/// real book, saved by admins, assigned to a client and copied.
@Suite struct WebPolicyTests {
    let web = WebAppTests()
    static let page = "/app/policies/standard"

    /// The stage form as the page fills it in.
    func stageForm(_ client: any TestClientProtocol, _ cookie: String) async throws -> [String: String] {
        let page = try await web.send(client, .get, Self.page, cookies: ["settle_session": cookie])
        return try #require(PageForm.fields(in: page.body, action: Self.page))
    }

    /// The form with a new stage in the empty row (the standard policy's seven stages are rows 0 to 6).
    func addingAnEmailTwoDaysAfterDue(_ form: [String: String]) -> [String: String] {
        var form = form
        form["id-7"] = "overdue-2"
        form["offset-7"] = "2"
        form["action-7-email"] = "on"
        return form
    }

    /// Nothing stored: the organisation's `standard` is still the built-in one.
    func nothingSaved(_ settle: Settle) async throws {
        #expect(try await settle.policySource("standard") == PolicyFile.yaml(.standard))
        #expect(try await settle.policyBook().policies.keys.sorted() == ["standard"])
    }

    @Test(arguments: TestEngine.available)
    func thePageShowsTheStagesAndPreviewsAChangeOnTheRealBookWithoutSavingIt(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            let viewer = try await web.session(settle, role: .viewer)
            let cookies = ["settle_session": viewer.cookie]
            let list = try await web.send(client, .get, "/app/policies", cookies: cookies)
            // D-ACME, the organisation's one client, follows the default.
            #expect(list.status == .ok && list.body.contains(#"<a href="/app/policies/standard">standard</a> (default)</td><td>1</td>"#),
                    "\(list.body)")
            #expect(list.body.contains("pre-due (-3), overdue-1 (+1)"))

            let page = try await web.send(client, .get, Self.page, cookies: cookies)
            #expect(page.status == .ok && page.body.contains(#"<label for="offset-0">Offset (days)</label>"#))
            #expect(!page.body.contains(#"value="save""#) && !page.body.contains("/assign"), "a viewer sees no save or assign form")
            #expect(!page.body.contains("role=\"status\"") && !page.body.contains("role=\"alert\"") && !page.body.contains(">nil<"), "\(page.body)")
            let form = try #require(PageForm.fields(in: page.body, action: Self.page))
            // Every stage of the policy is a row, as it is, and one row is left empty.
            for (row, stage) in Policy.standard.stages.enumerated() {
                #expect(form["id-\(row)"] == stage.id && form["offset-\(row)"] == String(stage.offsetDays))
                #expect(form["tone-\(row)"] == stage.tone.rawValue && form["template-\(row)"] == stage.template)
                #expect(ActionKind.allCases.filter { form["action-\(row)-\($0.rawValue)"] == "on" } == stage.actions)
                #expect((form["approval-\(row)"] != nil) == stage.requiresApproval)
            }
            #expect(form["id-7"] == "" && form["offset-7"] == "" && form["id-8"] == nil)

            // Unchanged, the preview finds no difference.
            var answer = try await web.send(client, .post, Self.page, cookies: cookies, form: form.merging(["intent": "preview"]) { $1 })
            #expect(answer.status == .ok && answer.body.contains("This change makes no difference"), "\(answer.body)")

            // An email two days after due: D/2 (due 2024-03-31) would get one on 2024-04-02, which it would not otherwise.
            var change = addingAnEmailTwoDaysAfterDue(form)
            change["intent"] = "preview"
            answer = try await web.send(client, .post, Self.page, cookies: cookies, form: change)
            #expect(answer.status == .ok)
            #expect(answer.body.contains("This change would send 1 email (none without it) on 2024-04-02. "
                + "Over the next 30 days it would send 6 emails (5 without it)."), "\(answer.body)")
            #expect(answer.body.contains("<tr><td>2024-04-02 <strong>changed</strong></td><td>0</td><td><strong>1</strong></td>"))
            // The figures are the simulation's: the saved policies give five emails in 30 days.
            let today = try Day(parsing: "2024-03-31")
            let saved = try await settle.simulate(from: today, days: 30)
            #expect(saved.flatMap(\.messages).filter { $0.kind == .email }.count == 5)
            // The form keeps the change, with a new empty row below it.
            let again = try #require(PageForm.fields(in: answer.body, action: Self.page))
            #expect(again["id-7"] == "overdue-2" && again["offset-7"] == "2" && again["id-8"] == "")
            try await nothingSaved(settle)

            // Saving is for admins; without the form's token nothing happens either.
            change["intent"] = "save"
            #expect(try await web.send(client, .post, Self.page, cookies: cookies, form: change).status == .forbidden)
            let admin = try await web.session(settle, role: .admin)
            var forged = change
            forged["csrf"] = "forged"
            #expect(try await web.send(client, .post, Self.page, cookies: ["settle_session": admin.cookie], form: forged).status == .forbidden)
            forged["csrf"] = nil
            #expect(try await web.send(client, .post, Self.page, cookies: ["settle_session": admin.cookie], form: forged).status == .forbidden)
            try await nothingSaved(settle)
        }
    }

    @Test(arguments: TestEngine.available)
    func anAdminSavesTheChangeAndTheInvoicesFollowIt(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            let admin = try await web.session(settle, role: .admin)
            let cookies = ["settle_session": admin.cookie]
            // A stored standard whose letter stage is only for clients in Germany: the form keeps the condition.
            var stored = Policy.standard
            stored.stages[4].conditions = StageConditions(countries: ["DE"])
            _ = try await settle.applyPolicy(PolicyFile.yaml(stored), file: "standard.yaml")
            let before = try await web.send(client, .get, Self.page, cookies: cookies)
            #expect(before.body.contains("<p>Only for clients in DE (conditions are kept; change them in the YAML).</p>"))
            #expect(before.body.components(separatedBy: "Only for").count == 2, "\(before.body)")
            var change = addingAnEmailTwoDaysAfterDue(try #require(PageForm.fields(in: before.body, action: Self.page)))
            change["remove-6"] = "on"   // escalate-60
            change["approval-5"] = "on" // overdue-45
            change["intent"] = "save"
            let answer = try await web.send(client, .post, Self.page, cookies: cookies, form: change)
            #expect(answer.status == .seeOther && answer.headers[.location] == Self.page + "?saved=1")

            let saved = try await settle.policyBook().policies["standard"]
            #expect(saved?.stages.map(\.id) == ["pre-due", "overdue-1", "overdue-2", "overdue-7", "overdue-14", "overdue-30", "overdue-45"])
            #expect(saved?.stage("overdue-45")?.requiresApproval == true && saved?.stage("overdue-2")?.tone == .polite)
            #expect(saved?.stage("overdue-30")?.conditions.countries == ["DE"] && saved?.stage("overdue-7")?.conditions.isEmpty == true)
            // The other settings are kept.
            #expect(saved?.interest == Policy.standard.interest && saved?.description == Policy.standard.description)
            #expect(try await settle.policySource("standard").contains("  - id: overdue-2\n    offset: 2\n    actions: [email]"))
            // What the policy will do for D/2 now has the new stage.
            let explained = try await settle.explain("D/2")
            #expect(explained.lines.contains { $0.stage == "overdue-2" && $0.day == (try? Day(parsing: "2024-04-02")) && $0.state == "planned" })
            #expect(!explained.lines.contains { $0.stage == "escalate-60" })

            let page = try await web.send(client, .get, Self.page + "?saved=1", cookies: cookies)
            #expect(page.body.contains(#"<p role="status">Policy saved.</p>"#) && page.body.contains(#"value="overdue-2""#))
            // Another organisation's standard is untouched.
            let other = Settle(database: settle.database, organisation: "other", time: settle.time)
            #expect(try await other.policyBook().policies["standard"] == Policy.standard)
        }
    }

    @Test(arguments: TestEngine.available)
    func aBadStageIsNamedByRowAndFieldAndNothingIsSaved(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            let admin = try await web.session(settle, role: .admin)
            let cookies = ["settle_session": admin.cookie]
            let form = try await stageForm(client, admin.cookie)
            func refused(_ changes: [String: String?], _ problem: String) async throws {
                var sent = form
                for (key, value) in changes { sent[key] = value }
                for intent in ["preview", "save"] {
                    sent["intent"] = intent
                    let answer = try await web.send(client, .post, Self.page, cookies: cookies, form: sent)
                    #expect(answer.status == .unprocessableContent && answer.body.contains("<li>\(problem)</li>"), "\(answer.body)")
                    #expect(answer.body.contains(#"class="problem" role="alert""#) && !answer.body.contains("Preview: the next"))
                }
                try await nothingSaved(settle)
            }
            try await refused(["offset-1": "soon"],
                              "Stage 2 (overdue-1), offset: &quot;soon&quot; is not a whole number of days (negative is before the due date)")
            // Out of range: found by the policy file's own check, and still named by its row (though it sorts last).
            try await refused(["offset-1": "5000"], "Stage 2 (overdue-1): offset &quot;5000&quot; must be a whole number from -365 to 3650")
            try await refused(["template-0": "nonexistent"], "Stage 1 (pre-due), template: there is no template &quot;nonexistent&quot; "
                + "(known: broken_promise, courtesy, plan_instalment, reminder)")
            try await refused(["id-2": "Overdue 7"], "Stage 3 (Overdue 7), id: &quot;Overdue 7&quot; must be lower-case letters, digits and dashes")
            try await refused(["id-2": "overdue-1"], "Stage 3 (overdue-1): stage id &quot;overdue-1&quot; is used twice")
            try await refused(["action-0-email": nil], "Stage 1 (pre-due), actions: tick at least one action")
            try await refused(Dictionary(uniqueKeysWithValues: (0..<7).map { ("remove-\($0)", Optional("on")) }), "Policy: a policy needs at least one stage")
            // What was typed stays in the form.
            var sent = form
            sent["offset-1"] = "soon"
            let answer = try await web.send(client, .post, Self.page, cookies: cookies, form: sent)
            #expect(PageForm.fields(in: answer.body, action: Self.page)?["offset-1"] == "soon")
        }
    }

    @Test(arguments: TestEngine.available)
    func aPolicyIsCopiedAndAssignedToAClientOfTheOrganisation(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            let admin = try await web.session(settle, role: .admin), viewer = try await web.session(settle, role: .viewer)
            let cookies = ["settle_session": admin.cookie]
            var answer = try await web.send(client, .post, Self.page + "/copy", cookies: cookies, form: ["csrf": admin.csrf, "name": "Gentle One"])
            #expect(answer.status == .unprocessableContent
                    && answer.body.contains("New policy&#39;s name: &quot;Gentle One&quot; must be lower-case letters, digits and dashes."))
            answer = try await web.send(client, .post, Self.page + "/copy", cookies: cookies, form: ["csrf": admin.csrf, "name": "standard"])
            #expect(answer.status == .unprocessableContent && answer.body.contains("there is already a policy standard"))
            #expect(try await web.send(client, .post, Self.page + "/copy", cookies: ["settle_session": viewer.cookie],
                                       form: ["csrf": viewer.csrf, "name": "gentle"]).status == .forbidden)
            answer = try await web.send(client, .post, Self.page + "/copy", cookies: cookies, form: ["csrf": admin.csrf, "name": "gentle"])
            #expect(answer.status == .seeOther && answer.headers[.location] == "/app/policies/gentle?copied=1")
            #expect(try await settle.policyBook().policies["gentle"]?.stages == Policy.standard.stages)

            let assign = "/app/policies/gentle/assign"
            answer = try await web.send(client, .post, assign, cookies: cookies, form: ["csrf": admin.csrf, "client": "NOBODY"])
            #expect(answer.status == .unprocessableContent && answer.body.contains("Client: there is no client NOBODY."))
            // Another organisation's client is unknown here too.
            answer = try await web.send(client, .post, assign, cookies: cookies, form: ["csrf": admin.csrf, "client": "O-ACME"])
            #expect(answer.status == .unprocessableContent && answer.body.contains("Client: there is no client O-ACME."))
            #expect(try await web.send(client, .post, assign, cookies: ["settle_session": viewer.cookie],
                                       form: ["csrf": viewer.csrf, "client": "D-ACME"]).status == .forbidden)
            #expect(try await web.send(client, .post, assign, cookies: cookies, form: ["client": "D-ACME"]).status == .forbidden)
            #expect(try await settle.explain("D-1").policy == "standard")

            answer = try await web.send(client, .post, assign, cookies: cookies, form: ["csrf": admin.csrf, "client": "D-ACME"])
            #expect(answer.status == .seeOther && answer.headers[.location] == "/app/policies/gentle?assigned=D-ACME")
            #expect(try await settle.explain("D-1").policy == "gentle")
            let list = try await web.send(client, .get, "/app/policies", cookies: cookies)
            #expect(list.body.contains(#"<a href="/app/policies/gentle">gentle</a></td><td>1</td>"#)
                    && list.body.contains(#"(default)</td><td>0</td>"#), "\(list.body)")
            let other = Settle(database: settle.database, organisation: "other", time: settle.time)
            #expect(try await other.policyBook().policies["gentle"] == nil)
            #expect(try await other.explain("O-1").policy == "standard")
            #expect(try await web.send(client, .get, "/app/policies/nothing", cookies: cookies).status == .notFound)
        }
    }
}
