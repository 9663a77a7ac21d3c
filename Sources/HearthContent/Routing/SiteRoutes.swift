/// Where each piece of content lands in the built site, and relative URLs between pages.
///
/// The rule lives beside the content model, below `HearthSite`, because two things need it: the site
/// builder, which writes each page at its path, and `ContentValidator`, which checks every link against
/// those paths in `hearth check` without building anything. Both read it here, so they cannot disagree.
///
/// Every URL a page contains is relative to that page, so a built site works from any
/// folder, under any path on a CDN, or straight from disk.
package enum SiteRoutes {
    package static let home = "index.html"
    package static let search = "search.html"
    package static let searchIndex = "search-index.json"
    package static let manifest = "manifest.json"
    package static let sitemap = "sitemap.xml"
    /// Shown by the service worker for a page that is not cached while the device is offline.
    package static let offline = "offline.html"
    /// At the root, so that its scope covers every page of the site.
    package static let serviceWorker = "sw.js"
    package static let favicon = "favicon.ico"
    /// The researchers' dashboard, `/research/`.
    package static let dashboard = "research/index.html"

    package static func course(_ course: String) -> String { "courses/\(course)/index.html" }

    /// Page numbers start at 1; the first page is the module's `index.html`.
    package static func modulePage(course: String, module: String, page: Int) -> String {
        page <= 1 ? "courses/\(course)/\(module)/index.html" : "courses/\(course)/\(module)/\(page).html"
    }

    package static func measure(_ id: String) -> String { "measures/\(id).html" }

    /// A course's questionnaire on one occasion, e.g. `courses/arguing-better/before-phq4.html`: a file beside the
    /// module folders, so no module id can clash with it.
    package static func courseMeasure(course: String, occasion: MeasureOccasion, measure: String) -> String {
        "courses/\(course)/\(occasion.rawValue)-\(measure).html"
    }

    /// The page after a course's last module.
    package static func courseEnd(_ course: String) -> String { "courses/\(course)/finished.html" }

    package static func plainPage(_ id: String) -> String { "\(id).html" }

    /// Where a learner who passed a course with a certificate gets its code and prints it (one page for every course).
    package static let certificate = "certificate/index.html"
    /// Where a manager checks a certificate's code.
    package static let verify = "verify/index.html"

    /// Every page the build writes, in the order it writes them (so output is deterministic).
    package static func pages(of site: ContentSite) -> [SitePage] {
        var pages: [SitePage] = [.home]
        for course in site.courses {
            pages.append(.course(course))
            for occasion in MeasureOccasion.allCases {
                for measure in course.measures(on: occasion) {
                    pages.append(.courseMeasure(course: course, occasion: occasion, measure: measure))
                }
            }
            for (moduleIndex, module) in course.modules.enumerated() {
                for pageIndex in module.pages.indices {
                    pages.append(.modulePage(course: course, moduleIndex: moduleIndex, pageIndex: pageIndex))
                }
            }
            pages.append(.courseEnd(course))
        }
        pages += site.measures.sorted { $0.id < $1.id }.map(SitePage.measure)
        pages += site.pages.map(SitePage.plainPage)
        pages.append(.search)
        pages.append(.offline)
        pages.append(.dashboard)
        // Certificates exist only where a course gives one.
        if site.courses.contains(where: \.certificate) {
            pages.append(.certificate)
            pages.append(.verify)
        }
        return pages
    }

    /// Every file the build writes from the content, by its path from the site root: the pages, the indexes
    /// and the content's own files (images and the like), which are copied to the same path.
    package static func files(of site: ContentSite) -> Set<String> {
        Set(pages(of: site).map(\.path) + [searchIndex, manifest, sitemap, serviceWorker, favicon] + site.assets)
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
