/// The width and height an image file declares, read from its bytes: SVG (`width` and `height`, else `viewBox`),
/// PNG, GIF, JPEG and WebP.
///
/// The layout gives the logo's `<img>` a `width` and `height` in this shape, so the browser keeps the right space
/// before the file arrives and a wide or tall logo is never squeezed into a square.
package struct ImageSize: Equatable, Sendable {
    package var width: Double
    package var height: Double

    package init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// The size `bytes` declare, or nil when the format is not one of these or says nothing usable.
    package init?(_ bytes: [UInt8]) {
        guard let size = Self.png(bytes) ?? Self.gif(bytes) ?? Self.jpeg(bytes) ?? Self.webP(bytes) ?? Self.svg(bytes),
              size.width > 0, size.height > 0, size.width.isFinite, size.height.isFinite else { return nil }
        self = size
    }

    /// The width that keeps this shape at `height`, rounded to a whole pixel (at least 1).
    package func width(atHeight height: Int) -> Int {
        max(1, Int((Double(height) * width / self.height).rounded()))
    }

    // MARK: Raster formats: fixed places in the header

    private static func png(_ b: [UInt8]) -> ImageSize? {
        // The signature, then the IHDR chunk: width and height as 32-bit big-endian numbers.
        guard b.count >= 24, b[0..<8].elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
              b[12..<16].elementsEqual(Array("IHDR".utf8)) else { return nil }
        return ImageSize(width: Double(bigEndian(b, 16, 4)), height: Double(bigEndian(b, 20, 4)))
    }

    private static func gif(_ b: [UInt8]) -> ImageSize? {
        guard b.count >= 10, b[0..<4].elementsEqual(Array("GIF8".utf8)) else { return nil }
        return ImageSize(width: Double(Int(b[6]) | Int(b[7]) << 8), height: Double(Int(b[8]) | Int(b[9]) << 8))
    }

    private static func jpeg(_ b: [UInt8]) -> ImageSize? {
        guard b.count >= 4, b[0] == 0xFF, b[1] == 0xD8 else { return nil }
        // Segments follow: 0xFF, a marker, a 16-bit length that counts itself. A start-of-frame (0xC0–0xCF, except
        // 0xC4, 0xC8 and 0xCC, which are tables) holds the height, then the width.
        var i = 2
        while i + 9 < b.count {
            guard b[i] == 0xFF else { return nil }
            let marker = b[i + 1]
            if marker == 0xFF { i += 1; continue }  // fill bytes
            let length = bigEndian(b, i + 2, 2)
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                return ImageSize(width: Double(bigEndian(b, i + 7, 2)), height: Double(bigEndian(b, i + 5, 2)))
            }
            guard length >= 2 else { return nil }
            i += 2 + length
        }
        return nil
    }

    private static func webP(_ b: [UInt8]) -> ImageSize? {
        guard b.count >= 30, b[0..<4].elementsEqual(Array("RIFF".utf8)), b[8..<12].elementsEqual(Array("WEBP".utf8)) else { return nil }
        let chunk = String(decoding: b[12..<16], as: UTF8.self)
        switch chunk {
        case "VP8X":  // extended: 24-bit width and height, each less one, little-endian
            return ImageSize(width: Double(littleEndian(b, 24, 3) + 1), height: Double(littleEndian(b, 27, 3) + 1))
        case "VP8 ":  // lossy: after the frame tag and start code, 14-bit width and height
            return ImageSize(width: Double(littleEndian(b, 26, 2) & 0x3FFF), height: Double(littleEndian(b, 28, 2) & 0x3FFF))
        case "VP8L":  // lossless: a signature byte, then 14 bits of width and 14 of height, each less one
            guard b[20] == 0x2F else { return nil }
            let bits = littleEndian(b, 21, 4)
            return ImageSize(width: Double((bits & 0x3FFF) + 1), height: Double(((bits >> 14) & 0x3FFF) + 1))
        default:
            return nil
        }
    }

    private static func bigEndian(_ b: [UInt8], _ at: Int, _ count: Int) -> Int {
        b[at..<at + count].reduce(0) { $0 << 8 | Int($1) }
    }

    private static func littleEndian(_ b: [UInt8], _ at: Int, _ count: Int) -> Int {
        b[at..<at + count].reversed().reduce(0) { $0 << 8 | Int($1) }
    }

    // MARK: SVG: the root element's attributes

    private static func svg(_ b: [UInt8]) -> ImageSize? {
        guard let attributes = svgStartTag(b) else { return nil }
        // Plain or pixel lengths give the size; percentages and other units do not, and then the view box says it.
        if let width = attributes["width"].flatMap(pixels), let height = attributes["height"].flatMap(pixels) {
            return ImageSize(width: width, height: height)
        }
        if let box = attributes["viewBox"] {
            let numbers = box.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\n" || $0 == "\r" }).compactMap { Double($0) }
            if numbers.count == 4 { return ImageSize(width: numbers[2], height: numbers[3]) }
        }
        return nil
    }

    private static func pixels(_ length: String) -> Double? {
        let trimmed = length.trimmingSpaces
        return Double(trimmed.hasSuffix("px") ? String(trimmed.dropLast(2)) : trimmed)
    }

    /// The attributes of the first `<svg` start tag, after any XML declaration, comments or doctype.
    private static func svgStartTag(_ b: [UInt8]) -> [String: String]? {
        let open = Array("<svg".utf8)
        guard let start = (0..<max(0, b.count - open.count)).first(where: { i in
            b[i..<i + open.count].elementsEqual(open) && (i + open.count < b.count) && isSpace(b[i + open.count])
        }) else { return nil }
        var attributes: [String: String] = [:]
        var i = start + open.count
        while i < b.count {
            while i < b.count, isSpace(b[i]) { i += 1 }
            guard i < b.count, b[i] != UInt8(ascii: ">"), b[i] != UInt8(ascii: "/") else { break }
            let nameStart = i
            while i < b.count, !isSpace(b[i]), b[i] != UInt8(ascii: "="), b[i] != UInt8(ascii: ">") { i += 1 }
            let name = String(decoding: b[nameStart..<i], as: UTF8.self)
            while i < b.count, isSpace(b[i]) { i += 1 }
            guard i < b.count, b[i] == UInt8(ascii: "=") else { continue }
            i += 1
            while i < b.count, isSpace(b[i]) { i += 1 }
            guard i < b.count, b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'") else { return nil }
            let quote = b[i]
            i += 1
            let valueStart = i
            while i < b.count, b[i] != quote { i += 1 }
            attributes[name] = String(decoding: b[valueStart..<min(i, b.count)], as: UTF8.self)
            i += 1
        }
        return attributes
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}

private extension String {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
