import XCTest
@testable import HearthContent

final class SiteRoutesTests: XCTestCase {
    func testRelativeURLsBetweenPages() {
        XCTAssertEqual(SiteRoutes.relative("index.html", from: "index.html"), "index.html")
        XCTAssertEqual(SiteRoutes.relative("search.html", from: "courses/a/index.html"), "../../search.html")
        XCTAssertEqual(SiteRoutes.relative("courses/a/m/2.html", from: "courses/a/m/index.html"), "2.html")
        XCTAssertEqual(SiteRoutes.relative("courses/a/n/index.html", from: "courses/a/m/3.html"), "../n/index.html")
        XCTAssertEqual(SiteRoutes.relative("courses/b/index.html", from: "courses/a/index.html"), "../b/index.html")
        XCTAssertEqual(SiteRoutes.relative("pages/about.html", from: "courses/a/m/index.html"), "../../../pages/about.html")
        XCTAssertEqual(SiteRoutes.relative("courses/a/index.html", from: "index.html"), "courses/a/index.html")
    }

    func testRootPrefix() {
        XCTAssertEqual(SiteRoutes.root(from: "index.html"), "")
        XCTAssertEqual(SiteRoutes.root(from: "courses/a/m/2.html"), "../../../")
    }

    func testModulePagesAreNumberedFromTheModuleIndex() {
        XCTAssertEqual(SiteRoutes.modulePage(course: "c", module: "m", page: 1), "courses/c/m/index.html")
        XCTAssertEqual(SiteRoutes.modulePage(course: "c", module: "m", page: 3), "courses/c/m/3.html")
    }
}
