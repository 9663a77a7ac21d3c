import HearthText

/// A link reference definition's target, stored under its normalized label.
struct LinkReference: Hashable, Sendable {
    var destination: String
    var title: String
}

/// Scanners for the parts of links, shared by inline links and link reference definitions.
enum LinkSyntax {
    /// Longest label the spec allows between the brackets.
    static let maximumLabelLength = 999

    /// A link label `[…]` starting at the `[`; returns the index after `]` (the label is between).
    static func scanLabel(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, end: Int) -> Int? {
        guard start < end, bytes[start] == ASCII.openBracket else { return nil }
        var i = start + 1
        var hasContent = false
        while i < end, i - start - 1 <= maximumLabelLength {
            let c = bytes[i]
            switch c {
            case ASCII.backslash:
                if i + 1 < end, CharacterClass.isASCIIPunctuation(bytes[i + 1]) { i += 1 }
                hasContent = true
            case ASCII.openBracket:
                return nil
            case ASCII.closeBracket:
                return hasContent ? i + 1 : nil
            default:
                if !ASCII.isWhitespace(c) { hasContent = true }
            }
            i += 1
        }
        return nil
    }

    /// A link destination: `<…>` (no line ending or unescaped `<`), or raw text with balanced parentheses.
    /// Returns the destination's text range (without pointy brackets) and the index after it.
    static func scanDestination(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, end: Int) -> (Range<Int>, Int)? {
        guard start < end else { return nil }
        if bytes[start] == ASCII.lessThan {
            var i = start + 1
            while i < end {
                switch bytes[i] {
                case ASCII.greaterThan: return (start + 1..<i, i + 1)
                case ASCII.backslash: i += i + 1 < end && CharacterClass.isASCIIPunctuation(bytes[i + 1]) ? 2 : 1
                case ASCII.newline, ASCII.carriageReturn, ASCII.lessThan: return nil
                default: i += 1
                }
            }
            return nil
        }
        var i = start
        var depth = 0
        while i < end {
            let c = bytes[i]
            if c == ASCII.backslash, i + 1 < end, CharacterClass.isASCIIPunctuation(bytes[i + 1]) {
                i += 2
                continue
            }
            if c == ASCII.openParen {
                depth += 1
                if depth > 32 { return nil }
            } else if c == ASCII.closeParen {
                if depth == 0 { break }
                depth -= 1
            } else if c <= 0x20 || c == 0x7F {
                break
            }
            i += 1
        }
        guard i > start, depth == 0 else { return nil }
        return (start..<i, i)
    }

    /// A link title in `"…"`, `'…'` or `(…)`; returns its text range and the index after the closing mark.
    static func scanTitle(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, end: Int) -> (Range<Int>, Int)? {
        guard start < end else { return nil }
        let open = bytes[start]
        let close: UInt8
        switch open {
        case ASCII.quote, ASCII.apostrophe: close = open
        case ASCII.openParen: close = ASCII.closeParen
        default: return nil
        }
        var i = start + 1
        while i < end {
            let c = bytes[i]
            if c == ASCII.backslash, i + 1 < end, CharacterClass.isASCIIPunctuation(bytes[i + 1]) {
                i += 2
                continue
            }
            if c == close { return (start + 1..<i, i + 1) }
            if open == ASCII.openParen, c == ASCII.openParen { return nil }
            i += 1
        }
        return nil
    }

    /// Skips spaces and tabs, and at most one line ending; returns the new index and whether it moved.
    static func skipSpaceAndOneNewline(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Int {
        var i = start
        while i < end, ASCII.isSpaceOrTab(bytes[i]) { i += 1 }
        if i < end, bytes[i] == ASCII.newline {
            i += 1
            while i < end, ASCII.isSpaceOrTab(bytes[i]) { i += 1 }
        }
        return i
    }

    /// Normalizes a link label for matching: Unicode case fold, whitespace runs collapsed to one space, trimmed.
    static func normalizeLabel(_ label: UnsafeBufferPointer<UInt8>) -> String {
        var collapsed: [UInt8] = []
        collapsed.reserveCapacity(label.count)
        var pendingSpace = false
        var isASCII = true
        for c in label {
            if ASCII.isWhitespace(c) {
                pendingSpace = !collapsed.isEmpty
                continue
            }
            if pendingSpace { collapsed.append(ASCII.space) }
            pendingSpace = false
            if c >= 0x80 { isASCII = false }
            collapsed.append(isASCII ? ASCII.lowercased(c) : c)
        }
        let text = String(decoding: collapsed, as: UTF8.self)
        // Full case folding maps ẞ and ß to "ss"; lower-upper-lower reaches the same fold for labels.
        return isASCII ? text : text.lowercased().uppercased().lowercased()
    }

    /// Parses one link reference definition at `start` of a paragraph's text.
    /// Returns the normalized label, the reference, and the index just past its line ending (or the end).
    static func parseReferenceDefinition(_ content: [UInt8], from start: Int) -> (label: String, reference: LinkReference, end: Int)? {
        content.withUnsafeBufferPointer { parseReferenceDefinition($0, from: start) }
    }

    static func parseReferenceDefinition(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (label: String, reference: LinkReference, end: Int)? {
        let end = bytes.count
        guard let afterLabel = scanLabel(bytes, at: start, end: end), afterLabel < end, bytes[afterLabel] == ASCII.colon else { return nil }
        let label = normalizeLabel(UnsafeBufferPointer(rebasing: bytes[(start + 1)..<(afterLabel - 1)]))
        if label.isEmpty { return nil }
        let destinationStart = skipSpaceAndOneNewline(bytes, from: afterLabel + 1, end: end)
        guard let (destinationRange, afterDestination) = scanDestination(bytes, at: destinationStart, end: end) else { return nil }
        if bytes[destinationStart] != ASCII.lessThan && destinationRange.isEmpty { return nil }
        let destination = CharacterReference.unescaping(bytes, from: destinationRange.lowerBound, to: destinationRange.upperBound)

        // The title is optional and must be separated by whitespace; if what follows is not a valid
        // title ending its line, the definition ends after the destination, if that line ends there.
        let beforeTitle = skipSpaceAndOneNewline(bytes, from: afterDestination, end: end)
        if beforeTitle > afterDestination, let (titleRange, afterTitle) = scanTitle(bytes, at: beforeTitle, end: end),
           let lineEnd = endOfLine(bytes, from: afterTitle, end: end) {
            let title = CharacterReference.unescaping(bytes, from: titleRange.lowerBound, to: titleRange.upperBound)
            return (label, LinkReference(destination: destination, title: title), lineEnd)
        }
        guard let lineEnd = endOfLine(bytes, from: afterDestination, end: end) else { return nil }
        return (label, LinkReference(destination: destination, title: ""), lineEnd)
    }

    /// The index after the line ending if only spaces and tabs remain on the line.
    private static func endOfLine(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Int? {
        var i = start
        while i < end, ASCII.isSpaceOrTab(bytes[i]) { i += 1 }
        if i == end { return end }
        return bytes[i] == ASCII.newline ? i + 1 : nil
    }
}
