import XCTest
import HearthText

final class HashedAssetNameTests: XCTestCase {
    func testFingerprintIsFNV1a() {
        // Published FNV-1a 64-bit values: the offset basis for no bytes, and "a".
        XCTAssertEqual(HashedAssetName.fingerprint(of: []), 0xcbf2_9ce4_8422_2325)
        XCTAssertEqual(HashedAssetName.fingerprint(of: Array("a".utf8)), 0xaf63_dc4c_8601_ec8c)
        XCTAssertNotEqual(HashedAssetName.fingerprint(of: Array("body{}".utf8)), HashedAssetName.fingerprint(of: Array("body{ }".utf8)))
    }

    func testNamesCarryTheFirstTwelveDigitsBeforeTheExtension() {
        XCTAssertEqual(HashedAssetName.name("hearth.css", contents: []), "hearth.cbf29ce48422.css")
        XCTAssertEqual(HashedAssetName.name("js/app.min.js", contents: Array("a".utf8)), "js/app.min.af63dc4c8601.js")
        XCTAssertEqual(HashedAssetName.name("LICENSE", contents: []), "LICENSE", "nowhere to put it")
        XCTAssertEqual(HashedAssetName.name("v1.2/LICENSE", contents: []), "v1.2/LICENSE", "a dot in a folder is no extension")
    }

    func testTheServerRecognisesExactlyTheNamesTheBuildMakes() {
        for name in ["hearth.css", "assets/app.js", "a.b.c.svg"] {
            let hashed = HashedAssetName.name(name, contents: Array(name.utf8))
            XCTAssertTrue(HashedAssetName.isHashed(hashed), hashed)
            XCTAssertFalse(HashedAssetName.isHashed(name), name)
        }
        XCTAssertTrue(HashedAssetName.isHashed("assets/hearth.0123456789AB.css"))
        XCTAssertFalse(HashedAssetName.isHashed("assets/hearth.0123456789a.css"), "eleven digits")
        XCTAssertFalse(HashedAssetName.isHashed("assets/hearth.0123456789abc.css"), "thirteen digits")
        XCTAssertFalse(HashedAssetName.isHashed("assets/hearth.0123456789ag.css"), "not hex")
        XCTAssertFalse(HashedAssetName.isHashed("0123456789ab.css"), "no stem")
        XCTAssertFalse(HashedAssetName.isHashed("a.0123456789ab.css/index.html"), "only the file name counts")
    }
}
