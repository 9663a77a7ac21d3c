/// One piece of a parsed template. Standalone lines are already removed, so rendering is a plain walk.
enum TemplateNode: Sendable {
    /// Literal bytes to copy.
    case text(TextRun)
    /// A source line that begins with a tag: the place a partial's indentation goes.
    case lineStart
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{&name}}` (not escaped).
    case variable(VariableName, escaped: Bool)
    /// `{{#name}}…{{/name}}` or `{{^name}}…{{/name}}`.
    case section(SectionNode)
    /// `{{>name}}`.
    case partial(IncludeNode)
    /// `{{<name}}…{{/name}}`: another template, with some of its blocks replaced.
    case parent(ParentNode)
    /// `{{$name}}default{{/name}}`: a place a child template may fill.
    case block(BlockNode)
}

/// Literal template text, and where its source lines begin (for indenting partials and blocks).
struct TextRun: Sendable {
    var bytes: [UInt8] = []
    /// Offsets into `bytes` where a source line starts; may equal `bytes.count` when a tag starts the next line.
    var lineStarts: [Int] = []
}

/// A tag's name split on dots once at parse time; no parts means `.`, the top of the context stack.
struct VariableName: Sendable {
    var parts: [String]
}

struct SectionNode: Sendable {
    var name: VariableName
    var isInverted: Bool
    var children: [TemplateNode]
}

/// Where an include tag was written, for reporting runaway recursion.
struct TagOrigin: Sendable {
    var template: String
    var line: Int
    var column: Int
}

/// A partial tag, or the template-including half of a parent tag.
struct IncludeNode: Sendable {
    var name: String
    /// The whitespace before a standalone tag, added to every line of the included template; nil when inline.
    var indentation: [UInt8]?
    var origin: TagOrigin
}

/// A parent tag and the blocks it fills in.
struct ParentNode: Sendable {
    var include: IncludeNode
    var overrides: [String: BlockNode]
}

struct BlockNode: Sendable {
    var name: String
    var children: [TemplateNode]
    /// The block's own indentation. Where it is filled in, this is added to each line of the replacement;
    /// where it is defined (inside a parent tag), this is removed from each line of its content.
    var indentation: [UInt8]
    /// Whether the opening tag stood alone on its line, so its whitespace is indentation rather than text.
    var isStandalone: Bool
    /// Whether the content begins at the start of a source line (and so already carries a line start).
    var beginsAtLineStart: Bool
}
