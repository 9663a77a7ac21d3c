import HearthContent
import HearthMarkdown

/// Renders content Markdown for one output page, pointing links to content files at their built pages.
package struct MarkdownHTML {
    let links: LinkResolver
    /// The page being written, relative to the site root.
    let page: String
    /// For a page the server answers outside the site's folders: the site root (such as `/`) that links start from.
    let linkBase: String?

    package init(links: LinkResolver, page: String, linkBase: String? = nil) {
        self.links = links
        self.page = page
        self.linkBase = linkBase
    }

    /// A renderer that points links written in the file at `location` at the built pages and files they name.
    private func renderer(forSourceIn location: SourceLocation) -> HTMLRenderer {
        let links = self.links, page = self.page, linkBase = self.linkBase
        return HTMLRenderer(rewriteURL: { destination in
            guard case .published(let path, let suffix) = links.resolve(destination, writtenIn: location.path) else { return nil }
            return (linkBase.map { $0 + path } ?? SiteRoutes.relative(path, from: page)) + suffix
        })
    }

    /// The blocks of `text` as HTML.
    func html(_ text: MarkdownText) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.source.utf8.count + 256)
        let renderer = renderer(forSourceIn: text.location)
        for block in text.blocks {
            renderer.render(text.tree, from: block, into: &output)
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Short Markdown such as a quiz prompt: a lone paragraph renders without its `<p>`.
    package func inlineHTML(_ markdown: String, at location: SourceLocation) -> String {
        let tree = PageParser.parse(markdown)
        let blocks = tree.children(of: tree.root)
        if blocks.count == 1, tree.kind(of: blocks[0]) == .paragraph {
            let renderer = renderer(forSourceIn: location)
            var output: [UInt8] = []
            for child in tree.children(of: blocks[0]) { renderer.render(tree, from: child, into: &output) }
            return String(decoding: output, as: UTF8.self)
        }
        return html(MarkdownText(source: markdown, tree: tree, location: location))
    }
}

/// The parser used for all site Markdown: CommonMark with every extension.
enum PageParser {
    static func parse(_ text: String) -> SyntaxTree { MarkdownParser(extensions: .all).parse(text) }
}
