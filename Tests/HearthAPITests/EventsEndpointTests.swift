import Foundation
import XCTest
import HearthHTTP
import HearthStore
@testable import HearthAPI
import HearthJSON
import HearthTestSupport

final class EventsEndpointTests: XCTestCase {
    private var store: SQLiteEventStore!
    private var endpoint: EventsEndpoint!

    override func setUpWithError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-api-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        store = try SQLiteEventStore(path: folder.appendingPathComponent("db.sqlite").path)
        let manifest = ManifestIndex(courses: ["arguing-better": .init(modules: ["what-happens": ["flooding"], "repair": []])],
                                     areas: ["E10000012"], consentVersion: "1")
        endpoint = EventsEndpoint(manifest: manifest, store: store)
    }

    override func tearDown() {
        store.close()
    }

    private func post(_ json: String, contentType: String = "application/json") -> (Int, String) {
        let request = HTTPRequest(method: "POST", path: "/api/v1/events", query: "", minorVersion: 1,
                                  headers: [("content-type", contentType)], body: Array(json.utf8))
        let response = endpoint.handle(request).waitForResponse()
        return (response.status.code, String(decoding: response.body, as: UTF8.self))
    }

    private let id1 = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
    private let id2 = "3f2504e0-4f89-41d3-9a0c-0305e82c3302"

    func testOnlyJSONBodiesAreRead() {
        for accepted in ["application/json", "Application/JSON; charset=utf-8", " application/json ", "application/json;charset=UTF-8"] {
            XCTAssertTrue(JSONBody.isJSON(accepted), accepted)
        }
        for refused in ["application/jsonx", "text/json", "application/json-patch+json", "", "application/js", "application/json,text/html"] {
            XCTAssertFalse(JSONBody.isJSON(refused), refused)
        }
    }

    func testAValidBatchIsAcceptedOnceAndARetryCountsAsDuplicates() throws {
        let batch = """
        {"events": [
          {"id": "\(id1)", "type": "module.completed", "course": "arguing-better", "module": "what-happens", "area": "E10000012"},
          {"id": "\(id2)", "type": "quiz.completed", "course": "arguing-better", "module": "what-happens", "quiz": "flooding", "score": 0.8}
        ]}
        """
        XCTAssertEqual(post(batch).0, 202)
        XCTAssertEqual(post(batch).1, "{\"accepted\":0,\"duplicates\":2}\n")
        XCTAssertEqual(try store.count(), 2)
    }

    func testEveryRefusalSaysWhatAndWhereAndStoresNothing() throws {
        func event(_ extra: String) -> String { "{\"events\": [{\"id\": \"\(id1)\", \(extra)}]}" }
        let longKey = String(repeating: "k", count: 300)
        // Body, content type, then the status, code and field the refusal must carry exactly (nil: no field).
        let cases: [(String, String, Int, String, String?)] = [
            ("{}", "application/x-www-form-urlencoded", 415, "unsupported_media_type", nil),
            ("{\"events\": [", "application/json", 400, "malformed_json", nil),
            ("{\"events\": []}", "application/json", 400, "batch_size", "events"),
            (event("\"type\": \"module.started\", \"course\": \"arguing-better\", \"module\": \"repair\", \"name\": \"Sam\""), "application/json", 400, "unknown_field", "events[0].name"),
            (event("\"type\": \"module.started\", \"course\": \"arguing-better\", \"\(longKey)\": 1"), "application/json", 400, "unknown_field",
             "events[0]." + String(repeating: "k", count: 100) + "…"),
            (event("\"type\": \"module.exploded\", \"course\": \"arguing-better\", \"module\": \"repair\""), "application/json", 422, "unknown_type", "events[0].type"),
            (event("\"type\": \"module.started\", \"course\": \"nope\", \"module\": \"repair\""), "application/json", 422, "unknown_id", "events[0].course"),
            (event("\"type\": \"module.started\", \"course\": \"arguing-better\", \"module\": \"nope\""), "application/json", 422, "unknown_id", "events[0].module"),
            (event("\"type\": \"quiz.completed\", \"course\": \"arguing-better\", \"module\": \"repair\", \"quiz\": \"flooding\""), "application/json", 422, "unknown_id", "events[0].quiz"),
            (event("\"type\": \"quiz.completed\", \"course\": \"arguing-better\", \"module\": \"what-happens\", \"quiz\": \"flooding\", \"score\": 1.5"), "application/json", 422, "out_of_range", "events[0].score"),
            (event("\"type\": \"quiz.completed\", \"course\": \"arguing-better\", \"module\": \"what-happens\", \"quiz\": \"flooding\", \"score\": true"), "application/json", 422, "out_of_range", "events[0].score"),
            (event("\"type\": \"module.started\", \"course\": \"arguing-better\", \"module\": \"repair\", \"area\": \"W06000015\""), "application/json", 422, "unknown_id", "events[0].area"),
            (event("\"type\": \"module.started\", \"course\": \"arguing-better\", \"module\": \"repair\", \"participant\": \"sam@example.org\""), "application/json", 400, "invalid_participant", "events[0].participant"),
            ("{\"events\": [{\"id\": \"not-a-uuid\", \"type\": \"course.started\", \"course\": \"arguing-better\"}]}", "application/json", 400, "invalid_id", "events[0].id"),
        ]
        for (body, type, status, code, field) in cases {
            let (answered, text) = post(body, contentType: type)
            XCTAssertEqual(answered, status, "\(code): \(text)")
            guard let error = try? JSONReader.read(Array(text.utf8)).object?["error"]?.object else {
                XCTFail("not an error body: \(text)")
                continue
            }
            XCTAssertEqual(error["code"]?.string, code, text)
            XCTAssertEqual(error["field"]?.string, field, text)
            XCTAssertFalse(error["message"]?.string?.isEmpty ?? true, text)
        }
        XCTAssertEqual(try store.count(), 0, "a refused batch stores nothing")
    }

    func testABatchWithOneBadEventIsRefusedWhole() throws {
        let batch = """
        {"events": [
          {"id": "\(id1)", "type": "course.started", "course": "arguing-better"},
          {"id": "\(id2)", "type": "course.started", "course": "missing"}
        ]}
        """
        let (code, text) = post(batch)
        XCTAssertEqual(code, 422)
        XCTAssertTrue(text.contains("\"field\":\"events[1].course\""))
        XCTAssertEqual(try store.count(), 0)
    }

    func testABatchWithADuplicateKeyIsMalformedJSON() throws {
        // Which "type" would count is anyone's guess, so the reader refuses the whole body rather than pick one.
        let batch = """
        {"events": [{"id": "\(id1)", "type": "course.started", "type": "course.completed", "course": "arguing-better"}]}
        """
        let (code, text) = post(batch)
        XCTAssertEqual(code, 400)
        XCTAssertTrue(text.hasPrefix("{\"error\":{\"code\":\"malformed_json\""), text)
        XCTAssertTrue(text.contains("the key \\\"type\\\" appears twice"), text)
        XCTAssertFalse(text.contains("\"field\""), text)
        XCTAssertEqual(try store.count(), 0)
    }
}
