import Foundation
import XCTest
import HearthContent
@testable import HearthSite

/// The pages and files of a parent's journey (issue 10): consent, the questionnaires inside a course, the end
/// of a course, callouts everywhere, the joined script and the service worker.
final class JourneyPagesTests: XCTestCase {
    private func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-journey-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    private var defaultTheme: String { SiteBuildTests.repository.appendingPathComponent("Themes/default").path }

    private func build(content: String, into output: URL) throws {
        let (site, diagnostics) = ContentLoader.load(folder: content)
        XCTAssertFalse(diagnostics.hasErrors, diagnostics.sorted.map(\.description).joined(separator: "\n"))
        _ = try SiteBuilder(site: site, theme: try Theme.load(defaultTheme, fallback: nil)).build(into: output)
    }

    /// The repository's own content, built once for the tests that only read it.
    private static let site: URL = {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-journey-site-\(UUID().uuidString)")
        let (content, _) = ContentLoader.load(folder: SiteBuildTests.repository.appendingPathComponent("Content").path)
        let theme = try! Theme.load(SiteBuildTests.repository.appendingPathComponent("Themes/default").path, fallback: nil)
        _ = try! SiteBuilder(site: content, theme: theme).build(into: output)
        return output
    }()

    private func page(_ path: String) throws -> String {
        try String(contentsOf: Self.site.appendingPathComponent(path), encoding: .utf8)
    }

    private func cacheName(in site: URL) throws -> String {
        let worker = try String(contentsOf: site.appendingPathComponent("sw.js"), encoding: .utf8)
        let match = try XCTUnwrap(worker.range(of: #"const CACHE = "hearth-[0-9a-f]{16}";"#, options: .regularExpression))
        return String(worker[match].dropFirst("const CACHE = \"".count).dropLast(2))
    }

    func testTheServiceWorkersCacheIsNamedFromTheBuild() throws {
        let root = try temporaryFolder()
        let pages = root.appendingPathComponent("content/pages")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        let file = pages.appendingPathComponent("about.md")
        try "---\ntitle: About\n---\nFirst words.\n".write(to: file, atomically: true, encoding: .utf8)
        try build(content: root.appendingPathComponent("content").path, into: root.appendingPathComponent("a"))
        try build(content: root.appendingPathComponent("content").path, into: root.appendingPathComponent("b"))
        try "---\ntitle: About\n---\nOther words.\n".write(to: file, atomically: true, encoding: .utf8)
        try build(content: root.appendingPathComponent("content").path, into: root.appendingPathComponent("c"))
        let a = try cacheName(in: root.appendingPathComponent("a"))
        XCTAssertEqual(a, try cacheName(in: root.appendingPathComponent("b")), "the same build, the same cache")
        XCTAssertNotEqual(a, try cacheName(in: root.appendingPathComponent("c")), "a changed page is a new build, so a new cache")
    }

    func testNoPageLinksAFileThatIsNotBuilt() throws {
        let enumerator = FileManager.default.enumerator(atPath: Self.site.path)!
        var checked = 0
        while let path = enumerator.nextObject() as? String {
            guard path.hasSuffix(".html") else { continue }
            let html = try page(path)
            let folder = (path as NSString).deletingLastPathComponent
            // What the browser fetches by itself: scripts, stylesheets, the icon, images.
            for pattern in [#"<script src="([^"]+)""#, #"<link rel="stylesheet" href="([^"]+)""#, #"<link rel="icon" href="([^"]+)""#,
                            #"<img src="([^"]+)""#, #"data-service-worker="([^"]+)""#] {
                let expression = try NSRegularExpression(pattern: pattern)
                for match in expression.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                    let target = String(html[Range(match.range(at: 1), in: html)!])
                    if target.hasPrefix("/api/v1/") { continue }  // the API serves it (the dashboard's report.css), not the build
                    let resolved = (((folder.isEmpty ? "" : folder + "/") + target) as NSString).standardizingPath
                    XCTAssertTrue(FileManager.default.fileExists(atPath: Self.site.appendingPathComponent(resolved).path),
                                  "\(path) links \(target), which the build did not write")
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 500)
        // Everything the service worker saves at install is there too.
        let worker = try page("sw.js")
        let list = worker[worker.range(of: "const PRECACHE = ")!.upperBound...].prefix { $0 != "\n" }.dropLast()
        let precache = try JSONSerialization.jsonObject(with: Data(list.utf8)) as! [String]
        XCTAssertTrue(precache.contains { $0.hasPrefix("assets/hearth.") && $0.hasSuffix(".js") })
        for path in precache {
            XCTAssertTrue(FileManager.default.fileExists(atPath: Self.site.appendingPathComponent(path).path), "sw.js saves \(path), which is not built")
        }
    }

    func testTheScriptIsTheThemesPartsJoinedInOrder() throws {
        let theme = try Theme.load(defaultTheme, fallback: nil)
        let names = theme.scripts.keys.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 7, "one file per concern")
        let joined = String(decoding: ScriptJoiner.join(theme.scripts), as: UTF8.self)
        let positions = names.map { joined.range(of: "// ---- scripts/\($0)\n")!.lowerBound }
        XCTAssertEqual(positions, positions.sorted(), "in file-name order")
        XCTAssertTrue(joined.hasSuffix("})();\n"), "one scope, closed")
        let assets = try FileManager.default.contentsOfDirectory(atPath: Self.site.appendingPathComponent("assets").path)
        let built = try XCTUnwrap(assets.first { $0.hasPrefix("hearth.") && $0.hasSuffix(".js") })
        XCTAssertEqual(try String(contentsOf: Self.site.appendingPathComponent("assets/" + built), encoding: .utf8), joined)
        XCTAssertFalse(assets.contains("hearth.js"), "no unhashed copy")
    }

    func testACoursesJourneyPages() throws {
        for measure in ["ons4", "phq4", "csi4", "parental-conflict"] {
            XCTAssertNoThrow(try page("courses/arguing-better/before-\(measure).html"))
            XCTAssertNoThrow(try page("courses/arguing-better/after-\(measure).html"))
        }
        XCTAssertThrowsError(try page("courses/arguing-better/follow-up-phq4.html"), "no follow-up-days, no follow-up")
        XCTAssertNoThrow(try page("courses/relational-practice/follow-up-practitioner-confidence.html"))

        let course = try page("courses/arguing-better/index.html")
        XCTAssertTrue(course.contains(">Help us find out if this course works</h2>"))
        XCTAssertTrue(course.contains(">Yes, I&#39;ll take part</button>") && course.contains(">No thanks</button>"))
        XCTAssertTrue(course.contains("<h3 id=\"what-we-never-collect\">What we never collect</h3>"), "the wording's headings sit under the panel's")
        XCTAssertTrue(course.contains("data-after-days=\"28\""))
        XCTAssertTrue(course.contains("href=\"before-ons4.html\" data-measure=\"ons4\""))
        XCTAssertFalse(try page("courses/becoming-parents/index.html").isEmpty)

        let firstBefore = try page("courses/arguing-better/before-ons4.html")
        XCTAssertTrue(firstBefore.contains("data-occasion=\"before\""), "the occasion is the page's")
        XCTAssertTrue(firstBefore.contains("href=\"before-phq4.html\" data-next-link data-skip>Skip this<"))
        XCTAssertTrue(try page("courses/arguing-better/before-parental-conflict.html").contains("href=\"what-happens/index.html\" data-next-link"),
                      "the last before questionnaire leads to module 1")
        XCTAssertTrue(try page("courses/arguing-better/after-parental-conflict.html").contains("href=\"finished.html\" data-next-link"))
        XCTAssertFalse(try page("measures/phq4.html").contains("When are you answering"), "no occasion control on a self-check")

        let lastPage = try page("courses/arguing-better/outside-stress/4.html")
        XCTAssertTrue(lastPage.contains("class=\"pager__next\" href=\"../finished.html\""), "the last module ends on the course's end page")
        let end = try page("courses/arguing-better/finished.html")
        XCTAssertTrue(end.contains("<h1>You&#39;ve finished Arguing less, repairing better</h1>"))
        XCTAssertTrue(end.contains("data-module-id=\"what-happens\"") && end.contains("Becoming parents"), "what was covered, what to try next")
    }

    func testCalloutsRenderOnCoursePagesAndPlainPages() throws {
        let course = try page("courses/arguing-better/index.html")
        XCTAssertTrue(course.contains("<aside class=\"callout callout--warning\" aria-label=\"Arguments are not the same as abuse\">"))
        XCTAssertFalse(course.contains("[!WARNING]"))

        let root = try temporaryFolder()
        let pages = root.appendingPathComponent("content/pages")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        try "---\ntitle: Help\n---\nBefore.\n\n> [!TIP] Try this\n> Take a break.\n\n> A plain quote.\n"
            .write(to: pages.appendingPathComponent("help.md"), atomically: true, encoding: .utf8)
        try build(content: root.appendingPathComponent("content").path, into: root.appendingPathComponent("site"))
        let html = try String(contentsOf: root.appendingPathComponent("site/pages/help.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<aside class=\"callout callout--tip\" aria-label=\"Try this\">"))
        XCTAssertTrue(html.contains("<p>Take a break.</p>"))
        XCTAssertFalse(html.contains("[!TIP]"))
        XCTAssertTrue(html.contains("<blockquote>\n<p>A plain quote.</p>"), "a quote without a marker stays a quote")
        XCTAssertLessThan(html.range(of: "Before.")!.lowerBound, html.range(of: "callout--tip")!.lowerBound, "in the order written")
    }

    func testTrueFalseOptionsReadAsWords() throws {
        let html = try page("courses/arguing-better/making-up/4.html")
        XCTAssertTrue(html.contains(">True</label>") && html.contains(">False</label>"))
        XCTAssertFalse(html.contains(">true</label>"))
    }

    func testThePrivacyPageHasTheControlsItNames() throws {
        let privacy = try page("pages/privacy.html")
        for button in ["Clear my progress on this device", "Don&#39;t send anything from this device", "Stop taking part", "Delete my answers"] {
            XCTAssertTrue(privacy.contains(">\(button)</button>"), button)
        }
        XCTAssertFalse(try page("pages/about.html").contains("data-clear-progress"))
    }
}

/// "Get help now": a phone number a person in trouble has to copy by hand is one they may not manage.
final class HelpPageTests: XCTestCase {
    func testEveryPhoneNumberOnTheHelpPageIsALink() throws {
        let source = try String(contentsOf: SiteBuildTests.repository.appendingPathComponent("Content/pages/get-help-now.md"), encoding: .utf8)
        // The page's text, without its HTML comment of sources.
        let text = source.replacingOccurrences(of: #"<!--[\s\S]*?-->"#, with: "", options: .regularExpression)
        let links = try NSRegularExpression(pattern: #"\[[^\]]*\]\((tel|sms):[0-9]+\)"#)
        let found = links.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
        // Take the links away: no number may be left outside one (55, a key to press, is not a number to call).
        let unlinked = links.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "")
        let number = try NSRegularExpression(pattern: #"\b(999|0\d{3} ?\d{3} ?\d{3,4}|0\d{3} ?\d{4} ?\d{3}|116 ?\d{3}|85258)\b"#)
        for match in number.matches(in: unlinked, range: NSRange(unlinked.startIndex..., in: unlinked)) {
            XCTFail("\(unlinked[Range(match.range, in: unlinked)!]) is written without a tel: or sms: link")
        }
        XCTAssertGreaterThan(found, 10)
    }
}
