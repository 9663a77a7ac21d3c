#if canImport(Glibc)
import Glibc
#endif

/// The `Date` header line (RFC 9110 §6.6.1, IMF-fixdate), made once a second per event loop.
struct HTTPDate {
    private var second = -1
    private(set) var line: [UInt8] = []

    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The header line for the current second, `Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n`.
    mutating func current() -> [UInt8] {
        var now = time(nil)
        guard now != second else { return line }
        second = now
        var parts = tm()
        gmtime_r(&now, &parts)
        line = Array("Date: \(Self.days[Int(parts.tm_wday)]), \(Self.two(parts.tm_mday)) \(Self.months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) \(Self.two(parts.tm_hour)):\(Self.two(parts.tm_min)):\(Self.two(parts.tm_sec)) GMT\r\n".utf8)
        return line
    }

    private static func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
