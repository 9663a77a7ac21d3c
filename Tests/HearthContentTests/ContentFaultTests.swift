import XCTest
@testable import HearthContent

/// The folders under Tests/Fixtures/content-errors, loaded and validated as `hearth check` does.
private enum ContentFixture {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/content-errors").path

    /// The site and every diagnostic as `hearth check` prints it, with paths relative to the fixtures folder;
    /// loading problems are asserted to be none when `loadsCleanly`.
    static func check(_ name: String, loadsCleanly: Bool = false, file: StaticString = #filePath, line: UInt = #line) -> (ContentSite, [String]) {
        let (site, loading) = ContentLoader.load(folder: folder + "/" + name)
        if loadsCleanly { XCTAssertEqual(loading.all, [], file: file, line: line) }
        var validator = ContentValidator(site: site)
        validator.run(authorWarnings: false)
        var all = loading
        all.append(contentsOf: validator.diagnostics)
        return (site, all.sorted.map { $0.description.replacingOccurrences(of: folder + "/", with: "") })
    }
}

/// Faults authors meet with files as their editors save them, each in a folder under
/// Tests/Fixtures/content-errors, with the exact lines `hearth check` prints for it.
final class ContentFaultTests: XCTestCase {
    private func check(_ name: String) -> (ContentSite, [String]) { ContentFixture.check(name) }

    func testByteOrderMarksAndWindowsLineEndsAreAccepted() throws {
        let (site, diagnostics) = check("windows-editors")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(site.settings.title, "Saved in Notepad")
        XCTAssertEqual(site.pages.map(\.title), ["About"])
        XCTAssertEqual(site.pages.first?.summary, "Saved in Notepad", "no CR is left at the end of a value")
        let course = try XCTUnwrap(site.courses.first)
        XCTAssertEqual(course.title, "A course")
        XCTAssertEqual(course.modules.map(\.id), ["m", "x"])
        let module = course.modules[0]
        XCTAssertEqual(module.pages.count, 2, "the '+++' line splits pages")
        let question = try XCTUnwrap(module.quizzes.first?.questions.first)
        XCTAssertEqual(question.prompt, "Which one?")
        XCTAssertEqual(question.hints, ["The first."])
        XCTAssertEqual(question.options.map(\.text), ["This", "That"])
        XCTAssertEqual(question.options.map(\.feedback), ["No.", "Yes."])
        XCTAssertEqual(question.location.line, 9)
        XCTAssertEqual(course.modules[1].pages.map(\.title), ["One"])
    }

    func testAFileThatIsNotUTF8IsReportedAtItsFirstBadByte() {
        XCTAssertEqual(check("not-utf8").1, [
            "not-utf8/pages/about.md:5:4: error: this file is not UTF-8 text from here on; save it as UTF-8 in your editor, or retype this character",
        ])
    }

    func testAFileSavedAsUTF16IsNamedAsSuch() {
        XCTAssertEqual(check("utf16").1, [
            "utf16/pages/about.md:1:1: error: this file is saved as UTF-16 (\"Unicode\" in Notepad); save it as UTF-8 in your editor",
        ])
    }

    func testFrontMatterThatIsNeverClosedIsOneError() {
        XCTAssertEqual(check("unclosed-front-matter").1, [
            "unclosed-front-matter/pages/about.md:1:1: error: the front matter opened on line 1 is never closed; add a '---' line after the settings",
        ])
    }

    func testATabWhereAQuizExpectsSpacesIsNamed() throws {
        let (site, diagnostics) = check("tab-in-quiz")
        XCTAssertEqual(diagnostics, [
            "tab-in-quiz/courses/c/01-m.md:7:1: error: this line is indented with a tab; indent with spaces, like '  > Well done'",
        ])
        let options = try XCTUnwrap(site.courses.first?.modules.first?.quizzes.first?.questions.first?.options)
        XCTAssertEqual(options.map(\.feedback), ["No.", "Yes."], "the tab-indented feedback is still read")
    }

    func testTwoModulesWithOneNumberAreAnError() {
        XCTAssertEqual(check("module-numbers").1, [
            "module-numbers/courses/c/1-second.md:1:1: error: two modules in this course are numbered 1 (the other is 01-first.md); give each module its own number",
        ])
    }

    func testAFileThatFailedToLoadIsNotAlsoReportedByLinksToIt() {
        XCTAssertEqual(check("link-to-broken-file").1, [
            "link-to-broken-file/courses/c/01-m.xml:1:1: error: <module> is never closed; add </module> where it should end",
            "link-to-broken-file/pages/help.md:4:1: error: this file is not UTF-8 text from here on; save it as UTF-8 in your editor, or retype this character",
        ])
    }
}

/// Links checked against what the build writes, by the rule the renderer follows to rewrite them.
final class SiteLinkTests: XCTestCase {
    func testLinksToPagesTheBuildDoesNotWriteAreErrors() {
        XCTAssertEqual(ContentFixture.check("site-links", loadsCleanly: true).1, [
            "site-links/courses/c/01-m.md:4:11: error: this links to '2.html', but the site has no page or file there (looked for courses/c/2.html)",
            "site-links/pages/about.md:7:15: error: this links to '/no-such-page/', but the site has no page or file there (looked for no-such-page/index.html)",
            "site-links/pages/about.md:7:41: error: this links to '../no-such-page.html', but the site has no page or file there (looked for no-such-page.html)",
            "site-links/pages/about.md:8:1: error: this links to '../../outside.md', but there is no such file (looked for ../outside.md)",
            "site-links/pages/about.md:9:1: error: this links to '/courses/c/m/3.html', but the site has no page or file there (looked for courses/c/m/3.html)",
            "site-links/pages/about.md:9:52: error: the image 'map.png' does not exist (looked for pages/map.png)",
        ])
    }

    /// What the renderer rewrites each link to is where the check looked.
    func testEachLinkGoesToThePathTheBuildWrites() {
        let folder = ContentFixture.folder + "/site-links"
        let links = LinkResolver(site: ContentLoader.load(folder: folder).0)
        let about = folder + "/pages/about.md", module = folder + "/courses/c/01-m.md"
        let expected: [(String, String, LinkResolver.Target)] = [
            ("privacy.md", about, .published(path: "pages/privacy.html", suffix: "")),
            ("/courses/c/", about, .published(path: "courses/c/index.html", suffix: "")),
            ("../courses/c", about, .published(path: "courses/c/index.html", suffix: "")),
            ("/", about, .published(path: "index.html", suffix: "")),
            ("photo.png", about, .published(path: "pages/photo.png", suffix: "")),
            ("/courses/c/01-m.md#top", about, .published(path: "courses/c/m/index.html", suffix: "#top")),
            ("course.md#modules", module, .published(path: "courses/c/index.html", suffix: "#modules")),
            ("/search.html?q=calm", module, .published(path: "search.html", suffix: "?q=calm")),
            ("../../pages/privacy%2Emd", module, .published(path: "pages/privacy.html", suffix: "")),
            ("#top", about, .elsewhere),
            ("https://example.org/", about, .elsewhere),
            ("//example.org/x", about, .elsewhere),
            ("mailto:hub@example.org", about, .elsewhere),
            ("/no-such-page/", about, .missing("no-such-page/index.html")),
            ("2.html", module, .missing("courses/c/2.html")),
        ]
        for (destination, source, target) in expected {
            XCTAssertEqual(links.resolve(destination, writtenIn: source), target, destination)
        }
    }
}

/// Places in Markdown written inside indented XML elements.
final class XMLMarkdownPositionTests: XCTestCase {
    func testLinesAfterTheFirstOfAnIndentedSectionKeepTheirColumns() {
        XCTAssertEqual(ContentFixture.check("xml-section-columns", loadsCleanly: true).1, [
            "xml-section-columns/courses/c/01-m.xml:5:11: error: the image 'photo.png' does not exist (looked for courses/c/photo.png)",
            "xml-section-columns/courses/c/01-m.xml:5:11: error: this image has no description; write what it shows between the brackets: ![A parent reading to a child](photo.png)",
            "xml-section-columns/courses/c/01-m.xml:7:27: error: this links to 'gone.md', but there is no such file (looked for courses/c/gone.md)",
            "xml-section-columns/courses/c/01-m.xml:8:15: error: this links to 'lost.md', but there is no such file (looked for courses/c/lost.md)",
        ])
    }
}
