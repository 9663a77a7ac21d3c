import XCTest
import HearthContent

/// One malformed content folder per error class, each with the exact diagnostics an author sees.
final class ContentErrorTests: XCTestCase {
    private static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/content-errors").path

    /// Loads and validates a fixture folder; diagnostics name files relative to the fixtures folder.
    private func diagnostics(_ name: String, authorWarnings: Bool = false) -> [String] {
        let (site, loading) = ContentLoader.load(folder: Self.fixtures + "/" + name)
        var validator = ContentValidator(site: site)
        validator.run(authorWarnings: authorWarnings)
        var all = loading
        all.append(contentsOf: validator.diagnostics)
        return all.sorted.map { $0.description.replacingOccurrences(of: Self.fixtures + "/", with: "") }
    }

    func testUnknownFrontMatterKey() {
        XCTAssertEqual(diagnostics("unknown-key"), [
            "unknown-key/courses/c/course.md:5:1: error: unknown front-matter key 'summery' in a course; the keys are: title, summary, audience, order, language, measures, pass-mark, certificate, quick-exit, after-days, follow-up-days, retake-after-days",
        ])
    }

    func testQuizWithNoCorrectAnswer() {
        XCTAssertEqual(diagnostics("no-correct-answer"), [
            "no-correct-answer/courses/c/01-m.md:7:1: error: this question has no correct answer; mark the right option with '*' instead of '-'",
        ])
    }

    func testDuplicateQuizID() {
        XCTAssertEqual(diagnostics("duplicate-id"), [
            "duplicate-id/courses/c/02-second.md:6:1: error: the quiz id 'check' is already used at duplicate-id/courses/c/01-first.md:4:1; quiz ids must be unique across the site",
        ])
    }

    func testLinkToAPageThatDoesNotExist() {
        XCTAssertEqual(diagnostics("broken-link"), [
            "broken-link/pages/about.md:4:40: error: this links to 'get-help.md', but there is no such file (looked for pages/get-help.md)",
        ])
    }

    func testImageWithoutAltText() {
        XCTAssertEqual(diagnostics("missing-alt"), [
            "missing-alt/pages/about.md:6:1: error: this image has no description; write what it shows between the brackets: ![A parent reading to a child](family.png)",
        ])
    }

    func testUnsupportedFrontMatter() {
        XCTAssertEqual(diagnostics("bad-front-matter"), [
            "bad-front-matter/pages/about.md:3:10: error: '{…}' maps are not supported in front matter; write each key on its own indented line",
        ])
    }

    func testCourseNamingAMeasureThatDoesNotExist() {
        XCTAssertEqual(diagnostics("unknown-measure"), [
            "unknown-measure/courses/c/course.md:5:1: error: this course asks for the measure 'wellbeing', which does not exist; there are no measures in measures/",
            "unknown-measure/courses/c/course.md:5:1: error: this course asks questionnaires, so people are first asked to take part in research, but there is no consent wording; write it in consent.md at the top of the content folder, with 'version: 1' (see Docs/authoring.md)",
        ])
    }

    func testAFolderOfPlainPagesNeedsNothingElse() {
        XCTAssertEqual(diagnostics("pages-only", authorWarnings: true), [])
        let (site, _) = ContentLoader.load(folder: Self.fixtures + "/pages-only")
        XCTAssertEqual(site.pages.map(\.id), ["pages/one", "pages/two"])
        XCTAssertEqual(site.pages.map(\.title), ["One", "Two"])
        XCTAssertEqual(site.settings.title, "Hearth")
    }

    func testMissingContentFolder() {
        XCTAssertEqual(diagnostics("no-such-folder"), [
            "no-such-folder:1:1: error: the content folder 'no-such-folder' does not exist or cannot be read",
        ])
    }
}
