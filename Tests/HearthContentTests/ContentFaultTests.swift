import XCTest
@testable import HearthContent

/// Faults authors meet with files as their editors save them, each in a folder under
/// Tests/Fixtures/content-errors, with the exact lines `hearth check` prints for it.
final class ContentFaultTests: XCTestCase {
    private static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/content-errors").path

    /// Loads and validates a fixture folder as `hearth check` does; paths are relative to the fixtures folder.
    private func check(_ name: String) -> (ContentSite, [String]) {
        let (site, loading) = ContentLoader.load(folder: Self.fixtures + "/" + name)
        var validator = ContentValidator(site: site)
        validator.run(authorWarnings: false)
        var all = loading
        all.append(contentsOf: validator.diagnostics)
        return (site, all.sorted.map { $0.description.replacingOccurrences(of: Self.fixtures + "/", with: "") })
    }

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
}
