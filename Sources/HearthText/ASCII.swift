/// Byte constants and classes: the Markdown parser's phases, the JSON reader and the template tokenizer all read bytes.
///
/// Inlinable, so a parser's inner loop in another target compiles them to a compare, not a call.
package enum ASCII {
    @inlinable package static var tab: UInt8 { 0x09 }
    @inlinable package static var newline: UInt8 { 0x0A }
    @inlinable package static var carriageReturn: UInt8 { 0x0D }
    @inlinable package static var space: UInt8 { 0x20 }
    @inlinable package static var bang: UInt8 { 0x21 }
    @inlinable package static var quote: UInt8 { 0x22 }
    @inlinable package static var hash: UInt8 { 0x23 }
    @inlinable package static var percent: UInt8 { 0x25 }
    @inlinable package static var ampersand: UInt8 { 0x26 }
    @inlinable package static var apostrophe: UInt8 { 0x27 }
    @inlinable package static var openParen: UInt8 { 0x28 }
    @inlinable package static var closeParen: UInt8 { 0x29 }
    @inlinable package static var star: UInt8 { 0x2A }
    @inlinable package static var plus: UInt8 { 0x2B }
    @inlinable package static var dash: UInt8 { 0x2D }
    @inlinable package static var dot: UInt8 { 0x2E }
    @inlinable package static var slash: UInt8 { 0x2F }
    @inlinable package static var colon: UInt8 { 0x3A }
    @inlinable package static var lessThan: UInt8 { 0x3C }
    @inlinable package static var equals: UInt8 { 0x3D }
    @inlinable package static var greaterThan: UInt8 { 0x3E }
    @inlinable package static var question: UInt8 { 0x3F }
    @inlinable package static var openBracket: UInt8 { 0x5B }
    @inlinable package static var backslash: UInt8 { 0x5C }
    @inlinable package static var closeBracket: UInt8 { 0x5D }
    @inlinable package static var underscore: UInt8 { 0x5F }
    @inlinable package static var backtick: UInt8 { 0x60 }
    @inlinable package static var pipe: UInt8 { 0x7C }
    @inlinable package static var tilde: UInt8 { 0x7E }

    @inlinable @inline(__always) package static func isSpaceOrTab(_ c: UInt8) -> Bool { c == space || c == tab }
    @inlinable @inline(__always) package static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
    @inlinable @inline(__always) package static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) &- 0x61 < 26 }
    @inlinable @inline(__always) package static func isAlphanumeric(_ c: UInt8) -> Bool { isDigit(c) || isLetter(c) }
    @inlinable @inline(__always) package static func lowercased(_ c: UInt8) -> UInt8 { c &- 0x41 < 26 ? c | 0x20 : c }
    /// Unicode whitespace restricted to ASCII, as the spec's "whitespace character" (space, tab, LF, VT, FF, CR).
    @inlinable @inline(__always) package static func isWhitespace(_ c: UInt8) -> Bool { c == space || (c >= 0x09 && c <= 0x0D) }
    /// Space, tab, line feed and carriage return: JSON's whitespace (RFC 8259), and what pads a template tag.
    @inlinable @inline(__always) package static func isSpaceTabOrLineBreak(_ c: UInt8) -> Bool {
        c == space || c == tab || c == newline || c == carriageReturn
    }
}
