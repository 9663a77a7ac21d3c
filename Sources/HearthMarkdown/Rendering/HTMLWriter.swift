import HearthText

/// An output buffer of UTF-8 bytes with the escaping HTML text, attributes and URLs need.
struct MarkupWriter {
    var output: [UInt8]

    /// Appends literal markup.
    @inline(__always) mutating func raw(_ s: String) {
        var s = s
        s.withUTF8 { output.append(contentsOf: $0) }
    }

    /// Starts a new line unless the output is empty or already ends with one, as cmark does between blocks.
    @inline(__always) mutating func newlineIfNeeded() {
        if let last = output.last, last != ASCII.newline { output.append(ASCII.newline) }
    }

    /// Appends text with `&`, `<`, `>` and `"` escaped.
    @inline(__always) mutating func escaped(_ s: String) {
        HTMLEscaping.append(s, to: &output)
    }

    /// Appends a URL for an `href` or `src`: unsafe bytes percent-encoded, `&` and `'` as entities.
    @inline(__always) mutating func escapedURL(_ s: String) {
        HTMLEscaping.appendURL(s, to: &output)
    }
}
