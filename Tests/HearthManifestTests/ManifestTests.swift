import XCTest
import HearthJSON
import HearthManifest

final class ManifestTests: XCTestCase {
    private let manifest = Manifest(
        site: .init(title: "Hearth", language: "en-GB", consentVersion: "2026-11", areas: ["E10000012"], apiBase: "/api/v1"),
        courses: [
            .init(id: "arguing-better", title: "Arguing better", audience: "parents", passMark: nil, certificate: false,
                  measuresBefore: ["phq4"], measuresAfter: [], afterDays: 14, followUpDays: 90, retakeAfterDays: nil, modules: [
                      .init(id: "what-happens", title: "What happens", pages: 3, quizzes: [
                          .init(id: "flooding", assessed: true, passMark: 80, attempts: nil, draw: 2, questions: 3, correctCounts: [1, 2, 1]),
                      ]),
                  ]),
        ],
        measures: [
            .init(id: "phq4", title: "PHQ-4", scoring: "sum", missingAllowed: 0, scale: .init(min: 0, max: 3, values: [0, 1, 2, 3]),
                  items: [.init(id: "anxious", reversed: false, scale: .init(min: 0, max: 3, values: [0, 1, 2, 3]))],
                  subscales: [.init(id: "anxiety", items: ["anxious"])]),
        ])

    func testTheJSONReadsBackToTheSameManifest() throws {
        XCTAssertEqual(try Manifest(json: manifest.json()), manifest)
    }

    func testTheJSONIsSortedIndentedAndLeavesOutAbsentNumbers() throws {
        let text = String(decoding: manifest.json(), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("{\n  \"courses\" : [\n    {\n      \"afterDays\" : 14,\n      \"audience\" : \"parents\",\n      \"certificate\" : false,\n"), text)
        XCTAssertTrue(text.hasSuffix("  \"version\" : 1\n}\n"))
        XCTAssertFalse(text.contains("attempts"), "a nil attempts is left out, not null")
        XCTAssertTrue(text.contains("\"measuresAfter\" : [],"))
    }

    /// Changes one entry of a correct manifest and returns the error reading it gives.
    private func error(after change: (inout JSONObject) -> Void) throws -> ManifestError {
        var root = try XCTUnwrap(try JSONReader.read(manifest.json()).object)
        change(&root)
        do {
            _ = try Manifest(json: JSONWriter.bytes(of: .object(root), keyOrder: .declared))
        } catch let error as ManifestError {
            return error
        }
        XCTFail("read without an error")
        return ManifestError(path: "", message: "")
    }

    private func replacing(_ key: String, in object: JSONObject, with value: JSONValue?) -> JSONObject {
        var members = object.members.filter { $0.key != key }
        if let value { members.append((key: key, value: value)) }
        return JSONObject(members)
    }

    /// An entry inside a list inside a list: courses[0].modules[0].quizzes[0], changed by `change`.
    private func changingQuiz(_ change: @escaping (JSONObject) -> JSONObject) -> (inout JSONObject) -> Void {
        { root in
            var course = root["courses"]!.array![0].object!
            var module = course["modules"]!.array![0].object!
            module = self.replacing("quizzes", in: module, with: .array([.object(change(module["quizzes"]!.array![0].object!))]))
            course = self.replacing("modules", in: course, with: .array([.object(module)]))
            root = self.replacing("courses", in: root, with: .array([.object(course)]))
        }
    }

    func testAnUnknownEntryIsAnErrorNamingIt() throws {
        let error = try error(after: changingQuiz { self.replacing("answers", in: $0, with: .array([.number(1)])) })
        XCTAssertEqual(error.path, "courses[0].modules[0].quizzes[0].answers")
        XCTAssertTrue(error.message.contains("not part of the manifest format"), error.message)
    }

    func testAWrongTypeOrMissingEntryIsAnErrorNamingIt() throws {
        let wrongType = try error(after: changingQuiz { self.replacing("correctCounts", in: $0, with: .array([.number(1), .string("2")])) })
        XCTAssertEqual(wrongType.description, "courses[0].modules[0].quizzes[0].correctCounts[1]: expected a whole number, found text")
        let fraction = try error(after: changingQuiz { self.replacing("questions", in: $0, with: .number(2.5)) })
        XCTAssertEqual(fraction.path, "courses[0].modules[0].quizzes[0].questions")
        let missing = try error(after: changingQuiz { self.replacing("id", in: $0, with: nil) })
        XCTAssertEqual(missing.description, "courses[0].modules[0].quizzes[0].id: this entry is missing")
        let notAList = try error(after: { root in root = self.replacing("measures", in: root, with: .object(JSONObject())) })
        XCTAssertEqual(notAList.description, "measures: expected a list, found an object")
    }

    func testAnotherFormatVersionIsRefused() throws {
        let error = try error(after: { root in root = self.replacing("version", in: root, with: .number(2)) })
        XCTAssertEqual(error.path, "version")
        XCTAssertTrue(error.message.contains("version 2") && error.message.contains("version 1"), error.message)
        XCTAssertEqual(try self.error(after: { root in root = self.replacing("version", in: root, with: nil) }).path, "version")
    }

    func testTextThatIsNotJSONOrAMissingFileIsRefused() {
        XCTAssertThrowsError(try Manifest(json: Array("<!doctype html>".utf8))) { error in
            XCTAssertTrue("\(error)".hasPrefix("this is not JSON"), "\(error)")
        }
        XCTAssertThrowsError(try Manifest(contentsOf: "/no/such/manifest.json")) { error in
            XCTAssertTrue("\(error)".hasPrefix("/no/such/manifest.json: "), "\(error)")
        }
    }
}
