import Foundation
import XCTest
import HearthTemplates

/// Every test of the Mustache 1.4.2 spec suites we ship (lambdas are optional in the spec and not included).
final class MustacheSpecTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/mustache-1.4.2")

    /// Turns JSON from the spec files into template data, keeping booleans apart from numbers.
    static func value(_ json: Any) -> TemplateValue {
        switch json {
        case let string as String: return .string(string)
        case let number as NSNumber:
            // On Linux a JSON boolean decodes as an NSNumber whose type is Bool.
            if type(of: number) == type(of: NSNumber(value: true)), number === kCFBooleanTrueOrFalse(number) { return .bool(number.boolValue) }
            let double = number.doubleValue
            return double.rounded() == double && abs(double) < 1e15 ? .int(Int(double)) : .double(double)
        case let array as [Any]: return .array(array.map(value))
        case let object as [String: Any]: return .object(object.mapValues(value))
        default: return .null
        }
    }

    private static func kCFBooleanTrueOrFalse(_ number: NSNumber) -> NSNumber? {
        String(cString: number.objCType) == "c" ? number : nil
    }

    func testEverySpecSuite() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertEqual(files, ["comments.json", "delimiters.json", "interpolation.json", "inverted.json", "partials.json", "sections.json", "~inheritance.json"])
        var count = 0
        for file in files {
            let data = try Data(contentsOf: Self.folder.appendingPathComponent(file))
            let suite = try JSONSerialization.jsonObject(with: data) as! [String: Any]
            for test in suite["tests"] as! [[String: Any]] {
                count += 1
                let name = test["name"] as! String
                var templates = (test["partials"] as? [String: String]) ?? [:]
                templates["<test>"] = test["template"] as? String
                let expected = test["expected"] as! String
                do {
                    let library = try TemplateLibrary(templates: templates)
                    let output = try library.render("<test>", Self.value(test["data"] ?? NSNull()))
                    XCTAssertEqual(output, expected, "\(file): \(name)\ntemplate: \((test["template"] as! String).debugDescription)")
                } catch {
                    XCTFail("\(file): \(name) threw \(error)")
                }
            }
        }
        XCTAssertEqual(count, 163)
    }
}
