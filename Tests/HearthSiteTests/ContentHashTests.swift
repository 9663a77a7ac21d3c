import XCTest
@testable import HearthSite

final class ContentHashTests: XCTestCase {
    func testContentHashIsStableAndSensitive() {
        XCTAssertEqual(ContentHash.hex(of: []), "cbf29ce484222325")
        XCTAssertEqual(ContentHash.hex(of: Array("a".utf8)), "af63dc4c8601ec8c")
        XCTAssertNotEqual(ContentHash.hex(of: Array("body{}".utf8)), ContentHash.hex(of: Array("body{ }".utf8)))
    }
}
