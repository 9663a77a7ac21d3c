import HearthMarkdown

/// A problem found in content: where it is, how serious, and what to do about it.
public struct Diagnostic: Hashable, Sendable, Comparable, CustomStringConvertible, Error {
    /// Whether the problem stops the build.
    public enum Severity: String, Hashable, Sendable {
        case error, warning
    }

    /// The file, relative to the content folder when it is inside it.
    public var path: String
    public var line: Int
    public var column: Int
    public var severity: Severity
    /// A plain-English sentence that says what is wrong and how to put it right.
    public var message: String

    public init(_ severity: Severity, _ message: String, path: String, line: Int = 1, column: Int = 1) {
        self.severity = severity
        self.message = message
        self.path = path
        self.line = line
        self.column = column
    }

    public init(_ severity: Severity, _ message: String, at location: SourceLocation) {
        self.init(severity, message, path: location.path, line: location.line, column: location.column)
    }

    /// `path:line:column: error: message`, the form editors and terminals recognise.
    public var description: String { "\(path):\(line):\(column): \(severity.rawValue): \(message)" }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.path, a.line, a.column, a.severity == .error ? 0 : 1, a.message)
            < (b.path, b.line, b.column, b.severity == .error ? 0 : 1, b.message)
    }
}

/// A place in a content file: its path, and the line and byte column there.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var position: SourcePosition

    public init(path: String, position: SourcePosition) {
        self.path = path
        self.position = position
    }

    public init(path: String, line: Int = 1, column: Int = 1) {
        self.init(path: path, position: SourcePosition(line: line, column: column))
    }

    public var line: Int {
        get { position.line }
        set { position.line = newValue }
    }

    public var column: Int {
        get { position.column }
        set { position.column = newValue }
    }

    public var description: String { "\(path):\(line):\(column)" }
}

/// Diagnostics collected over a whole run, so every problem is reported at once.
public struct Diagnostics: Sendable {
    public private(set) var all: [Diagnostic] = []

    public init() {}

    public mutating func error(_ message: String, at location: SourceLocation) {
        all.append(Diagnostic(.error, message, at: location))
    }

    public mutating func warning(_ message: String, at location: SourceLocation) {
        all.append(Diagnostic(.warning, message, at: location))
    }

    public mutating func append(_ diagnostic: Diagnostic) { all.append(diagnostic) }

    public mutating func append(contentsOf other: Diagnostics) { all.append(contentsOf: other.all) }

    /// True when at least one problem stops the build.
    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    /// Every diagnostic in file, line and column order, each once.
    public var sorted: [Diagnostic] { Array(Set(all)).sorted() }
}
