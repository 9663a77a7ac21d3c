/// A problem in a template, with where it is and what to do.
public struct TemplateError: Error, Hashable, Sendable, CustomStringConvertible {
    public var template: String
    public var line: Int
    public var column: Int
    public var message: String

    public var description: String { "\(template).mustache:\(line):\(column): error: \(message)" }
}

/// A parsed template: a tree of text, values, sections, partials, parents and blocks.
indirect enum TemplateNode: Sendable {
    case text([UInt8])
    /// A dotted name (`["a", "b"]`; `["."]` for the current item), HTML-escaped or not.
    case variable(path: [String], escaped: Bool)
    case section(path: [String], inverted: Bool, children: [TemplateNode])
    /// `{{> name}}`; `indentation` is set when the tag stood alone on its line.
    case partial(name: String, indentation: String)
    /// `{{< name}}…{{/name}}`: render `name` with these block overrides.
    case parent(name: String, indentation: String, overrides: [String: Block])
    /// `{{$ name}}default{{/name}}`.
    case block(Block)
}

/// A `{{$name}}` block: its content and how it was indented where it was written.
struct Block: Sendable {
    var name: String
    var children: [TemplateNode]
    /// Indentation of the block's first content line when its opening tag stood alone (removed before reuse).
    var contentIndentation: String
    /// Whitespace before the opening tag on its line (empty if anything else came first).
    var tagIndentation: String
    var isStandalone: Bool
}

/// Turns Mustache source into `TemplateNode`s, applying the spec's standalone-line rules.
struct TemplateParser {
    private enum TagKind: UInt8 {
        case variable, unescaped, section, inverted, close, partial, comment, delimiters, parent, block
    }

    private enum Token {
        case text(start: Int, end: Int)
        case tag(kind: TagKind, name: String, start: Int, end: Int)
    }

    private let source: [UInt8]
    private let name: String
    private var tokens: [Token] = []
    /// Indentation recorded for standalone tags, by token index.
    private var indentation: [Int: String] = [:]
    private var removed = Set<Int>()

    static func parse(_ source: String, name: String) throws -> [TemplateNode] {
        var parser = TemplateParser(source: Array(source.utf8), name: name)
        try parser.tokenize()
        parser.markStandaloneLines()
        var index = 0
        let nodes = try parser.build(&index, closing: nil)
        return nodes
    }

    private init(source: [UInt8], name: String) {
        self.source = source
        self.name = name
    }

    private func error(_ message: String, at offset: Int) -> TemplateError {
        var line = 1, column = 1
        for byte in source[..<min(offset, source.count)] {
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return TemplateError(template: name, line: line, column: column, message: message)
    }

    // MARK: Tokens

    private mutating func tokenize() throws {
        var open: [UInt8] = Array("{{".utf8), close: [UInt8] = Array("}}".utf8)
        var i = 0
        var textStart = 0
        func flushText(to end: Int) {
            // Text tokens end at each newline, so standalone lines can be judged token by token.
            var start = textStart
            var k = textStart
            while k < end {
                if source[k] == 0x0A {
                    tokens.append(.text(start: start, end: k + 1))
                    start = k + 1
                }
                k += 1
            }
            if start < end { tokens.append(.text(start: start, end: end)) }
        }
        while i < source.count {
            guard matches(open, at: i) else { i += 1; continue }
            flushText(to: i)
            let tagStart = i
            var j = i + open.count
            var kind = TagKind.variable
            var triple = false
            if j < source.count {
                switch source[j] {
                case UInt8(ascii: "#"): kind = .section
                case UInt8(ascii: "^"): kind = .inverted
                case UInt8(ascii: "/"): kind = .close
                case UInt8(ascii: ">"): kind = .partial
                case UInt8(ascii: "!"): kind = .comment
                case UInt8(ascii: "="): kind = .delimiters
                case UInt8(ascii: "&"): kind = .unescaped
                case UInt8(ascii: "<"): kind = .parent
                case UInt8(ascii: "$"): kind = .block
                case UInt8(ascii: "{"): kind = .unescaped; triple = true
                default: break
                }
                if kind != .variable { j += 1 }
            }
            // Find the closing delimiter (for `{{{x}}}`, a `}` then the delimiter).
            var end = j
            let closer = triple ? [UInt8(ascii: "}")] + close : (kind == .delimiters ? [UInt8(ascii: "=")] + close : close)
            while end < source.count, !matches(closer, at: end) { end += 1 }
            guard end < source.count else {
                throw error("this tag is never closed; add '\(String(decoding: close, as: UTF8.self))'", at: tagStart)
            }
            let body = String(decoding: source[j..<end], as: UTF8.self).trimmingCharacters(in: " \t\r\n")
            i = end + closer.count
            textStart = i
            if kind == .delimiters {
                let parts = body.split(whereSeparator: { $0 == " " || $0 == "\t" })
                guard parts.count == 2, !parts[0].contains("="), !parts[1].contains("=") else {
                    throw error("a delimiter change is written {{=<% %>=}}: two delimiters separated by a space", at: tagStart)
                }
                open = Array(parts[0].utf8)
                close = Array(parts[1].utf8)
            }
            if kind != .comment && kind != .delimiters && body.isEmpty {
                throw error("this tag has no name", at: tagStart)
            }
            tokens.append(.tag(kind: kind, name: body, start: tagStart, end: i))
        }
        flushText(to: source.count)
    }

    private func matches(_ bytes: [UInt8], at i: Int) -> Bool {
        guard i + bytes.count <= source.count else { return false }
        for k in 0..<bytes.count where source[i + k] != bytes[k] { return false }
        return true
    }

    // MARK: Standalone lines

    /// A line holding only whitespace and one section, comment, partial or delimiter tag — or only
    /// parent and block tags — is removed from the output, keeping its indentation for partials and blocks.
    private mutating func markStandaloneLines() {
        var lineStart = 0
        var index = 0
        while index <= tokens.count {
            let atLineEnd: Bool
            if index == tokens.count {
                atLineEnd = true
            } else if case .text(_, let end) = tokens[index], source[end - 1] == 0x0A {
                atLineEnd = true
            } else {
                atLineEnd = false
            }
            if atLineEnd {
                considerLine(from: lineStart, through: min(index, tokens.count - 1))
                lineStart = index + 1
            }
            index += 1
        }
    }

    private mutating func considerLine(from first: Int, through last: Int) {
        guard first <= last else { return }
        var tags: [Int] = []
        var leading = ""
        var sawTag = false
        for index in first...last {
            switch tokens[index] {
            case .text(let start, let end):
                let text = source[start..<end]
                let content = text.last == 0x0A ? text.dropLast() : text[...]
                let trimmed = content.last == 0x0D ? content.dropLast() : content
                guard trimmed.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { return }
                if !sawTag { leading += String(decoding: trimmed, as: UTF8.self) }
            case .tag(let kind, _, _, _):
                if kind == .variable || kind == .unescaped { return }
                tags.append(index)
                sawTag = true
            }
        }
        guard !tags.isEmpty else { return }
        if tags.count > 1 {
            // Several tags can share a standalone line only if they are all parent, block or closing tags.
            let inheritanceOnly = tags.allSatisfy { index in
                if case .tag(let kind, _, _, _) = tokens[index] { return kind == .parent || kind == .block || kind == .close }
                return false
            }
            let hasInheritance = tags.contains { index in
                if case .tag(let kind, _, _, _) = tokens[index] { return kind == .parent || kind == .block }
                return false
            } || isInsideInheritance(tags)
            guard inheritanceOnly, hasInheritance else { return }
        }
        // An empty block written on one line (`{{$b}}{{/b}}`) keeps its line ending: what fills it may not end in one.
        var emptyBlock = false
        if tags.count == 2, case .tag(.block, _, _, _) = tokens[tags[0]], tags[1] == tags[0] + 1 { emptyBlock = true }
        for index in first...last {
            if case .text = tokens[index], !(emptyBlock && index > tags[0]) { removed.insert(index) }
        }
        indentation[tags[0]] = leading
        for tag in tags { indentation[tag] = indentation[tag] ?? leading }
    }

    /// Whether closing tags on a line close parents or blocks (found by matching names backwards).
    private func isInsideInheritance(_ tags: [Int]) -> Bool {
        tags.allSatisfy { index in
            guard case .tag(.close, let name, _, _) = tokens[index] else { return false }
            var depth = 0
            var k = index - 1
            while k >= 0 {
                if case .tag(let kind, let other, _, _) = tokens[k] {
                    if kind == .close && other == name { depth += 1 }
                    if (kind == .section || kind == .inverted || kind == .parent || kind == .block) && other == name {
                        if depth == 0 { return kind == .parent || kind == .block }
                        depth -= 1
                    }
                }
                k -= 1
            }
            return false
        }
    }

    // MARK: Tree

    private mutating func build(_ index: inout Int, closing: (name: String, at: Int)?) throws -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        while index < tokens.count {
            let token = tokens[index]
            let tokenIndex = index
            index += 1
            switch token {
            case .text(let start, let end):
                if removed.contains(tokenIndex) { continue }
                if case .text(var bytes)? = nodes.last {
                    bytes.append(contentsOf: source[start..<end])
                    nodes[nodes.count - 1] = .text(bytes)
                } else {
                    nodes.append(.text(Array(source[start..<end])))
                }
            case .tag(let kind, let name, let start, _):
                switch kind {
                case .comment, .delimiters:
                    continue
                case .variable, .unescaped:
                    nodes.append(.variable(path: Self.path(name), escaped: kind == .variable))
                case .partial:
                    nodes.append(.partial(name: name, indentation: indentation[tokenIndex] ?? ""))
                case .section, .inverted:
                    let children = try build(&index, closing: (name, start))
                    nodes.append(.section(path: Self.path(name), inverted: kind == .inverted, children: children))
                case .block:
                    let standalone = indentation[tokenIndex] != nil
                    let children = try build(&index, closing: (name, start))
                    nodes.append(.block(Block(name: name, children: children,
                                              contentIndentation: standalone ? Self.firstLineIndentation(children) : "",
                                              tagIndentation: indentation[tokenIndex] ?? tagPrefix(before: start),
                                              isStandalone: standalone)))
                case .parent:
                    let children = try build(&index, closing: (name, start))
                    var overrides: [String: Block] = [:]
                    for child in children {
                        if case .block(let block) = child { overrides[block.name] = block }
                    }
                    nodes.append(.parent(name: name, indentation: indentation[tokenIndex] ?? "", overrides: overrides))
                case .close:
                    guard let closing else {
                        throw error("'{{/\(name)}}' closes a section that was never opened", at: start)
                    }
                    guard closing.name == name else {
                        throw error("'{{/\(name)}}' does not match the open section '\(closing.name)'; close that first", at: start)
                    }
                    return nodes
                }
            }
        }
        if let closing {
            throw error("the section '\(closing.name)' is never closed; add {{/\(closing.name)}}", at: closing.at)
        }
        return nodes
    }

    /// The whitespace between the start of a tag's line and the tag, or "" if anything else is there.
    private func tagPrefix(before offset: Int) -> String {
        var start = offset
        while start > 0, source[start - 1] == 0x20 || source[start - 1] == 0x09 { start -= 1 }
        guard start == 0 || source[start - 1] == 0x0A else { return "" }
        return String(decoding: source[start..<offset], as: UTF8.self)
    }

    private static func firstLineIndentation(_ nodes: [TemplateNode]) -> String {
        guard case .text(let bytes)? = nodes.first else { return "" }
        return String(decoding: bytes.prefix { $0 == 0x20 || $0 == 0x09 }, as: UTF8.self)
    }

    private static func path(_ name: String) -> [String] {
        name == "." ? ["."] : name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }
}

private extension String {
    func trimmingCharacters(in set: String) -> String {
        let drop = Set(set.unicodeScalars)
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, drop.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, drop.contains(last) { scalars.removeLast() }
        return String(scalars)
    }
}
