import Foundation
import Prometheus

/// What `/metrics` reports, in Prometheus's text format: requests by route, their latency, imported rows, and the
/// database (pool size, outages seen). One registry per process: several apps in one test process share it.
enum AccordMetrics {
    static let registry = PrometheusCollectorRegistry()

    /// Latency buckets from 2.5 ms to 10 s: pages and the API answer in milliseconds, imports take seconds.
    static let buckets: [Duration] = [
        .microseconds(2_500), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
    ]

    static let inFlight = registry.makeGauge(name: "accord_http_requests_in_flight", help: "Requests being answered now")
    static let databaseUnavailable = registry.makeCounter(
        name: "accord_database_unavailable_total", help: "Requests answered 503 because the database could not be reached")
    static let databaseReady = registry.makeGauge(name: "accord_database_ready", help: "1 when the last /readyz reached the database")
    static let poolConnections = registry.makeGauge(
        name: "accord_database_pool_max_connections", help: "Connections the database pool may open (all event loops)")

    static let sessionWrites = registry.makeCounter(
        name: "accord_session_writes_total", help: "Session records created or changed (a request that changes nothing writes none)")

    /// Outbox messages by status, read from the database when /metrics is scraped.
    static func outbox(_ status: String) -> Gauge {
        registry.makeGauge(name: "accord_outbox_messages", labels: [("status", status)], help: "Outbox messages, by status")
    }

    /// `route` is the registered pattern (`/api/v1/partners/:partnerID`), never the raw path: ids stay out of labels.
    static func request(method: String, route: String, status: UInt, duration: Duration) {
        registry.makeCounter(
            name: "accord_http_requests_total", labels: [("method", method), ("route", route), ("status", String(status))],
            help: "Requests answered, by route and status"
        ).increment()
        registry.makeDurationHistogram(
            name: "accord_http_request_duration_seconds", labels: [("method", method), ("route", route)], buckets: buckets,
            help: "Time to answer a request, by route"
        ).record(duration)
    }

    static func imported(_ kind: String, inserted: Int, alreadyPresent: Int, rejected: Int) {
        for (outcome, count) in [("inserted", inserted), ("already_present", alreadyPresent), ("rejected", rejected)] {
            registry.makeCounter(
                name: "accord_import_rows_total", labels: [("kind", kind), ("outcome", outcome)], help: "Rows of imported files, by outcome"
            ).increment(by: Int64(count))
        }
    }
}
