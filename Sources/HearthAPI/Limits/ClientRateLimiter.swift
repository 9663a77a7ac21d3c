import Foundation
import HearthHTTP

/// Counts requests per client in memory only — never stored, never logged — in fixed windows, so that
/// certificate codes cannot be tried by the thousand nor research tokens guessed at speed.
///
/// IPv6 clients are counted by their /64, since one host is usually given a whole /64 to pick addresses from.
package final class ClientRateLimiter: @unchecked Sendable {
    private let limit: Int
    private let window: Double
    private let clock: @Sendable () -> Double
    private let lock = NSLock()
    private var windowStart: Double
    private var counts: [[UInt8]: Int] = [:]
    /// Past this many clients in one window the oldest window's table is simply dropped, so memory stays bounded.
    private let maximumClients = 100_000

    /// `limit` requests per client per `window` seconds, measured by `clock` (seconds).
    package init(limit: Int, window: Double = 60, clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        self.limit = limit
        self.window = window
        self.clock = clock
        windowStart = clock()
    }

    /// Counts a request; nil when it is allowed, or the whole seconds until the client may try again.
    package func admit(_ client: ClientAddress) -> Int? {
        check(client, counting: true)
    }

    /// Whether a client is over its limit now, without counting this as one of its requests (research requests
    /// count only their failed tokens, but a client over the limit is turned away before its token is checked).
    package func waiting(_ client: ClientAddress) -> Int? {
        check(client, counting: false)
    }

    private func check(_ client: ClientAddress, counting: Bool) -> Int? {
        let key = client.bytes.count == 16 ? Array(client.bytes.prefix(8)) : client.bytes
        let now = clock()
        lock.lock()
        defer { lock.unlock() }
        if now - windowStart >= window || counts.count >= maximumClients {
            counts.removeAll(keepingCapacity: counts.count < 1024)
            windowStart = now
        }
        let count = (counts[key] ?? 0) + (counting ? 1 : 0)
        if counting { counts[key] = count }
        guard count > limit || (!counting && count >= limit) else { return nil }
        return max(1, Int((windowStart + window - now).rounded(.up)))
    }
}
