import HearthTemplates
import XCTest

final class TemplateValueTests: XCTestCase {
    func testLiteralsBuildTheMatchingCases() {
        let value: TemplateValue = ["s": "text", "i": 3, "d": 1.5, "b": true, "a": [1, "x"], "n": nil]
        XCTAssertEqual(value, .object([
            "s": .string("text"), "i": .int(3), "d": .double(1.5), "b": .bool(true),
            "a": .array([.int(1), .string("x")]), "n": .null,
        ]))
    }

    func testTruthinessFollowsJavaScript() {
        let falsey: [TemplateValue] = [false, nil, 0, 0.0, .double(.nan), "", []]
        let truthy: [TemplateValue] = [true, 1, -1, 0.5, "0", " ", [0], [false], [:], ["a": nil]]
        for value in falsey { XCTAssertFalse(value.isTruthy, "\(value)") }
        for value in truthy { XCTAssertTrue(value.isTruthy, "\(value)") }
    }
}
