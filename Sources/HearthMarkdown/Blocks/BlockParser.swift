import HearthText

/// The first phase of parsing: reads the document line by line and builds its block structure.
///
/// It follows the strategy in the CommonMark spec's appendix: each line first continues
/// the open blocks it can, then may open new ones, and what is left is text for the
/// innermost block. Inline content is parsed afterwards, once every link reference
/// definition is known.
struct BlockParser {
    private(set) var tree: SyntaxTree
    /// Block state, indexed like the tree's nodes (the block phase makes one node per block).
    private(set) var blocks: [OpenBlock]
    /// Link reference definitions, first definition of each normalized label wins.
    private(set) var references: [String: LinkReference] = [:]
    private let extensions: MarkdownExtensions
    /// Steps taken in loops that could revisit input; hostile-input tests check it grows linearly.
    private(set) var work = 0

    private var bytes: UnsafeBufferPointer<UInt8> = UnsafeBufferPointer(start: nil, count: 0)
    /// The innermost open block after the previous line.
    private var current = 0

    // The line being processed, as in the spec's appendix: byte offset, virtual column (tabs
    // expand to the next multiple of 4), and the first byte that is not a space or tab.
    private var lineNumber = 0
    private var lineStart = 0
    private var lineEnd = 0
    private var offset = 0
    private var column = 0
    private var firstNonspace = 0
    private var firstNonspaceColumn = 0
    private var indent = 0
    private var blank = false
    private var partiallyConsumedTab = false
    private var previousLineLength = 0

    init(extensions: MarkdownExtensions) {
        self.extensions = extensions
        tree = SyntaxTree()
        blocks = [OpenBlock(kind: .document, start: SourcePosition(line: 1, column: 1))]
    }

    /// Hands over the finished tree, leaving an empty one, so the caller can extend it without a copy.
    mutating func takeTree() -> SyntaxTree {
        defer { tree = SyntaxTree() }
        return tree
    }

    /// Parses every line of `input` and closes all blocks.
    mutating func parse(_ input: UnsafeBufferPointer<UInt8>) {
        bytes = input
        // Rough sizes from typical prose, so the arrays rarely grow.
        tree.reserveCapacity(input.count / 8)
        blocks.reserveCapacity(input.count / 64)
        var start = 0
        let count = input.count
        while start < count {
            var end = start
            while end < count, input[end] != ASCII.newline, input[end] != ASCII.carriageReturn { end += 1 }
            processLine(start: start, end: end)
            if end < count, input[end] == ASCII.carriageReturn, end + 1 < count, input[end + 1] == ASCII.newline {
                start = end + 2
            } else {
                start = end + 1
            }
        }
        var block = current
        while true {
            let parent = finalize(block, atEndOfInput: true)
            if block == 0 { break }
            block = parent
        }
        bytes = UnsafeBufferPointer(start: nil, count: 0)
    }

    // MARK: Lines

    @inline(__always) private func peek(_ i: Int) -> UInt8 { i < lineEnd ? bytes[i] : 0 }

    private mutating func processLine(start: Int, end: Int) {
        lineNumber += 1
        work += end - start + 1
        lineStart = start
        lineEnd = end
        offset = start
        column = 0
        firstNonspace = start
        firstNonspaceColumn = 0
        indent = 0
        blank = false
        partiallyConsumedTab = false

        let (matched, allMatched) = continueOpenBlocks()
        if let lastMatched = matched {
            var container = lastMatched
            openNewBlocks(&container, allMatched: allMatched)
            addText(to: container, lastMatched: lastMatched)
        }
        previousLineLength = end - start
    }

    /// Moves past `count` bytes, or `count` columns when `columns` is true (a tab may then be split).
    private mutating func advance(_ count: Int, columns: Bool) {
        var count = count
        while count > 0, offset < lineEnd {
            if bytes[offset] == ASCII.tab {
                let toTabStop = 4 - (column % 4)
                if columns {
                    partiallyConsumedTab = toTabStop > count
                    let step = min(count, toTabStop)
                    column += step
                    if !partiallyConsumedTab { offset += 1 }
                    count -= step
                } else {
                    partiallyConsumedTab = false
                    column += toTabStop
                    offset += 1
                    count -= 1
                }
            } else {
                partiallyConsumedTab = false
                offset += 1
                column += 1
                count -= 1
            }
        }
    }

    private mutating func findFirstNonspace() {
        if firstNonspace <= offset {
            firstNonspace = offset
            firstNonspaceColumn = column
            var toTabStop = 4 - (column % 4)
            while firstNonspace < lineEnd {
                let c = bytes[firstNonspace]
                if c == ASCII.space {
                    firstNonspace += 1
                    firstNonspaceColumn += 1
                    toTabStop -= 1
                    if toTabStop == 0 { toTabStop = 4 }
                } else if c == ASCII.tab {
                    firstNonspace += 1
                    firstNonspaceColumn += toTabStop
                    toTabStop = 4
                } else {
                    break
                }
            }
        }
        indent = firstNonspaceColumn - column
        blank = firstNonspace >= lineEnd
    }

    private var here: SourcePosition { SourcePosition(line: lineNumber, column: firstNonspace - lineStart + 1) }

    // MARK: Step 1: continuing open blocks

    /// Returns the innermost open block this line continues (nil when the line is used up), and whether every open block matched.
    private mutating func continueOpenBlocks() -> (Int?, Bool) {
        var container = 0
        while let last = tree.lastChild(of: NodeID(container)), blocks[Int(last.index)].isOpen {
            let child = Int(last.index)
            work += 1
            findFirstNonspace()
            let matched: Bool
            switch blocks[child].kind {
            case .blockQuote:
                matched = indent <= 3 && peek(firstNonspace) == ASCII.greaterThan
                if matched {
                    advance(indent + 1, columns: true)
                    if ASCII.isSpaceOrTab(peek(offset)) { advance(1, columns: true) }
                }
            case .listItem:
                let width = blocks[child].markerOffset + blocks[child].padding
                if indent >= width {
                    advance(width, columns: true)
                    matched = true
                } else if blank, tree.firstChild(of: NodeID(child)) != nil {
                    advance(firstNonspace - offset, columns: false)
                    matched = true
                } else {
                    matched = false
                }
            case .fencedCode:
                let fence = blocks[child].fence
                let scanner = BlockStartScanner(bytes: bytes, end: lineEnd)
                if indent <= 3, peek(firstNonspace) == fence,
                   let length = scanner.closingCodeFence(at: firstNonspace, fence: fence, minimum: blocks[child].fenceLength) {
                    // A closing fence ends the block and uses up the line.
                    advance(firstNonspace + length - offset, columns: false)
                    current = finalize(child)
                    return (nil, false)
                }
                var remaining = blocks[child].fenceOffset
                while remaining > 0, ASCII.isSpaceOrTab(peek(offset)) {
                    advance(1, columns: true)
                    remaining -= 1
                }
                matched = true
            case .indentedCode:
                if indent >= 4 {
                    advance(4, columns: true)
                    matched = true
                } else if blank {
                    advance(firstNonspace - offset, columns: false)
                    matched = true
                } else {
                    matched = false
                }
            case .heading, .thematicBreak:
                matched = false
            case .html:
                matched = blocks[child].htmlKind <= 5 || !blank
            case .paragraph, .table:
                matched = !blank
            case .document, .list, .tableRow, .tableCell:
                matched = true
            }
            if !matched { return (container, false) }
            container = child
        }
        return (container, true)
    }

    // MARK: Step 2: opening new blocks

    private mutating func openNewBlocks(_ container: inout Int, allMatched: Bool) {
        var maybeLazy = blocks[current].kind == .paragraph
        var kind = blocks[container].kind
        while kind != .fencedCode, kind != .indentedCode, kind != .html {
            work += 1
            findFirstNonspace()
            let indented = indent >= 4
            let scanner = BlockStartScanner(bytes: bytes, end: lineEnd)
            let c = peek(firstNonspace)

            if !indented, c == ASCII.greaterThan {
                advance(firstNonspace + 1 - offset, columns: false)
                if ASCII.isSpaceOrTab(peek(offset)) { advance(1, columns: true) }
                container = addChild(.blockQuote, to: container, at: here)
            } else if !indented, c == ASCII.hash, let (length, level) = scanner.atxHeadingStart(at: firstNonspace) {
                let start = here
                advance(firstNonspace + length - offset, columns: false)
                container = addChild(.heading, to: container, at: start)
                blocks[container].level = level
            } else if !indented, let (length, fence) = scanner.openingCodeFence(at: firstNonspace) {
                let start = here
                let fenceOffset = firstNonspace - offset
                advance(firstNonspace + length - offset, columns: false)
                container = addChild(.fencedCode, to: container, at: start)
                blocks[container].fence = fence
                blocks[container].fenceLength = length
                blocks[container].fenceOffset = fenceOffset
                blocks[container].info = infoString(from: offset)
                advance(lineEnd - offset, columns: false)
            } else if !indented, c == ASCII.lessThan,
                      let htmlKind = HTMLBlockScanner(bytes: bytes, end: lineEnd)
                          .blockStart(at: firstNonspace, canBeKind7: kind != .paragraph) {
                container = addChild(.html, to: container, at: here)
                blocks[container].htmlKind = htmlKind
                // The tag is part of the block's text, so the offset stays where it is.
            } else if !indented, kind == .paragraph, extensions.contains(.tables),
                      let table = startTable(in: container) {
                container = table
            } else if !indented, kind == .paragraph, let level = scanner.setextUnderline(at: firstNonspace) {
                resolveReferenceDefinitions(in: container)
                if !blocks[container].content.isEmpty {
                    blocks[container].kind = .heading
                    blocks[container].level = level
                    blocks[container].isSetext = true
                    advance(lineEnd - offset, columns: false)
                }
            } else if !indented, !(kind == .paragraph && !allMatched), scanner.isThematicBreak(at: firstNonspace) {
                container = addChild(.thematicBreak, to: container, at: here)
                advance(lineEnd - offset, columns: false)
            } else if !indented || kind == .list, indent < 4,
                      let (length, marker) = scanner.listMarker(at: firstNonspace, interruptsParagraph: kind == .paragraph) {
                let start = here
                advance(firstNonspace + length - offset, columns: false)
                // The content column: 1–4 spaces after the marker; 5 or more mean indented code, so count one.
                let savedOffset = offset, savedColumn = column, savedPartial = partiallyConsumedTab
                while column - savedColumn <= 5, ASCII.isSpaceOrTab(peek(offset)) { advance(1, columns: true) }
                let spaces = column - savedColumn
                let padding: Int
                if spaces >= 5 || spaces < 1 || offset >= lineEnd {
                    padding = length + 1
                    offset = savedOffset
                    column = savedColumn
                    partiallyConsumedTab = savedPartial
                    if spaces > 0 { advance(1, columns: true) }
                } else {
                    padding = length + spaces
                }
                if kind != .list || !listsMatch(blocks[container].marker, marker) {
                    container = addChild(.list, to: container, at: start)
                    blocks[container].marker = marker
                }
                container = addChild(.listItem, to: container, at: start)
                blocks[container].marker = marker
                blocks[container].padding = padding
                blocks[container].markerOffset = indent
            } else if indented, !maybeLazy, !blank {
                advance(4, columns: true)
                container = addChild(.indentedCode, to: container, at: SourcePosition(line: lineNumber, column: offset - lineStart + 1))
            } else {
                break
            }
            if blocks[container].acceptsLines { break }
            kind = blocks[container].kind
            maybeLazy = false
        }
    }

    private func listsMatch(_ a: ListMarker, _ b: ListMarker) -> Bool {
        switch (a, b) {
        case let (.bullet(x), .bullet(y)): return x == y
        case let (.ordered(_, x), .ordered(_, y)): return x == y
        default: return false
        }
    }

    /// Adds a block under `parent`, first closing blocks that cannot hold it.
    private mutating func addChild(_ kind: OpenBlock.Kind, to parent: Int, at start: SourcePosition) -> Int {
        var parent = parent
        while !blocks[parent].canContain(kind) { parent = finalize(parent) }
        return makeBlock(kind, under: parent, at: start)
    }

    private mutating func makeBlock(_ kind: OpenBlock.Kind, under parent: Int, at start: SourcePosition) -> Int {
        let node = tree.append(.document, range: SourceRange(start: start, end: start), to: NodeID(parent))
        blocks.append(OpenBlock(kind: kind, start: start))
        assert(Int(node.index) == blocks.count - 1)
        return blocks.count - 1
    }

    /// The info string after an opening fence: trimmed, with escapes and entities resolved.
    private func infoString(from start: Int) -> String {
        var i = start, j = lineEnd
        while i < j, ASCII.isSpaceOrTab(bytes[i]) { i += 1 }
        while j > i, ASCII.isSpaceOrTab(bytes[j - 1]) { j -= 1 }
        return CharacterReference.unescaping(bytes, from: i, to: j)
    }

    // MARK: Step 3: the rest of the line

    private mutating func addText(to container: Int, lastMatched: Int) {
        var container = container
        findFirstNonspace()

        if blank, let last = tree.lastChild(of: NodeID(container)) { blocks[Int(last.index)].lastLineBlank = true }

        // Block quotes, headings, breaks, fenced code and an item's own empty first line never make a list loose.
        let kind = blocks[container].kind
        let lastLineBlank = blank && kind != .blockQuote && kind != .heading && kind != .thematicBreak && kind != .fencedCode
            && !(kind == .listItem && tree.firstChild(of: NodeID(container)) == nil && blocks[container].start.line == lineNumber)
        blocks[container].lastLineBlank = lastLineBlank
        var ancestor = tree.parent(of: NodeID(container))
        while let a = ancestor {
            blocks[Int(a.index)].lastLineBlank = false
            ancestor = tree.parent(of: a)
        }

        if current != lastMatched, container == lastMatched, !blank, blocks[current].kind == .paragraph {
            // A lazy continuation line: it belongs to the open paragraph though its containers did not match.
            addLine(to: current, from: firstNonspace)
            return
        }
        while current != lastMatched { current = finalize(current) }

        switch blocks[container].kind {
        case .fencedCode:
            if blocks[container].start.line != lineNumber { addLine(to: container, from: offset) }
        case .indentedCode:
            addLine(to: container, from: offset)
        case .html:
            addLine(to: container, from: offset)
            let kind = blocks[container].htmlKind
            if kind <= 5, HTMLBlockScanner(bytes: bytes, end: lineEnd).meetsEndCondition(kind: kind, from: firstNonspace) {
                container = finalize(container)
            }
        case _ where blank:
            break
        case .heading:
            if !blocks[container].isSetext {
                addLine(to: container, from: firstNonspace, end: endOfATXContent())
            }
        case .table:
            addTableRow(to: container, from: firstNonspace)
        case .paragraph:
            addLine(to: container, from: firstNonspace)
        default:
            container = addChild(.paragraph, to: container, at: here)
            addLine(to: container, from: firstNonspace)
        }
        current = container
    }

    /// Where an ATX heading's text ends: before trailing spaces and an optional closing run of `#`.
    private func endOfATXContent() -> Int {
        var end = lineEnd
        while end > firstNonspace, ASCII.isSpaceOrTab(bytes[end - 1]) { end -= 1 }
        var hashes = end
        while hashes > firstNonspace, bytes[hashes - 1] == ASCII.hash { hashes -= 1 }
        if hashes == firstNonspace {
            end = hashes
        } else if hashes < end, ASCII.isSpaceOrTab(bytes[hashes - 1]) {
            end = hashes
            while end > firstNonspace, ASCII.isSpaceOrTab(bytes[end - 1]) { end -= 1 }
        }
        return end
    }

    private mutating func addLine(to block: Int, from start: Int, end: Int? = nil) {
        let end = end ?? lineEnd
        var start = start
        let column = start - lineStart + 1
        blocks[block].contentMap.lines.append((blocks[block].content.count, lineNumber, column))
        if partiallyConsumedTab, start == offset {
            // Part of a tab was used by the container's indentation; the rest becomes spaces.
            start += 1
            let toTabStop = 4 - (self.column % 4)
            blocks[block].content.append(contentsOf: repeatElement(ASCII.space, count: toTabStop))
        }
        if start < end { blocks[block].content.append(contentsOf: bytes[start..<end]) }
        blocks[block].content.append(ASCII.newline)
    }

    // MARK: Closing blocks

    /// Closes a block, turning what was collected into its final node kind; returns its parent.
    @discardableResult
    private mutating func finalize(_ index: Int, atEndOfInput: Bool = false) -> Int {
        let node = NodeID(index)
        let parent = tree.parent(of: node).map { Int($0.index) } ?? 0
        work += 1
        blocks[index].isOpen = false
        let kind = blocks[index].kind
        if atEndOfInput || kind == .document || kind == .fencedCode || (kind == .heading && blocks[index].isSetext) {
            blocks[index].end = SourcePosition(line: lineNumber, column: max(1, lineEnd - lineStart))
        } else {
            blocks[index].end = SourcePosition(line: max(blocks[index].start.line, lineNumber - 1), column: max(1, previousLineLength))
        }
        tree.setRange(SourceRange(start: blocks[index].start, end: blocks[index].end), of: node)

        switch kind {
        case .document:
            tree.setKind(.document, of: node)
        case .blockQuote:
            tree.setKind(.blockQuote, of: node)
        case .listItem:
            tree.setKind(.listItem, of: node)
        case .list:
            tree.setKind(.list(marker: blocks[index].marker, tight: isTight(index)), of: node)
        case .paragraph:
            resolveReferenceDefinitions(in: index)
            if blocks[index].content.isEmpty {
                blocks[index].isRemoved = true
                tree.detach(node)
            } else {
                tree.setKind(.paragraph, of: node)
            }
        case .heading:
            tree.setKind(.heading(level: blocks[index].level, id: nil), of: node)
        case .thematicBreak:
            tree.setKind(.thematicBreak, of: node)
        case .fencedCode:
            let literal = String(decoding: blocks[index].content, as: UTF8.self)
            tree.setKind(.codeBlock(info: blocks[index].info, literal: literal, fenced: true), of: node)
        case .indentedCode:
            let literal = String(decoding: withoutTrailingBlankLines(blocks[index].content), as: UTF8.self)
            tree.setKind(.codeBlock(info: "", literal: literal, fenced: false), of: node)
        case .html:
            tree.setKind(.htmlBlock(String(decoding: blocks[index].content, as: UTF8.self)), of: node)
        case .table:
            tree.setKind(.table(alignments: blocks[index].alignments), of: node)
        case .tableRow, .tableCell:
            break
        }
        if kind == .paragraph || kind == .heading {
            // The inline phase wants the text without its final line ending.
            if blocks[index].content.last == ASCII.newline { blocks[index].content.removeLast() }
        } else if kind != .tableCell {
            // Only blocks with inline content need their text after this point.
            blocks[index].content = []
        }
        return parent
    }

    /// A list is loose if any item is followed by a blank line, or any item holds blocks with a blank line between them.
    private mutating func isTight(_ list: Int) -> Bool {
        var item = tree.firstChild(of: NodeID(list))
        while let i = item {
            work += 1
            let nextItem = tree.next(after: i)
            if blocks[Int(i.index)].lastLineBlank, nextItem != nil { return false }
            var child = tree.firstChild(of: i)
            while let c = child {
                work += 1
                let nextChild = tree.next(after: c)
                if nextItem != nil || nextChild != nil, endsWithBlankLine(c) { return false }
                child = nextChild
            }
            item = nextItem
        }
        return true
    }

    private mutating func endsWithBlankLine(_ node: NodeID) -> Bool {
        var cursor: NodeID? = node
        while let n = cursor {
            work += 1
            let block = blocks[Int(n.index)]
            if block.lastLineBlank { return true }
            cursor = block.kind == .list || block.kind == .listItem ? tree.lastChild(of: n) : nil
        }
        return false
    }

    /// Indented code drops its trailing blank lines but keeps one final newline.
    private func withoutTrailingBlankLines(_ content: [UInt8]) -> [UInt8] {
        var end = content.count
        while end > 0, ASCII.isWhitespace(content[end - 1]) { end -= 1 }
        if end == 0 { return [] }
        var lineEnd = end
        while lineEnd < content.count, content[lineEnd] != ASCII.newline { lineEnd += 1 }
        var result = Array(content[..<lineEnd])
        result.append(ASCII.newline)
        return result
    }

    /// Removes link reference definitions from the start of a paragraph and records them.
    private mutating func resolveReferenceDefinitions(in index: Int) {
        let content = blocks[index].content
        guard content.first == ASCII.openBracket else { return }
        var position = 0
        while position < content.count, content[position] == ASCII.openBracket,
              let (label, reference, end) = LinkSyntax.parseReferenceDefinition(content, from: position) {
            if references[label] == nil { references[label] = reference }
            work += end - position
            position = end
        }
        guard position > 0 else { return }
        let rest = content[position...]
        if rest.allSatisfy({ ASCII.isWhitespace($0) }) {
            blocks[index].content = []
            blocks[index].contentMap = ContentLineMap()
            return
        }
        blocks[index].content = Array(rest)
        var map = ContentLineMap()
        for line in blocks[index].contentMap.lines where line.offset >= position {
            map.lines.append((line.offset - position, line.line, line.column))
        }
        if map.lines.first?.offset != 0 {
            // The definition ended mid-line: map the start to the nearest earlier line.
            let earlier = blocks[index].contentMap.position(at: position)
            map.lines.insert((0, earlier.line, earlier.column), at: 0)
        }
        blocks[index].contentMap = map
    }

    // MARK: Tables (extension)

    /// Turns the open paragraph's last line into a table header when this line is a matching delimiter row.
    private mutating func startTable(in paragraph: Int) -> Int? {
        guard let alignments = TableRowScanner.delimiterRow(Array(bytes[firstNonspace..<lineEnd])[...]) else { return nil }
        resolveReferenceDefinitions(in: paragraph)
        let content = blocks[paragraph].content
        guard !content.isEmpty, let lastLine = blocks[paragraph].contentMap.lines.last else { return nil }
        let headerLine = Array(content[lastLine.offset..<(content.count - 1)])
        guard TableRowScanner.cells(headerLine).count == alignments.count else { return nil }

        let headerStart = SourcePosition(line: lastLine.line, column: lastLine.column)
        let table: Int
        if lastLine.offset == 0 {
            table = paragraph
            blocks[table].kind = .table
            blocks[table].content = []
            blocks[table].contentMap = ContentLineMap()
        } else {
            // Earlier lines stay a paragraph; the table follows it.
            blocks[paragraph].content.removeSubrange(lastLine.offset...)
            blocks[paragraph].contentMap.lines.removeLast()
            let parent = finalize(paragraph)
            table = makeBlock(.table, under: parent, at: headerStart)
        }
        blocks[table].alignments = alignments
        addTableRow(to: table, line: headerLine, at: headerStart, isHeader: true)
        advance(lineEnd - offset, columns: false)
        return table
    }

    private mutating func addTableRow(to table: Int, from start: Int) {
        let position = SourcePosition(line: lineNumber, column: start - lineStart + 1)
        addTableRow(to: table, line: Array(bytes[start..<lineEnd]), at: position, isHeader: false)
    }

    /// Adds a row with exactly as many cells as the table has columns: missing ones empty, extra ones dropped.
    private mutating func addTableRow(to table: Int, line: [UInt8], at rowStart: SourcePosition, isHeader: Bool) {
        let cells = TableRowScanner.cells(line)
        let row = makeBlock(.tableRow, under: table, at: rowStart)
        tree.setKind(.tableRow(isHeader: isHeader), of: NodeID(row))
        for index in 0..<blocks[table].alignments.count {
            var position = rowStart
            var text: [UInt8] = []
            if index < cells.count {
                position.column += cells[index].lowerBound
                text = TableRowScanner.unescapingPipes(line[cells[index]])
            }
            let cell = makeBlock(.tableCell, under: row, at: position)
            tree.setKind(.tableCell, of: NodeID(cell))
            blocks[cell].isOpen = false
            blocks[cell].content = text
            blocks[cell].contentMap.lines = [(0, position.line, position.column)]
        }
        blocks[row].isOpen = false
    }
}
