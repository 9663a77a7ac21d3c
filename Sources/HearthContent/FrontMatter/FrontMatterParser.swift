/// A value in front matter: a piece of text, a list, or a nested map, with where it was written.
public indirect enum FrontMatterValue: Hashable, Sendable {
    case scalar(String, quoted: Bool, at: SourceLocation)
    case list([FrontMatterValue], at: SourceLocation)
    case map(FrontMatter)

    /// Where the value starts.
    public var location: SourceLocation {
        switch self {
        case .scalar(_, _, let at), .list(_, let at): return at
        case .map(let map): return map.location
        }
    }
}

/// An ordered map of front-matter keys, each with its value and the place the key was written.
public struct FrontMatter: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        public var key: String
        public var value: FrontMatterValue
        public var location: SourceLocation
    }

    public var entries: [Entry] = []
    public var location: SourceLocation
    /// True when the file has no usable front matter (none, or never closed). That is reported once, where it
    /// is found; keys it lacks as a result are not reported again.
    var isMissing = false

    public init(location: SourceLocation) {
        self.location = location
    }

    public subscript(key: String) -> FrontMatterValue? {
        entries.first { $0.key == key }?.value
    }
}

/// Parses Hearth's front matter: a small, strict subset of YAML that authors can't get subtly wrong.
///
/// Supported: `key: value` lines; nested maps by indenting with spaces; lists written
/// either as `- item` lines or inline as `[a, b]`; plain, `"double"` and `'single'` quoted
/// text; `#` comments. Everything else YAML allows — tabs for indentation, anchors,
/// aliases, tags, `|` and `>` blocks, `{…}` maps, repeated keys — is an error that names
/// the feature and says what to write instead, because a surprise in a course's settings
/// is worse than a clear refusal.
public struct FrontMatterParser {
    private struct Line {
        var number: Int
        var indent: Int
        var text: Substring
    }

    private let path: String
    private var lines: [Line] = []
    private var index = 0
    private var diagnostics = Diagnostics()

    /// Parses `text`, whose first line is line `firstLine` of the file at `path`.
    public static func parse(_ text: String, path: String, firstLine: Int = 1) -> (FrontMatter, Diagnostics) {
        var parser = FrontMatterParser(path: path)
        parser.split(text, firstLine: firstLine)
        let map = parser.parseMap(indent: 0, location: SourceLocation(path: path, line: firstLine))
        return (map, parser.diagnostics)
    }

    private init(path: String) {
        self.path = path
    }

    private mutating func split(_ text: String, firstLine: Int) {
        // Lines are found on UTF-8 bytes (a newline is always a character boundary), which is much
        // cheaper than walking Characters; every content file's settings pass through here.
        let utf8 = text.utf8
        var lineStart = utf8.startIndex
        var number = firstLine
        while lineStart <= utf8.endIndex {
            let lineEnd = utf8[lineStart...].firstIndex(of: 0x0A) ?? utf8.endIndex
            var line = text[lineStart..<lineEnd]
            if line.utf8.last == 0x0D { line = line.dropLast() }
            var indentEnd = line.utf8.startIndex
            var hasTab = false
            while indentEnd < line.utf8.endIndex, line.utf8[indentEnd] == 0x20 || line.utf8[indentEnd] == 0x09 {
                if line.utf8[indentEnd] == 0x09 { hasTab = true }
                indentEnd = line.utf8.index(after: indentEnd)
            }
            if hasTab {
                error("indent with spaces, not tabs: front matter uses spaces to show nesting", line: number, column: 1)
            } else {
                let content = stripComment(line[indentEnd...])
                if !content.utf8.allSatisfy({ $0 == 0x20 }) {
                    lines.append(Line(number: number, indent: line.utf8.distance(from: line.utf8.startIndex, to: indentEnd), text: content))
                }
            }
            guard lineEnd < utf8.endIndex else { break }
            lineStart = utf8.index(after: lineEnd)
            number += 1
        }
    }

    /// Removes a `#` comment that starts the line or follows a space, outside quotes.
    private func stripComment(_ text: Substring) -> Substring {
        let bytes = text.utf8
        var quote: UInt8 = 0
        var previous: UInt8 = 0x20
        var end = bytes.endIndex
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let c = bytes[i]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == 0x22 || c == 0x27 {
                // A quote opens only where a value can start: after a space, ':', '[', ',' or '-'.
                if previous == 0x20 || previous == 0x3A || previous == 0x5B || previous == 0x2C || previous == 0x2D { quote = c }
            } else if c == 0x23, previous == 0x20 {
                end = i
                break
            }
            previous = c
            i = bytes.index(after: i)
        }
        var trimmed = text[..<end]
        while trimmed.utf8.last == 0x20 { trimmed = trimmed.dropLast() }
        return trimmed
    }

    private mutating func error(_ message: String, line: Int, column: Int) {
        diagnostics.error(message, at: SourceLocation(path: path, line: line, column: column))
    }

    private func location(_ line: Line, _ column: Int = 0) -> SourceLocation {
        SourceLocation(path: path, line: line.number, column: line.indent + column + 1)
    }

    // MARK: Maps and lists

    private mutating func parseMap(indent: Int, location: SourceLocation) -> FrontMatter {
        var map = FrontMatter(location: location)
        while index < lines.count {
            let line = lines[index]
            if line.indent < indent { break }
            if line.indent > indent {
                error("this line is indented more than the key above it expects; line up keys at the same depth with the same number of spaces",
                      line: line.number, column: line.indent + 1)
                index += 1
                continue
            }
            if line.text.hasPrefix("- ") || line.text == "-" {
                error("a list item needs a key above it, like 'measures:' on its own line followed by '- item' lines",
                      line: line.number, column: line.indent + 1)
                index += 1
                continue
            }
            guard let colon = keySeparator(in: line.text) else {
                error("expected 'key: value' here; a line of front matter is a key, a colon and a value",
                      line: line.number, column: line.indent + 1)
                index += 1
                continue
            }
            let key = String(line.text[..<colon])
            if !isValidKey(key) {
                error("'\(key)' is not a usable key: keys are letters, digits, '-' and '_'",
                      line: line.number, column: line.indent + 1)
            }
            if map[key] != nil {
                error("the key '\(key)' appears twice; keep one of them", line: line.number, column: line.indent + 1)
            }
            let rest = line.text[line.text.index(after: colon)...].drop { $0 == " " }
            let valueColumn = line.text.distance(from: line.text.startIndex, to: rest.startIndex)
            index += 1
            let value: FrontMatterValue
            if rest.isEmpty {
                value = parseNested(under: line, indent: indent)
            } else {
                value = parseInline(rest, at: self.location(line, valueColumn))
            }
            map.entries.append(.init(key: key, value: value, location: self.location(line)))
        }
        return map
    }

    /// The block under a `key:` line with nothing after the colon: a list, a map, or (if nothing is indented) empty text.
    private mutating func parseNested(under line: Line, indent: Int) -> FrontMatterValue {
        guard index < lines.count else { return .scalar("", quoted: false, at: location(line)) }
        let next = lines[index]
        let isListItem = next.text.hasPrefix("- ") || next.text == "-"
        // YAML lets a list sit at the same indent as its key; allow that, nothing else at that depth.
        if isListItem, next.indent >= indent {
            return parseList(indent: next.indent, location: location(next))
        }
        if next.indent > indent {
            return .map(parseMap(indent: next.indent, location: location(next)))
        }
        return .scalar("", quoted: false, at: location(line))
    }

    private mutating func parseList(indent: Int, location: SourceLocation) -> FrontMatterValue {
        var items: [FrontMatterValue] = []
        while index < lines.count {
            let line = lines[index]
            guard line.indent == indent, line.text.hasPrefix("- ") || line.text == "-" else {
                if line.indent > indent {
                    error("this line is indented more than the list item above it expects",
                          line: line.number, column: line.indent + 1)
                    index += 1
                    continue
                }
                break
            }
            let rest = line.text.dropFirst(1).drop { $0 == " " }
            let itemColumn = line.text.distance(from: line.text.startIndex, to: rest.startIndex)
            if rest.isEmpty {
                error("this list item is empty; write the item after '- '", line: line.number, column: line.indent + 1)
                index += 1
            } else if keySeparator(in: rest) != nil, !(rest.first == "\"" || rest.first == "'" || rest.first == "[") {
                // `- key: value` starts a map whose other keys line up under `key`.
                lines[index] = Line(number: line.number, indent: line.indent + itemColumn, text: rest)
                items.append(.map(parseMap(indent: line.indent + itemColumn, location: self.location(line, itemColumn))))
            } else {
                index += 1
                items.append(parseInline(rest, at: self.location(line, itemColumn)))
            }
        }
        return .list(items, at: location)
    }

    // MARK: Values on one line

    private mutating func parseInline(_ text: Substring, at location: SourceLocation) -> FrontMatterValue {
        guard let first = text.first else { return .scalar("", quoted: false, at: location) }
        switch first {
        case "[":
            return parseFlowList(text, at: location)
        case "\"", "'":
            let (value, rest) = parseQuoted(text, at: location)
            if !rest.allSatisfy({ $0 == " " }) {
                report("text after the closing quote; put everything inside the quotes", at: location)
            }
            return .scalar(value, quoted: true, at: location)
        case "{":
            report("'{…}' maps are not supported in front matter; write each key on its own indented line", at: location)
        case "&", "*":
            report("YAML anchors and aliases ('&name', '*name') are not supported; write the value out in full", at: location)
        case "!":
            report("YAML tags ('!tag') are not supported; write the plain value", at: location)
        case "|", ">":
            report("'\(first)' block text is not supported in front matter; keep the value on one line, or put long text in the Markdown body", at: location)
        case "@", "`":
            report("a value cannot start with '\(first)'; put it in double quotes", at: location)
        default:
            if text.hasPrefix("- ") {
                report("a list cannot start on the same line as its key; put each '- item' on its own line below, or write [a, b]", at: location)
            } else if keySeparator(in: text) != nil {
                report("a value cannot contain ': ' unless it is quoted; put it in double quotes", at: location)
            }
        }
        return .scalar(String(text), quoted: false, at: location)
    }

    private mutating func parseFlowList(_ text: Substring, at location: SourceLocation) -> FrontMatterValue {
        var items: [FrontMatterValue] = []
        var rest = text.dropFirst()
        while true {
            rest = rest.drop { $0 == " " }
            if rest.first == "]" { rest = rest.dropFirst(); break }
            if rest.isEmpty {
                report("this list has no closing ']'", at: location)
                return .list(items, at: location)
            }
            let column = location.column + text.distance(from: text.startIndex, to: rest.startIndex)
            let itemLocation = SourceLocation(path: path, line: location.line, column: column)
            if rest.first == "\"" || rest.first == "'" {
                let (value, after) = parseQuoted(rest, at: itemLocation)
                items.append(.scalar(value, quoted: true, at: itemLocation))
                rest = after.drop { $0 == " " }
            } else {
                let end = rest.firstIndex { $0 == "," || $0 == "]" } ?? rest.endIndex
                var item = rest[..<end]
                while item.last == " " { item = item.dropLast() }
                if item.isEmpty || item.contains("[") || item.contains("{") {
                    report("each item of an inline list is plain or quoted text; lists inside lists are not supported", at: itemLocation)
                }
                items.append(.scalar(String(item), quoted: false, at: itemLocation))
                rest = rest[end...]
            }
            if rest.first == "," { rest = rest.dropFirst(); continue }
            if rest.first == "]" { rest = rest.dropFirst(); break }
            report(rest.isEmpty ? "this list has no closing ']'" : "expected ',' or ']' in this list", at: location)
            return .list(items, at: location)
        }
        if !rest.allSatisfy({ $0 == " " }) {
            report("text after the closing ']'; put it inside the list", at: location)
        }
        return .list(items, at: location)
    }

    /// A quoted string and what follows it. Double quotes take `\"`, `\\`, `\n`, `\t` and `\u{…}`-free `\uXXXX`; single quotes take `''`.
    private mutating func parseQuoted(_ text: Substring, at location: SourceLocation) -> (String, Substring) {
        let quote = text.first!
        var value = ""
        var i = text.index(after: text.startIndex)
        while i < text.endIndex {
            let c = text[i]
            if c == quote {
                let next = text.index(after: i)
                if quote == "'", next < text.endIndex, text[next] == "'" {
                    value.append("'")
                    i = text.index(after: next)
                    continue
                }
                return (value, text[next...])
            }
            if quote == "\"", c == "\\" {
                let next = text.index(after: i)
                guard next < text.endIndex else { break }
                switch text[next] {
                case "\"": value.append("\"")
                case "\\": value.append("\\")
                case "n": value.append("\n")
                case "t": value.append("\t")
                case "u":
                    let hexStart = text.index(after: next)
                    let hexEnd = text.index(hexStart, offsetBy: 4, limitedBy: text.endIndex) ?? text.endIndex
                    if let code = UInt32(text[hexStart..<hexEnd], radix: 16), let scalar = Unicode.Scalar(code), text.distance(from: hexStart, to: hexEnd) == 4 {
                        value.unicodeScalars.append(scalar)
                        i = hexEnd
                        continue
                    }
                    report("'\\u' must be followed by four hexadecimal digits", at: location)
                default:
                    report("unknown escape '\\\(text[next])' in quoted text; write '\\\\' for a backslash", at: location)
                }
                i = text.index(after: next)
                continue
            }
            value.append(c)
            i = text.index(after: i)
        }
        report("this quoted text has no closing \(quote); quoted text must end on the same line", at: location)
        return (value, text[text.endIndex...])
    }

    private mutating func report(_ message: String, at location: SourceLocation) {
        diagnostics.error(message, at: location)
    }

    /// The index of the `:` that ends a key: followed by a space or the end of the line, outside quotes.
    private func keySeparator(in text: Substring) -> Substring.Index? {
        if text.first == "\"" || text.first == "'" || text.first == "[" { return nil }
        var i = text.startIndex
        while i < text.endIndex {
            if text[i] == ":" {
                let next = text.index(after: i)
                if next == text.endIndex || text[next] == " " { return i }
            }
            i = text.index(after: i)
        }
        return nil
    }

    private func isValidKey(_ key: String) -> Bool {
        !key.isEmpty && key.unicodeScalars.allSatisfy { ($0.properties.isAlphabetic && $0.isASCII) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }
}
