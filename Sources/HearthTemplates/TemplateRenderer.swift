/// How the source lines being rendered are re-indented: partials and parents included from a standalone
/// line get that line's indentation added; blocks filled from a child template lose the indentation they were
/// written with and gain the indentation of the place they fill. Only template text is re-indented, never
/// interpolated values, so inserted HTML (say a `<pre>`) keeps its own whitespace.
struct LineIndentation {
    /// Leading whitespace to take off each line (as much of it as the line has).
    var removing: [UInt8]
    /// Whitespace to put in front of each line.
    var adding: [UInt8]

    /// What a line that starts with `leading` starts with once re-indented.
    func reindent(_ leading: [UInt8]) -> [UInt8] {
        adding + leading.dropFirst(Self.sharedPrefixLength(leading[...], removing))
    }

    static func sharedPrefixLength(_ line: ArraySlice<UInt8>, _ prefix: [UInt8]) -> Int {
        var length = 0
        while length < prefix.count, line.startIndex + length < line.endIndex,
              line[line.startIndex + length] == prefix[length] { length += 1 }
        return length
    }
}

/// Renders template nodes against a context stack into a byte buffer.
struct TemplateRenderer {
    private let library: TemplateLibrary
    private var context: ContextStack
    var output: [UInt8]
    /// Blocks supplied by each parent tag being rendered, outermost first; the outermost supplier of a block wins.
    private var overrides: [[String: BlockNode]] = []
    /// Re-indentation for the lines being rendered; nil (the common case) leaves text untouched.
    private var indentation: LineIndentation?
    /// Names of the partials and parents being rendered, for the recursion limit and its message.
    private var includes: [String] = []
    /// Replacements being rendered, by `overrides` level and block name: a block inside its own replacement
    /// must not pick that replacement again, or rendering would never end.
    private var activeReplacements: [(level: Int, name: String)] = []

    init(library: TemplateLibrary, context: TemplateValue, output: [UInt8]) {
        self.library = library
        self.context = ContextStack(context)
        self.output = output
    }

    mutating func render(_ nodes: [TemplateNode]) throws {
        for node in nodes {
            switch node {
            case .text(let run):
                if let indentation, !run.lineStarts.isEmpty {
                    appendText(run, reindentedBy: indentation)
                } else {
                    output.append(contentsOf: run.bytes)
                }
            case .lineStart:
                if let indentation { output.append(contentsOf: indentation.adding) }
            case .variable(let name, let escaped):
                append(context.resolve(name), escaped: escaped)
            case .section(let section):
                try render(section)
            case .partial(let include):
                try render(include, overrides: nil)
            case .parent(let parent):
                try render(parent.include, overrides: parent.overrides)
            case .block(let block):
                try render(block)
            }
        }
    }

    private mutating func render(_ section: SectionNode) throws {
        let value = context.resolve(section.name)
        if section.isInverted {
            if !value.isTruthy { try render(section.children) }
        } else if case .array(let items) = value {
            for item in items {
                context.push(item)
                try render(section.children)
                context.pop()
            }
        } else if value.isTruthy {
            context.push(value)
            try render(section.children)
            context.pop()
        }
    }

    /// Renders another template in place; missing templates render as nothing, as the spec asks.
    private mutating func render(_ include: IncludeNode, overrides blocks: [String: BlockNode]?) throws {
        guard let template = library[include.name] else { return }
        guard includes.count < TemplateLibrary.maximumDepth else { throw tooDeep(at: include) }
        let outerIndentation = indentation
        // An inline include is not re-indented at all; a standalone one gets its line's indentation as rendered here.
        if let own = include.indentation {
            indentation = reindentation(adding: reindented(own))
        } else {
            indentation = nil
        }
        includes.append(include.name)
        if let blocks { overrides.append(blocks) }
        defer {
            indentation = outerIndentation
            includes.removeLast()
            if blocks != nil { overrides.removeLast() }
        }
        try render(template.nodes)
    }

    /// Renders the outermost replacement for a block, or its own content if nothing replaces it.
    private mutating func render(_ block: BlockNode) throws {
        guard let (level, replacement) = replacement(for: block.name) else {
            return try render(block.children)
        }
        let outerIndentation = indentation
        let placeIndentation = reindented(block.indentation)
        indentation = reindentation(removing: replacement.indentation, adding: placeIndentation)
        activeReplacements.append((level, block.name))
        defer {
            indentation = outerIndentation
            activeReplacements.removeLast()
        }
        // A standalone block's indentation belongs in front of the replacement even if that starts mid-line.
        if block.isStandalone, !replacement.beginsAtLineStart, !replacement.children.isEmpty {
            output.append(contentsOf: placeIndentation)
        }
        try render(replacement.children)
    }

    /// The outermost replacement for a block, skipping any being rendered already.
    private func replacement(for name: String) -> (level: Int, block: BlockNode)? {
        for (level, blocks) in overrides.enumerated() {
            guard let block = blocks[name] else { continue }
            if activeReplacements.contains(where: { $0.level == level && $0.name == name }) { continue }
            return (level, block)
        }
        return nil
    }

    // MARK: Indentation

    /// Whitespace written in the template being rendered, as it comes out after the current re-indentation.
    private func reindented(_ whitespace: [UInt8]) -> [UInt8] {
        indentation?.reindent(whitespace) ?? whitespace
    }

    private func reindentation(removing: [UInt8] = [], adding: [UInt8]) -> LineIndentation? {
        removing.isEmpty && adding.isEmpty ? nil : LineIndentation(removing: removing, adding: adding)
    }

    private mutating func appendText(_ run: TextRun, reindentedBy indentation: LineIndentation) {
        var copied = 0
        for lineStart in run.lineStarts {
            output.append(contentsOf: run.bytes[copied..<lineStart])
            output.append(contentsOf: indentation.adding)
            copied = lineStart + LineIndentation.sharedPrefixLength(run.bytes[lineStart...], indentation.removing)
        }
        output.append(contentsOf: run.bytes[copied...])
    }

    // MARK: Values

    private mutating func append(_ value: TemplateValue, escaped: Bool) {
        switch value {
        case .string(let text):
            if escaped { output.appendHTMLEscaped(text) } else { output.appendRaw(text) }
        case .int(let number):
            output.appendDecimal(number)
        case .double(let number):
            output.appendNumber(number)
        case .bool(let flag):
            output.appendRaw(flag ? "true" : "false")
        case .array, .object, .null:
            // Lists and objects have no text form in Mustache; they are for sections.
            break
        }
    }

    private func tooDeep(at include: IncludeNode) -> TemplateError {
        let chain = (includes.suffix(4) + [include.name]).map { "'\($0)'" }.joined(separator: " → ")
        return TemplateError(.tooDeep, template: include.origin.template, line: include.origin.line, column: include.origin.column,
                             message: "partials and parents are nested more than \(TemplateLibrary.maximumDepth) deep (… → \(chain)); "
                                + "a template probably includes itself, directly or through another, without a section that ends it")
    }
}
