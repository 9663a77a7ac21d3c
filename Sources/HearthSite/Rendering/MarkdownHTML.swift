import HearthContent
import HearthMarkdown

/// Renders content Markdown for one output page, pointing links to content files at their built pages.
struct MarkdownHTML {
    let site: ContentSite
    /// The page being written, relative to the site root.
    let page: String
    private let renderer = HTMLRenderer()

    init(site: ContentSite, page: String) {
        self.site = site
        self.page = page
    }

    /// The blocks of `text` as HTML.
    func html(_ text: MarkdownText) -> String {
        let tree = rewritingLinks(in: text)
        var output: [UInt8] = []
        output.reserveCapacity(text.source.utf8.count + 256)
        for block in text.blocks {
            renderer.render(tree, from: block, into: &output)
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Short Markdown such as a quiz prompt: a lone paragraph renders without its `<p>`.
    func inlineHTML(_ markdown: String, at location: SourceLocation) -> String {
        let tree = PageParser.parse(markdown)
        let blocks = tree.children(of: tree.root)
        let text = MarkdownText(source: markdown, tree: tree, location: location)
        if blocks.count == 1, tree.kind(of: blocks[0]) == .paragraph {
            let rewritten = rewritingLinks(in: text)
            var output: [UInt8] = []
            for child in rewritten.children(of: blocks[0]) { renderer.render(rewritten, from: child, into: &output) }
            return String(decoding: output, as: UTF8.self)
        }
        return html(text)
    }

    /// A copy of the tree whose relative links to content files point at the built pages.
    private func rewritingLinks(in text: MarkdownText) -> SyntaxTree {
        var tree = text.tree
        let sourceFolder = relativeToContent(text.location.path).split(separator: "/").dropLast().joined(separator: "/")
        for block in text.blocks {
            var edits: [(NodeID, NodeKind)] = []
            tree.walk(from: block, enter: { node in
                switch tree.kind(of: node) {
                case .link(let destination, let title):
                    if let url = url(for: destination, from: sourceFolder) { edits.append((node, .link(destination: url, title: title))) }
                case .image(let destination, let title):
                    if let url = url(for: destination, from: sourceFolder) { edits.append((node, .image(destination: url, title: title))) }
                default:
                    break
                }
            })
            for (node, kind) in edits { tree.setKind(kind, of: node) }
        }
        return tree
    }

    private func url(for destination: String, from folder: String) -> String? {
        guard let target = ContentValidator.localTarget(destination, from: folder),
              let output = SiteRoutes.outputPath(forContentFile: target, site: site) else { return nil }
        let fragment = destination.firstIndex(of: "#").map { String(destination[$0...]) } ?? ""
        return SiteRoutes.relative(output, from: page) + fragment
    }

    private func relativeToContent(_ path: String) -> String {
        let prefix = site.folder.hasSuffix("/") ? site.folder : site.folder + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}

/// The parser used for all site Markdown: CommonMark with every extension.
enum PageParser {
    static func parse(_ text: String) -> SyntaxTree { MarkdownParser(extensions: .all).parse(text) }
}
