import Foundation
import HearthMarkdown
import XCTest
@testable import HearthContent

/// The research-consent wording (`consent.md`) against Tests/Fixtures/content-consent: each folder has
/// `<consent version="2027-01"/>` in site.xml, a course with a questionnaire and a course without one.
final class ConsentTextTests: XCTestCase {
    private static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/content-consent").path

    private func check(_ name: String) -> (ContentSite, [String]) {
        let (site, loading) = ContentLoader.load(folder: Self.fixtures + "/" + name)
        var validator = ContentValidator(site: site)
        validator.run(authorWarnings: true)
        var all = loading
        all.append(contentsOf: validator.diagnostics)
        return (site, all.sorted.map { $0.description.replacingOccurrences(of: Self.fixtures + "/", with: "") })
    }

    func testTheWordingIsLoadedWithItsVersionAndMarkdownBody() throws {
        let (site, diagnostics) = check("agrees")
        XCTAssertEqual(diagnostics, [])
        let consent = try XCTUnwrap(site.consent)
        XCTAssertEqual(consent.title, "Help us find out")
        XCTAssertEqual(consent.version, "2027-01")
        XCTAssertEqual(consent.language, "en-GB", "from site.xml's default")
        XCTAssertEqual(consent.body.source, "We would like to know if the course helps.\n\n- **Stop taking part** at any time.\n")
        XCTAssertEqual(consent.body.location.line, 5, "the body starts after the front matter")
        XCTAssertEqual(consent.versionLocation.line, 3)
        let html = HTMLRenderer().render(consent.body.tree)
        XCTAssertTrue(html.contains("<strong>Stop taking part</strong>"), html)
        XCTAssertEqual(site.pages, [], "the wording is not a page of its own")
    }

    func testAVersionThatDiffersFromSiteXMLIsAnErrorAtTheVersionLine() {
        XCTAssertEqual(check("differs").1, [
            #"differs/consent.md:4:1: error: this consent wording is version '2027-02', but site.xml says <consent version="2027-01"/>; make them the same, and change both whenever the wording changes, so people are asked again"#,
        ])
    }

    func testACourseWithQuestionnairesNeedsTheWording() {
        let (site, diagnostics) = check("missing")
        XCTAssertNil(site.consent)
        XCTAssertEqual(diagnostics, [
            "missing/courses/asks/course.md:5:1: error: this course asks questionnaires, so people are first asked to take part in research, but there is no consent wording; write it in consent.md at the top of the content folder, with 'version: 2027-01' (see Docs/authoring.md)",
        ], "only the course with measures, at its measures: line")
    }

    func testWordingWithoutAVersionIsOneError() {
        XCTAssertEqual(check("no-version").1, [
            "no-version/consent.md:2:1: error: the consent wording needs a 'version:' line in its front matter",
        ], "not also reported as missing")
    }

    func testContentWithoutQuestionnairesNeedsNoWording() {
        let (site, loading) = ContentLoader.load(folder: Self.fixtures + "/missing")
        var withoutMeasures = site
        withoutMeasures.courses = site.courses.filter { $0.id == "reads" }
        var validator = ContentValidator(site: withoutMeasures)
        validator.run(authorWarnings: false)
        XCTAssertEqual(loading.all, [])
        XCTAssertEqual(validator.diagnostics.all, [])
    }

    func testHearthsOwnWordingMatchesSiteXML() throws {
        let content = URL(fileURLWithPath: Self.fixtures).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Content").path
        var (site, _) = ContentLoader.load(folder: content)
        let consent = try XCTUnwrap(site.consent)
        XCTAssertEqual(consent.version, site.settings.consentVersion)
        for heading in ["What we collect", "What we never collect", "Who sees it", "How long we keep it", "How to stop"] {
            XCTAssertTrue(consent.body.source.contains("## \(heading)\n"), "the wording says \(heading.lowercased())")
        }
        site.settings.readingAge = .init(everyone: 9)
        var validator = ContentValidator(site: site)
        validator.run(authorWarnings: true)
        XCTAssertFalse(validator.diagnostics.all.contains(where: { $0.path.hasSuffix("/consent.md") }), "reading age 9 or under")
    }
}
