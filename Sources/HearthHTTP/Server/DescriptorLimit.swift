#if canImport(Glibc)
import Glibc
#endif

/// How many file descriptors the process may open, raised to what the system allows.
enum DescriptorLimit {
    /// Descriptors kept back from connections: the database and its log, listeners, epoll and eventfd per
    /// loop, each loop's spare, standard streams, and files a handler may open — 64, or an eighth of a small
    /// limit (never under 16), so that even `ulimit -n 64` leaves room for some connections.
    static func reserved(soft: Int) -> Int { min(64, max(16, soft / 8)) }

    /// Raises the soft limit towards the hard one (at most about a million) and returns the soft limit now.
    static func raise() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1024 }
        let wanted = min(limit.rlim_max, 1 << 20)
        if limit.rlim_cur < wanted {
            var raised = limit
            raised.rlim_cur = wanted
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        return Int(limit.rlim_cur)
    }

    /// Connections each of `threads` loops may hold within a soft limit of `soft` descriptors.
    static func connectionsPerThread(soft: Int, threads: Int, configured: Int) -> Int {
        max(1, min(configured, (soft - reserved(soft: soft) - 4 * threads) / max(1, threads)))
    }
}
