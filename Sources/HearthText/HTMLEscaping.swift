/// Escaping text for HTML (and XML) into a byte buffer: the Markdown renderer, the template engine and
/// the sitemap all write through here.
package enum HTMLEscaping {
    /// Appends `bytes` with `&`, `<`, `>` and `"` as entities (as cmark does), and `'` as `&#39;` too when
    /// `apostrophe` is set, so the text is safe in element content and in attributes quoted either way.
    package static func append(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8], apostrophe: Bool = false) {
        var copied = 0
        for index in 0..<bytes.count {
            let entity: StaticString
            switch bytes[index] {
            case ASCII.ampersand: entity = "&amp;"
            case ASCII.lessThan: entity = "&lt;"
            case ASCII.greaterThan: entity = "&gt;"
            case ASCII.quote: entity = "&quot;"
            case ASCII.apostrophe where apostrophe: entity = "&#39;"
            default: continue
            }
            if copied < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index])) }
            output.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
            copied = index + 1
        }
        if copied < bytes.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...])) }
    }

    /// Appends `text` escaped as `append(_:to:apostrophe:)` does.
    package static func append(_ text: String, to output: inout [UInt8], apostrophe: Bool = false) {
        var text = text
        // Native strings expose their UTF-8 storage directly; anything else is made native first.
        text.withUTF8 { append($0, to: &output, apostrophe: apostrophe) }
    }

    /// `text` escaped as `append(_:to:apostrophe:)` does, as a string.
    package static func escaped(_ text: String, apostrophe: Bool = false) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        append(text, to: &output, apostrophe: apostrophe)
        return String(decoding: output, as: UTF8.self)
    }

    /// Bytes a URL keeps as they are; everything else is percent-encoded (or, for `&` and `'`, entity-escaped).
    private static let urlSafe: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for c in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(c)] = true }
        for c in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(c)] = true }
        for c in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(c)] = true }
        for c in "-_.+!*(),%#@?=;:/$~".utf8 { table[Int(c)] = true }
        return table
    }()

    /// Appends a URL for an `href` or `src` as cmark writes it: unsafe bytes percent-encoded (existing `%`
    /// escapes kept), `&` as `&amp;` and `'` as `&#x27;`.
    package static func appendURL(_ text: String, to output: inout [UInt8]) {
        let safe = urlSafe
        for byte in text.utf8 {
            if safe[Int(byte)] {
                output.append(byte)
            } else if byte == ASCII.ampersand {
                output.append(contentsOf: "&amp;".utf8)
            } else if byte == ASCII.apostrophe {
                output.append(contentsOf: "&#x27;".utf8)
            } else {
                output.append(ASCII.percent)
                output.append(HexDigit.uppercase(byte >> 4))
                output.append(HexDigit.uppercase(byte & 0x0F))
            }
        }
    }
}
