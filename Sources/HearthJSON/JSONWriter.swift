import HearthText

/// Writes JSON values as RFC 8259 text into a byte buffer, the same bytes for the same value every time:
/// what the build writes (the manifest, the search index) must rebuild byte for byte.
///
/// Object keys come out sorted by their UTF-8 bytes or in the order the object holds them, as the caller
/// chooses; numbers as the shortest text that reads back to the same Double, whole numbers up to 2^53
/// without a fraction; strings with only what RFC 8259 requires escaped.
package struct JSONWriter {
    /// The order object members are written in.
    package enum KeyOrder: Sendable {
        /// By the keys' UTF-8 bytes, whatever order the object holds them in.
        case sorted
        /// In the order the object holds them (the order its maker declared).
        case declared
    }

    /// The text written so far.
    package private(set) var output: [UInt8] = []
    private let keyOrder: KeyOrder
    /// Spaces per level, or nil for no whitespace at all.
    private let indentation: Int?

    /// A writer with an empty buffer; with `indentation`, one member or item per line, indented that many spaces a level.
    package init(keyOrder: KeyOrder, indentation: Int? = nil) {
        self.keyOrder = keyOrder
        self.indentation = indentation
    }

    /// `value`'s text; pretty-printed text ends with a line break, as a text file does.
    package static func bytes(of value: JSONValue, keyOrder: KeyOrder, indentation: Int? = nil) -> [UInt8] {
        var writer = JSONWriter(keyOrder: keyOrder, indentation: indentation)
        writer.write(value)
        if indentation != nil { writer.output.append(ASCII.newline) }
        return writer.output
    }

    /// Appends `value`. Its numbers must be finite: JSON has no NaN or infinity.
    package mutating func write(_ value: JSONValue) {
        write(value, level: 0)
    }

    private mutating func write(_ value: JSONValue, level: Int) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number): Self.appendNumber(number, to: &output)
        case .string(let text): Self.appendString(text, to: &output)
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline(level: level + 1)
                write(item, level: level + 1)
            }
            if !items.isEmpty { newline(level: level) }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            let members = keyOrder == .declared ? object.members
                : object.members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (index, member) in members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline(level: level + 1)
                Self.appendString(member.key, to: &output)
                output.append(contentsOf: (indentation == nil ? ":" : " : ").utf8)
                write(member.value, level: level + 1)
            }
            if !members.isEmpty { newline(level: level) }
            output.append(UInt8(ascii: "}"))
        }
    }

    private mutating func newline(level: Int) {
        guard let indentation else { return }
        output.append(ASCII.newline)
        output.append(contentsOf: repeatElement(ASCII.space, count: indentation * level))
    }

    /// Appends `text` in double quotes: `"` and `\` escaped, control characters as `\n`, `\r`, `\t`, `\b`, `\f`
    /// or `\u00XX`, and nothing else (not `/`, not non-ASCII), as RFC 8259 section 7 requires.
    package static func appendString(_ text: String, to output: inout [UInt8]) {
        output.append(ASCII.quote)
        var text = text
        text.withUTF8 { bytes in
            var copied = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == ASCII.quote || byte == ASCII.backslash else { continue }
                if copied < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index])) }
                output.append(ASCII.backslash)
                switch byte {
                case ASCII.quote, ASCII.backslash: output.append(byte)
                case ASCII.newline: output.append(UInt8(ascii: "n"))
                case ASCII.carriageReturn: output.append(UInt8(ascii: "r"))
                case ASCII.tab: output.append(UInt8(ascii: "t"))
                case 0x08: output.append(UInt8(ascii: "b"))
                case 0x0C: output.append(UInt8(ascii: "f"))
                default:
                    output.append(contentsOf: "u00".utf8)
                    output.append(HexDigit.lowercase(byte >> 4))
                    output.append(HexDigit.lowercase(byte & 0x0F))
                }
                copied = index + 1
            }
            if copied < bytes.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...])) }
        }
        output.append(ASCII.quote)
    }

    /// 2^53: every whole Double up to it is an exact integer, so writing it as one loses nothing.
    private static let largestExactInteger = 9_007_199_254_740_992.0

    /// Appends `number` as the shortest text that reads back to the same Double: whole numbers up to 2^53 as
    /// integers (`-0` keeps its sign), others as the standard library's shortest round-trip digits with the
    /// exponent trimmed (`1e-5`, `1e21`).
    package static func appendNumber(_ number: Double, to output: inout [UInt8]) {
        precondition(number.isFinite, "JSON has no NaN or infinity")
        if number.rounded(.towardZero) == number, number.magnitude <= largestExactInteger {
            if number.sign == .minus { output.append(UInt8(ascii: "-")) }
            output.append(contentsOf: String(UInt64(number.magnitude)).utf8)
            return
        }
        // Swift's description is the shortest round-trip form; only its exponent needs trimming for JSON
        // ("1e-05" and "1e+21" are valid, but "1e-5" and "1e21" are shorter and read back the same).
        let text = Array(number.description.utf8)
        guard let e = text.firstIndex(of: UInt8(ascii: "e")) else {
            output.append(contentsOf: text)
            return
        }
        output.append(contentsOf: text[...e])
        var index = e + 1
        if text[index] == UInt8(ascii: "-") {
            output.append(UInt8(ascii: "-"))
            index += 1
        } else if text[index] == UInt8(ascii: "+") {
            index += 1
        }
        while index < text.count - 1, text[index] == UInt8(ascii: "0") { index += 1 }
        output.append(contentsOf: text[index...])
    }
}
