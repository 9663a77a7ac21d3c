/// Byte constants and classes: the Markdown parser's phases, the JSON reader and the template tokenizer all read bytes.
///
/// Inlinable, so a parser's inner loop in another target compiles them to a compare, not a call. Public rather
/// than `package` for that reason alone: Swift 6.3 does not inline `@inlinable package` declarations across
/// targets (the Markdown parser called a function for every `ASCII.newline`, 15% slower in `bench-markdown`).
/// HearthText is no library product, so nothing outside this package sees them.
public enum ASCII {
    @inlinable @inline(__always) public static var tab: UInt8 { 0x09 }
    @inlinable @inline(__always) public static var newline: UInt8 { 0x0A }
    @inlinable @inline(__always) public static var carriageReturn: UInt8 { 0x0D }
    @inlinable @inline(__always) public static var space: UInt8 { 0x20 }
    @inlinable @inline(__always) public static var bang: UInt8 { 0x21 }
    @inlinable @inline(__always) public static var quote: UInt8 { 0x22 }
    @inlinable @inline(__always) public static var hash: UInt8 { 0x23 }
    @inlinable @inline(__always) public static var percent: UInt8 { 0x25 }
    @inlinable @inline(__always) public static var ampersand: UInt8 { 0x26 }
    @inlinable @inline(__always) public static var apostrophe: UInt8 { 0x27 }
    @inlinable @inline(__always) public static var openParen: UInt8 { 0x28 }
    @inlinable @inline(__always) public static var closeParen: UInt8 { 0x29 }
    @inlinable @inline(__always) public static var star: UInt8 { 0x2A }
    @inlinable @inline(__always) public static var plus: UInt8 { 0x2B }
    @inlinable @inline(__always) public static var dash: UInt8 { 0x2D }
    @inlinable @inline(__always) public static var dot: UInt8 { 0x2E }
    @inlinable @inline(__always) public static var slash: UInt8 { 0x2F }
    @inlinable @inline(__always) public static var colon: UInt8 { 0x3A }
    @inlinable @inline(__always) public static var lessThan: UInt8 { 0x3C }
    @inlinable @inline(__always) public static var equals: UInt8 { 0x3D }
    @inlinable @inline(__always) public static var greaterThan: UInt8 { 0x3E }
    @inlinable @inline(__always) public static var question: UInt8 { 0x3F }
    @inlinable @inline(__always) public static var openBracket: UInt8 { 0x5B }
    @inlinable @inline(__always) public static var backslash: UInt8 { 0x5C }
    @inlinable @inline(__always) public static var closeBracket: UInt8 { 0x5D }
    @inlinable @inline(__always) public static var underscore: UInt8 { 0x5F }
    @inlinable @inline(__always) public static var backtick: UInt8 { 0x60 }
    @inlinable @inline(__always) public static var pipe: UInt8 { 0x7C }
    @inlinable @inline(__always) public static var tilde: UInt8 { 0x7E }

    @inlinable @inline(__always) public static func isSpaceOrTab(_ c: UInt8) -> Bool { c == space || c == tab }
    @inlinable @inline(__always) public static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
    @inlinable @inline(__always) public static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) &- 0x61 < 26 }
    @inlinable @inline(__always) public static func isAlphanumeric(_ c: UInt8) -> Bool { isDigit(c) || isLetter(c) }
    @inlinable @inline(__always) public static func lowercased(_ c: UInt8) -> UInt8 { c &- 0x41 < 26 ? c | 0x20 : c }
    /// Unicode whitespace restricted to ASCII, as the spec's "whitespace character" (space, tab, LF, VT, FF, CR).
    @inlinable @inline(__always) public static func isWhitespace(_ c: UInt8) -> Bool { c == space || (c >= 0x09 && c <= 0x0D) }
    /// Space, tab, line feed and carriage return: JSON's whitespace (RFC 8259), and what pads a template tag.
    @inlinable @inline(__always) public static func isSpaceTabOrLineBreak(_ c: UInt8) -> Bool {
        c == space || c == tab || c == newline || c == carriageReturn
    }
}
