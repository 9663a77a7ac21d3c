import HearthText

/// A stretch of text or one tag, with what the standalone-line pass later learns about it.
struct TemplateToken {
    enum Kind {
        case text, variable, unescaped, section, inverted, close, partial, comment, setDelimiters, parent, block

        /// Tags that open something `{{/name}}` must close.
        var opensSection: Bool { self == .section || self == .inverted || self == .parent || self == .block }

        /// What an opening tag is called in messages.
        var sectionWord: String {
            switch self {
            case .inverted: return "inverted section"
            case .parent: return "parent"
            case .block: return "block"
            default: return "section"
            }
        }
    }

    var kind: Kind
    /// Byte range in the source: the whole tag including delimiters, or the text (which ends at a newline, if any).
    var start: Int
    var end: Int
    /// The trimmed tag content; empty for text, comments and delimiter changes.
    var name = ""
    /// For opening tags the index of their closing tag, and the reverse; -1 otherwise.
    var partner = -1

    // Set by the standalone-line pass.
    /// Text dropped because its line held only standalone tags.
    var isRemoved = false
    /// The first token of a kept source line.
    var startsLine = false
    /// A tag alone on its line (with whitespace only around it).
    var isStandalone = false
    /// The whitespace before a standalone tag on its line.
    var lineIndentation: [UInt8] = []
}

/// Splits template bytes into text and tags, following delimiter changes and checking that sections nest.
struct TemplateTokenizer {
    private let source: [UInt8]
    private let templateName: String
    private var opening: [UInt8] = [UInt8(ascii: "{"), UInt8(ascii: "{")]
    private var closing: [UInt8] = [UInt8(ascii: "}"), UInt8(ascii: "}")]
    private var tokens: [TemplateToken] = []
    /// Indices of opening tags not yet closed, innermost last.
    private var openSections: [Int] = []

    init(source: [UInt8], templateName: String) {
        self.source = source
        self.templateName = templateName
    }

    mutating func tokenize() throws -> [TemplateToken] {
        var textStart = 0
        while let tagStart = find(opening, from: textStart) {
            appendText(from: textStart, to: tagStart)
            textStart = try readTag(at: tagStart)
        }
        appendText(from: textStart, to: source.count)
        if let innermost = openSections.last {
            let token = tokens[innermost]
            throw error(.unclosedSection, at: token.start,
                        "the \(token.kind.sectionWord) '\(token.name)' is never closed; add \(tag("/" + token.name))")
        }
        return tokens
    }

    /// Text is split after every newline so the standalone pass can work line by line.
    private mutating func appendText(from start: Int, to end: Int) {
        var lineStart = start
        var offset = start
        while offset < end {
            if source[offset] == UInt8(ascii: "\n") {
                tokens.append(TemplateToken(kind: .text, start: lineStart, end: offset + 1))
                lineStart = offset + 1
            }
            offset += 1
        }
        if lineStart < end { tokens.append(TemplateToken(kind: .text, start: lineStart, end: end)) }
    }

    /// Reads the tag whose opening delimiter is at `tagStart`; returns the offset just after it.
    private mutating func readTag(at tagStart: Int) throws -> Int {
        let afterOpening = tagStart + opening.count
        var kind = TemplateToken.Kind.variable
        var closer = closing
        if afterOpening < source.count {
            switch source[afterOpening] {
            case UInt8(ascii: "#"): kind = .section
            case UInt8(ascii: "^"): kind = .inverted
            case UInt8(ascii: "/"): kind = .close
            case UInt8(ascii: ">"): kind = .partial
            case UInt8(ascii: "<"): kind = .parent
            case UInt8(ascii: "$"): kind = .block
            case UInt8(ascii: "!"): kind = .comment
            case UInt8(ascii: "&"): kind = .unescaped
            case UInt8(ascii: "="): kind = .setDelimiters; closer = [UInt8(ascii: "=")] + closing
            case UInt8(ascii: "{"): kind = .unescaped; closer = [UInt8(ascii: "}")] + closing
            default: break
            }
        }
        let bodyStart = kind == .variable ? afterOpening : afterOpening + 1
        guard let bodyEnd = find(closer, from: bodyStart) else {
            throw unclosedTag(at: tagStart, closer: closer)
        }
        let body = source[bodyStart..<bodyEnd]
        // A name running into the next tag means this tag's closing delimiter was left out.
        if kind != .comment, kind != .setDelimiters, contains(opening, in: body) {
            throw unclosedTag(at: tagStart, closer: closer)
        }
        var token = TemplateToken(kind: kind, start: tagStart, end: bodyEnd + closer.count)
        switch kind {
        case .comment:
            break
        case .setDelimiters:
            try changeDelimiters(body, at: tagStart)
        default:
            token.name = try name(in: body, kind: kind, at: tagStart)
        }
        if kind.opensSection {
            openSections.append(tokens.count)
        } else if kind == .close {
            try close(&token)
        }
        tokens.append(token)
        return token.end
    }

    /// Pairs a closing tag with the innermost open section, which must have the same name.
    private mutating func close(_ token: inout TemplateToken) throws {
        guard let opener = openSections.popLast() else {
            throw error(.unopenedSectionEnd, at: token.start,
                        "'\(tag("/" + token.name))' closes a section that was never opened; remove it or add '\(tag("#" + token.name))' before it")
        }
        let open = tokens[opener]
        guard open.name == token.name else {
            let position = LineIndex(source).lineAndColumn(of: open.start)
            throw error(.mismatchedSectionEnd, at: token.start,
                        "'\(tag("/" + token.name))' does not match the open \(open.kind.sectionWord) '\(open.name)' (line \(position.line), column \(position.column)); close it with '\(tag("/" + open.name))' first")
        }
        tokens[opener].partner = tokens.count
        token.partner = opener
    }

    /// The trimmed tag content, checked against the spec's rule that names are non-empty and contain no whitespace.
    private func name(in body: ArraySlice<UInt8>, kind: TemplateToken.Kind, at tagStart: Int) throws -> String {
        let trimmed = body.drop(while: ASCII.isSpaceTabOrLineBreak).reversed().drop(while: ASCII.isSpaceTabOrLineBreak).reversed()
        let name = String(decoding: trimmed, as: UTF8.self)
        if name.isEmpty {
            throw error(.badName, at: tagStart, "this tag has no name; write one inside it, as in '\(tag("title"))'")
        }
        if trimmed.contains(where: ASCII.isSpaceTabOrLineBreak) {
            throw error(.badName, at: tagStart, "'\(name)' is not a valid name: names can't contain spaces; join the words or close the tag sooner")
        }
        // Closing tags need no check of their own: they must repeat an opening tag's name exactly.
        let isDotted = kind == .variable || kind == .unescaped || kind == .section || kind == .inverted
        if isDotted, name != ".", name.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty) {
            throw error(.badName, at: tagStart, "'\(name)' is not a valid name; a dotted name needs a name on both sides of every dot, as in 'page.title'")
        }
        return name
    }

    private mutating func changeDelimiters(_ body: ArraySlice<UInt8>, at tagStart: Int) throws {
        let parts = body.split(whereSeparator: ASCII.isSpaceTabOrLineBreak)
        guard parts.count == 2, !parts.contains(where: { $0.contains(UInt8(ascii: "=")) }) else {
            throw error(.badDelimiters, at: tagStart,
                        "a delimiter change needs two delimiters separated by a space and no '=' inside them, as in '\(tag("=<% %>="))'")
        }
        opening = Array(parts[0])
        closing = Array(parts[1])
    }

    // MARK: Helpers

    private func unclosedTag(at tagStart: Int, closer: [UInt8]) -> TemplateError {
        // Quote the start of the tag so the author can find it, cut at the line end.
        var end = tagStart
        while end < source.count, end - tagStart < 30, source[end] != UInt8(ascii: "\n") { end += 1 }
        let start = String(decoding: source[tagStart..<end], as: UTF8.self)
        return error(.unclosedTag, at: tagStart,
                     "the tag '\(start)' is never closed; add '\(String(decoding: closer, as: UTF8.self))' after its name")
    }

    private func error(_ kind: TemplateError.Kind, at offset: Int, _ message: String) -> TemplateError {
        let position = LineIndex(source).lineAndColumn(of: offset)
        return TemplateError(kind, template: templateName, line: position.line, column: position.column, message: message)
    }

    /// A tag written with the delimiters in force, for messages.
    private func tag(_ content: String) -> String {
        String(decoding: opening, as: UTF8.self) + content + String(decoding: closing, as: UTF8.self)
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first else { return nil }
        var offset = start
        let last = source.count - needle.count
        while offset <= last {
            if source[offset] == first, matches(needle, at: offset) { return offset }
            offset += 1
        }
        return nil
    }

    private func contains(_ needle: [UInt8], in slice: ArraySlice<UInt8>) -> Bool {
        guard !needle.isEmpty, slice.count >= needle.count else { return false }
        return (slice.startIndex...(slice.endIndex - needle.count)).contains { matches(needle, at: $0) }
    }

    private func matches(_ needle: [UInt8], at offset: Int) -> Bool {
        for index in needle.indices where source[offset + index] != needle[index] { return false }
        return true
    }
}
