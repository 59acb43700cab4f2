import ArgumentParser
import Hummingbird

/// The yardstick of the server benchmark (scripts/bench-server.sh): a bare Hummingbird server,
/// built with the same compiler and flags as `settle serve`, whose one route answers a constant.
/// Hidden from help: it is for measuring, not for users.
struct BenchBaselineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-baseline", abstract: "A bare Hummingbird server answering a constant, for benchmarks.", shouldDisplay: false)
    @Option(help: "The port to listen on.") var port = 8081

    func run() async throws {
        let router = Router()
        router.get("/constant") { _, _ in "{\"ok\":true}" }
        router.post("/constant") { _, _ in "{\"ok\":true}" }
        try await Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port))).runService()
    }
}
