import HearthContent

/// Where each piece of content lands in `_site/`, and relative URLs between pages.
///
/// Every URL a page contains is relative to that page, so a built site works from any
/// folder, under any path on a CDN, or straight from disk.
package enum SiteRoutes {
    package static let home = "index.html"
    package static let search = "search.html"
    package static let searchIndex = "search-index.json"
    package static let manifest = "manifest.json"
    package static let sitemap = "sitemap.xml"

    package static func course(_ course: String) -> String { "courses/\(course)/index.html" }

    /// Page numbers start at 1; the first page is the module's `index.html`.
    package static func modulePage(course: String, module: String, page: Int) -> String {
        page <= 1 ? "courses/\(course)/\(module)/index.html" : "courses/\(course)/\(module)/\(page).html"
    }

    package static func measure(_ id: String) -> String { "measures/\(id).html" }

    package static func plainPage(_ id: String) -> String { "\(id).html" }

    /// The output path for a content file that can be linked to (`courses/c/01-m.md`, `pages/about.md`), if it is one.
    package static func outputPath(forContentFile file: String, site: ContentSite) -> String? {
        if file.hasPrefix("courses/") {
            let parts = file.split(separator: "/")
            guard parts.count == 3 else { return file }
            let course = String(parts[1])
            if parts[2] == "course.md" { return Self.course(course) }
            guard let module = site.courses.first(where: { $0.id == course })?.modules
                .first(where: { $0.location.path.hasSuffix("/" + file) }) else { return nil }
            return modulePage(course: course, module: module.id, page: 1)
        }
        if file.hasSuffix(".md") { return plainPage(String(file.dropLast(3))) }
        return file
    }

    /// The URL of `target` as seen from the page at `from` (both paths under the site root).
    package static func relative(_ target: String, from: String) -> String {
        // Byte-wise: this runs for every link on every page.
        let t = Array(target.utf8), f = Array(from.utf8)
        // The longest common prefix that ends at a slash in both.
        var common = 0
        var i = 0
        while i < t.count, i < f.count, t[i] == f[i] {
            if t[i] == UInt8(ascii: "/") { common = i + 1 }
            i += 1
        }
        var ups = 0
        for byte in f[common...] where byte == UInt8(ascii: "/") { ups += 1 }
        var result: [UInt8] = []
        result.reserveCapacity(ups * 3 + t.count - common)
        for _ in 0..<ups { result.append(contentsOf: [0x2E, 0x2E, 0x2F]) }
        result.append(contentsOf: t[common...])
        return String(decoding: result, as: UTF8.self)
    }

    /// The relative URL of the site root from `page` ("" at the top, "../../" two folders down).
    package static func root(from page: String) -> String {
        String(repeating: "../", count: page.utf8.reduce(0) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 })
    }
}
