/// A place in the source text: 1-based line and 1-based column, counted in UTF-8 bytes.
public struct SourcePosition: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// The span of source a node came from; `end` is the position of its last byte (inclusive, as in cmark).
public struct SourceRange: Hashable, Sendable {
    public var start: SourcePosition
    public var end: SourcePosition

    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }
}

/// Whether a list is bulleted or numbered, and with which marker.
public enum ListMarker: Hashable, Sendable {
    /// `-`, `+` or `*`, kept as the byte that introduced the list.
    case bullet(UInt8)
    /// A number followed by `.` or `)`.
    case ordered(start: Int, delimiter: UInt8)
}

/// Column alignment in a table, from the delimiter row (`:--`, `:-:`, `--:`).
public enum TableAlignment: Hashable, Sendable {
    case none, left, center, right
}

/// What a node is, with the data that only that kind of node carries.
public enum NodeKind: Hashable, Sendable {
    // Blocks
    case document
    case blockQuote
    case list(marker: ListMarker, tight: Bool)
    case listItem
    /// Fenced (`info` may be empty) or indented code; `literal` keeps the final newline.
    case codeBlock(info: String, literal: String, fenced: Bool)
    case htmlBlock(String)
    case paragraph
    /// `id` is filled in only when the heading-ids extension is on.
    case heading(level: Int, id: String?)
    case thematicBreak
    /// A GitHub-style table; its first child row is the header.
    case table(alignments: [TableAlignment])
    case tableRow(isHeader: Bool)
    case tableCell

    // Inlines
    case text(String)
    case softBreak
    case lineBreak
    case code(String)
    case inlineHTML(String)
    case emphasis
    case strong
    case strikethrough
    /// `destination` is as written after unescaping and entity decoding (not yet percent-encoded).
    case link(destination: String, title: String)
    case image(destination: String, title: String)
}

/// Syntax beyond CommonMark that Hearth's content compiler turns on.
public struct MarkdownExtensions: OptionSet, Hashable, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// GitHub-style pipe tables.
    public static let tables = MarkdownExtensions(rawValue: 1 << 0)
    /// `~~struck~~` (and `~struck~`) text.
    public static let strikethrough = MarkdownExtensions(rawValue: 1 << 1)
    /// Bare `https://…`, `www.…` and e-mail addresses become links.
    public static let autolinks = MarkdownExtensions(rawValue: 1 << 2)
    /// Headings get stable, unique `id` attributes derived from their text.
    public static let headingIDs = MarkdownExtensions(rawValue: 1 << 3)

    /// Every extension: what `hearth build` uses.
    public static let all: MarkdownExtensions = [.tables, .strikethrough, .autolinks, .headingIDs]
}
