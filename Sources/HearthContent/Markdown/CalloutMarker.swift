import HearthMarkdown

/// GitHub's alert syntax for callouts: a block quote whose first line is `[!TIP]`, `[!NOTE]`, `[!WARNING]` or
/// `[!REFLECT]`, with the rest of that line as an optional title. Module pages, course introductions and plain
/// pages all read callouts this way.
package enum CalloutMarker {
    /// What the first line of a block quote says.
    package enum Reading: Equatable {
        /// A callout; the marker line has been removed from the tree.
        case callout(CalloutKind, title: String)
        /// `[!SOMETHING]` that is not a callout kind (the quote stays a quote), with the name as written.
        case unknown(String)
    }

    /// Reads the marker at the start of `quote`; for a callout, removes the marker line from `tree`.
    /// Nil when the quote does not start with `[!`.
    package static func read(_ quote: NodeID, in tree: inout SyntaxTree) -> Reading? {
        guard let paragraph = tree.firstChild(of: quote), tree.kind(of: paragraph) == .paragraph else { return nil }
        // The marker's line: every inline before the first line break.
        var firstLine = ""
        var lineNodes: [NodeID] = []
        var child = tree.firstChild(of: paragraph)
        while let node = child {
            lineNodes.append(node)
            if tree.kind(of: node) == .softBreak || tree.kind(of: node) == .lineBreak { break }
            firstLine += HeadingIdentifiers.plainText(of: node, in: tree)
            child = tree.next(after: node)
        }
        guard firstLine.hasPrefix("[!"), let close = firstLine.firstIndex(of: "]") else { return nil }
        let name = firstLine[firstLine.index(firstLine.startIndex, offsetBy: 2)..<close].lowercased()
        guard let kind = CalloutKind(rawValue: name) else { return .unknown(name) }
        let title = firstLine[firstLine.index(after: close)...].drop { $0 == " " }
        for node in lineNodes { tree.detach(node) }
        if tree.firstChild(of: paragraph) == nil { tree.detach(paragraph) }
        return .callout(kind, title: String(title.reversed().drop { $0 == " " }.reversed()))
    }

    /// `text` as prose and callouts, in order, the way a module page is split (quizzes stay where they are).
    package static func parts(of text: MarkdownText) -> [PagePart] {
        var tree = text.tree
        var parts: [PagePart] = []
        var pending: [NodeID] = []
        func flush() {
            guard !pending.isEmpty else { return }
            parts.append(.text(MarkdownText(source: text.source, tree: tree, location: text.location, blocks: pending, indent: text.indent)))
            pending = []
        }
        for block in text.blocks {
            if tree.kind(of: block) == .blockQuote, case .callout(let kind, let title) = read(block, in: &tree) {
                flush()
                parts.append(.callout(kind: kind, title: title,
                                      body: MarkdownText(source: text.source, tree: tree, location: text.location,
                                                         blocks: tree.children(of: block), indent: text.indent)))
            } else {
                pending.append(block)
            }
        }
        flush()
        // Every part sees the tree with all the marker lines removed.
        return parts.map { part in
            switch part {
            case .text(var body): body.tree = tree; return .text(body)
            case .callout(let kind, let title, var body): body.tree = tree; return .callout(kind: kind, title: title, body: body)
            case .quiz: return part
            }
        }
    }
}
