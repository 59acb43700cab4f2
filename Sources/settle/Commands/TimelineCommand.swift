import ArgumentParser
import SettleApp
import SettleStore

struct TimelineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Everything that happened with a client, day by day.",
        discussion: "With --invoice, only the events of that invoice (client-wide ones such as pauses are left out).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @Argument(help: "The client's id.") var client: String
    @Option(help: "Only the events of this invoice of the client.") var invoice: String?

    func run() async throws {
        let events = try await global.withSettle { try await $0.timeline(client: client, invoice: invoice) }
        print(Table(columns: ["day", "kind", "invoice", "summary", "detail"], rows: events.map {
            [$0.day.description, $0.kind, $0.invoice ?? "", $0.summary, $0.detail]
        }).render(output.format), terminator: "")
    }
}
