import HearthText

/// A client-generated event UUID as 16 bytes: half the size of its text in the id index,
/// and cheap to hash, compare and sort. Ordering is the bytes' order, which is SQLite's BLOB order.
struct EventID: Hashable, Comparable, Sendable {
    /// The first eight bytes, big-endian.
    var high: UInt64
    /// The last eight bytes, big-endian.
    var low: UInt64

    /// The id with these two halves.
    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Parses the canonical 36-character form (`8-4-4-4-12` hex digits, either case).
    init?(_ text: String) {
        var high: UInt64 = 0
        var low: UInt64 = 0
        var digits = 0
        var offset = -1
        guard text.utf8.count == 36 else { return nil }
        for byte in text.utf8 {
            offset += 1
            if offset == 8 || offset == 13 || offset == 18 || offset == 23 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard let value = HexDigit.value(of: byte) else { return nil }
            if digits < 16 { high = high << 4 | UInt64(value) } else { low = low << 4 | UInt64(value) }
            digits += 1
        }
        guard digits == 32 else { return nil }
        self.high = high
        self.low = low
    }

    /// Reads 16 bytes as SQLite returns them.
    init(_ bytes: UnsafeRawBufferPointer) {
        var high: UInt64 = 0
        var low: UInt64 = 0
        for index in 0..<8 { high = high << 8 | UInt64(bytes[index]) }
        for index in 8..<16 { low = low << 8 | UInt64(bytes[index]) }
        self.high = high
        self.low = low
    }

    /// The 16 bytes, for binding as a BLOB.
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        var pair = (high.bigEndian, low.bigEndian)
        return try withUnsafeBytes(of: &pair) { try body($0) }
    }

    static func < (a: EventID, b: EventID) -> Bool {
        a.high != b.high ? a.high < b.high : a.low < b.low
    }
}
