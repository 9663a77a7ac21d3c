import HearthText

/// The seven kinds of HTML block start and their end conditions (CommonMark §4.6).
struct HTMLBlockScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let end: Int

    private static let rawTextTags: [[UInt8]] = ["pre", "script", "style", "textarea"].map { Array($0.utf8) }

    private static let blockTags: Set<[UInt8]> = Set([
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center",
        "col", "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5",
        "h6", "head", "header", "hr", "html", "iframe", "legend", "li", "link", "main", "menu",
        "menuitem", "nav", "noframes", "ol", "optgroup", "option", "p", "param", "search", "section",
        "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "track", "ul",
    ].map { Array($0.utf8) })

    @inline(__always) private func peek(_ i: Int) -> UInt8 { i < end ? bytes[i] : 0 }

    private func startsWith(_ literal: StaticString, at i: Int, caseInsensitive: Bool = false) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard i + count <= end else { return false }
        let p = literal.utf8Start
        for k in 0..<count {
            let a = bytes[i + k], b = p[k]
            if caseInsensitive ? ASCII.lowercased(a) != b : a != b { return false }
        }
        return true
    }

    /// The kind (1–7) of HTML block that starts at `start`, or nil. Kind 7 cannot interrupt a paragraph.
    func blockStart(at start: Int, canBeKind7: Bool) -> Int? {
        guard peek(start) == ASCII.lessThan else { return nil }
        let i = start + 1
        if peek(i) == ASCII.bang {
            if startsWith("--", at: i + 1) { return 2 }
            if startsWith("[CDATA[", at: i + 1) { return 5 }
            if ASCII.isLetter(peek(i + 1)) { return 4 }
            return nil
        }
        if peek(i) == ASCII.question { return 3 }

        // Kinds 1 and 6 name a tag; read its name in lower case.
        let closing = peek(i) == ASCII.slash
        let nameStart = closing ? i + 1 : i
        var j = nameStart
        var name: [UInt8] = []
        while j < end, ASCII.isAlphanumeric(bytes[j]) || (j > nameStart && bytes[j] == ASCII.dash) {
            name.append(ASCII.lowercased(bytes[j]))
            j += 1
            if name.count > 12 { break }
        }
        let after = peek(j)
        let endsName = j == end || ASCII.isSpaceOrTab(after) || after == ASCII.greaterThan
        if !closing, endsName, Self.rawTextTags.contains(name) { return 1 }
        if endsName || (after == ASCII.slash && peek(j + 1) == ASCII.greaterThan), Self.blockTags.contains(name) { return 6 }

        guard canBeKind7 else { return nil }
        let scanner = HTMLTagScanner(bytes: bytes, end: end)
        guard let tagEnd = closing ? scanner.closingTag(at: start) : scanner.openTag(at: start) else { return nil }
        if !closing, Self.rawTextTags.contains(name) { return nil }
        var k = tagEnd
        while k < end, ASCII.isSpaceOrTab(bytes[k]) { k += 1 }
        return k == end ? 7 : nil
    }

    /// Whether the line `bytes[start..<end]` meets the end condition of an HTML block of `kind` (1–5).
    func meetsEndCondition(kind: Int, from start: Int) -> Bool {
        switch kind {
        case 1:
            var i = start
            while i + 1 < end {
                if bytes[i] == ASCII.lessThan, bytes[i + 1] == ASCII.slash {
                    for tag in Self.rawTextTags where matchesTagEnd(tag, at: i + 2) { return true }
                }
                i += 1
            }
            return false
        case 2: return contains("-->", from: start)
        case 3: return contains("?>", from: start)
        case 4: return contains(">", from: start)
        case 5: return contains("]]>", from: start)
        default: return false
        }
    }

    private func matchesTagEnd(_ tag: [UInt8], at i: Int) -> Bool {
        guard i + tag.count < end else { return false }
        for k in 0..<tag.count where ASCII.lowercased(bytes[i + k]) != tag[k] { return false }
        return bytes[i + tag.count] == ASCII.greaterThan
    }

    private func contains(_ literal: StaticString, from start: Int) -> Bool {
        let first = literal.utf8Start[0]
        var i = start
        while i < end {
            if bytes[i] == first, startsWith(literal, at: i) { return true }
            i += 1
        }
        return false
    }
}

/// Scans HTML open and closing tags as CommonMark defines them (§6.6), for blocks and inlines alike.
struct HTMLTagScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let end: Int
    /// The last `"` and `'` in the text: a quoted attribute value opened after them can't close, so scanning stops at once.
    var lastDoubleQuote = Int.max
    var lastSingleQuote = Int.max

    @inline(__always) private func peek(_ i: Int) -> UInt8 { i < end ? bytes[i] : 0 }

    /// Whitespace in a tag may include up to one line ending per run, as inline tags may span lines.
    private func skipWhitespace(_ i: Int) -> Int {
        var i = i
        while i < end, ASCII.isWhitespace(bytes[i]) { i += 1 }
        return i
    }

    private func tagName(_ i: Int) -> Int? {
        guard ASCII.isLetter(peek(i)) else { return nil }
        var j = i + 1
        while j < end, ASCII.isAlphanumeric(bytes[j]) || bytes[j] == ASCII.dash { j += 1 }
        return j
    }

    /// `<name attr…>` or `<name …/>` starting at the `<`; returns the index after `>`.
    func openTag(at start: Int) -> Int? {
        guard peek(start) == ASCII.lessThan, var i = tagName(start + 1) else { return nil }
        while true {
            let afterSpace = skipWhitespace(i)
            let c = peek(afterSpace)
            if c == ASCII.greaterThan { return afterSpace + 1 }
            if c == ASCII.slash { return peek(afterSpace + 1) == ASCII.greaterThan ? afterSpace + 2 : nil }
            // An attribute needs whitespace before it.
            guard afterSpace > i, let next = attribute(at: afterSpace) else { return nil }
            i = next
        }
    }

    /// `</name>` with optional whitespace before `>`; returns the index after `>`.
    func closingTag(at start: Int) -> Int? {
        guard peek(start) == ASCII.lessThan, peek(start + 1) == ASCII.slash, let i = tagName(start + 2) else { return nil }
        let j = skipWhitespace(i)
        return peek(j) == ASCII.greaterThan ? j + 1 : nil
    }

    private func attribute(at start: Int) -> Int? {
        let c = peek(start)
        guard ASCII.isLetter(c) || c == ASCII.underscore || c == ASCII.colon else { return nil }
        var i = start + 1
        while i < end {
            let b = bytes[i]
            guard ASCII.isAlphanumeric(b) || b == ASCII.underscore || b == ASCII.dot || b == ASCII.colon || b == ASCII.dash else { break }
            i += 1
        }
        let beforeEquals = skipWhitespace(i)
        guard peek(beforeEquals) == ASCII.equals else { return i }
        let valueStart = skipWhitespace(beforeEquals + 1)
        let q = peek(valueStart)
        if q == ASCII.quote || q == ASCII.apostrophe {
            if valueStart >= (q == ASCII.quote ? lastDoubleQuote : lastSingleQuote) { return nil }
            var j = valueStart + 1
            while j < end, bytes[j] != q { j += 1 }
            return j < end ? j + 1 : nil
        }
        var j = valueStart
        while j < end {
            let b = bytes[j]
            if ASCII.isWhitespace(b) || b == ASCII.quote || b == ASCII.apostrophe || b == ASCII.equals
                || b == ASCII.lessThan || b == ASCII.greaterThan || b == ASCII.backtick { break }
            j += 1
        }
        return j > valueStart ? j : nil
    }
}
