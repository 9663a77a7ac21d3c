/// One line of the access log: never an address, user agent, query or body.
package struct AccessRecord: Sendable {
    /// Paths longer than this are logged cut, and marked so.
    static let longestPath = 256

    package var method: String
    package var path: String
    package var status: Int
    package var bytes: Int
    package var seconds: Double

    package init(method: String, path: String, status: Int, bytes: Int, seconds: Double) {
        self.method = method
        self.path = path
        self.status = status
        self.bytes = bytes
        self.seconds = seconds
    }

    /// Appends the log line `METHOD /path status bytes 1.2ms`.
    func write(into line: inout [UInt8]) {
        line.append(contentsOf: method.utf8)
        line.append(0x20)
        // Paths are printable ASCII (the parser refuses anything else), so a cut never splits a character.
        if path.utf8.count > Self.longestPath {
            line.append(contentsOf: path.utf8.prefix(Self.longestPath))
            line.append(contentsOf: "...(cut)".utf8)
        } else {
            line.append(contentsOf: path.utf8)
        }
        line.append(0x20)
        line.append(contentsOf: String(status).utf8)
        line.append(0x20)
        line.append(contentsOf: String(bytes).utf8)
        line.append(0x20)
        // Tenths of a millisecond, without Foundation's formatter.
        let tenths = Int((seconds * 10_000).rounded())
        line.append(contentsOf: String(tenths / 10).utf8)
        line.append(UInt8(ascii: "."))
        line.append(UInt8(ascii: "0") + UInt8(tenths % 10))
        line.append(contentsOf: "ms\n".utf8)
    }
}
