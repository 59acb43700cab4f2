import SettleApp
import Testing

/// Templates with unknown merge fields or broken mustache are refused, with the place named.
@Suite struct TemplateValidationTests {
    func messages(_ text: String) -> [String] {
        TemplateValidator.problems(in: text, source: "body.txt").map(\.description)
    }

    @Test func knownFieldsPassWhereverMustacheFindsThem() {
        let source = """
            {{! a comment }}Hello {{ contact.name }}, {{client.name}} owes {{total_due}}{{#fees}} (fees {{fees}}){{/fees}}.
            {{#invoices}}
            - {{number}} due {{due_date}}{{#days_overdue}}, {{overdue_by}} overdue{{/days_overdue}}: {{balance}} ({{client.name}})
            {{/invoices}}
            {{#invoice}}{{number}}{{/invoice}} {{invoice.reference}} {{^several_invoices}}one{{/several_invoices}}
            {{#payment}}{{iban}}{{/payment}} {{payment.portal_url}} {{business.signature}} {{promise.date}} {{plan.instalment_amount}}
            """
        #expect(messages(source) == [])
    }

    @Test func anUnknownFieldIsNamedWithItsLineAndColumn() {
        #expect(messages("Hello {{client.name}},\n\nyou owe {{totl_due}}.") == [
            "body.txt:3:9: unknown merge field \"totl_due\" (known: see docs/templates.md)",
        ])
        #expect(messages("{{number}}").first?.contains("unknown merge field \"number\"") == true)
        #expect(messages("{{#invoices}}{{numbr}}{{/invoices}}").first?.contains("inside {{#invoices}} also number,") == true)
        #expect(messages("{{client.name.first}}").first?.contains("unknown merge field \"client.name.first\"") == true)
        #expect(messages("{{#promise}}{{amount}}{{/promise}}{{amount}}").count == 1)
        #expect(messages("{{^invoice}}{{number}}{{/invoice}}").count == 1, "an inverted section offers no fields")
    }

    @Test func sectionsMustBeUsedAsSectionsAndClosed() {
        #expect(messages("{{invoices}}").first?.contains("\"invoices\" is a list, not text") == true)
        #expect(messages("{{several_invoices}}").first?.contains("is a flag") == true)
        #expect(messages("{{#fees}}x") == ["body.txt:1:1: {{#fees}} is never closed"])
        #expect(messages("{{#fees}}x{{/interest}}").first == "body.txt:1:11: {{/interest}} does not match {{#fees}} opened on line 1")
        #expect(messages("x{{/fees}}") == ["body.txt:1:2: {{/fees}} closes no section"])
        #expect(messages("Hi {{client.name") == ["body.txt:1:4: a tag opened with {{ is never closed with }}"])
    }

    @Test func unescapedTagsPartialsAndOtherSyntaxAreRefused() {
        #expect(messages("{{{client.name}}}").first?.contains("unescaped tags") == true)
        #expect(messages("{{&client.name}}").first?.contains("unescaped tags") == true)
        for tag in ["{{> footer}}", "{{=<% %>=}}", "{{%CONTENT_TYPE:HTML}}", "{{$block}}{{/block}}"] {
            #expect(messages(tag).first?.contains("not supported") == true, "\(tag)")
        }
        #expect(messages("{{uppercased(client.name)}}").first?.contains("transforms") == true)
        #expect(messages("{{}}").first?.contains("empty tag") == true)
    }

    @Test func everyDefaultPassesItsOwnCheck() {
        for template in DefaultTemplates.all {
            for source in [template.subject, template.text, template.html] {
                #expect(TemplateValidator.problems(in: source, source: template.name).isEmpty)
            }
        }
        #expect(DefaultTemplates.names == ["reminder", "broken_promise", "plan_instalment", "courtesy"])
        #expect(DefaultTemplates.all.count == 42)
    }
}
