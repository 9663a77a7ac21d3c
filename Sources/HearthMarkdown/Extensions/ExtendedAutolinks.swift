import HearthText

/// Finds bare `www.`, `http://`, `https://` and e-mail addresses in text and turns them into links (GFM style).
///
/// This runs after inline parsing, over text nodes only, so code spans, raw HTML and
/// existing links are never touched.
enum ExtendedAutolinks {
    /// Rewrites the text under `parent`; returns the work done, for the linear-time tests.
    static func apply(in tree: inout SyntaxTree, under parent: NodeID) -> Int {
        var work = 0
        var containers: [NodeID] = [parent]
        var index = 0
        while index < containers.count {
            let container = containers[index]
            index += 1
            mergeAdjacentText(in: &tree, container: container, work: &work)
            var child = tree.firstChild(of: container)
            while let node = child {
                child = tree.next(after: node)
                switch tree.kind(of: node) {
                case .text(let text):
                    work += text.utf8.count
                    link(text, node: node, in: &tree)
                case .link, .image, .code, .inlineHTML:
                    continue
                default:
                    if tree.firstChild(of: node) != nil { containers.append(node) }
                }
            }
        }
        return work
    }

    private static func mergeAdjacentText(in tree: inout SyntaxTree, container: NodeID, work: inout Int) {
        var child = tree.firstChild(of: container)
        while let node = child {
            child = tree.next(after: node)
            guard case .text(var text) = tree.kind(of: node) else { continue }
            var range = tree.range(of: node)
            while let next = child, case .text(let more) = tree.kind(of: next) {
                work += 1
                text += more
                range.end = tree.range(of: next).end
                child = tree.next(after: next)
                tree.detach(next)
            }
            tree.setKind(.text(text), of: node)
            tree.setRange(range, of: node)
        }
    }

    /// Splits one text node around the links it contains.
    private static func link(_ text: String, node: NodeID, in tree: inout SyntaxTree) {
        let bytes = Array(text.utf8)
        guard bytes.contains(ASCII.dot) else { return }
        var pieces: [(NodeKind, Range<Int>)] = []
        var textStart = 0
        var i = 0
        while i < bytes.count {
            if let match = match(in: bytes, at: i) {
                if match.range.lowerBound > textStart {
                    pieces.append((.text(string(bytes, textStart..<match.range.lowerBound)), textStart..<match.range.lowerBound))
                }
                pieces.append((.link(destination: match.destination, title: ""), match.range))
                textStart = match.range.upperBound
                i = match.range.upperBound
            } else {
                i += 1
            }
        }
        guard !pieces.isEmpty else { return }
        if textStart < bytes.count { pieces.append((.text(string(bytes, textStart..<bytes.count)), textStart..<bytes.count)) }
        let base = tree.range(of: node).start
        var previous = node
        for (kind, range) in pieces {
            let start = SourcePosition(line: base.line, column: base.column + range.lowerBound)
            let end = SourcePosition(line: base.line, column: base.column + range.upperBound - 1)
            let piece = tree.makeNode(kind, range: SourceRange(start: start, end: end))
            tree.insert(piece, after: previous)
            if case .link = kind {
                tree.append(.text(string(bytes, range)), range: SourceRange(start: start, end: end), to: piece)
            }
            previous = piece
        }
        tree.detach(node)
    }

    private static func string(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// A link starting at `i` (for e-mail, the match begins at the local part that ends at an `@` further on).
    private static func match(in bytes: [UInt8], at i: Int) -> (range: Range<Int>, destination: String)? {
        let c = bytes[i]
        let atBoundary = i == 0 || isBoundary(bytes[i - 1])
        if atBoundary, c == UInt8(ascii: "w") || c == UInt8(ascii: "W"), hasPrefix(bytes, i, "www.") {
            guard let end = linkEnd(bytes, domainStart: i) else { return nil }
            return (i..<end, "http://" + string(bytes, i..<end))
        }
        if atBoundary, c == UInt8(ascii: "h") || c == UInt8(ascii: "H") {
            for scheme in ["http://", "https://"] where hasPrefix(bytes, i, scheme) {
                guard let end = linkEnd(bytes, domainStart: i + scheme.utf8.count) else { return nil }
                return (i..<end, string(bytes, i..<end))
            }
        }
        if atBoundary, isEmailLocal(c) {
            var at = i
            while at < bytes.count, isEmailLocal(bytes[at]) { at += 1 }
            guard at < bytes.count, bytes[at] == UInt8(ascii: "@"), at > i else { return nil }
            var end = at + 1
            var dots = 0
            while end < bytes.count, ASCII.isAlphanumeric(bytes[end]) || bytes[end] == ASCII.dash || bytes[end] == ASCII.underscore
                    || (bytes[end] == ASCII.dot && end + 1 < bytes.count && ASCII.isAlphanumeric(bytes[end + 1])) {
                if bytes[end] == ASCII.dot { dots += 1 }
                end += 1
            }
            guard dots >= 1, end > at + 1, bytes[end - 1] != ASCII.dash, bytes[end - 1] != ASCII.underscore else { return nil }
            return (i..<end, "mailto:" + string(bytes, i..<end))
        }
        return nil
    }

    private static func isBoundary(_ c: UInt8) -> Bool {
        ASCII.isWhitespace(c) || c == ASCII.star || c == ASCII.underscore || c == ASCII.tilde || c == ASCII.openParen
    }

    private static func isEmailLocal(_ c: UInt8) -> Bool {
        ASCII.isAlphanumeric(c) || c == ASCII.dot || c == ASCII.plus || c == ASCII.dash || c == ASCII.underscore
    }

    private static func hasPrefix(_ bytes: [UInt8], _ i: Int, _ prefix: String) -> Bool {
        let p = Array(prefix.utf8)
        guard i + p.count <= bytes.count else { return false }
        for k in 0..<p.count where ASCII.lowercased(bytes[i + k]) != p[k] { return false }
        return true
    }

    /// Validates the domain at `domainStart` and returns where the link ends after trimming trailing punctuation.
    private static func linkEnd(_ bytes: [UInt8], domainStart: Int) -> Int? {
        var i = domainStart
        var segments: [(start: Int, hasUnderscore: Bool)] = [(i, false)]
        while i < bytes.count {
            let c = bytes[i]
            if c == ASCII.dot {
                segments.append((i + 1, false))
            } else if c == ASCII.underscore {
                segments[segments.count - 1].hasUnderscore = true
            } else if !(ASCII.isAlphanumeric(c) || c == ASCII.dash || c >= 0x80) {
                break
            }
            i += 1
        }
        // A domain has at least one dot, and no underscore in its last two segments.
        guard segments.count >= 2, i > domainStart, !segments.suffix(2).contains(where: \.hasUnderscore) else { return nil }
        while i < bytes.count, !ASCII.isWhitespace(bytes[i]), bytes[i] != ASCII.lessThan { i += 1 }
        var end = i
        let opens = bytes[domainStart..<end].filter { $0 == ASCII.openParen }.count
        var closes = bytes[domainStart..<end].filter { $0 == ASCII.closeParen }.count
        while end > domainStart {
            let last = bytes[end - 1]
            if "?!.,:*_~".utf8.contains(last) {
                end -= 1
            } else if last == ASCII.closeParen {
                // Only unbalanced closing parentheses are trimmed: `(see www.x.org/a_(b))`.
                guard closes > opens else { break }
                closes -= 1
                end -= 1
            } else if last == UInt8(ascii: ";") {
                // An entity-like ending (`&hl;`) is left out of the link.
                var j = end - 2
                while j > domainStart, ASCII.isAlphanumeric(bytes[j]) { j -= 1 }
                if j >= domainStart, bytes[j] == ASCII.ampersand, j < end - 2 { end = j } else { break }
            } else {
                break
            }
        }
        return end > domainStart ? end : nil
    }
}
