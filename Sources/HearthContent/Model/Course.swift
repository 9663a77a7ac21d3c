import HearthMarkdown

/// A course: an ordered set of modules for one audience, with the measures given before and after.
public struct Course: Hashable, Sendable {
    /// The folder name under `courses/`: lower case letters, digits and hyphens.
    public var id: String
    public var title: String
    public var summary: String
    public var audience: Audience
    /// Position on the home page; lower comes first, then title.
    public var order: Int
    public var language: String
    /// Measure ids given before the first module and after the last.
    public var measuresBefore: [String]
    public var measuresAfter: [String]
    /// How many days after the before-measures the after-measures are asked; at least the measures' recall period.
    public var afterDays: Int
    /// Days after the before-measures for an optional later follow-up; nil for none.
    public var followUpDays: Int?
    /// Training only: the fewest days before someone who starts the course again is asked its measures again.
    public var retakeAfterDays: Int?
    /// For training: the overall quiz score (0–100) needed to pass; nil for courses with no pass mark.
    public var passMark: Int?
    /// Whether passing earns a certificate a manager can verify.
    public var certificate: Bool
    /// Whether pages show the quick-exit button (on by default for parents' courses).
    public var quickExit: Bool
    /// The course page's own text.
    public var introduction: MarkdownText
    public var modules: [Module]
    public var location: SourceLocation
    /// Where the `measures:` setting was written, for errors about unknown measure ids.
    public var measuresLocation: SourceLocation

    public init(id: String, title: String, summary: String, audience: Audience, order: Int, language: String,
                measuresBefore: [String] = [], measuresAfter: [String] = [], passMark: Int? = nil,
                certificate: Bool = false, quickExit: Bool, introduction: MarkdownText, modules: [Module] = [],
                location: SourceLocation, afterDays: Int = Course.defaultAfterDays, followUpDays: Int? = nil,
                retakeAfterDays: Int? = nil) {
        self.id = id
        self.title = title
        self.summary = summary
        self.audience = audience
        self.order = order
        self.language = language
        self.measuresBefore = measuresBefore
        self.measuresAfter = measuresAfter
        self.afterDays = afterDays
        self.followUpDays = followUpDays
        self.retakeAfterDays = retakeAfterDays
        self.passMark = passMark
        self.certificate = certificate
        self.quickExit = quickExit
        self.introduction = introduction
        self.modules = modules
        self.location = location
        self.measuresLocation = location
    }

    /// Two weeks: PHQ-4 asks about the last 2 weeks, so an earlier after-measure would overlap the first.
    public static let defaultAfterDays = 14
    /// A training course's measures may be taken again a week after the last time, by default.
    public static let defaultRetakeAfterDays = 7
}

/// A module: a short piece of learning, split into pages a parent can read one at a time.
public struct Module: Hashable, Sendable {
    /// From the file name without its order prefix: `02-naming-feelings.md` is `naming-feelings`.
    public var id: String
    public var title: String
    public var summary: String
    /// Roughly how long the module takes, shown to the reader.
    public var minutes: Int?
    /// The number at the start of its file name, which orders modules in a course.
    public var order = 0
    public var language: String
    public var pages: [Page]
    public var location: SourceLocation

    public init(id: String, title: String, summary: String, minutes: Int?, language: String, pages: [Page], location: SourceLocation) {
        self.id = id
        self.title = title
        self.summary = summary
        self.minutes = minutes
        self.language = language
        self.pages = pages
        self.location = location
    }

    /// Every quiz on every page, in order.
    public var quizzes: [Quiz] {
        pages.flatMap { $0.parts.compactMap { if case .quiz(let q) = $0 { return q } else { return nil } } }
    }
}

/// One screen of a module.
public struct Page: Hashable, Sendable {
    /// The page's title: its first heading, or the module's title.
    public var title: String
    public var parts: [PagePart]
    public var location: SourceLocation

    public init(title: String, parts: [PagePart], location: SourceLocation) {
        self.title = title
        self.parts = parts
        self.location = location
    }
}

/// A piece of a page: prose, a highlighted callout, or a quiz.
public enum PagePart: Hashable, Sendable {
    case text(MarkdownText)
    case callout(kind: CalloutKind, title: String, body: MarkdownText)
    case quiz(Quiz)
}

/// What a callout box is for; the theme styles each differently.
public enum CalloutKind: String, Hashable, Sendable, CaseIterable {
    /// Something to try.
    case tip
    /// A point to remember.
    case note
    /// Safety information, e.g. where to get help now.
    case warning
    /// A moment to stop and think.
    case reflect
}

/// Markdown source with its parsed tree and where it came from.
public struct MarkdownText: Hashable, Sendable {
    public var source: String
    public var tree: SyntaxTree
    /// Where the text's first line is in its file.
    public var location: SourceLocation
    /// The top-level blocks of `tree` that belong to this text (a page's tree may be shared by several parts).
    public var blocks: [NodeID]
    /// Columns taken off the start of every line after the first before parsing (the indentation an XML
    /// section shares with its tags), put back when saying where a node is.
    public var indent: Int

    public init(source: String, tree: SyntaxTree, location: SourceLocation, blocks: [NodeID]? = nil, indent: Int = 0) {
        self.source = source
        self.tree = tree
        self.location = location
        self.blocks = blocks ?? tree.children(of: tree.root)
        self.indent = indent
    }

    /// The position in the file of a node in `tree`.
    public func location(of node: NodeID) -> SourceLocation {
        let start = tree.range(of: node).start
        return SourceLocation(path: location.path, line: location.line + start.line - 1,
                              column: start.line == 1 ? location.column + start.column - 1 : indent + start.column)
    }

    public static func == (a: MarkdownText, b: MarkdownText) -> Bool {
        a.source == b.source && a.location == b.location && a.blocks == b.blocks
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(source)
        hasher.combine(location)
    }
}

/// A plain page from any folder of Markdown files, such as `pages/about.md`.
public struct PlainPage: Hashable, Sendable {
    /// The path under the content folder without `.md`, e.g. `pages/about`.
    public var id: String
    public var title: String
    public var summary: String
    public var language: String
    public var body: MarkdownText
    public var location: SourceLocation
}
