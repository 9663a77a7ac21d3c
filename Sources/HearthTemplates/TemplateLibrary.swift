/// A set of named templates that can include each other as partials and parents, parsed once.
public struct TemplateLibrary: Sendable {
    /// Nested partials and parents deeper than this are a loop in the theme, reported rather than overflowing the stack.
    public static let maximumDepth = 64

    private var templates: [String: [TemplateNode]] = [:]
    private var sources: [String: String] = [:]
    /// Partials and parents included from a standalone line are re-parsed with that line's indentation on every line.
    private var indented: [IndentedKey: [TemplateNode]] = [:]

    private struct IndentedKey: Hashable {
        var name: String
        var indentation: String
    }

    /// Parses every template; throws the first `TemplateError` with its template, line and column.
    public init(templates: [String: String]) throws {
        sources = templates
        for (name, source) in templates.sorted(by: { $0.key < $1.key }) {
            self.templates[name] = try TemplateParser.parse(source, name: name)
        }
        // Find every indentation each partial is used with, including inside indented copies.
        var pending = self.templates.values.flatMap { Self.indentedUses(in: $0) }
        while let key = pending.popLast() {
            guard indented[key] == nil, let source = sources[key.name] else { continue }
            let nodes = try TemplateParser.parse(Self.indent(source, with: key.indentation), name: key.name)
            indented[key] = nodes
            pending += Self.indentedUses(in: nodes)
        }
    }

    /// Whether a template of this name exists.
    public func contains(_ name: String) -> Bool { templates[name] != nil }

    /// Renders the template `name` with `context` as the top of the context stack.
    public func render(_ name: String, _ context: TemplateValue) throws -> String {
        String(decoding: try renderBytes(name, context), as: UTF8.self)
    }

    /// Renders into UTF-8 bytes.
    public func renderBytes(_ name: String, _ context: TemplateValue) throws -> [UInt8] {
        guard let nodes = templates[name] else {
            throw TemplateError(template: name, line: 1, column: 1, message: "there is no template called '\(name)'")
        }
        var renderer = TemplateRenderer(library: self, stack: [context])
        try renderer.render(nodes, template: name)
        return renderer.output
    }

    func nodes(for name: String, indentation: String) -> [TemplateNode]? {
        indentation.isEmpty ? templates[name] : indented[IndentedKey(name: name, indentation: indentation)]
    }

    private static func indentedUses(in nodes: [TemplateNode]) -> [IndentedKey] {
        var keys: [IndentedKey] = []
        var stack = nodes
        while let node = stack.popLast() {
            switch node {
            case .partial(let name, let indentation) where !indentation.isEmpty:
                keys.append(IndentedKey(name: name, indentation: indentation))
            case .parent(let name, let indentation, let overrides):
                if !indentation.isEmpty { keys.append(IndentedKey(name: name, indentation: indentation)) }
                stack += overrides.values.flatMap(\.children)
            case .section(_, _, let children):
                stack += children
            case .block(let block):
                stack += block.children
            default:
                break
            }
        }
        return keys
    }

    /// Puts `indentation` at the start of every line of `source`.
    static func indent(_ source: String, with indentation: String) -> String {
        var result = ""
        var atLineStart = true
        for character in source {
            if atLineStart { result += indentation }
            result.append(character)
            atLineStart = character == "\n"
        }
        return result
    }
}

/// Renders template nodes against a context stack into a byte buffer.
struct TemplateRenderer {
    let library: TemplateLibrary
    var stack: [TemplateValue]
    var output: [UInt8] = []
    /// Block overrides in force, outermost first: the outermost definition of a block wins.
    var overrides: [[String: Block]] = []
    var depth = 0

    init(library: TemplateLibrary, stack: [TemplateValue]) {
        self.library = library
        self.stack = stack
        output.reserveCapacity(4096)
    }

    mutating func render(_ nodes: [TemplateNode], template: String) throws {
        for node in nodes {
            switch node {
            case .text(let bytes):
                output.append(contentsOf: bytes)
            case .variable(let path, let escaped):
                let value = lookup(path)
                if escaped { appendEscaped(value.text) } else { output.append(contentsOf: value.text.utf8) }
            case .section(let path, let inverted, let children):
                let value = lookup(path)
                if inverted {
                    if value.isFalsey { try render(children, template: template) }
                } else if case .array(let items) = value {
                    for item in items {
                        stack.append(item)
                        try render(children, template: template)
                        stack.removeLast()
                    }
                } else if !value.isFalsey {
                    stack.append(value)
                    try render(children, template: template)
                    stack.removeLast()
                }
            case .partial(let name, let indentation):
                guard let nodes = library.nodes(for: name, indentation: indentation) else { continue }
                try descend(template: template) { try $0.render(nodes, template: name) }
            case .parent(let name, let indentation, let blocks):
                guard let nodes = library.nodes(for: name, indentation: indentation) else { continue }
                overrides.append(blocks)
                defer { overrides.removeLast() }
                try descend(template: template) { try $0.render(nodes, template: name) }
            case .block(let site):
                try renderBlock(site, template: template)
            }
        }
    }

    private mutating func descend(template: String, _ body: (inout TemplateRenderer) throws -> Void) throws {
        depth += 1
        defer { depth -= 1 }
        guard depth <= TemplateLibrary.maximumDepth else {
            throw TemplateError(template: template, line: 1, column: 1,
                                message: "partials or parents include each other more than \(TemplateLibrary.maximumDepth) deep; look for a template that includes itself")
        }
        try body(&self)
    }

    /// Renders a block: the outermost override if any, else its default, re-indented for where it appears.
    private mutating func renderBlock(_ site: Block, template: String) throws {
        let content = overrides.lazy.compactMap { $0[site.name] }.first ?? site
        var inner = TemplateRenderer(library: library, stack: stack)
        inner.overrides = overrides
        inner.depth = depth
        try inner.render(content.children, template: template)
        var lines = Self.removingIndentation(content.contentIndentation, from: inner.output)
        if site.isStandalone {
            let indentation = site.contentIndentation.isEmpty ? site.tagIndentation : site.contentIndentation
            lines = Self.addingIndentation(indentation, to: lines, skipFirst: false)
        } else if !site.tagIndentation.isEmpty {
            lines = Self.addingIndentation(site.tagIndentation, to: lines, skipFirst: true)
        }
        output.append(contentsOf: lines)
    }

    private static func removingIndentation(_ indentation: String, from bytes: [UInt8]) -> [UInt8] {
        guard !indentation.isEmpty else { return bytes }
        let prefix = Array(indentation.utf8)
        var result: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if (i == 0 || bytes[i - 1] == 0x0A), bytes[i...].starts(with: prefix) { i += prefix.count; continue }
            result.append(bytes[i])
            i += 1
        }
        return result
    }

    private static func addingIndentation(_ indentation: String, to bytes: [UInt8], skipFirst: Bool) -> [UInt8] {
        guard !indentation.isEmpty else { return bytes }
        var result: [UInt8] = []
        for (i, byte) in bytes.enumerated() {
            let lineStart = i == 0 ? !skipFirst : bytes[i - 1] == 0x0A
            if lineStart { result.append(contentsOf: indentation.utf8) }
            result.append(byte)
        }
        return result
    }

    /// Looks a dotted name up the context stack: the first part anywhere, the rest inside what it found.
    private func lookup(_ path: [String]) -> TemplateValue {
        if path == ["."] { return stack.last ?? .null }
        var value: TemplateValue?
        for context in stack.reversed() {
            if let found = context[path[0]] {
                value = found
                break
            }
        }
        guard var current = value else { return .null }
        for part in path.dropFirst() {
            // `items.0` names the first item, so a template can test whether a list has any.
            if case .array(let items) = current, let index = Int(part) {
                guard items.indices.contains(index) else { return .null }
                current = items[index]
                continue
            }
            guard let next = current[part] else { return .null }
            current = next
        }
        return current
    }

    private mutating func appendEscaped(_ text: String) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): output.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): output.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): output.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): output.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): output.append(contentsOf: "&#39;".utf8)
            default: output.append(byte)
            }
        }
    }
}
