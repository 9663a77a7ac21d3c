/// A connection's peer address as bytes (4 for IPv4, 16 for IPv6): enough to count requests per client in
/// memory, and deliberately not a string, so it is never written to a log by accident.
package struct ClientAddress: Hashable, Sendable {
    package var bytes: [UInt8]

    package init(bytes: [UInt8] = []) {
        self.bytes = bytes
    }
}
