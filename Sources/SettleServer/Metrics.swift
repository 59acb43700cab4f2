import Foundation
import Metrics
import Prometheus

/// The process's Prometheus registry, behind swift-metrics (bootstrapped once per process, as
/// swift-metrics requires): Hummingbird's request counters and timers and Settle's own figures
/// (`settle_actions_created_total`, `settle_messages_total{channel,status}`, `settle_queue_depth`,
/// `settle_payments_matched_total{how}`, `settle_inbound_messages_total{channel,outcome}`) all land
/// here and `/metrics` prints them.
public enum SettleMetrics {
    public static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    /// Makes sure the registry (and the bootstrap) exist before any metric is recorded.
    public static func start() { _ = registry }

    static func actionsCreated(_ count: Int) {
        guard count > 0 else { return }
        Counter(label: "settle_actions_created_total").increment(by: count)
    }

    static func message(channel: String, status: String) {
        Counter(label: "settle_messages_total", dimensions: [("channel", channel), ("status", status)]).increment()
    }

    /// Bank transfers applied to invoices through this process: `automatic` when a statement
    /// upload matched them, `person` when someone matched one from the queue.
    static func paymentsMatched(_ count: Int, how: String) {
        guard count > 0 else { return }
        Counter(label: "settle_payments_matched_total", dimensions: [("how", how)]).increment(by: count)
    }

    /// A text or email that came in, by what it turned out to be (`opted_out`, `reply`, `bounce` ...).
    static func inbound(channel: String, outcome: String) {
        Counter(label: "settle_inbound_messages_total", dimensions: [("channel", channel), ("outcome", outcome)]).increment()
    }

    static func queueDepth(_ depth: Int) {
        Gauge(label: "settle_queue_depth").record(depth)
    }

    /// The exposition text.
    static func text() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}
