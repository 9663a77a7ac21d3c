import HearthText

/// A strict RFC 8259 JSON parser that works on UTF-8 bytes: one value, no extensions, no guessing.
///
/// Beyond the grammar it refuses what an API client never needs and an attacker might use: invalid UTF-8,
/// lone surrogates, duplicate keys, numbers too large for a Double and nesting deeper than `maximumDepth`.
package struct JSONReader {
    /// How deeply lists and objects may nest; parsing recurses, so this bounds the stack hostile input can use.
    package static let maximumDepth = 32

    /// Why a document was refused and where.
    package struct Error: Swift.Error, Equatable, CustomStringConvertible {
        /// Zero-based offset of the byte at fault (for text that ends too soon, where the unfinished part starts).
        package let offset: Int
        /// What is wrong and how to put it right; it names the byte counting from 1, as a person would.
        package let message: String

        /// The message.
        package var description: String { message }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var depth = 0
    /// Reused by strings that need escapes decoded or UTF-8 checked, so each does not allocate afresh.
    private var scratch: [UInt8] = []

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Parses `bytes` as exactly one JSON value, optionally surrounded by whitespace.
    package static func read(_ bytes: [UInt8]) throws(Error) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(Error) -> JSONValue in try read(buffer) }
    }

    /// Parses `bytes` as exactly one JSON value, optionally surrounded by whitespace.
    package static func read(_ bytes: UnsafeBufferPointer<UInt8>) throws(Error) -> JSONValue {
        var reader = JSONReader(bytes)
        reader.skipWhitespace()
        guard reader.position < bytes.count else {
            throw Error(offset: reader.position, message: bytes.isEmpty ? "there is no JSON: the text is empty"
                                                                         : "there is no JSON: the text is only spaces or line breaks")
        }
        let value = try reader.readValue()
        reader.skipWhitespace()
        guard reader.position == bytes.count else {
            throw reader.failure("unexpected \(describe(bytes[reader.position])) at \(byte(reader.position)) after the end of the JSON; remove it",
                                 at: reader.position)
        }
        return value
    }

    // MARK: Values

    private mutating func readValue() throws(Error) -> JSONValue {
        guard position < bytes.count else { throw failure("the JSON ends at \(Self.byte(position)) where a value should be", at: position) }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try readObject()
        case UInt8(ascii: "["): return try readArray()
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try readNumber())
        case UInt8(ascii: "t"): try readWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try readWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try readWord("null"); return .null
        default: throw notAValue(at: position)
        }
    }

    private mutating func readWord(_ word: StaticString) throws(Error) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw notAValue(at: position) }
        for index in 0..<count where bytes[position + index] != word.utf8Start[index] { throw notAValue(at: position) }
        position += count
    }

    /// Explains what was found where a value should start, with advice for the usual mistakes.
    private func notAValue(at offset: Int) -> Error {
        let found = bytes[offset]
        switch found {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            var end = offset
            while end < bytes.count, end - offset < 20, ASCII.isAlphanumeric(bytes[end]) { end += 1 }
            let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
            return failure("'\(word)' at \(Self.byte(offset)) is not a JSON value; use an object, a list, a string in double quotes, a number, true, false or null",
                           at: offset)
        case UInt8(ascii: "'"):
            return failure("strings need double quotes, not the single quote at \(Self.byte(offset))", at: offset)
        case UInt8(ascii: "+"):
            return failure("a number may not start with '+' (at \(Self.byte(offset))); leave the sign out", at: offset)
        case UInt8(ascii: "."):
            return failure("a number needs a digit before its '.' (at \(Self.byte(offset))); write 0.5, not .5", at: offset)
        default:
            return failure("expected a value at \(Self.byte(offset)) but found \(Self.describe(found))", at: offset)
        }
    }


    // MARK: Containers

    private mutating func enter(at offset: Int) throws(Error) {
        depth += 1
        guard depth <= Self.maximumDepth else {
            throw failure("lists and objects are nested more than \(Self.maximumDepth) deep at \(Self.byte(offset))", at: offset)
        }
    }

    private mutating func readArray() throws(Error) -> JSONValue {
        let open = position
        try enter(at: open)
        position += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return .array(items)
        }
        var lastComma: Int?
        while true {
            guard position < bytes.count else { throw unclosed("list", open: open, closer: "]") }
            if let lastComma, bytes[position] == UInt8(ascii: "]") {
                throw failure("remove the ',' at \(Self.byte(lastComma)): a list may not end with a comma", at: lastComma)
            }
            items.append(try readValue())
            skipWhitespace()
            guard position < bytes.count else { throw unclosed("list", open: open, closer: "]") }
            switch bytes[position] {
            case UInt8(ascii: "]"):
                position += 1
                depth -= 1
                return .array(items)
            case UInt8(ascii: ","):
                lastComma = position
                position += 1
                skipWhitespace()
            default:
                throw failure("expected ',' or ']' at \(Self.byte(position)) but found \(Self.describe(bytes[position]))", at: position)
            }
        }
    }

    private mutating func readObject() throws(Error) -> JSONValue {
        let open = position
        try enter(at: open)
        position += 1
        var members: [(key: String, value: JSONValue)] = []
        // Request objects are small and a scan finds duplicates fastest; past a handful of keys a set takes over,
        // so an object with thousands of keys cannot make the check quadratic.
        var seen: Set<String>?
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return .object(JSONObject(members))
        }
        var lastComma: Int?
        while true {
            guard position < bytes.count else { throw unclosed("object", open: open, closer: "}") }
            let keyStart = position
            switch bytes[keyStart] {
            case UInt8(ascii: "\""):
                break
            case UInt8(ascii: "}") where lastComma != nil:
                throw failure("remove the ',' at \(Self.byte(lastComma!)): an object may not end with a comma", at: lastComma!)
            case UInt8(ascii: "'"):
                throw failure("keys need double quotes, not the single quote at \(Self.byte(keyStart))", at: keyStart)
            default:
                throw failure("expected a key in double quotes at \(Self.byte(keyStart)) but found \(Self.describe(bytes[keyStart]))", at: keyStart)
            }
            let key = try readString()
            if seen?.contains(key) ?? members.contains(where: { $0.key == key }) {
                throw failure("the key \(Self.quoted(key)) appears twice in one object (again at \(Self.byte(keyStart))); keep only one", at: keyStart)
            }
            skipWhitespace()
            guard position < bytes.count else { throw unclosed("object", open: open, closer: "}") }
            guard bytes[position] == UInt8(ascii: ":") else {
                throw failure("expected ':' after the key \(Self.quoted(key)) at \(Self.byte(position)) but found \(Self.describe(bytes[position]))", at: position)
            }
            position += 1
            skipWhitespace()
            guard position < bytes.count else { throw unclosed("object", open: open, closer: "}") }
            members.append((key: key, value: try readValue()))
            if seen != nil {
                seen?.insert(key)
            } else if members.count == 16 {
                seen = Set(members.lazy.map(\.key))
            }
            skipWhitespace()
            guard position < bytes.count else { throw unclosed("object", open: open, closer: "}") }
            switch bytes[position] {
            case UInt8(ascii: "}"):
                position += 1
                depth -= 1
                return .object(JSONObject(members))
            case UInt8(ascii: ","):
                lastComma = position
                position += 1
                skipWhitespace()
            default:
                throw failure("expected ',' or '}' at \(Self.byte(position)) but found \(Self.describe(bytes[position]))", at: position)
            }
        }
    }

    private func unclosed(_ what: String, open: Int, closer: String) -> Error {
        failure("the \(what) that starts at \(Self.byte(open)) is not closed with '\(closer)'", at: open)
    }

    // MARK: Numbers

    /// Exact powers of ten a Double holds without rounding (10^22 is the largest).
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    private mutating func readNumber() throws(Error) -> Double {
        let start = position
        var index = position
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        guard index < bytes.count, ASCII.isDigit(bytes[index]) else {
            throw failure("a digit must follow the '-' at \(Self.byte(start))", at: start)
        }
        // The digits, as far as the fast path below can use them; `digits` counts all of them.
        var mantissa: UInt64 = 0
        var digits = 0
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, ASCII.isDigit(bytes[index]) {
                throw failure("a number may not have a leading zero (at \(Self.byte(index - 1))); write 7, not 07", at: index - 1)
            }
        } else {
            while index < bytes.count, ASCII.isDigit(bytes[index]) {
                if digits < 19 { mantissa = mantissa * 10 + UInt64(bytes[index] - UInt8(ascii: "0")) }
                digits += 1
                index += 1
            }
        }
        var fractionDigits = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            let dot = index
            index += 1
            guard index < bytes.count, ASCII.isDigit(bytes[index]) else {
                throw failure("a digit must follow the '.' at \(Self.byte(dot)); write 1.0 or 1, not 1.", at: dot)
            }
            while index < bytes.count, ASCII.isDigit(bytes[index]) {
                if digits < 19 { mantissa = mantissa * 10 + UInt64(bytes[index] - UInt8(ascii: "0")) }
                digits += 1
                fractionDigits += 1
                index += 1
            }
        }
        var exponent = 0
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            let marker = index
            index += 1
            var exponentNegative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            guard index < bytes.count, ASCII.isDigit(bytes[index]) else {
                throw failure("a digit must follow the exponent '\(Character(Unicode.Scalar(bytes[marker])))' at \(Self.byte(marker))", at: marker)
            }
            while index < bytes.count, ASCII.isDigit(bytes[index]) {
                // Capped: anything this large is out of a Double's range anyway, and the cap keeps the Int from overflowing.
                exponent = min(exponent * 10 + Int(bytes[index] - UInt8(ascii: "0")), 100_000)
                index += 1
            }
            if exponentNegative { exponent = -exponent }
        }
        position = index

        // Clinger's fast path: with at most 15 digits and a power of ten up to 10^22 both operands are exact,
        // so one IEEE multiply or divide gives the correctly rounded result.
        let scale = exponent - fractionDigits
        if digits <= 15, scale >= -22, scale <= 22 {
            var value = Double(mantissa)
            value = scale < 0 ? value / Self.powersOfTen[-scale] : value * Self.powersOfTen[scale]
            return negative ? -value : value
        }
        // Otherwise the standard library's conversion, which is correctly rounded and ignores the C locale.
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw failure("the number at \(Self.byte(start)) is too large", at: start)
        }
        return value
    }

    // MARK: Strings

    private mutating func readString() throws(Error) -> String {
        let open = position
        var index = open + 1
        // The usual string is short plain ASCII with no escapes: it becomes a String straight from the input.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                position = index + 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[(open + 1)..<index]), as: UTF8.self)
            }
            if byte < 0x20 || byte >= 0x80 || byte == UInt8(ascii: "\\") { break }
            index += 1
        }
        return try readStringSlowly(open: open, resumingAt: index)
    }

    /// Decodes escapes and checks UTF-8 into `scratch`, from `resume`, where the plain-ASCII run ended.
    private mutating func readStringSlowly(open: Int, resumingAt resume: Int) throws(Error) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(open + 1)..<resume]))
        var index = resume
        while true {
            guard index < bytes.count else { throw unclosed("string", open: open, closer: "\"") }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                position = index + 1
                return String(decoding: scratch, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index = try readEscape(at: index, open: open)
            case 0..<0x20:
                throw failure("a string may not hold a raw control character (\(Self.hex(byte)) at \(Self.byte(index))); write it as an escape such as \\n",
                              at: index)
            case 0x20..<0x80:
                scratch.append(byte)
                index += 1
            default:
                let length = try utf8Length(at: index)
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]))
                index += length
            }
        }
    }

    /// The length of the well-formed UTF-8 sequence at `index`, or an error naming the byte.
    private func utf8Length(at index: Int) throws(Error) -> Int {
        guard let length = UTF8Validation.sequenceLength(in: bytes, at: index) else {
            throw failure("the text is not valid UTF-8 at \(Self.byte(index)); save or send it as UTF-8", at: index)
        }
        return length
    }

    /// Appends the character an escape stands for; returns the offset just after the escape.
    private mutating func readEscape(at backslash: Int, open: Int) throws(Error) -> Int {
        guard backslash + 1 < bytes.count else { throw unclosed("string", open: open, closer: "\"") }
        let letter = bytes[backslash + 1]
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(letter)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            guard let unit = hexQuad(at: backslash + 2) else {
                throw failure("'\\u' at \(Self.byte(backslash)) must be followed by four hexadecimal digits, as in \\u00e9", at: backslash)
            }
            var scalar = unit
            var end = backslash + 6
            if unit >= 0xD800, unit <= 0xDFFF {
                // UTF-16 surrogates only mean something in pairs, high then low; either half alone is no character.
                guard unit <= 0xDBFF, end + 1 < bytes.count, bytes[end] == UInt8(ascii: "\\"), bytes[end + 1] == UInt8(ascii: "u"),
                      let second = hexQuad(at: end + 2), second >= 0xDC00, second <= 0xDFFF else {
                    let written = String(decoding: UnsafeBufferPointer(rebasing: bytes[backslash..<(backslash + 6)]), as: UTF8.self)
                    throw failure("'\(written)' at \(Self.byte(backslash)) is half of a surrogate pair without its other half", at: backslash)
                }
                scalar = 0x10000 + ((unit - 0xD800) << 10) + (second - 0xDC00)
                end += 6
            }
            appendUTF8(scalar)
            return end
        default:
            let shown = letter >= 0x21 && letter <= 0x7E ? "'\\\(Character(Unicode.Scalar(letter)))'" : "a '\\' followed by \(Self.describe(letter))"
            throw failure("\(shown) at \(Self.byte(backslash)) is not an escape; use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\u and four hexadecimal digits",
                          at: backslash)
        }
        return backslash + 2
    }

    private func hexQuad(at index: Int) -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for byte in UnsafeBufferPointer(rebasing: bytes[index..<(index + 4)]) {
            guard let digit = HexDigit.value(of: byte) else { return nil }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(0xC0 | UInt8(scalar >> 6))
            scratch.append(0x80 | UInt8(scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(0xE0 | UInt8(scalar >> 12))
            scratch.append(0x80 | UInt8((scalar >> 6) & 0x3F))
            scratch.append(0x80 | UInt8(scalar & 0x3F))
        default:
            scratch.append(0xF0 | UInt8(scalar >> 18))
            scratch.append(0x80 | UInt8((scalar >> 12) & 0x3F))
            scratch.append(0x80 | UInt8((scalar >> 6) & 0x3F))
            scratch.append(0x80 | UInt8(scalar & 0x3F))
        }
    }

    // MARK: Whitespace and messages

    /// RFC 8259 whitespace is exactly space, tab, line feed and carriage return.
    private mutating func skipWhitespace() {
        while position < bytes.count, ASCII.isSpaceTabOrLineBreak(bytes[position]) { position += 1 }
    }

    private func failure(_ message: String, at offset: Int) -> Error {
        Error(offset: offset, message: message)
    }

    /// "byte 42": people count from 1, so the message does too.
    private static func byte(_ offset: Int) -> String { "byte \(offset + 1)" }

    private static func describe(_ byte: UInt8) -> String {
        switch byte {
        case 0x21...0x7E: "'\(Character(Unicode.Scalar(byte)))'"
        case 0x20: "a space"
        case 0..<0x20, 0x7F: "a control character (\(hex(byte)))"
        default: "a byte outside plain ASCII (\(hex(byte)))"
        }
    }

    /// A key as the client wrote it, cut short so a hostile key cannot fill the error message.
    private static func quoted(_ key: String) -> String {
        key.count <= 40 ? "\"\(key)\"" : "\"\(key.prefix(40))…\""
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return "0x" + (digits.count == 1 ? "0" + digits : digits)
    }
}
