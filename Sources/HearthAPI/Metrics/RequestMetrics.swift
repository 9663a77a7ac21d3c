import Foundation
import HearthHTTP
import HearthStore

/// Counters for `GET /metrics` in Prometheus's text format: requests by route and status, and a latency histogram.
package final class RequestMetrics: @unchecked Sendable {
    /// Upper bounds of the latency buckets, in seconds.
    static let buckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1]

    private let lock = NSLock()
    /// A counter's labels; kept apart rather than formatted, so counting a request builds no string.
    private struct Labels: Hashable, Comparable {
        var route: String
        var status: Int

        static func < (a: Labels, b: Labels) -> Bool { (a.route, a.status) < (b.route, b.status) }
    }

    private var requests: [Labels: Int] = [:]
    private var bucketCounts = [Int](repeating: 0, count: RequestMetrics.buckets.count)
    private var latencyCount = 0
    private var latencySum = 0.0
    private let routes: RouteTable

    /// Labels requests by the patterns of `routes`, so ids in paths never reach the metrics.
    package init(routes: RouteTable) {
        self.routes = routes
    }

    /// Counts a request from its access record (whose path is already the logged one).
    package func record(_ entry: AccessRecord) {
        let key = Labels(route: routes.metricLabel(entry.path), status: entry.status)
        lock.lock()
        requests[key, default: 0] += 1
        for (index, bound) in Self.buckets.enumerated() where entry.seconds <= bound { bucketCounts[index] += 1 }
        latencyCount += 1
        latencySum += entry.seconds
        lock.unlock()
    }

    /// The exposition text, with the store's figures added by the caller.
    package func text(store: StoreStatistics, accessLogLinesDropped: Int) -> String {
        lock.lock()
        defer { lock.unlock() }
        var out = "# HELP hearth_http_requests_total HTTP requests by route and status.\n# TYPE hearth_http_requests_total counter\n"
        for key in requests.keys.sorted() {
            out += "hearth_http_requests_total{route=\"\(key.route)\",status=\"\(key.status)\"} \(requests[key]!)\n"
        }
        Self.histogram("hearth_http_request_duration_seconds", help: "Time from the first byte of a request to its response.",
                       bounds: Self.buckets, within: bucketCounts, count: latencyCount, sum: latencySum, into: &out)
        out += "# HELP hearth_access_log_lines_dropped_total Access-log lines dropped because the log's reader was too slow.\n"
        out += "# TYPE hearth_access_log_lines_dropped_total counter\nhearth_access_log_lines_dropped_total \(accessLogLinesDropped)\n"
        out += "# HELP hearth_events_stored Events held in the store.\n# TYPE hearth_events_stored gauge\nhearth_events_stored \(store.eventsStored)\n"
        Self.histogram("hearth_store_commit_duration_seconds", help: "Time each store commit took, syncing to disk included.",
                       bounds: StoreStatistics.commitBuckets, within: store.commitsWithin, count: store.commits, sum: store.commitSeconds,
                       into: &out)
        return out
    }

    /// A histogram in the exposition format: cumulative buckets, then the sum and count.
    private static func histogram(_ name: String, help: String, bounds: [Double], within: [Int], count: Int, sum: Double,
                                  into out: inout String) {
        out += "# HELP \(name) \(help)\n# TYPE \(name) histogram\n"
        for (bound, counted) in zip(bounds, within) { out += "\(name)_bucket{le=\"\(bound)\"} \(counted)\n" }
        out += "\(name)_bucket{le=\"+Inf\"} \(count)\n\(name)_sum \(sum)\n\(name)_count \(count)\n"
    }
}
