import HearthContent
import HearthMarkdown

/// Renders content Markdown for one output page, pointing links to content files at their built pages.
struct MarkdownHTML {
    let site: ContentSite
    /// The page being written, relative to the site root.
    let page: String

    init(site: ContentSite, page: String) {
        self.site = site
        self.page = page
    }

    /// A renderer that points relative links in a file from `folder` at their built pages.
    private func renderer(forSourceIn location: SourceLocation) -> HTMLRenderer {
        let site = self.site, page = self.page
        let folder = relativeToContent(location.path).split(separator: "/").dropLast().joined(separator: "/")
        return HTMLRenderer(rewriteURL: { destination in
            guard let target = ContentValidator.localTarget(destination, from: folder),
                  let output = SiteRoutes.outputPath(forContentFile: target, site: site) else { return nil }
            let fragment = destination.firstIndex(of: "#").map { String(destination[$0...]) } ?? ""
            return SiteRoutes.relative(output, from: page) + fragment
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
    func inlineHTML(_ markdown: String, at location: SourceLocation) -> String {
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

    private func relativeToContent(_ path: String) -> String {
        let prefix = site.folder.hasSuffix("/") ? site.folder : site.folder + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}

/// The parser used for all site Markdown: CommonMark with every extension.
enum PageParser {
    static func parse(_ text: String) -> SyntaxTree { MarkdownParser(extensions: .all).parse(text) }
}
