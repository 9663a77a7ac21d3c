import HearthText

/// Writes HTML or SVG into bytes: text and attribute values are escaped on the way in (by HearthText, as every page
/// of the site is) and attributes are written in the order given, so the same report or chart is always the same bytes.
struct MarkupWriter {
    private(set) var bytes: [UInt8] = []

    /// A start tag.
    mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        startTag(name, attributes)
        bytes.append(UInt8(ascii: ">"))
    }

    /// An SVG element with no content, `<rect …/>`.
    mutating func empty(_ name: String, _ attributes: [(String, String)]) {
        startTag(name, attributes)
        bytes.append(contentsOf: "/>".utf8)
    }

    private mutating func startTag(_ name: String, _ attributes: [(String, String)]) {
        bytes.append(UInt8(ascii: "<"))
        bytes.append(contentsOf: name.utf8)
        for (key, value) in attributes {
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: key.utf8)
            bytes.append(contentsOf: "=\"".utf8)
            HTMLEscaping.append(value, to: &bytes)
            bytes.append(UInt8(ascii: "\""))
        }
    }

    mutating func close(_ name: String) {
        bytes.append(contentsOf: "</".utf8)
        bytes.append(contentsOf: name.utf8)
        bytes.append(UInt8(ascii: ">"))
    }

    /// Escaped text.
    mutating func text(_ content: String) {
        HTMLEscaping.append(content, to: &bytes)
    }

    /// An element holding only text.
    mutating func element(_ name: String, _ attributes: [(String, String)] = [], _ content: String) {
        open(name, attributes)
        text(content)
        close(name)
    }

    /// Markup that is already well formed and escaped, such as a chart's SVG.
    mutating func markup(_ content: [UInt8]) {
        bytes.append(contentsOf: content)
    }

    /// A line break between block elements, so the source reads as well as the page.
    mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
    }
}
