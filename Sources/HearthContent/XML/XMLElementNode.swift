import HearthMarkdown

/// An XML element held in memory, with where its parts are in the file.
struct XMLElementNode: Hashable, Sendable {
    var name: String
    /// Attribute values by name (XML allows each name once per element).
    var attributes: [String: String]
    var children: [XMLElementNode] = []
    /// The text directly inside the element, not inside its children. Where a comment or child element
    /// spanned lines, line breaks stand in for it, so the text's lines stay in step with the file's.
    var text = ""
    /// Where the start tag's `<` is. Columns count UTF-8 bytes, as everywhere in Hearth's diagnostics.
    var start: SourcePosition
    /// Where `text` begins.
    var textStart: SourcePosition
    /// Where the first character of `text` that is not white space is, if there is one.
    var firstWord: SourcePosition?

    /// The children with this name, in document order.
    func children(named name: String) -> [XMLElementNode] { children.filter { $0.name == name } }

    /// The first child with this name.
    func child(named name: String) -> XMLElementNode? { children.first { $0.name == name } }
}
