import HearthText

/// Maps byte offsets in a leaf block's content back to positions in the source.
struct ContentLineMap: Sendable {
    /// One entry per content line: where the line starts in the content, and the source line and column of that byte.
    var lines: [(offset: Int, line: Int, column: Int)] = []

    func position(at offset: Int) -> SourcePosition {
        guard !lines.isEmpty else { return SourcePosition(line: 1, column: 1) }
        var low = 0, high = lines.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lines[middle].offset <= offset { low = middle } else { high = middle - 1 }
        }
        let line = lines[low]
        return SourcePosition(line: line.line, column: line.column + (offset - line.offset))
    }
}

/// The second phase of parsing: turns the text of a paragraph, heading or table cell into inline nodes.
///
/// One pass over the bytes emits text, code spans, autolinks, raw HTML and breaks directly
/// into the tree; emphasis and link openers are remembered on a delimiter stack and a
/// bracket stack and resolved as the spec's appendix describes. Every scan that could be
/// repeated is bounded or remembered, so hostile input costs linear time.
struct InlineParser {
    let references: [String: LinkReference]
    let extensions: MarkdownExtensions
    /// Steps taken in loops that could revisit input; hostile-input tests check it grows linearly.
    private(set) var work = 0

    init(references: [String: LinkReference], extensions: MarkdownExtensions) {
        self.references = references
        self.extensions = extensions
    }

    /// Parses `content` (lines joined by "\n") and appends the inline nodes under `parent`.
    mutating func parse(_ content: [UInt8], map: ContentLineMap, into tree: inout SyntaxTree, parent: NodeID) {
        content.withUnsafeBufferPointer { bytes in
            var end = bytes.count
            while end > 0, ASCII.isSpaceOrTab(bytes[end - 1]) { end -= 1 }
            var subject = InlineSubject(bytes: bytes, end: end, map: map, parent: parent, parser: self)
            subject.run(&tree)
            work += subject.work
        }
        if extensions.contains(.autolinks) {
            work += ExtendedAutolinks.apply(in: &tree, under: parent)
        }
    }
}

/// One emphasis delimiter run (`*`, `_` or `~`) waiting to be matched.
struct Delimiter {
    var node: NodeID
    var character: UInt8
    var count: Int
    let originalCount: Int
    let canOpen: Bool
    let canClose: Bool
    var previous: Int
    var next: Int
    var removed = false
}

/// An unmatched `[` or `![`.
struct Bracket {
    var node: NodeID
    var isImage: Bool
    /// Index in the content just after the bracket.
    var position: Int
    /// The top of the delimiter stack when the bracket was pushed.
    var previousDelimiter: Int
    /// Whether another bracket was pushed after this one (then it can't be a shortcut reference).
    var bracketAfter = false
}

/// The state of parsing one leaf block's inline content.
struct InlineSubject {
    let bytes: UnsafeBufferPointer<UInt8>
    let end: Int
    let map: ContentLineMap
    let parent: NodeID
    let references: [String: LinkReference]
    let strikethrough: Bool
    var position = 0
    var work = 0

    var delimiters: [Delimiter] = []
    var lastDelimiter = -1
    var brackets: [Bracket] = []
    /// Link openers below this stack index are inactive: a link was formed after them, and links can't nest.
    var inactiveBelow = 0

    // Remembered failures, so repeated openers don't rescan to the end.
    var backtickRuns = [Int](repeating: -1, count: 1001)
    var scannedAllBackticks = false
    var noCommentEnd = false
    var noProcessingInstructionEnd = false
    var noDeclarationEnd = false
    var noCDATAEnd = false
    /// The last `"` and `'` in the content, found only if a quoted attribute is ever scanned.
    var lastQuotes: (double: Int, single: Int)?

    /// Bytes that end a run of plain text.
    static let specialBytes: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for c in "\n`\\&<*_[]!~".utf8 { table[Int(c)] = true }
        return table
    }()

    init(bytes: UnsafeBufferPointer<UInt8>, end: Int, map: ContentLineMap, parent: NodeID, parser: InlineParser) {
        self.bytes = bytes
        self.end = end
        self.map = map
        self.parent = parent
        self.references = parser.references
        self.strikethrough = parser.extensions.contains(.strikethrough)
    }

    func range(_ start: Int, _ end: Int) -> SourceRange {
        SourceRange(start: map.position(at: start), end: map.position(at: Swift.max(start, end - 1)))
    }

    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    @discardableResult
    mutating func appendText(_ string: String, from start: Int, to end: Int, into tree: inout SyntaxTree) -> NodeID {
        tree.append(.text(string), range: range(start, end), to: parent)
    }

    // MARK: The main loop

    mutating func run(_ tree: inout SyntaxTree) {
        while position < end {
            let c = bytes[position]
            switch c {
            case ASCII.newline:
                handleNewline(&tree)
            case ASCII.backtick:
                handleBackticks(&tree)
            case ASCII.backslash:
                handleBackslash(&tree)
            case ASCII.ampersand:
                handleEntity(&tree)
            case ASCII.lessThan:
                handleLessThan(&tree)
            case ASCII.star, ASCII.underscore:
                handleDelimiterRun(c, &tree)
            case ASCII.tilde where strikethrough:
                handleDelimiterRun(c, &tree)
            case ASCII.openBracket:
                let node = appendText("[", from: position, to: position + 1, into: &tree)
                pushBracket(node: node, isImage: false, after: position + 1)
                position += 1
            case ASCII.bang where position + 1 < end && bytes[position + 1] == ASCII.openBracket:
                let node = appendText("![", from: position, to: position + 2, into: &tree)
                pushBracket(node: node, isImage: true, after: position + 2)
                position += 2
            case ASCII.closeBracket:
                handleCloseBracket(&tree)
            default:
                handlePlainText(&tree)
            }
        }
        processEmphasis(above: -1, &tree)
    }

    private mutating func handlePlainText(_ tree: inout SyntaxTree) {
        let start = position
        position += 1
        let special = Self.specialBytes
        while position < end, !special[Int(bytes[position])] { position += 1 }
        var textEnd = position
        // Spaces before a line ending belong to the break, not the text.
        if position < end, bytes[position] == ASCII.newline {
            while textEnd > start, bytes[textEnd - 1] == ASCII.space { textEnd -= 1 }
        }
        if textEnd > start { appendText(text(start, textEnd), from: start, to: textEnd, into: &tree) }
    }

    private mutating func handleNewline(_ tree: inout SyntaxTree) {
        let newline = position
        // Two or more spaces before the line ending make a hard break.
        var spaces = 0
        while newline - spaces - 1 >= 0, bytes[newline - spaces - 1] == ASCII.space { spaces += 1 }
        position += 1
        while position < end, ASCII.isSpaceOrTab(bytes[position]) { position += 1 }
        let kind: NodeKind = spaces >= 2 ? .lineBreak : .softBreak
        tree.append(kind, range: range(newline - (spaces >= 2 ? spaces : 0), newline + 1), to: parent)
    }

    private mutating func handleBackslash(_ tree: inout SyntaxTree) {
        let start = position
        position += 1
        if position < end, bytes[position] == ASCII.newline {
            position += 1
            while position < end, ASCII.isSpaceOrTab(bytes[position]) { position += 1 }
            tree.append(.lineBreak, range: range(start, start + 2), to: parent)
        } else if position < end, CharacterClass.isASCIIPunctuation(bytes[position]) {
            appendText(text(position, position + 1), from: start, to: position + 1, into: &tree)
            position += 1
        } else {
            appendText("\\", from: start, to: start + 1, into: &tree)
        }
    }

    private mutating func handleEntity(_ tree: inout SyntaxTree) {
        let start = position
        if let (decoded, next) = CharacterReference.decode(bytes, at: start, end: end) {
            appendText(decoded, from: start, to: next, into: &tree)
            position = next
        } else {
            appendText("&", from: start, to: start + 1, into: &tree)
            position += 1
        }
    }

    // MARK: Code spans

    private mutating func handleBackticks(_ tree: inout SyntaxTree) {
        let start = position
        while position < end, bytes[position] == ASCII.backtick { position += 1 }
        let length = position - start
        guard let closerStart = findClosingBackticks(length: length) else {
            appendText(text(start, position), from: start, to: position, into: &tree)
            return
        }
        // Line endings become spaces; one space is stripped from each end if both have one and the span isn't all spaces.
        var from = position, to = closerStart
        var onlySpaces = true, hasNewline = false
        for i in from..<to {
            let b = bytes[i]
            if b == ASCII.newline { hasNewline = true } else if b != ASCII.space { onlySpaces = false }
        }
        let edgeSpace = { (b: UInt8) in b == ASCII.space || b == ASCII.newline }
        if to - from >= 2, edgeSpace(bytes[from]), edgeSpace(bytes[to - 1]), !onlySpaces {
            from += 1
            to -= 1
        }
        let code: String
        if hasNewline {
            code = String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]).map { $0 == ASCII.newline ? ASCII.space : $0 }, as: UTF8.self)
        } else {
            code = text(from, to)
        }
        position = closerStart + length
        tree.append(.code(code), range: range(start, position), to: parent)
    }

    /// The start of the next backtick run of exactly `length`, or nil; remembers runs seen so a failed search is never repeated.
    private mutating func findClosingBackticks(length: Int) -> Int? {
        guard length <= 1000 else { return nil }
        if scannedAllBackticks, backtickRuns[length] < position { return nil }
        var i = position
        while i < end {
            work += 1
            if bytes[i] != ASCII.backtick {
                i += 1
                continue
            }
            let runStart = i
            while i < end, bytes[i] == ASCII.backtick { i += 1 }
            let run = i - runStart
            if run <= 1000 { backtickRuns[run] = runStart }
            if run == length { return runStart }
        }
        scannedAllBackticks = true
        return nil
    }

    // MARK: Autolinks and raw HTML

    private mutating func handleLessThan(_ tree: inout SyntaxTree) {
        let start = position
        if let (node, next) = autolink(at: start) {
            tree.append(node.kind, range: range(start, next), to: parent).appendLinkText(node.text, range: range(start + 1, next - 1), in: &tree)
            position = next
            return
        }
        if let next = rawHTML(at: start) {
            tree.append(.inlineHTML(text(start, next)), range: range(start, next), to: parent)
            position = next
            return
        }
        appendText("<", from: start, to: start + 1, into: &tree)
        position += 1
    }

    private func autolink(at start: Int) -> ((kind: NodeKind, text: String), Int)? {
        var i = start + 1
        // URI: scheme of 2–32 letters, digits, + . - (starting with a letter), then anything but spaces, < and >.
        if i < end, ASCII.isLetter(bytes[i]) {
            var j = i + 1
            while j < end, j - i <= 32, ASCII.isAlphanumeric(bytes[j]) || bytes[j] == ASCII.plus || bytes[j] == ASCII.dot || bytes[j] == ASCII.dash { j += 1 }
            if j < end, bytes[j] == ASCII.colon, j - i >= 2, j - i <= 32 {
                var k = j + 1
                while k < end, bytes[k] > 0x20, bytes[k] != ASCII.lessThan, bytes[k] != ASCII.greaterThan { k += 1 }
                if k < end, bytes[k] == ASCII.greaterThan {
                    let url = text(i, k)
                    return ((.link(destination: url, title: ""), url), k + 1)
                }
            }
        }
        // E-mail address.
        let localStart = i
        while i < end, Self.isEmailLocal(bytes[i]) { i += 1 }
        guard i > localStart, i < end, bytes[i] == UInt8(ascii: "@") else { return nil }
        i += 1
        var labelStart = i
        while true {
            while i < end, ASCII.isAlphanumeric(bytes[i]) || bytes[i] == ASCII.dash { i += 1 }
            let label = i - labelStart
            guard label >= 1, label <= 63, ASCII.isAlphanumeric(bytes[labelStart]), ASCII.isAlphanumeric(bytes[i - 1]) else { return nil }
            guard i < end else { return nil }
            if bytes[i] == ASCII.dot {
                i += 1
                labelStart = i
                continue
            }
            guard bytes[i] == ASCII.greaterThan else { return nil }
            let address = text(start + 1, i)
            return ((.link(destination: "mailto:" + address, title: ""), address), i + 1)
        }
    }

    private static func isEmailLocal(_ c: UInt8) -> Bool {
        ASCII.isAlphanumeric(c) || (c != ASCII.lessThan && c != ASCII.greaterThan && c != ASCII.openParen && c != ASCII.closeParen
            && c != ASCII.openBracket && c != ASCII.closeBracket && c != ASCII.backslash && c != UInt8(ascii: ",")
            && c != UInt8(ascii: ";") && c != ASCII.colon && c != UInt8(ascii: "@") && c != ASCII.quote
            && CharacterClass.isASCIIPunctuation(c))
    }

    /// Raw inline HTML starting at `<`; returns the index after it.
    private mutating func rawHTML(at start: Int) -> Int? {
        let i = start + 1
        guard i < end else { return nil }
        let c = bytes[i]
        if ASCII.isLetter(c) {
            if lastQuotes == nil {
                lastQuotes = (bytes.lastIndex(of: ASCII.quote) ?? -1, bytes.lastIndex(of: ASCII.apostrophe) ?? -1)
            }
            return HTMLTagScanner(bytes: bytes, end: end, lastDoubleQuote: lastQuotes!.double, lastSingleQuote: lastQuotes!.single).openTag(at: start)
        }
        if c == ASCII.slash {
            return HTMLTagScanner(bytes: bytes, end: end).closingTag(at: start)
        }
        if c == ASCII.question {
            guard !noProcessingInstructionEnd else { return nil }
            if let close = find("?>", from: i + 1) { return close + 2 }
            noProcessingInstructionEnd = true
            return nil
        }
        guard c == ASCII.bang, i + 1 < end else { return nil }
        if bytes[i + 1] == ASCII.dash, i + 2 < end, bytes[i + 2] == ASCII.dash {
            // `<!-->` and `<!--->` are complete comments; otherwise the comment ends at the first `-->`.
            let bodyStart = i + 3
            if bodyStart < end, bytes[bodyStart] == ASCII.greaterThan { return bodyStart + 1 }
            if bodyStart + 1 < end, bytes[bodyStart] == ASCII.dash, bytes[bodyStart + 1] == ASCII.greaterThan { return bodyStart + 2 }
            guard !noCommentEnd else { return nil }
            if let close = find("-->", from: bodyStart) { return close + 3 }
            noCommentEnd = true
            return nil
        }
        if bytes[i + 1] == ASCII.openBracket {
            guard matches("[CDATA[", at: i + 1), !noCDATAEnd else { return nil }
            if let close = find("]]>", from: i + 8) { return close + 3 }
            noCDATAEnd = true
            return nil
        }
        if ASCII.isLetter(bytes[i + 1]) {
            guard !noDeclarationEnd else { return nil }
            if let close = find(">", from: i + 2) { return close + 1 }
            noDeclarationEnd = true
            return nil
        }
        return nil
    }

    private func matches(_ literal: StaticString, at i: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard i + count <= end else { return false }
        for k in 0..<count where bytes[i + k] != literal.utf8Start[k] { return false }
        return true
    }

    private mutating func find(_ literal: StaticString, from start: Int) -> Int? {
        let first = literal.utf8Start[0]
        var i = start
        while i < end {
            work += 1
            if bytes[i] == first, matches(literal, at: i) { return i }
            i += 1
        }
        return nil
    }

    // MARK: Emphasis and strikethrough delimiters

    private mutating func handleDelimiterRun(_ c: UInt8, _ tree: inout SyntaxTree) {
        let start = position
        while position < end, bytes[position] == c { position += 1 }
        let count = position - start
        let node = appendText(text(start, position), from: start, to: position, into: &tree)
        if c == ASCII.tilde, count > 2 { return }

        let before = CharacterClass.scalar(before: start, in: bytes)
        let after = CharacterClass.scalar(at: position, in: bytes, end: end)
        let beforeSpace = CharacterClass.isWhitespace(before), afterSpace = CharacterClass.isWhitespace(after)
        let beforePunct = CharacterClass.isPunctuation(before), afterPunct = CharacterClass.isPunctuation(after)
        let leftFlanking = !afterSpace && (!afterPunct || beforeSpace || beforePunct)
        let rightFlanking = !beforeSpace && (!beforePunct || afterSpace || afterPunct)
        let canOpen: Bool, canClose: Bool
        if c == ASCII.underscore {
            canOpen = leftFlanking && (!rightFlanking || beforePunct)
            canClose = rightFlanking && (!leftFlanking || afterPunct)
        } else {
            canOpen = leftFlanking
            canClose = rightFlanking
        }
        guard canOpen || canClose else { return }
        delimiters.append(Delimiter(node: node, character: c, count: count, originalCount: count, canOpen: canOpen,
                                    canClose: canClose, previous: lastDelimiter, next: -1))
        let index = delimiters.count - 1
        if lastDelimiter >= 0 { delimiters[lastDelimiter].next = index }
        lastDelimiter = index
    }

    mutating func removeDelimiter(_ index: Int) {
        let previous = delimiters[index].previous, next = delimiters[index].next
        if previous >= 0 { delimiters[previous].next = next }
        if next >= 0 { delimiters[next].previous = previous } else { lastDelimiter = previous }
        delimiters[index].removed = true
    }

    // MARK: Links and images

    /// Pops the top bracket; openers pushed later at that depth are new and active.
    private mutating func popBracket() {
        brackets.removeLast()
        inactiveBelow = min(inactiveBelow, brackets.count)
    }

    private mutating func pushBracket(node: NodeID, isImage: Bool, after: Int) {
        if !brackets.isEmpty { brackets[brackets.count - 1].bracketAfter = true }
        brackets.append(Bracket(node: node, isImage: isImage, position: after, previousDelimiter: lastDelimiter))
    }

    private mutating func handleCloseBracket(_ tree: inout SyntaxTree) {
        let closeStart = position
        position += 1
        guard let opener = brackets.last else {
            appendText("]", from: closeStart, to: position, into: &tree)
            return
        }
        if !opener.isImage && brackets.count - 1 < inactiveBelow {
            popBracket()
            appendText("]", from: closeStart, to: position, into: &tree)
            return
        }

        var target: LinkReference?
        var after = position
        // An inline link: `(destination "title")`.
        if position < end, bytes[position] == ASCII.openParen, let (reference, next) = inlineLinkTail(from: position + 1) {
            target = reference
            after = next
        } else {
            // A reference: `[label]`, `[]`, or the link text itself.
            var label: String?
            if let labelEnd = LinkSyntax.scanLabel(bytes, at: position, end: end) {
                work += labelEnd - position
                label = LinkSyntax.normalizeLabel(UnsafeBufferPointer(rebasing: bytes[(position + 1)..<(labelEnd - 1)]))
                after = labelEnd
            } else if position + 1 < end, bytes[position] == ASCII.openBracket, bytes[position + 1] == ASCII.closeBracket {
                after = position + 2
            }
            if label == nil, !opener.bracketAfter, closeStart - opener.position <= LinkSyntax.maximumLabelLength {
                work += closeStart - opener.position
                label = LinkSyntax.normalizeLabel(UnsafeBufferPointer(rebasing: bytes[opener.position..<closeStart]))
            }
            if let label, let found = references[label] { target = found }
        }

        guard let target else {
            popBracket()
            appendText("]", from: closeStart, to: position, into: &tree)
            return
        }
        position = after

        // The link's text is everything after the opener; emphasis inside it is resolved first.
        let start = tree.range(of: opener.node).start
        let kind: NodeKind = opener.isImage
            ? .image(destination: target.destination, title: target.title)
            : .link(destination: target.destination, title: target.title)
        let link = tree.makeNode(kind, range: SourceRange(start: start, end: map.position(at: after - 1)))
        tree.insert(link, after: opener.node)
        var child = tree.next(after: link)
        while let node = child {
            work += 1
            child = tree.next(after: node)
            tree.detach(node)
            tree.appendChild(node, to: link)
        }
        processEmphasis(above: opener.previousDelimiter, &tree)
        tree.detach(opener.node)
        popBracket()
        if !opener.isImage { inactiveBelow = brackets.count }
    }

    /// The rest of an inline link after `(`: destination, optional title, `)`. Returns the target and the index after `)`.
    private mutating func inlineLinkTail(from start: Int) -> (LinkReference, Int)? {
        var i = LinkSyntax.skipSpaceAndOneNewline(bytes, from: start, end: end)
        if i < end, bytes[i] == ASCII.closeParen { return (LinkReference(destination: "", title: ""), i + 1) }
        guard let (destinationRange, afterDestination) = LinkSyntax.scanDestination(bytes, at: i, end: end) else { return nil }
        work += afterDestination - i
        let destination = CharacterReference.unescaping(bytes, from: destinationRange.lowerBound, to: destinationRange.upperBound)
        i = LinkSyntax.skipSpaceAndOneNewline(bytes, from: afterDestination, end: end)
        var title = ""
        if i > afterDestination, i < end, let (titleRange, afterTitle) = LinkSyntax.scanTitle(bytes, at: i, end: end) {
            work += afterTitle - i
            title = CharacterReference.unescaping(bytes, from: titleRange.lowerBound, to: titleRange.upperBound)
            i = LinkSyntax.skipSpaceAndOneNewline(bytes, from: afterTitle, end: end)
        }
        guard i < end, bytes[i] == ASCII.closeParen else { return nil }
        return (LinkReference(destination: destination, title: title), i + 1)
    }
}

private extension NodeID {
    /// Adds the visible text of an autolink and returns the link.
    @discardableResult
    func appendLinkText(_ text: String, range: SourceRange, in tree: inout SyntaxTree) -> NodeID {
        tree.append(.text(text), range: range, to: self)
        return self
    }
}
