import HearthText

/// Renders a `SyntaxTree` as HTML, byte for byte as the CommonMark spec's examples show it.
public struct HTMLRenderer: Sendable {
    /// When true, raw HTML is replaced by a comment and `javascript:`, `vbscript:`, `file:` and `data:` links are emptied.
    public var safe: Bool
    /// Rewrites link and image destinations as they are written (the site builder points links to
    /// content files at their built pages); nil leaves them as written.
    public var rewriteURL: (@Sendable (String) -> String?)?

    /// Creates a renderer; by default raw HTML passes through, since Hearth's authors are trusted.
    public init(safe: Bool = false, rewriteURL: (@Sendable (String) -> String?)? = nil) {
        self.safe = safe
        self.rewriteURL = rewriteURL
    }

    private func destination(_ url: String) -> String {
        rewriteURL?(url) ?? url
    }

    /// The document as an HTML string.
    public func render(_ tree: SyntaxTree) -> String {
        var output: [UInt8] = []
        render(tree, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the HTML for `node` (the whole document by default) to `output`.
    public func render(_ tree: SyntaxTree, from node: NodeID? = nil, into output: inout [UInt8]) {
        var writer = MarkupWriter(output: output)
        output = []
        // Inside an image, children only contribute their text to the `alt` attribute.
        var altTextOf: NodeID?
        var cellColumn = 0

        tree.walk(from: node, enter: { node in
            let kind = tree.kind(of: node)
            if altTextOf != nil {
                switch kind {
                case .text(let s), .code(let s), .inlineHTML(let s): writer.escaped(s)
                case .softBreak, .lineBreak: writer.raw(" ")
                default: break
                }
                return
            }
            switch kind {
            case .document:
                break
            case .blockQuote:
                writer.newlineIfNeeded()
                writer.raw("<blockquote>\n")
            case .list(let marker, _):
                writer.newlineIfNeeded()
                if case .ordered(let start, _) = marker {
                    if start == 1 { writer.raw("<ol>\n") } else { writer.raw("<ol start=\"\(start)\">\n") }
                } else {
                    writer.raw("<ul>\n")
                }
            case .listItem:
                writer.newlineIfNeeded()
                writer.raw("<li>")
            case .codeBlock(let info, let literal, _):
                writer.newlineIfNeeded()
                let language = info.utf8.prefix { !ASCII.isWhitespace($0) }
                if language.isEmpty {
                    writer.raw("<pre><code>")
                } else {
                    writer.raw("<pre><code class=\"language-")
                    writer.escaped(String(Substring(language)))
                    writer.raw("\">")
                }
                writer.escaped(literal)
                writer.raw("</code></pre>\n")
            case .htmlBlock(let html):
                writer.newlineIfNeeded()
                if safe { writer.raw("<!-- raw HTML omitted -->") } else { writer.raw(html) }
                writer.newlineIfNeeded()
            case .paragraph:
                if !isInTightList(node, tree) {
                    writer.newlineIfNeeded()
                    writer.raw("<p>")
                }
            case .heading(let level, let id):
                writer.newlineIfNeeded()
                writer.raw("<h\(level)")
                if let id {
                    writer.raw(" id=\"")
                    writer.escaped(id)
                    writer.raw("\"")
                }
                writer.raw(">")
            case .thematicBreak:
                writer.newlineIfNeeded()
                writer.raw("<hr />\n")
            case .table:
                writer.newlineIfNeeded()
                writer.raw("<table>\n")
            case .tableRow(let isHeader):
                if isHeader {
                    writer.raw("<thead>\n")
                } else if tree.previous(before: node).map({ tree.kind(of: $0) == .tableRow(isHeader: true) }) ?? false {
                    writer.raw("<tbody>\n")
                }
                writer.raw("<tr>\n")
                cellColumn = 0
            case .tableCell:
                let isHeader = tree.parent(of: node).map { tree.kind(of: $0) == .tableRow(isHeader: true) } ?? false
                writer.raw(isHeader ? "<th" : "<td")
                if let table = tree.parent(of: node).flatMap({ tree.parent(of: $0) }),
                   case .table(let alignments) = tree.kind(of: table), cellColumn < alignments.count {
                    switch alignments[cellColumn] {
                    case .left: writer.raw(" class=\"align-left\"")
                    case .center: writer.raw(" class=\"align-center\"")
                    case .right: writer.raw(" class=\"align-right\"")
                    case .none: break
                    }
                }
                writer.raw(">")
                cellColumn += 1
            case .text(let s):
                writer.escaped(s)
            case .softBreak:
                writer.raw("\n")
            case .lineBreak:
                writer.raw("<br />\n")
            case .code(let s):
                writer.raw("<code>")
                writer.escaped(s)
                writer.raw("</code>")
            case .inlineHTML(let html):
                writer.raw(safe ? "<!-- raw HTML omitted -->" : html)
            case .emphasis:
                writer.raw("<em>")
            case .strong:
                writer.raw("<strong>")
            case .strikethrough:
                writer.raw("<del>")
            case .link(let destination, let title):
                writer.raw("<a href=\"")
                if !(safe && URLSafety.isDangerous(destination)) { writer.escapedURL(self.destination(destination)) }
                writer.raw("\"")
                if !title.isEmpty {
                    writer.raw(" title=\"")
                    writer.escaped(title)
                    writer.raw("\"")
                }
                writer.raw(">")
            case .image(let destination, _):
                writer.raw("<img src=\"")
                if !(safe && URLSafety.isDangerous(destination)) { writer.escapedURL(self.destination(destination)) }
                writer.raw("\" alt=\"")
                altTextOf = node
            }
        }, exit: { node in
            let kind = tree.kind(of: node)
            if let image = altTextOf {
                guard image == node, case .image(_, let title) = kind else { return }
                altTextOf = nil
                writer.raw("\"")
                if !title.isEmpty {
                    writer.raw(" title=\"")
                    writer.escaped(title)
                    writer.raw("\"")
                }
                writer.raw(" />")
                return
            }
            switch kind {
            case .blockQuote:
                writer.newlineIfNeeded()
                writer.raw("</blockquote>\n")
            case .list(let marker, _):
                writer.newlineIfNeeded()
                if case .ordered = marker { writer.raw("</ol>\n") } else { writer.raw("</ul>\n") }
            case .listItem:
                writer.raw("</li>\n")
            case .paragraph:
                if !isInTightList(node, tree) { writer.raw("</p>\n") }
            case .heading(let level, _):
                writer.raw("</h\(level)>\n")
            case .table:
                if let last = tree.lastChild(of: node), tree.kind(of: last) == .tableRow(isHeader: false) {
                    writer.raw("</tbody>\n")
                }
                writer.raw("</table>\n")
            case .tableRow(let isHeader):
                writer.raw("</tr>\n")
                if isHeader { writer.raw("</thead>\n") }
            case .tableCell:
                let isHeader = tree.parent(of: node).map { tree.kind(of: $0) == .tableRow(isHeader: true) } ?? false
                writer.raw(isHeader ? "</th>\n" : "</td>\n")
            case .emphasis:
                writer.raw("</em>")
            case .strong:
                writer.raw("</strong>")
            case .strikethrough:
                writer.raw("</del>")
            case .link:
                writer.raw("</a>")
            default:
                break
            }
        })
        output = writer.output
    }

    private func isInTightList(_ paragraph: NodeID, _ tree: SyntaxTree) -> Bool {
        guard let item = tree.parent(of: paragraph), tree.kind(of: item) == .listItem,
              let list = tree.parent(of: item), case .list(_, let tight) = tree.kind(of: list) else { return false }
        return tight
    }
}

/// Recognises link destinations that run code or smuggle content, which safe mode refuses.
enum URLSafety {
    private static let dangerousSchemes: [[UInt8]] = ["javascript:", "vbscript:", "file:", "data:"].map { Array($0.utf8) }

    /// Whether `url` starts with a dangerous scheme (ASCII case-insensitive, ignoring leading whitespace).
    static func isDangerous(_ url: String) -> Bool {
        let bytes = url.utf8.drop { ASCII.isWhitespace($0) }
        return dangerousSchemes.contains { scheme in
            bytes.count >= scheme.count && zip(bytes, scheme).allSatisfy { ASCII.lowercased($0) == $1 }
        }
    }
}
