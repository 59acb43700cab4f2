import ArgumentParser
import Foundation
import SettleApp
import SettleCore

struct TemplateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template", abstract: "Preview, list, save and delete message templates (see docs/templates.md).",
        subcommands: [Preview.self, List.self, Save.self, Delete.self])

    /// The shared `NAME --tone T --language L` of the subcommands.
    struct Key: ParsableArguments {
        @Argument(help: "Template name: reminder, broken_promise, plan_instalment, courtesy or one of your own.")
        var name: String
        @Option(help: "friendly, polite, firm, formal, final or supportive.") var tone: String

        func parsedTone() throws -> Tone {
            guard let tone = Tone(rawValue: tone) else { throw ValidationError(TemplateError.unknownTone(tone).description) }
            return tone
        }
    }

    static func language(_ code: String) throws -> MessageLanguage {
        do {
            return try MessageLanguage(code: code)
        } catch {
            throw ValidationError(error.description)
        }
    }

    enum PreviewFormat: String, ExpressibleByArgument, CaseIterable {
        case text, html, json
    }

    struct Preview: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render a template with an invoice's real data, or with a sample invoice.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var key: Key
        @Option(help: "en, de or fr (default: the client's language; English for the sample).") var language: String?
        @Option(help: ArgumentHelp("An open invoice; repeat for a consolidated message to one client.", valueName: "NUMBER"))
        var invoice: [String] = []
        @Option(help: "text (subject and plain text), html or json.") var format: PreviewFormat = .text

        func run() async throws {
            let tone = try key.parsedTone()
            let language = try self.language.map(TemplateCommand.language)
            let preview = try await global.withSettle {
                try await $0.previewMessage(template: key.name, tone: tone, language: language, invoices: invoice, links: $0.links)
            }
            let message = preview.message
            switch format {
            case .text:
                print("Subject: \(message.subject)\n\n\(message.text)", terminator: "")
            case .html:
                print(message.html, terminator: "")
            case .json:
                let template = preview.resolved.template
                print(JSONOutput.string([
                    "template": template.name, "language": template.language.rawValue, "tone": tone.rawValue,
                    "tone_used": template.tone.rawValue, "source": preview.resolved.source.rawValue,
                    "subject": message.subject, "text": message.text, "html": message.html, "notes": preview.notes,
                ] as [String: Any]), terminator: "")
                return
            }
            for note in preview.notes { printError("note: \(note)") }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the default templates and the ones this organisation saved.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let listings = try await global.withSettle { try await $0.templateListings() }
            let rows = listings.map { listing in
                let source = listing.source == .organisation && listing.overridesDefault
                    ? "organisation (replaces default)" : listing.source.rawValue
                return [listing.name, listing.language.rawValue, listing.tone.rawValue, source, listing.updatedAt]
            }
            print(Table(columns: ["name", "language", "tone", "source", "updated_at"], rows: rows).render(output.format),
                  terminator: "")
        }
    }

    struct Save: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Save a template for this organisation; refused when it uses an unknown merge field.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var key: Key
        @Option(help: "en, de or fr.") var language: String
        @Option(help: "The subject line (mustache).") var subject: String
        @Option(help: ArgumentHelp("The plain-text body (mustache).", valueName: "FILE")) var text: String
        @Option(help: ArgumentHelp("The HTML body (mustache).", valueName: "FILE")) var html: String

        func run() async throws {
            let template = MessageTemplate(
                name: key.name, language: try TemplateCommand.language(language), tone: try key.parsedTone(),
                subject: subject, text: try Save.read(text), html: try Save.read(html))
            try await global.withSettle {
                try await $0.saveTemplate(template, partNames: TemplatePartNames(text: text, html: html))
            }
            print("saved template \(template.name) (\(template.language.rawValue), \(template.tone.rawValue))")
        }

        static func read(_ path: String) throws -> String {
            guard let data = FileManager.default.contents(atPath: path) else { throw InputError("cannot read \(path)") }
            guard let text = String(data: data, encoding: .utf8) else { throw InputError("\(path) is not UTF-8 text") }
            return text
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete this organisation's template, so the default applies again.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var key: Key
        @Option(help: "en, de or fr.") var language: String

        func run() async throws {
            let tone = try key.parsedTone()
            let language = try TemplateCommand.language(language)
            let deleted = try await global.withSettle { try await $0.deleteTemplate(name: key.name, language: language, tone: tone) }
            guard deleted else {
                throw InputError("this organisation has no saved template \(key.name) (\(language.rawValue), \(tone.rawValue))")
            }
            print("deleted template \(key.name) (\(language.rawValue), \(tone.rawValue))")
        }
    }
}
