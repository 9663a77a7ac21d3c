import HearthText

/// Unicode classes the inline rules depend on: whitespace and punctuation around delimiter runs.
enum CharacterClass {
    /// The spec's ASCII punctuation: what a backslash can escape.
    static func isASCIIPunctuation(_ c: UInt8) -> Bool {
        (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E)
    }

    /// Unicode whitespace: Zs, tab, line feed, form feed, carriage return.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0C, 0x0D, 0x20: return true
        case 0..<0x80: return false
        default: return scalar.properties.generalCategory == .spaceSeparator
        }
    }

    /// Unicode punctuation: general category P (punctuation) or S (symbol), as 0.31.2 defines it.
    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return isASCIIPunctuation(UInt8(scalar.value)) }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    /// The scalar that ends just before `index`, or a newline at the start of the text.
    static func scalar(before index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar {
        guard index > 0 else { return "\n" }
        var start = index - 1
        while start > 0, index - start < 4, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return decode(bytes, from: start, to: index)
    }

    /// The scalar that starts at `index`, or a newline past the end.
    static func scalar(at index: Int, in bytes: UnsafeBufferPointer<UInt8>, end: Int) -> Unicode.Scalar {
        guard index < end else { return "\n" }
        let lead = bytes[index]
        let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        return decode(bytes, from: index, to: min(end, index + length))
    }

    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Unicode.Scalar {
        if end - start == 1, bytes[start] < 0x80 { return Unicode.Scalar(bytes[start]) }
        var iterator = UnsafeBufferPointer(rebasing: bytes[start..<end]).makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return "\u{FFFD}"
    }
}

/// Entity and numeric character references (`&amp;`, `&#35;`, `&#x22;`).
enum CharacterReference {
    /// Decodes a reference starting at the `&` at `start`; returns the text and the index after the `;`.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, end: Int) -> (String, Int)? {
        var i = start + 1
        guard i < end else { return nil }
        if bytes[i] == ASCII.hash {
            i += 1
            var value: UInt32 = 0
            let digitsStart: Int
            if i < end, bytes[i] | 0x20 == UInt8(ascii: "x") {
                i += 1
                digitsStart = i
                while i < end, i - digitsStart < 7, let digit = HexDigit.value(of: bytes[i]) {
                    value = value * 16 + UInt32(digit)
                    i += 1
                }
                guard i - digitsStart >= 1, i - digitsStart <= 6 else { return nil }
            } else {
                digitsStart = i
                while i < end, i - digitsStart < 8, ASCII.isDigit(bytes[i]) {
                    value = value * 10 + UInt32(bytes[i] - 0x30)
                    i += 1
                }
                guard i - digitsStart >= 1, i - digitsStart <= 7 else { return nil }
            }
            guard i < end, bytes[i] == UInt8(ascii: ";") else { return nil }
            let scalar = value == 0 ? nil : Unicode.Scalar(value)
            return (String(scalar ?? "\u{FFFD}"), i + 1)
        }
        let nameStart = i
        while i < end, i - nameStart <= 32, ASCII.isAlphanumeric(bytes[i]) { i += 1 }
        guard i > nameStart, i < end, bytes[i] == UInt8(ascii: ";") else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[nameStart..<i]), as: UTF8.self)
        guard let value = EntityTable.lookup(name) else { return nil }
        return (value, i + 1)
    }

    /// Text with backslash escapes and character references resolved, as link destinations, titles and info strings need.
    static func unescaping(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> String {
        var i = start
        var result: [UInt8] = []
        result.reserveCapacity(end - start)
        while i < end {
            let c = bytes[i]
            if c == ASCII.backslash, i + 1 < end, CharacterClass.isASCIIPunctuation(bytes[i + 1]) {
                result.append(bytes[i + 1])
                i += 2
            } else if c == ASCII.ampersand, let (text, next) = decode(bytes, at: i, end: end) {
                result.append(contentsOf: text.utf8)
                i = next
            } else {
                result.append(c)
                i += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
