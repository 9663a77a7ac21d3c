/// An output buffer of UTF-8 bytes with the escaping HTML text, attributes and URLs need.
struct HTMLWriter {
    var output: [UInt8]

    /// Bytes that `escapedURL` keeps as they are; everything else is percent-encoded (or, for `&` and `'`, entity-escaped).
    private static let urlSafe: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for c in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(c)] = true }
        for c in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(c)] = true }
        for c in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(c)] = true }
        for c in "-_.+!*(),%#@?=;:/$~".utf8 { table[Int(c)] = true }
        return table
    }()

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Appends literal markup.
    @inline(__always) mutating func raw(_ s: String) {
        var s = s
        s.withUTF8 { output.append(contentsOf: $0) }
    }

    /// Starts a new line unless the output is empty or already ends with one, as cmark does between blocks.
    @inline(__always) mutating func newlineIfNeeded() {
        if let last = output.last, last != ASCII.newline { output.append(ASCII.newline) }
    }

    /// Appends text with `&`, `<`, `>` and `"` escaped.
    mutating func escaped(_ s: String) {
        var s = s
        s.withUTF8 { bytes in
            var runStart = 0
            for i in 0..<bytes.count {
                let replacement: StaticString
                switch bytes[i] {
                case ASCII.ampersand: replacement = "&amp;"
                case ASCII.lessThan: replacement = "&lt;"
                case ASCII.greaterThan: replacement = "&gt;"
                case ASCII.quote: replacement = "&quot;"
                default: continue
                }
                if runStart < i { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
                output.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                runStart = i + 1
            }
            if runStart < bytes.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
        }
    }

    /// Appends a URL for an `href` or `src`: unsafe bytes percent-encoded, `&` and `'` as entities.
    mutating func escapedURL(_ s: String) {
        let safe = Self.urlSafe
        for byte in s.utf8 {
            if safe[Int(byte)] {
                output.append(byte)
            } else if byte == ASCII.ampersand {
                output.append(contentsOf: "&amp;".utf8)
            } else if byte == ASCII.apostrophe {
                output.append(contentsOf: "&#x27;".utf8)
            } else {
                output.append(ASCII.percent)
                output.append(Self.hexDigits[Int(byte >> 4)])
                output.append(Self.hexDigits[Int(byte & 0x0F)])
            }
        }
    }
}
