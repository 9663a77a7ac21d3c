/// Turns a request path into a file path inside the site, refusing every way out of it.
package enum RequestPath {
    /// The site-relative file for `path` (`/` is `index.html`, `/a/` is `a/index.html`), or nil
    /// if it is malformed or tries to leave the site (`..`, encoded `%2e%2e`, NUL, backslashes).
    package static func sitePath(_ path: String) -> String? {
        guard let decoded = percentDecoded(path), decoded.first == UInt8(ascii: "/") else { return nil }
        if decoded.contains(0) || decoded.contains(UInt8(ascii: "\\")) { return nil }
        var segments: [ArraySlice<UInt8>] = []
        for segment in decoded.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            if segment.elementsEqual([0x2E]) { continue }
            if segment.elementsEqual([0x2E, 0x2E]) { return nil }
            // Hidden files (the swap folder, editor files) are never served.
            if segment.first == UInt8(ascii: ".") { return nil }
            segments.append(segment)
        }
        var result = segments.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "/")
        if result.isEmpty || decoded.last == UInt8(ascii: "/") {
            result += result.isEmpty ? "index.html" : "/index.html"
        }
        return result
    }

    /// `%XX` decoded; nil for a malformed escape or bytes that are not UTF-8.
    static func percentDecoded(_ path: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        var iterator = path.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self) == nil ? nil : bytes
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }
}
