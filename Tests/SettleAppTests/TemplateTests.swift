import Foundation
@testable import SettleApp
import SettleCore
import Testing

/// Made-up message contexts: `full` sets every optional field, the others leave some out.
enum TemplateFixtures {
    struct Shape: CustomTestStringConvertible {
        var several = false
        var overdue = true
        var charges = false
        var contact = true
        var bank = true
        var testDescription: String { "several:\(several) overdue:\(overdue) charges:\(charges) contact:\(contact) bank:\(bank)" }
    }

    static let full = Shape(several: true, overdue: true, charges: true, contact: true, bank: true)
    /// Every combination worth rendering: one or several invoices, before or after the due date, …
    static let shapes: [Shape] = [
        Shape(), Shape(several: true), Shape(overdue: false), Shape(several: true, overdue: false),
        Shape(charges: true), Shape(several: true, charges: true), Shape(contact: false, bank: false), full,
    ]

    static let day = Day(year: 2024, month: 3, day: 31)!

    static func context(_ language: MessageLanguage, _ shape: Shape, clientName: String? = nil) throws -> MessageContext {
        let names: [MessageLanguage: (business: String, client: String, contact: String)] = [
            .english: ("Northwind Joinery Ltd", "Harbour Lane Studio Ltd", "Sam Taylor"),
            .german: ("Schreinerei Holzmann GmbH", "Lindner Haustechnik GmbH", "Katrin Lindner"),
            .french: ("Maison Garnier SARL", "Atelier Moreau SARL", "Julien Moreau"),
        ]
        let name = names[language]!
        let client = Client(code: "C-7", name: clientName ?? name.client, kind: .business, country: "DE",
                            timeZone: "Europe/Berlin", language: language.rawValue)
        let offsets = shape.several ? [12, 40] : [12]
        let items = try offsets.enumerated().map { index, overdue in
            let due = day.adding(days: shape.overdue ? -overdue : overdue)
            let total = Money(minorUnits: 1_234_50 + Int64(index) * 100_00, currency: .EUR)
            let invoice = Invoice(number: try InvoiceNumber("INV-\(101 + index)"), client: client.code,
                                  issueDate: due.adding(days: -30), dueDate: due, currency: .EUR, total: total)
            let balance = InvoiceBalance(principal: total,
                                         costs: Money(minorUnits: shape.charges ? 40_00 : 0, currency: .EUR),
                                         interest: Money(minorUnits: shape.charges ? 12_87 : 0, currency: .EUR))
            return MessageContext.Item(invoice: invoice, balance: balance)
        }
        let settings = shape.bank
            ? OrganisationSettings(bankName: "Commerzbank", iban: "DE89370400440532013000", bic: "COBADEFFXXX",
                                   signature: "Anna Schmidt\nBuchhaltung")
            : OrganisationSettings()
        return MessageContext(
            businessName: name.business, settings: settings, client: client,
            contactName: shape.contact ? name.contact : nil, items: items, day: day,
            promise: MessageContext.Promise(date: day.adding(days: -3), amount: Money(minorUnits: 500_00, currency: .EUR)),
            instalment: MessageContext.Instalment(date: day.adding(days: 5), amount: Money(minorUnits: 250_00, currency: .EUR)),
            portalURL: "https://pay.example.com/portal/token", language: language)
    }

    /// The names a template uses that do not resolve to a non-empty value in `values`, found by
    /// walking its tags the way mustache looks names up (innermost section first).
    static func unresolvedFields(_ source: String, values: [String: Any]) -> [String] {
        var stack: [Any?] = [values]
        var missing: [String] = []
        func lookup(_ name: String) -> Any? {
            let parts = name.split(separator: ".").map(String.init)
            for scope in stack.reversed() {
                guard let dictionary = scope as? [String: Any], var value = dictionary[parts[0]] else { continue }
                for part in parts.dropFirst() {
                    guard let next = (value as? [String: Any])?[part] else { return nil }
                    value = next
                }
                return value
            }
            return nil
        }
        for tag in TemplateScanner.tags(in: source).tags {
            switch tag.kind {
            case .variable:
                if (lookup(tag.name) as? String)?.isEmpty ?? true { missing.append(tag.name) }
            case .section:
                let value = lookup(tag.name)
                if value == nil { missing.append(tag.name) }
                stack.append((value as? [Any])?.first ?? value)
            case .invertedSection:
                stack.append(nil)
            case .closing:
                stack.removeLast()
            case .comment, .unescaped, .unsupported:
                break
            }
        }
        return missing
    }

    /// Words of a text (letters only, accents included), for checking which language it is in.
    static func words(_ text: String) -> Set<String> {
        let stripped = text.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        return Set(stripped.split { !$0.isLetter }.map(String.init))
    }
}

@Suite struct TemplateTests {
    static let languages = MessageLanguage.allCases

    @Test(arguments: MessageLanguage.allCases)
    func everyDefaultUsesOnlyFieldsThatResolveInAFullContext(language: MessageLanguage) throws {
        let values = try TemplateFixtures.context(language, TemplateFixtures.full).mergeValues()
        let templates = DefaultTemplates.all.filter { $0.language == language }
        #expect(templates.count == 14)
        for template in templates {
            for (part, source) in [("subject", template.subject), ("text", template.text), ("html", template.html)] {
                #expect(TemplateValidator.problems(in: source, source: part).isEmpty, "\(template.name)/\(template.tone) \(part)")
                #expect(TemplateFixtures.unresolvedFields(source, values: values) == [],
                        "\(template.name)/\(template.tone) \(part)")
            }
        }
    }

    @Test(arguments: MessageLanguage.allCases, TemplateFixtures.shapes)
    func everyDefaultRendersCleanlyInEveryShape(language: MessageLanguage, shape: TemplateFixtures.Shape) throws {
        let context = try TemplateFixtures.context(language, shape)
        for name in DefaultTemplates.names {
            // Firm and final reminders speak of how long the invoice is overdue; no policy sends them earlier.
            for tone in Tone.allCases where shape.overdue || !(name == "reminder" && (tone == .firm || tone == .final)) {
                let resolved = try #require(TemplateCatalog.resolve(name: name, language: language, tone: tone, saved: []))
                let message = try MessageRenderer.render(resolved.template, context: context)
                let label = "\(name)/\(tone)/\(language)"
                for output in [message.subject, message.text, message.html] {
                    #expect(!output.contains("{{") && !output.contains("}}"), "\(label)")
                    #expect(!output.contains("()") && !output.contains(" ,") && !output.contains(" ."), "\(label)")
                }
                #expect(!message.subject.isEmpty && !message.subject.contains("\n"), "\(label)")
                // A label whose value went missing would leave a line ending in a colon.
                for line in message.text.split(separator: "\n") {
                    #expect(!line.hasSuffix(":") && !line.contains("  "), "\(label): \(line)")
                }
                #expect(message.text.contains(context.businessName), "\(label) is signed")
                #expect(message.html.hasPrefix("<!DOCTYPE html>") && message.html.contains("lang=\"\(language.rawValue)\""))
            }
        }
    }

    @Test(arguments: MessageLanguage.allCases)
    func wordingDiffersBetweenTones(language: MessageLanguage) throws {
        let context = try TemplateFixtures.context(language, TemplateFixtures.Shape(charges: true))
        for name in DefaultTemplates.names {
            let templates = DefaultTemplates.all.filter { $0.name == name && $0.language == language }
            let messages = try templates.map { try MessageRenderer.render($0, context: context) }
            for first in messages.indices {
                for second in messages.indices where first < second {
                    let pair = "\(name) \(templates[first].tone) vs \(templates[second].tone) in \(language)"
                    #expect(messages[first].subject != messages[second].subject, "\(pair)")
                    #expect(messages[first].text != messages[second].text, "\(pair)")
                    #expect(messages[first].html != messages[second].html, "\(pair)")
                }
            }
        }
        let reminder = DefaultTemplates.all.filter { $0.name == "reminder" && $0.language == language }
        #expect(Set(reminder.map(\.tone)) == Set(Tone.allCases))
    }

    @Test func germanAndFrenchTextsAreInGermanAndFrench() throws {
        let english: Set<String> = ["dear", "invoice", "invoices", "payment", "please", "regards", "reminder", "overdue",
                                    "thank", "thanks", "hello", "your", "the", "and", "amount", "reference"]
        for language in [MessageLanguage.german, .french] {
            let context = try TemplateFixtures.context(language, TemplateFixtures.Shape(several: true, charges: true))
            for template in DefaultTemplates.all where template.language == language {
                let message = try MessageRenderer.render(template, context: context)
                let words = TemplateFixtures.words(message.subject + " " + message.text + " " + message.html)
                let label = "\(template.name)/\(template.tone)/\(language)"
                // "due" is French too (la somme due), so it only counts as English in German.
                let leftovers = english.union(language == .german ? ["due"] : [])
                #expect(words.map { $0.lowercased() }.filter(leftovers.contains).isEmpty, "\(label)")
                if language == .german {
                    #expect(!words.isDisjoint(with: ["Sie", "Ihnen", "Ihre", "Ihr"]), "\(label) addresses the client as Sie")
                    if template.name == "reminder" { #expect(words.contains("Rechnung") || words.contains("Rechnungen"), "\(label)") }
                } else {
                    #expect(!words.isDisjoint(with: ["vous", "votre", "vos"]), "\(label) uses vous")
                    if template.name == "reminder" { #expect(words.contains("facture") || words.contains("factures"), "\(label)") }
                    let demand = message.text.contains("mise en demeure") || message.text.contains("mettons en demeure")
                        || message.subject.contains("Mise en demeure")
                    #expect(demand == (template.tone == .formal || template.tone == .final), "\(label): mise en demeure only when formal")
                }
            }
        }
        let englishWords = TemplateFixtures.words(try MessageRenderer.render(
            try #require(DefaultTemplates.find(name: "reminder", language: .english, tone: .polite)),
            context: try TemplateFixtures.context(.english, TemplateFixtures.Shape())).text)
        #expect(englishWords.isSuperset(of: ["Dear", "invoice", "payment"]))
    }

    @Test(arguments: MessageLanguage.allCases)
    func tonesSayWhatTheyShould(language: MessageLanguage) throws {
        let charged = try TemplateFixtures.context(language, TemplateFixtures.Shape(charges: true))
        let plain = try TemplateFixtures.context(language, TemplateFixtures.Shape())
        func text(_ tone: Tone, _ context: MessageContext) throws -> String {
            try MessageRenderer.render(try #require(DefaultTemplates.find(name: "reminder", language: language, tone: tone)),
                                       context: context).text
        }
        let fees = MessageFormatter(language).amount(Money(minorUnits: 40_00, currency: .EUR))
        let payBy = MessageFormatter(language).date(TemplateFixtures.day.adding(days: 7))
        // Formal names fees and interest only when they were added; supportive never mentions them.
        #expect(try text(.formal, charged).contains(fees))
        #expect(try !text(.formal, plain).contains(fees))
        #expect(try !text(.supportive, charged).contains(fees))
        // Firm and final ask for payment by a date; firm mentions a call; final is conditional.
        #expect(try text(.firm, plain).contains(payBy))
        let call = ["en": "call you", "de": "telefonisch", "fr": "vous appellera"][language.rawValue]!
        #expect(try text(.firm, plain).contains(call))
        let conditional = ["en": "we will have to consider", "de": "in Erwägung ziehen", "fr": "nous devrons envisager"]
        #expect(try text(.final, plain).contains(conditional[language.rawValue]!))
        let plan = ["en": "instalments", "de": "Raten", "fr": "mensualités"][language.rawValue]!
        #expect(try text(.supportive, plain).contains(plan))
    }

    @Test func valuesAreEscapedInHTMLOnly() throws {
        let context = try TemplateFixtures.context(.english, TemplateFixtures.Shape(contact: false),
                                                   clientName: "Smith & Sons <Ltd>")
        let message = try MessageRenderer.render(
            try #require(DefaultTemplates.find(name: "reminder", language: .english, tone: .supportive)), context: context)
        let own = MessageTemplate(name: "x", language: .english, tone: .polite, subject: "For {{client.name}}",
                                  text: "Hi {{client.name}}", html: "<p>{{client.name}}</p>")
        let rendered = try MessageRenderer.render(own, context: context)
        #expect(rendered.subject == "For Smith & Sons <Ltd>")
        #expect(rendered.text == "Hi Smith & Sons <Ltd>\n")
        #expect(rendered.html == "<p>Smith &amp; Sons &lt;Ltd&gt;</p>")
        #expect(message.html.contains("Hello,"))
    }

    @Test func aConsolidatedReminderListsEachInvoiceWithItsReference() throws {
        let context = try TemplateFixtures.context(.english, TemplateFixtures.Shape(several: true))
        let message = try MessageRenderer.render(
            try #require(DefaultTemplates.find(name: "reminder", language: .english, tone: .polite)), context: context)
        #expect(message.subject == "Payment reminder: 2 invoices past their due date")
        for item in context.items {
            #expect(message.text.contains("Invoice \(item.invoice.number.value) of "))
            #expect(message.text.contains(item.invoice.paymentReference.printed))
        }
        #expect(message.text.contains("Invoice INV-102 of 21 January 2024, due 20 February 2024: €1,334.50 (40 days overdue), reference RF"))
        #expect(message.text.contains("Total due: €2,569.00"))
        #expect(message.text.contains("Reference: the reference shown beside each invoice above"))
    }
}
