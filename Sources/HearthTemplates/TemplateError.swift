/// A problem with a template: which template, where in it, and what to do about it.
public struct TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, for code that reacts to particular mistakes.
    public enum Kind: Sendable, Hashable {
        /// A tag's opening delimiter has no closing delimiter.
        case unclosedTag
        /// A section, inverted section, parent or block is never closed.
        case unclosedSection
        /// A closing tag names a different section from the one that is open.
        case mismatchedSectionEnd
        /// A closing tag with no section open.
        case unopenedSectionEnd
        /// A `{{=…=}}` tag that isn't two delimiters separated by whitespace.
        case badDelimiters
        /// A tag whose name is empty, contains whitespace, or has an empty dotted part.
        case badName
        /// Rendering asked for a template the library doesn't have.
        case missingTemplate
        /// Partials or parents nested deeper than `TemplateLibrary.maximumDepth`.
        case tooDeep
    }

    /// What went wrong.
    public var kind: Kind
    /// The name of the template the problem is in.
    public var template: String
    /// 1-based line of the offending tag; 0 when the problem has no place in a template.
    public var line: Int
    /// 1-based column (in characters) of the offending tag; 0 when `line` is 0.
    public var column: Int
    /// Plain-English explanation and fix.
    public var message: String

    /// Creates an error; `line` and `column` are 1-based, or 0 for "no position".
    public init(_ kind: Kind, template: String, line: Int, column: Int, message: String) {
        self.kind = kind
        self.template = template
        self.line = line
        self.column = column
        self.message = message
    }

    /// Compiler style, `page.mustache:3:5: error: …`, so editors and terminals can jump to the tag.
    /// Template names are theme file names without their `.mustache` extension, so it is added back here.
    public var description: String {
        line > 0
            ? "\(template).mustache:\(line):\(column): error: \(message)"
            : "\(template).mustache: error: \(message)"
    }
}

/// Line and column of a byte offset, for errors and for include tags' origins.
struct LineIndex {
    /// Start offset of every line, so many lookups in one template stay cheap.
    private let lineStarts: [Int]
    private let source: [UInt8]

    init(_ source: [UInt8]) {
        self.source = source
        var starts = [0]
        for (offset, byte) in source.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        lineStarts = starts
    }

    /// 1-based line and column; the column counts characters (Unicode scalars), not bytes.
    func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let column = source[lineStarts[low]..<min(offset, source.count)].reduce(1) { count, byte in
            byte & 0xC0 == 0x80 ? count : count + 1
        }
        return (low + 1, column)
    }
}
