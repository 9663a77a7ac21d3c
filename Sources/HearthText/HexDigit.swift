/// Hexadecimal digits: reading them (JSON's `\u` escapes, event UUIDs, character references) and writing them
/// (percent-encoding, fingerprints).
package enum HexDigit {
    /// The value of a hex digit in either case, or nil for any other byte.
    package static func value(of byte: UInt8) -> UInt8? {
        if byte &- 0x30 < 10 { return byte &- 0x30 }
        let lower = byte | 0x20
        return lower &- 0x61 < 6 ? lower &- 0x61 + 10 : nil
    }

    /// The upper-case digit for `nibble` (0–15).
    package static func uppercase(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 + nibble : 0x41 + nibble - 10
    }

    /// The lower-case digit for `nibble` (0–15).
    package static func lowercase(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 + nibble : 0x61 + nibble - 10
    }

    /// `value` as exactly `digits` lower-case hex digits, zero-padded on the left (the lowest digits when it has more).
    package static func lowercase(_ value: UInt64, digits: Int) -> String {
        var bytes = [UInt8](repeating: 0x30, count: digits)
        var rest = value
        for index in stride(from: digits - 1, through: 0, by: -1) {
            bytes[index] = lowercase(UInt8(rest & 0xF))
            rest >>= 4
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
