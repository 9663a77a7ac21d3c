/// Turns template source into `TemplateNode`s: tokenize, apply the spec's standalone-line rules, build the tree.
struct TemplateParser {
    private let source: [UInt8]
    private let templateName: String
    private var tokens: [TemplateToken]
    private let positions: LineIndex

    static func parse(_ source: String, name: String) throws -> [TemplateNode] {
        let bytes = Array(source.utf8)
        var tokenizer = TemplateTokenizer(source: bytes, templateName: name)
        var parser = TemplateParser(source: bytes, templateName: name, tokens: try tokenizer.tokenize())
        parser.markLines()
        var index = 0
        return parser.nodes(from: &index)
    }

    private init(source: [UInt8], templateName: String, tokens: [TemplateToken]) {
        self.source = source
        self.templateName = templateName
        self.tokens = tokens
        self.positions = LineIndex(source)
    }

    // MARK: Standalone lines

    /// Walks the template a source line at a time (a line ends with a text token ending in a newline).
    private mutating func markLines() {
        var first = 0
        for index in tokens.indices {
            let token = tokens[index]
            let endsLine = token.kind == .text && source[token.end - 1] == UInt8(ascii: "\n")
            if endsLine || index == tokens.count - 1 {
                markLine(first...index)
                first = index + 1
            }
        }
    }

    /// A line holding one non-interpolation tag and whitespace is "standalone": its whitespace and line
    /// ending are dropped, the whitespace becoming the tag's indentation. Inheritance adds lines that hold only
    /// parent and block tags (`{{<parent}}{{/parent}}`, `{{/block}}{{/parent}}`). Every other line is kept and
    /// its first token marked as a line start, where partial and block indentation goes.
    private mutating func markLine(_ line: ClosedRange<Int>) {
        guard let tags = standaloneTags(in: line) else {
            tokens[line.lowerBound].startsLine = true
            return
        }
        // A whole empty block on one line (`  {{$b}}{{/b}}`) keeps its line ending: what fills it need not end in one.
        let keepsLineEnding = tags.count == 2 && tokens[tags[0]].kind == .block && tokens[tags[0]].partner == tags[1]
        let first = tokens[line.lowerBound]
        let indentation = first.kind == .text ? Array(source[first.start..<first.end]) : []
        for index in line {
            if tokens[index].kind == .text {
                tokens[index].isRemoved = !(keepsLineEnding && index > tags[1])
            } else {
                tokens[index].isStandalone = true
                tokens[index].lineIndentation = indentation
            }
        }
    }

    /// The tags of a standalone line, or nil if the line has content of its own.
    private func standaloneTags(in line: ClosedRange<Int>) -> [Int]? {
        var tags: [Int] = []
        for index in line {
            switch tokens[index].kind {
            case .text:
                guard isBlank(tokens[index]) else { return nil }
            case .variable, .unescaped:
                return nil
            default:
                tags.append(index)
            }
        }
        if tags.isEmpty || (tags.count > 1 && !tags.allSatisfy(isInheritanceTag)) { return nil }
        return tags
    }

    /// Spaces and tabs, optionally ending in `\n` or `\r\n`.
    private func isBlank(_ token: TemplateToken) -> Bool {
        var end = token.end
        if end > token.start, source[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        if end > token.start, source[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return source[token.start..<end].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    private func isInheritanceTag(_ index: Int) -> Bool {
        let token = tokens[index]
        switch token.kind {
        case .parent, .block: return true
        case .close: return tokens[token.partner].kind == .parent || tokens[token.partner].kind == .block
        default: return false
        }
    }

    // MARK: Tree

    /// Builds nodes from `index` up to the closing tag of the enclosing section (or the end), leaving `index` after it.
    private func nodes(from index: inout Int) -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        var text = TextRun()
        func flushText() {
            if !text.bytes.isEmpty || !text.lineStarts.isEmpty { nodes.append(.text(text)) }
            text = TextRun()
        }
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            if token.startsLine {
                if token.kind == .text || !text.bytes.isEmpty {
                    text.lineStarts.append(text.bytes.count)
                } else {
                    nodes.append(.lineStart)
                }
            }
            switch token.kind {
            case .text:
                if !token.isRemoved { text.bytes.append(contentsOf: source[token.start..<token.end]) }
                continue
            case .comment, .setDelimiters:
                continue
            case .close:
                flushText()
                return nodes
            default:
                flushText()
            }
            switch token.kind {
            case .variable, .unescaped:
                nodes.append(.variable(Self.variableName(token.name), escaped: token.kind == .variable))
            case .section, .inverted:
                let children = self.nodes(from: &index)
                nodes.append(.section(SectionNode(name: Self.variableName(token.name), isInverted: token.kind == .inverted, children: children)))
            case .partial:
                nodes.append(.partial(include(token)))
            case .parent:
                var overrides: [String: BlockNode] = [:]
                // Only blocks count inside a parent tag; other content is ignored, as the spec says.
                for case .block(let block) in self.nodes(from: &index) { overrides[block.name] = block }
                nodes.append(.parent(ParentNode(include: include(token), overrides: overrides)))
            case .block:
                let children = self.nodes(from: &index)
                nodes.append(.block(block(token, children: children)))
            case .text, .comment, .setDelimiters, .close:
                break
            }
        }
        flushText()
        return nodes
    }

    private func include(_ token: TemplateToken) -> IncludeNode {
        let position = positions.lineAndColumn(of: token.start)
        return IncludeNode(name: token.name, indentation: token.isStandalone ? token.lineIndentation : nil,
                           origin: TagOrigin(template: templateName, line: position.line, column: position.column))
    }

    private func block(_ token: TemplateToken, children: [TemplateNode]) -> BlockNode {
        let beginsAtLineStart: Bool
        switch children.first {
        case .lineStart?: beginsAtLineStart = true
        case .text(let run)?: beginsAtLineStart = run.lineStarts.first == 0
        default: beginsAtLineStart = false
        }
        return BlockNode(name: token.name, children: children, indentation: blockIndentation(token),
                         isStandalone: token.isStandalone, beginsAtLineStart: beginsAtLineStart)
    }

    /// A standalone block is indented like its first content line (the spec's "intrinsic indentation"), or like
    /// its tag when it has no content; an inline block, like its tag if only whitespace precedes it on the line.
    private func blockIndentation(_ token: TemplateToken) -> [UInt8] {
        guard token.isStandalone else { return whitespaceBefore(token.start) }
        guard let lineEnd = source[token.end...].firstIndex(of: UInt8(ascii: "\n")) else { return token.lineIndentation }
        let contentStart = lineEnd + 1
        let close = tokens[token.partner]
        let leading = source[contentStart...].prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        if close.start < contentStart || leading.endIndex == close.start { return token.lineIndentation }
        return Array(leading)
    }

    /// The spaces and tabs between the start of the line and `offset`, or nothing if anything else is there.
    private func whitespaceBefore(_ offset: Int) -> [UInt8] {
        var start = offset
        while start > 0, source[start - 1] == UInt8(ascii: " ") || source[start - 1] == UInt8(ascii: "\t") { start -= 1 }
        guard start == 0 || source[start - 1] == UInt8(ascii: "\n") else { return [] }
        return Array(source[start..<offset])
    }

    private static func variableName(_ name: String) -> VariableName {
        VariableName(parts: name == "." ? [] : name.split(separator: ".").map(String.init))
    }
}
