/// HMAC-SHA-256 (RFC 2104): the store keeps only this of a participant id, so ids can be paired and erased but not read.
package struct KeyedHash: Sendable {
    private let key: [UInt8]

    package init(key: [UInt8]) {
        self.key = key.count > 64 ? SHA256.hash(key) : key
    }

    /// The HMAC of `text`'s UTF-8 bytes.
    func digest(_ text: String) -> [UInt8] {
        let padded = key + [UInt8](repeating: 0, count: 64 - key.count)
        let inner = SHA256.hash(padded.map { $0 ^ 0x36 } + Array(text.utf8))
        return SHA256.hash(padded.map { $0 ^ 0x5c } + inner)
    }

    /// The lower-case hex HMAC of `text`.
    package func hex(_ text: String) -> String {
        digest(text).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
