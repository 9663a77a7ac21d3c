/// Well-formed UTF-8 as RFC 3629 defines it (no overlong forms, no surrogates, nothing past U+10FFFF):
/// the one table the Markdown parser, the JSON reader and the content loaders check bytes against.
package enum UTF8Validation {
    /// Whether all of `bytes` is well-formed UTF-8.
    package static func isValid(_ bytes: [UInt8]) -> Bool {
        firstInvalidOffset(in: bytes) == nil
    }

    /// The offset of the first byte that does not start a well-formed sequence, or nil when every byte is well formed.
    package static func firstInvalidOffset(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            let count = buffer.count
            while index < count {
                // ASCII runs are the common case: skip eight bytes at a time when none has the high bit.
                if index + 8 <= count {
                    let word = UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 == 0 {
                        index += 8
                        continue
                    }
                }
                if buffer[index] < 0x80 {
                    index += 1
                    continue
                }
                guard let length = sequenceLength(in: buffer, at: index) else { return index }
                index += length
            }
            return nil
        }
    }

    /// The length of the well-formed sequence that starts at `index` (1 for ASCII), or nil when the bytes there are not one.
    package static func sequenceLength(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let lead = bytes[index]
        if lead < 0x80 { return 1 }
        // The second byte's range is narrower after some leads: that is what rules out overlongs,
        // surrogates (ED A0–BF) and scalars past U+10FFFF (F4 90 and up).
        let length: Int
        var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        let second = bytes[index + 1]
        guard second >= lower, second <= upper else { return nil }
        for offset in 2..<max(2, length) where bytes[index + offset] & 0xC0 != 0x80 { return nil }
        return length
    }
}
