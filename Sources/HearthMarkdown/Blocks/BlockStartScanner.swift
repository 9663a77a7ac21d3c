import HearthText

/// Recognises the first line of each leaf and container block at a given byte of a line.
///
/// Every scanner reads the line `bytes[start..<end]` (no line ending) and returns how
/// many bytes the marker takes, or nil when the line does not start that kind of block.
struct BlockStartScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let end: Int

    @inline(__always) func peek(_ i: Int) -> UInt8 { i < end ? bytes[i] : 0 }

    /// `#`–`######` followed by a space, tab or the end of the line; the length covers the hashes and following spaces.
    func atxHeadingStart(at start: Int) -> (length: Int, level: Int)? {
        var i = start
        while i < end, bytes[i] == ASCII.hash, i - start < 7 { i += 1 }
        let level = i - start
        guard level >= 1, level <= 6 else { return nil }
        guard i == end || ASCII.isSpaceOrTab(bytes[i]) else { return nil }
        while i < end, ASCII.isSpaceOrTab(bytes[i]) { i += 1 }
        return (i - start, level)
    }

    /// Three or more backticks or tildes; a backtick fence's info string may not contain a backtick.
    func openingCodeFence(at start: Int) -> (length: Int, fence: UInt8)? {
        let c = peek(start)
        guard c == ASCII.backtick || c == ASCII.tilde else { return nil }
        var i = start
        while i < end, bytes[i] == c { i += 1 }
        guard i - start >= 3 else { return nil }
        if c == ASCII.backtick {
            var j = i
            while j < end { if bytes[j] == ASCII.backtick { return nil }; j += 1 }
        }
        return (i - start, c)
    }

    /// A closing fence of `fence` bytes at least `minimum` long, followed only by spaces and tabs.
    func closingCodeFence(at start: Int, fence: UInt8, minimum: Int) -> Int? {
        var i = start
        while i < end, bytes[i] == fence { i += 1 }
        let length = i - start
        guard length >= minimum else { return nil }
        while i < end, ASCII.isSpaceOrTab(bytes[i]) { i += 1 }
        return i == end ? length : nil
    }

    /// Three or more `*`, `-` or `_` with nothing else but spaces and tabs on the line.
    func isThematicBreak(at start: Int) -> Bool {
        let c = peek(start)
        guard c == ASCII.star || c == ASCII.dash || c == ASCII.underscore else { return false }
        var count = 0
        var i = start
        while i < end {
            let b = bytes[i]
            if b == c { count += 1 } else if !ASCII.isSpaceOrTab(b) { return false }
            i += 1
        }
        return count >= 3
    }

    /// A setext underline: `=`s (level 1) or `-`s (level 2), then only spaces and tabs.
    func setextUnderline(at start: Int) -> Int? {
        let c = peek(start)
        guard c == ASCII.equals || c == ASCII.dash else { return nil }
        var i = start
        while i < end, bytes[i] == c { i += 1 }
        while i < end, ASCII.isSpaceOrTab(bytes[i]) { i += 1 }
        guard i == end else { return nil }
        return c == ASCII.equals ? 1 : 2
    }

    /// A bullet (`-`, `+`, `*`) or ordered (`1.`, `1)`) list marker followed by a space, tab or end of line.
    ///
    /// When the item would interrupt a paragraph, it must not be empty, and an ordered one must start at 1.
    func listMarker(at start: Int, interruptsParagraph: Bool) -> (length: Int, marker: ListMarker)? {
        let c = peek(start)
        var i = start
        let marker: ListMarker
        if c == ASCII.star || c == ASCII.dash || c == ASCII.plus {
            i += 1
            marker = .bullet(c)
        } else if ASCII.isDigit(c) {
            var number = 0
            while i < end, ASCII.isDigit(bytes[i]), i - start < 9 {
                number = number * 10 + Int(bytes[i] - 0x30)
                i += 1
            }
            let delimiter = peek(i)
            guard delimiter == ASCII.dot || delimiter == ASCII.closeParen else { return nil }
            if interruptsParagraph && number != 1 { return nil }
            i += 1
            marker = .ordered(start: number, delimiter: delimiter)
        } else {
            return nil
        }
        guard i == end || ASCII.isSpaceOrTab(bytes[i]) else { return nil }
        if interruptsParagraph {
            var j = i
            while j < end, ASCII.isSpaceOrTab(bytes[j]) { j += 1 }
            if j == end { return nil }
        }
        return (i - start, marker)
    }
}
