import Foundation
import HearthJSON
import HearthTemplates
import XCTest

/// Runs every case of the Mustache 1.4.2 spec suites in `Tests/Fixtures/mustache-1.4.2`
/// (lambdas are an optional module of the spec and are not included).
final class MustacheSpecTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/mustache-1.4.2")

    /// The suites and how many cases each holds, so a lost file or case fails instead of passing quietly.
    static let suites = [
        "comments": 12, "delimiters": 14, "interpolation": 42, "inverted": 22,
        "partials": 12, "sections": 34, "~inheritance": 27,
    ]

    func testSuitesHoldAllOfTheSpecsCases() {
        XCTAssertEqual(Self.suites.values.reduce(0, +), 163)
    }

    func testFolderHoldsExactlyTheSuitesAndLicense() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).sorted()
        XCTAssertEqual(files, (Self.suites.keys.map { $0 + ".json" } + ["LICENSE"]).sorted())
    }

    func testComments() throws { try run("comments") }
    func testDelimiters() throws { try run("delimiters") }
    func testInterpolation() throws { try run("interpolation") }
    func testInverted() throws { try run("inverted") }
    func testPartials() throws { try run("partials") }
    func testSections() throws { try run("sections") }
    func testInheritance() throws { try run("~inheritance") }

    /// Renders each case of one suite with its partials and compares the output byte for byte.
    private func run(_ suite: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(suite + ".json"))
        let json = try XCTUnwrap(try JSONReader.read([UInt8](data)).object)
        let cases = try XCTUnwrap(json["tests"]?.array?.map { try XCTUnwrap($0.object) })
        XCTAssertEqual(cases.count, Self.suites[suite], "\(suite): number of cases", file: file, line: line)
        var passed = 0
        for testCase in cases {
            let name = try XCTUnwrap(testCase["name"]?.string)
            let source = try XCTUnwrap(testCase["template"]?.string)
            let expected = try XCTUnwrap(testCase["expected"]?.string)
            var partials: [String: String] = [:]
            for member in testCase["partials"]?.object?.members ?? [] { partials[member.key] = try XCTUnwrap(member.value.string) }
            let context = SpecContext.value(testCase["data"] ?? .null)
            let report = "\(suite) › \(name)\n  template: \(source.debugDescription)\n  partials: \(partials.debugDescription)"
            do {
                var library = try TemplateLibrary(templates: partials)
                // The name can't clash with a partial: spec partial names never contain spaces.
                library.insert(try Template(source, name: "spec case"))
                let actual = try library.render("spec case", context)
                if actual == expected {
                    passed += 1
                } else {
                    XCTFail("\(report)\n  expected: \(expected.debugDescription)\n  actual:   \(actual.debugDescription)", file: file, line: line)
                }
            } catch {
                XCTFail("\(report)\n  expected: \(expected.debugDescription)\n  threw:    \(error)", file: file, line: line)
            }
        }
        XCTAssertEqual(passed, cases.count, "\(suite): cases passed", file: file, line: line)
    }
}
