import Foundation
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

    func testJSONKeepsBooleansApartFromNumbers() throws {
        let text = #"{"t": true, "f": false, "one": 1, "zero": 0, "d": 1.210, "whole": 3.0, "neg": -7, "s": "x", "n": null, "a": [1, "b", [true]], "o": {"k": 2}}"#
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8))
        XCTAssertEqual(TemplateValue(json: json), .object([
            "t": .bool(true), "f": .bool(false), "one": .int(1), "zero": .int(0),
            "d": .double(1.21), "whole": .double(3), "neg": .int(-7), "s": .string("x"), "n": .null,
            "a": .array([.int(1), .string("b"), .array([.bool(true)])]), "o": .object(["k": .int(2)]),
        ]))
    }

    func testJSONTopLevelScalars() throws {
        let json = try JSONSerialization.jsonObject(with: Data("[true, 1, 2.5]".utf8))
        XCTAssertEqual(TemplateValue(json: json), [true, 1, 2.5])
        XCTAssertEqual(TemplateValue(json: NSNull()), .null)
    }

    func testPlainSwiftValuesConvertLikeJSON() {
        let members: [String: Any] = ["flag": true, "count": 1, "ratio": 0.5, "name": "n", "list": [false, 0] as [Any]]
        XCTAssertEqual(TemplateValue(json: members), ["flag": true, "count": 1, "ratio": 0.5, "name": "n", "list": [false, 0]])
    }

    func testTruthinessFollowsJavaScript() {
        let falsey: [TemplateValue] = [false, nil, 0, 0.0, .double(.nan), "", []]
        let truthy: [TemplateValue] = [true, 1, -1, 0.5, "0", " ", [0], [false], [:], ["a": nil]]
        for value in falsey { XCTAssertFalse(value.isTruthy, "\(value)") }
        for value in truthy { XCTAssertTrue(value.isTruthy, "\(value)") }
    }
}
