import Foundation
import XCTest
@testable import HearthContent

/// Reading-age limits per audience, from `site.xml`, and the pages `hearth check` warns about:
/// Tests/Fixtures/content-reading-age has the same module for parents (limit 9) and for staff (limit 14).
final class ReadingAgeLimitTests: XCTestCase {
    private static let fixture = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/content-reading-age").path

    private func limits(_ element: String) -> (SiteSettings.ReadingAgeLimits, [String]) {
        let (settings, diagnostics) = XMLContentLoader.loadSite(Data("<site>\n  \(element)\n</site>".utf8), path: "site.xml")
        return (settings.readingAge, diagnostics.sorted.map(\.description))
    }

    func testMaxIsTheLimitForBothAudiences() {
        let (limits, diagnostics) = limits(#"<reading-age max="10"/>"#)
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(limits, .init(parents: 10, practitioners: 10))
    }

    func testEachAudienceMayHaveItsOwnLimit() {
        XCTAssertEqual(limits(#"<reading-age parents="9.5" practitioners="14"/>"#).0, .init(parents: 9.5, practitioners: 14))
        XCTAssertEqual(limits(#"<reading-age max="12" practitioners="15"/>"#).0, .init(parents: 12, practitioners: 15),
                       "max covers the audience not named")
        XCTAssertEqual(limits(#"<reading-age parents="9"/>"#).0, .init(parents: 9, practitioners: 11),
                       "an audience not named keeps the default")
    }

    func testBadLimitsAreErrorsAndKeepTheDefault() {
        XCTAssertEqual(limits(#"<reading-age parents="30" practitioners="ten"/>"#).1, [
            #"site.xml:2:3: error: parents="30" on <reading-age> should be an age in years from 5 to 25"#,
            #"site.xml:2:3: error: practitioners="ten" on <reading-age> should be a number, such as 3 or 2.5"#,
        ])
        XCTAssertEqual(limits(#"<reading-age parents="30"/>"#).0, SiteSettings.ReadingAgeLimits())
        XCTAssertEqual(limits("<reading-age/>").1, [
            #"site.xml:2:3: error: <reading-age> needs max="…" (for every page), or parents="…" and practitioners="…"; for example <reading-age parents="10" practitioners="14"/>"#,
        ])
        XCTAssertTrue(limits(#"<reading-age staff="14"/>"#).1.contains(
            "site.xml:2:3: error: unknown attribute 'staff' on <reading-age>; allowed: max, parents, practitioners"))
    }

    func testEachPageIsHeldToItsAudiencesLimitAndSourceListsAreLeftOut() {
        let (site, loading) = ContentLoader.load(folder: Self.fixture)
        XCTAssertEqual(loading.all, [])
        var validator = ContentValidator(site: site)
        validator.run(authorWarnings: true)
        XCTAssertEqual(validator.diagnostics.sorted.map { $0.description.replacingOccurrences(of: Self.fixture + "/", with: "") }, [
            // The second page (about age 14) is over the parents' limit but within the staff one.
            "courses/home/01-m.md:14:1: warning: this page reads at about age 13.9 (the limit for parents' pages is 9); try shorter sentences and everyday words",
            // The third page has the first page's words, with its citations under another title: they count, and
            // lift it over 9. On the first page, under "Where this comes from", they are left out.
            "courses/home/01-m.md:20:1: warning: this page reads at about age 9.8 (the limit for parents' pages is 9); try shorter sentences and everyday words",
            // Plain pages are parents' pages; a heading named "Where this comes from" (about.md) leaves out its
            // section and the sections under it, but "Sources" is not recognised.
            "pages/plain.md:4:1: warning: this page reads at about age 9.7 (the limit for parents' pages is 9); try shorter sentences and everyday words",
        ])
    }

    func testOnlyTheExactTitleMarksASourceList() {
        XCTAssertTrue(ContentValidator.isSourceList(title: "Where this comes from"))
        XCTAssertTrue(ContentValidator.isSourceList(title: "  where  this comes FROM "))
        XCTAssertFalse(ContentValidator.isSourceList(title: "Where this comes from, and more"))
        XCTAssertFalse(ContentValidator.isSourceList(title: "Sources"))
    }
}
