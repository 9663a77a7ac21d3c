/// Where the links and images written in content go in the built site.
///
/// The one rule the renderer follows to rewrite a link and `ContentValidator` follows to check it. A relative
/// destination is read from the folder of the file it is written in, one starting with `/` from the site root;
/// either may name a content file (`privacy.md`, `../courses/c/01-m.md`, `../../measures/phq4.xml`), which
/// goes to the page built from it, or any file the build writes (`/search.html`, `/courses/c/`, `photo.jpg`).
package struct LinkResolver: Sendable {
    /// Where a link goes.
    package enum Target: Equatable, Sendable {
        /// Not a path in this site: another site, an e-mail address, or only a `#fragment`.
        case elsewhere
        /// A file the build writes, by its path from the site root, with the `?query` or `#fragment` that followed.
        case published(path: String, suffix: String)
        /// A content file that exists but did not load; its own errors say why, so the link is not reported too.
        case unloaded
        /// Nothing the build writes; the path that was looked for, from the site root.
        case missing(String)
    }

    /// The content folder as given, which prefixes every source path.
    private let folder: String
    /// Every path the build writes from the content.
    private let published: Set<String>
    /// The page built from each content file that became one: `pages/about.md` → `pages/about.html`.
    private let pagesByContentFile: [String: String]
    /// Every file in the content folder, loaded or not.
    private let contentFiles: Set<String>

    package init(site: ContentSite) {
        folder = site.folder
        published = SiteRoutes.files(of: site)
        contentFiles = Set(site.files)
        var pages: [String: String] = [:]
        for course in site.courses {
            pages["courses/\(course.id)/course.md"] = SiteRoutes.course(course.id)
            for module in course.modules {
                pages[site.relativePath(module.location.path)] = SiteRoutes.modulePage(course: course.id, module: module.id, page: 1)
            }
        }
        for measure in site.measures { pages[site.relativePath(measure.location.path)] = SiteRoutes.measure(measure.id) }
        for page in site.pages { pages[page.id + ".md"] = SiteRoutes.plainPage(page.id) }
        pagesByContentFile = pages
    }

    /// Where `destination`, written in the file at `sourcePath` (as diagnostics name it), goes.
    package func resolve(_ destination: String, writtenIn sourcePath: String) -> Target {
        let bytes = destination.utf8
        let end = bytes.firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? bytes.endIndex
        let path = String(destination[..<end])
        let suffix = String(destination[end...])
        if path.isEmpty || path.hasPrefix("//") { return .elsewhere }
        if let colon = path.firstIndex(of: ":"), !path[..<colon].contains("/") { return .elsewhere }  // has a scheme

        let decoded = path.removingPercentEncoding
        var parts: [Substring] = []
        if !decoded.hasPrefix("/") {
            parts = ContentSite.relativePath(sourcePath, in: folder).split(separator: "/").dropLast()
        }
        var above = 0  // `..` past the top, which nothing the build writes can be
        for component in decoded.split(separator: "/") {
            if component == "." { continue }
            if component == ".." {
                if parts.isEmpty { above += 1 } else { parts.removeLast() }
            } else {
                parts.append(component)
            }
        }
        let target = parts.joined(separator: "/")
        if above > 0 { return .missing(String(repeating: "../", count: above) + target) }
        if let page = pagesByContentFile[target] { return .published(path: page, suffix: suffix) }
        if contentFiles.contains(target), target.hasSuffix(".md") || target.hasSuffix(".xml") { return .unloaded }
        // A folder stands for its index page, written with the slash or without.
        let index = target.isEmpty ? SiteRoutes.home : target + "/index.html"
        let candidates = decoded.hasSuffix("/") || target.isEmpty ? [index] : [target, index]
        if let found = candidates.first(where: published.contains) { return .published(path: found, suffix: suffix) }
        return .missing(candidates[0])
    }
}

private extension String {
    /// `%xx` escapes decoded where they make valid UTF-8; anything else is left as written.
    var removingPercentEncoding: String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var i = utf8.startIndex
        while i < utf8.endIndex {
            let byte = utf8[i]
            if byte == UInt8(ascii: "%"), let end = utf8.index(i, offsetBy: 3, limitedBy: utf8.endIndex),
               let value = UInt8(String(decoding: utf8[utf8.index(after: i)..<end], as: UTF8.self), radix: 16) {
                bytes.append(value)
                i = end
            } else {
                bytes.append(byte)
                i = utf8.index(after: i)
            }
        }
        return String(validating: bytes, as: UTF8.self) ?? self
    }
}
