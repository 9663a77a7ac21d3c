import Foundation
import XCTest
import HearthHTTP
@testable import HearthStore
@testable import HearthAPI
import HearthTestSupport

final class APIRouterTests: XCTestCase {
    private var store: SQLiteEventStore!
    private var router: APIRouter!
    private var site: URL!

    override func setUpWithError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-router-\(UUID().uuidString)")
        site = folder.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        try "<p>home</p>".write(to: site.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        store = try SQLiteEventStore(path: folder.appendingPathComponent("db.sqlite").path)
        router = APIRouter(manifest: ManifestIndex(courses: ["c": .init(modules: ["m": []])], areas: [], consentVersion: "1"),
                           store: store, site: try StaticSite(folder: site.path), openAPI: Array("{}".utf8))
    }

    override func tearDown() {
        store.close()
    }

    private func send(_ method: String, _ path: String, json: String = "") -> (Int, String, [(name: String, value: String)]) {
        let request = HTTPRequest(method: method, path: path, headers: [("content-type", "application/json")], body: Array(json.utf8))
        let response = router.reply(to: request).waitForResponse()
        return (response.status.code, String(decoding: response.body, as: UTF8.self), response.headers)
    }

    func testWritesBeyondTheStoresQueueAreTurnedAwayWith429() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-busy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let busy = try SQLiteEventStore(path: folder.appendingPathComponent("db.sqlite").path, maximumQueuedBatches: 1)
        defer { busy.close() }
        let router = APIRouter(manifest: ManifestIndex(courses: ["c": .init(modules: ["m": []])], areas: [], consentVersion: "1"),
                               store: busy, site: try StaticSite(folder: site.path))
        func request(_ n: Int) -> HTTPRequest {
            let json = "{\"events\":[{\"id\":\"00000000-0000-4000-8000-00000000000\(n)\",\"type\":\"course.started\",\"course\":\"c\"}]}"
            return HTTPRequest(method: "POST", path: "/api/v1/events", headers: [("content-type", "application/json")], body: Array(json.utf8))
        }
        busy.pauseWriting()
        // The first write waits in the queue; with the queue full, the second is answered at once.
        let first = router.reply(to: request(1)).started()
        let refused = router.reply(to: request(2)).waitForResponse()
        XCTAssertEqual(refused.status.code, 429)
        XCTAssertTrue(refused.headers.contains { $0.name == "Retry-After" && $0.value == "2" })
        XCTAssertTrue(String(decoding: refused.body, as: UTF8.self).contains("\"code\":\"too_many_requests\""))
        busy.resumeWriting()
        XCTAssertEqual(first.wait().status.code, 202, "the queued write is stored once the writer moves again")
        XCTAssertEqual(try busy.storedIDs(), ["00000000-0000-4000-8000-000000000001"])
    }

    func testRoutesAndMethods() {
        XCTAssertEqual(send("GET", "/").0, 200)
        XCTAssertEqual(send("GET", "/healthz").1, "{\"status\":\"ok\"}\n")
        XCTAssertEqual(send("TRACE", "/healthz").0, 405)
        XCTAssertEqual(send("POST", "/metrics").0, 405)
        XCTAssertEqual(send("HEAD", "/metrics").0, 200)
        XCTAssertEqual(send("GET", "/api/v1/openapi.json").1, "{}")
        let wrongMethod = send("GET", "/api/v1/events")
        XCTAssertEqual(wrongMethod.0, 405)
        XCTAssertTrue(wrongMethod.2.contains { $0.name == "Allow" && $0.value == "POST" })
        XCTAssertEqual(send("POST", "/index.html").0, 405)
        XCTAssertEqual(send("GET", "/api/v1/nothing").0, 404)
        XCTAssertEqual(send("GET", "/missing.html").0, 404)
    }

    func testMetricsCountRequestsByRouteWithoutIds() {
        let participant = "9b2f8a52-1c3e-4d5f-8a6b-7c8d9e0f1a2b"
        router.metrics.record(.init(method: "DELETE", path: "/api/v1/participants/\(participant)", status: 200, bytes: 12, seconds: 0.003))
        router.metrics.record(.init(method: "GET", path: "/index.html", status: 200, bytes: 100, seconds: 0.0004))
        let (code, text, _) = send("GET", "/metrics")
        XCTAssertEqual(code, 200)
        XCTAssertTrue(text.contains("hearth_http_requests_total{route=\"/api/v1/participants/{id}\",status=\"200\"} 1\n"))
        XCTAssertTrue(text.contains("hearth_http_requests_total{route=\"static\",status=\"200\"} 1\n"))
        XCTAssertTrue(text.contains("hearth_http_request_duration_seconds_bucket{le=\"0.001\"} 1\n"))
        XCTAssertTrue(text.contains("hearth_http_request_duration_seconds_bucket{le=\"0.005\"} 2\n"))
        XCTAssertTrue(text.contains("hearth_events_stored 0\n"))
        XCTAssertTrue(text.contains("# TYPE hearth_store_commit_duration_seconds histogram\n"))
        XCTAssertFalse(text.contains(participant), "ids never appear in metrics")
    }

    func testConsentedEventsCanBeErasedByParticipant() throws {
        let participant = "9b2f8a52-1c3e-4d5f-8a6b-7c8d9e0f1a2b"
        let body = "{\"events\":[{\"id\":\"3f2504e0-4f89-41d3-9a0c-0305e82c3301\",\"type\":\"module.started\",\"course\":\"c\",\"module\":\"m\",\"participant\":\"\(participant)\"},{\"id\":\"3f2504e0-4f89-41d3-9a0c-0305e82c3302\",\"type\":\"module.started\",\"course\":\"c\",\"module\":\"m\"}]}"
        let withoutConsent = send("POST", "/api/v1/events", json: body)
        XCTAssertEqual(withoutConsent.0, 422)
        XCTAssertTrue(withoutConsent.1.contains("\"code\":\"no_consent\"") && withoutConsent.1.contains("\"field\":\"events[0].participant\""))
        XCTAssertEqual(try store.count(), 0, "the whole batch is refused")
        XCTAssertEqual(send("POST", "/api/v1/consent", json: "{\"participant\":\"\(participant)\",\"version\":\"1\"}").0, 200)
        XCTAssertEqual(send("POST", "/api/v1/events", json: body).0, 202)
        XCTAssertEqual(send("DELETE", "/api/v1/participants/\(participant)").1, "{\"erased\":2,\"events\":1,\"responses\":0,\"consents\":1}\n", "the event and the consent")
        XCTAssertEqual(try store.count(), 1, "anonymous events stay; the participant's are gone")
        XCTAssertEqual(send("POST", "/api/v1/events", json: body.replacingOccurrences(of: "c3301", with: "c3303")).0, 422,
                       "after withdrawal nothing more is linked to the id")
        XCTAssertEqual(send("DELETE", "/api/v1/participants/not-an-id").0, 400)
        XCTAssertEqual(send("GET", "/api/v1/participants/\(participant)").0, 405)
    }
}

final class ResponsesAndConsentTests: XCTestCase {
    private var store: SQLiteEventStore!
    private var router: APIRouter!

    override func setUpWithError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-responses-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("site"), withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        store = try SQLiteEventStore(path: folder.appendingPathComponent("db.sqlite").path)
        let phq4 = ManifestIndex.Measure(items: ["a": [0, 1, 2, 3], "b": [0, 1, 2, 3], "c": [0, 1, 2, 3]], missingAllowed: 1)
        router = APIRouter(manifest: ManifestIndex(courses: ["c": .init(modules: [:], measuresBefore: ["phq4"], measuresAfter: ["phq4"]),
                                                            "d": .init(modules: [:], measuresAfter: ["phq4"])], measures: ["phq4": phq4],
                                                   areas: ["E10000012"], consentVersion: "2026-11"),
                           store: store, site: try StaticSite(folder: folder.appendingPathComponent("site").path))
    }

    override func tearDown() {
        store.close()
    }

    private func post(_ path: String, _ json: String) -> (Int, String) {
        let request = HTTPRequest(method: "POST", path: path, headers: [("content-type", "application/json")], body: Array(json.utf8))
        let response = router.reply(to: request).waitForResponse()
        return (response.status.code, String(decoding: response.body, as: UTF8.self))
    }

    private let participant = "9b2f8a52-1c3e-4d5f-8a6b-7c8d9e0f1a2b"

    func testAResponseIsStoredOnceWithItsAnswers() throws {
        XCTAssertEqual(post("/api/v1/consent", "{\"participant\":\"\(participant)\",\"version\":\"2026-11\"}").0, 200)
        let body = "{\"id\":\"3f2504e0-4f89-41d3-9a0c-0305e82c3301\",\"measure\":\"phq4\",\"occasion\":\"before\",\"course\":\"c\",\"participant\":\"\(participant)\",\"answers\":{\"a\":3,\"b\":0}}"
        XCTAssertEqual(post("/api/v1/responses", body).0, 202)
        XCTAssertEqual(post("/api/v1/responses", body).1, "{\"accepted\":0,\"duplicates\":1}\n")
        XCTAssertEqual(try store.rowCount("responses"), 1)
        XCTAssertEqual(try store.rowCount("response_items"), 2)
        // Another answer for the same participant, course, measure and occasion: the baseline stays.
        let second = body.replacingOccurrences(of: "3f2504e0-4f89-41d3-9a0c-0305e82c3301", with: "3f2504e0-4f89-41d3-9a0c-0305e82c3309")
            .replacingOccurrences(of: "\"a\":3", with: "\"a\":1")
        let refused = post("/api/v1/responses", second)
        XCTAssertEqual(refused.0, 409)
        XCTAssertTrue(refused.1.contains("\"code\":\"already_answered\""), refused.1)
        XCTAssertEqual(try store.scalar("SELECT value FROM response_items WHERE item = 'a'"), 3)
    }

    func testALinkedAnswerNamesACourseThatAsksThatMeasureThen() throws {
        XCTAssertEqual(post("/api/v1/consent", "{\"participant\":\"\(participant)\",\"version\":\"2026-11\"}").0, 200)
        func body(course: String?, occasion: String) -> String {
            "{\"id\":\"3f2504e0-4f89-41d3-9a0c-0305e82c3310\",\"measure\":\"phq4\",\"occasion\":\"\(occasion)\","
                + (course.map { "\"course\":\"\($0)\"," } ?? "") + "\"participant\":\"\(participant)\",\"answers\":{\"a\":1,\"b\":1}}"
        }
        let noCourse = post("/api/v1/responses", body(course: nil, occasion: "before"))
        XCTAssertEqual(noCourse.0, 400)
        XCTAssertTrue(noCourse.1.contains("\"field\":\"course\""), noCourse.1)
        let notAsked = post("/api/v1/responses", body(course: "d", occasion: "before"))
        XCTAssertEqual(notAsked.0, 422)
        XCTAssertTrue(notAsked.1.contains("\"code\":\"measure_not_in_course\"") && notAsked.1.contains("\"field\":\"measure\""), notAsked.1)
        XCTAssertEqual(post("/api/v1/responses", body(course: "d", occasion: "follow-up")).0, 202, "follow-up asks the after measures")
        XCTAssertEqual(try store.rowCount("responses"), 1)
    }

    func testAnswersMustFitTheInstrument() {
        func body(_ answers: String, occasion: String = "after") -> String {
            "{\"id\":\"3f2504e0-4f89-41d3-9a0c-0305e82c3302\",\"measure\":\"phq4\",\"occasion\":\"\(occasion)\",\"answers\":{\(answers)}}"
        }
        let cases: [(String, Int, String)] = [
            (body("\"a\":4,\"b\":0"), 422, "\"field\":\"answers.a\""),
            (body("\"a\":1.5,\"b\":0"), 422, "\"field\":\"answers.a\""),
            (body("\"z\":1,\"a\":0"), 422, "\"field\":\"answers.z\""),
            (body("\"a\":1"), 422, "2 items are unanswered; this measure allows 1"),
            (body("\"a\":1,\"b\":1", occasion: "during"), 422, "\"field\":\"occasion\""),
            ("{\"id\":\"3f2504e0-4f89-41d3-9a0c-0305e82c3303\",\"measure\":\"wemwbs\",\"occasion\":\"after\",\"answers\":{}}", 422, "\"field\":\"measure\""),
            ("{\"id\":\"3f2504e0-4f89-41d3-9a0c-0305e82c3303\",\"measure\":\"phq4\",\"occasion\":\"after\",\"answers\":{\"a\":1,\"b\":1},\"note\":\"I feel\"}", 400, "\"field\":\"note\""),
        ]
        for (json, status, marker) in cases {
            let (code, text) = post("/api/v1/responses", json)
            XCTAssertEqual(code, status, text)
            XCTAssertTrue(text.contains(marker), "\(marker) in \(text)")
        }
        XCTAssertEqual(try store.rowCount("responses"), 0)
    }

    func testConsentNeedsTheCurrentWordingAndIsErasedWithEverythingElse() throws {
        XCTAssertEqual(post("/api/v1/consent", "{\"participant\":\"\(participant)\",\"version\":\"2025-01\"}").0, 422)
        XCTAssertEqual(post("/api/v1/consent", "{\"participant\":\"\(participant)\",\"version\":\"2026-11\"}").0, 200)
        XCTAssertEqual(try store.rowCount("consents"), 1)
        let erase = router.reply(to: HTTPRequest(method: "DELETE", path: "/api/v1/participants/\(participant)")).waitForResponse()
        XCTAssertEqual(String(decoding: erase.body, as: UTF8.self), "{\"erased\":1,\"events\":0,\"responses\":0,\"consents\":1}\n")
        XCTAssertEqual(try store.rowCount("consents"), 0)
    }
}
