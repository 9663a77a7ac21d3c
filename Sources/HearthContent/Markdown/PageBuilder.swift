import HearthMarkdown

/// Turns one page of a Markdown module into page parts: prose, callouts and quizzes.
///
/// A fenced block whose info string is `quiz` becomes a quiz; a block quote that starts with a
/// callout marker (`CalloutMarker`) becomes a callout.
struct PageBuilder {
    static let parser = MarkdownParser(extensions: .all)

    let path: String
    /// Used to name quizzes that have no `id:`: `<module>-quiz`, then `-2`, `-3`, ….
    let moduleID: String
    var quizCount = 0
    var diagnostics = Diagnostics()

    init(path: String, moduleID: String) {
        self.path = path
        self.moduleID = moduleID
    }

    mutating func page(from chunk: MarkdownFile.Chunk, defaultTitle: String) -> Page {
        let location = SourceLocation(path: path, line: chunk.firstLine)
        var tree = Self.parser.parse(chunk.text)
        let lines = chunk.text.split(separator: "\n", omittingEmptySubsequences: false)
        var parts: [PagePart] = []
        var pending: [NodeID] = []
        var title: String?

        // A heading that opens the page is its title: the theme shows it as the page's <h1>.
        var blocks = tree.children(of: tree.root)
        if let first = blocks.first, case .heading = tree.kind(of: first) {
            title = HeadingIdentifiers.plainText(of: first, in: tree)
            blocks.removeFirst()
        }
        for block in blocks {
            let kind = tree.kind(of: block)
            if case .codeBlock(let info, _, true) = kind, info.split(separator: " ").first == "quiz" {
                flush(&pending, into: &parts, tree: tree, source: chunk.text, location: location)
                parts.append(.quiz(quiz(block, tree: tree, lines: lines, chunk: chunk)))
            } else if kind == .blockQuote, let (calloutKind, calloutTitle) = calloutMarker(block, tree: &tree, chunk: chunk) {
                flush(&pending, into: &parts, tree: tree, source: chunk.text, location: location)
                let body = MarkdownText(source: chunk.text, tree: tree, location: location, blocks: tree.children(of: block))
                parts.append(.callout(kind: calloutKind, title: calloutTitle, body: body))
            } else {
                pending.append(block)
            }
        }
        flush(&pending, into: &parts, tree: tree, source: chunk.text, location: location)
        // Later edits (callout markers removed) must be visible to earlier text parts that share the tree.
        parts = parts.map { part in
            switch part {
            case .text(var text): text.tree = tree; return .text(text)
            case .callout(let kind, let title, var body): body.tree = tree; return .callout(kind: kind, title: title, body: body)
            case .quiz: return part
            }
        }
        return Page(title: title ?? defaultTitle, parts: parts, location: location)
    }

    private func flush(_ pending: inout [NodeID], into parts: inout [PagePart], tree: SyntaxTree, source: String, location: SourceLocation) {
        guard !pending.isEmpty else { return }
        parts.append(.text(MarkdownText(source: source, tree: tree, location: location, blocks: pending)))
        pending = []
    }

    private mutating func quiz(_ block: NodeID, tree: SyntaxTree, lines: [Substring], chunk: MarkdownFile.Chunk) -> Quiz {
        quizCount += 1
        let range = tree.range(of: block)
        // The fence is on the block's first line; its content runs until the closing fence (or the end).
        let first = range.start.line
        var last = min(range.end.line, lines.count)
        if last > first, lines[last - 1].trimmingLeadingSpaces.hasPrefix("```") || lines[last - 1].trimmingLeadingSpaces.hasPrefix("~~~") {
            last -= 1
        }
        let indent = range.start.column - 1
        let body = first < last ? lines[first..<last].map { $0.dropFirst(min(indent, $0.prefix { $0 == " " }.count)) } : []
        let defaultID = quizCount == 1 ? "\(moduleID)-quiz" : "\(moduleID)-quiz-\(quizCount)"
        let blockLocation = SourceLocation(path: path, line: chunk.firstLine + first - 1, column: range.start.column)
        let (quiz, problems) = QuizBlockParser.parse(Array(body), path: path, firstLine: chunk.firstLine + first,
                                                     column: range.start.column, defaultID: defaultID, blockLocation: blockLocation)
        diagnostics.append(contentsOf: problems)
        return quiz
    }

    /// If the quote starts with an alert marker, removes the marker line from the tree and returns the callout's kind and title.
    private mutating func calloutMarker(_ quote: NodeID, tree: inout SyntaxTree, chunk: MarkdownFile.Chunk) -> (CalloutKind, String)? {
        switch CalloutMarker.read(quote, in: &tree) {
        case .callout(let kind, let title):
            return (kind, title)
        case .unknown(let name):
            let start = tree.range(of: quote).start
            diagnostics.warning("'[!\(name.uppercased())]' is not a callout kind, so this is shown as a plain quote; use [!TIP], [!NOTE], [!WARNING] or [!REFLECT]",
                                at: SourceLocation(path: path, line: chunk.firstLine + start.line - 1, column: start.column))
            return nil
        case nil:
            return nil
        }
    }
}
