import Foundation
import XCTest
import HearthHTTP
@testable import HearthStore
@testable import HearthAPI
import HearthTestSupport

/// The API behind the real server on a free port: every route and every error status, over raw sockets.
final class ServedAPITests: XCTestCase {
    private var folder: URL!
    private var store: SQLiteEventStore!
    private var server: HTTPServer!

    private let participant = "9b2f8a52-1c3e-4d5f-8a6b-7c8d9e0f1a2b"

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-served-\(UUID().uuidString)")
        let site = folder.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: site.appendingPathComponent("courses"), withIntermediateDirectories: true)
        try "<p>home</p>".write(to: site.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        try "body{}".write(to: site.appendingPathComponent("hearth.0123456789ab.css"), atomically: true, encoding: .utf8)
        try "secret".write(to: folder.appendingPathComponent("outside.txt"), atomically: true, encoding: .utf8)
        store = try SQLiteEventStore(path: folder.appendingPathComponent("db.sqlite").path, maximumQueuedBatches: 1)
        let phq4 = ManifestIndex.Measure(items: ["a": [0, 1, 2, 3], "b": [0, 1, 2, 3]], missingAllowed: 0)
        let manifest = ManifestIndex(courses: ["c": .init(modules: ["m": ["q"]], measuresBefore: ["phq4"])], measures: ["phq4": phq4],
                                     areas: ["E10000012"], consentVersion: "1")
        let router = APIRouter(manifest: manifest, store: store, site: try StaticSite(folder: site.path), openAPI: Array("{}".utf8))
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        configuration.threads = 2
        configuration.limits.maximumBodyBytes = 4096
        configuration.loggedPath = { [routes = router.routes] in routes.loggedPath($0) }
        configuration.protocolErrorResponse = APIRouter.protocolErrorResponse
        server = HTTPServer(configuration: configuration, observe: { router.metrics.record($0) },
                            handler: { router.reply(to: $0) })
        try server.start()
    }

    override func tearDown() {
        server.stop()
        store.close()
        try? FileManager.default.removeItem(at: folder)
    }

    /// One request on a fresh connection; the status code and the body.
    private func exchange(_ method: String, _ path: String, body: String? = nil, headers: [String] = []) throws -> (Int, String, String) {
        let client = try LoopbackClient(port: server.port)
        defer { client.close() }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: h\r\nConnection: close\r\n"
        for header in headers { head += header + "\r\n" }
        if let body {
            if !headers.contains(where: { $0.lowercased().hasPrefix("content-type") }) { head += "Content-Type: application/json\r\n" }
            head += "Content-Length: \(body.utf8.count)\r\n\r\n" + body
        } else {
            head += "\r\n"
        }
        client.send(head)
        let reply = client.readToEnd()
        let parts = reply.components(separatedBy: "\r\n\r\n")
        let status = Int(reply.split(separator: " ").dropFirst().first ?? "") ?? 0
        return (status, parts.dropFirst().joined(separator: "\r\n\r\n"), parts.first ?? "")
    }

    private func event(_ n: Int, type: String = "module.completed", extra: String = "") -> String {
        "{\"id\":\"3f2504e0-4f89-41d3-9a0c-0305e82c33\(String(format: "%02d", n))\",\"type\":\"\(type)\",\"course\":\"c\",\"module\":\"m\"\(extra)}"
    }

    func testEveryRouteAndStatusOverTheWire() throws {
        // The static site, its validators and its walls.
        let home = try exchange("GET", "/")
        XCTAssertEqual(home.0, 200)
        XCTAssertTrue(home.2.contains("Content-Security-Policy: default-src 'self'"))
        XCTAssertTrue(home.2.contains("Referrer-Policy: no-referrer"))
        let etag = home.2.components(separatedBy: "\r\n").first { $0.hasPrefix("ETag: ") }.map { String($0.dropFirst(6)) } ?? ""
        XCTAssertEqual(try exchange("GET", "/", headers: ["If-None-Match: \(etag)"]).0, 304)
        XCTAssertTrue(try exchange("GET", "/hearth.0123456789ab.css").2.contains("Cache-Control: public, max-age=31536000, immutable"))
        for escape in ["/../outside.txt", "/%2e%2e/outside.txt", "/courses/%2E%2E/%2e%2e/outside.txt", "/a%00b"] {
            let (status, body, _) = try exchange("GET", escape)
            XCTAssertEqual(status, 404, escape)
            XCTAssertFalse(body.contains("secret"), escape)
        }
        XCTAssertEqual(try exchange("GET", "/no-such-page").0, 404)
        XCTAssertEqual(try exchange("POST", "/", body: "{}").0, 405)

        // Events: accepted once, acknowledged again, refused with the right status and field.
        XCTAssertEqual(try exchange("POST", "/api/v1/events", body: "{\"events\":[\(event(1))]}").1, "{\"accepted\":1,\"duplicates\":0}\n")
        XCTAssertEqual(try exchange("POST", "/api/v1/events", body: "{\"events\":[\(event(1))]}").1, "{\"accepted\":0,\"duplicates\":1}\n")
        let refusals: [(String, String, [String], Int, String)] = [
            ("/api/v1/events", "{\"events\":[\(event(2))]}", ["Content-Type: text/plain"], 415, "unsupported_media_type"),
            ("/api/v1/events", "{\"events\":[", [], 400, "malformed_json"),
            ("/api/v1/events", "{\"events\":[\(event(2, extra: ",\"name\":\"Sam\""))]}", [], 400, "\"field\":\"events[0].name\""),
            ("/api/v1/events", "{\"events\":[\(event(2, type: "quiz.completed", extra: ",\"quiz\":\"q\",\"score\":2"))]}", [], 422,
             "\"field\":\"events[0].score\""),
            ("/api/v1/events", "{\"events\":[\(event(2).replacingOccurrences(of: "\"c\"", with: "\"nope\""))]}", [], 422,
             "\"field\":\"events[0].course\""),
            ("/api/v1/events", "{\"events\":[" + String(repeating: event(3) + ",", count: 60) + event(3) + "]}", [], 413, "\"code\":\"payload_too_large\""),
            ("/api/v1/responses", "{\"id\":\"3f2504e0-4f89-41d3-9a0c-0305e82c3399\",\"measure\":\"phq4\",\"occasion\":\"before\",\"answers\":{\"a\":9,\"b\":0}}",
             [], 422, "\"field\":\"answers.a\""),
            ("/api/v1/consent", "{\"participant\":\"\(participant)\",\"version\":\"0\"}", [], 422, "stale_consent"),
        ]
        for (path, body, headers, status, needle) in refusals {
            let reply = try exchange("POST", path, body: body, headers: headers)
            XCTAssertEqual(reply.0, status, "\(path) \(body.prefix(60))")
            XCTAssertTrue(reply.1.contains(needle), "\(reply.1) lacks \(needle)")
        }
        XCTAssertEqual(try exchange("POST", "/api/v1/events", headers: ["Transfer-Encoding: chunked"]).0, 411)
        XCTAssertEqual(try exchange("GET", "/", headers: ["X-Big: " + String(repeating: "b", count: 17_000)]).0, 431)
        XCTAssertEqual(try exchange("GET", "/api/v1/events").0, 405)
        XCTAssertEqual(try exchange("GET", "/api/v1/nothing").0, 404)

        // Consent, then responses and events linked to the participant, then erasure.
        let linked = "{\"events\":[\(event(4, extra: ",\"participant\":\"\(participant)\""))]}"
        let refused = try exchange("POST", "/api/v1/events", body: linked)
        XCTAssertEqual(refused.0, 422, "no consent on record yet")
        XCTAssertTrue(refused.1.contains("\"field\":\"events[0].participant\""))
        XCTAssertEqual(try exchange("POST", "/api/v1/consent", body: "{\"participant\":\"\(participant)\",\"version\":\"1\"}").0, 200)
        XCTAssertEqual(try exchange("POST", "/api/v1/responses",
                                    body: "{\"id\":\"3f2504e0-4f89-41d3-9a0c-0305e82c3398\",\"measure\":\"phq4\",\"occasion\":\"before\",\"course\":\"c\",\"participant\":\"\(participant)\",\"answers\":{\"a\":1,\"b\":0}}").0, 202)
        XCTAssertEqual(try exchange("POST", "/api/v1/events", body: linked).0, 202)
        XCTAssertEqual(try exchange("DELETE", "/api/v1/participants/\(participant)").1, "{\"erased\":3,\"events\":1,\"responses\":1,\"consents\":1}\n")
        XCTAssertEqual(try exchange("DELETE", "/api/v1/participants/not-a-uuid").0, 400)

        // Health, metrics (ids never in them) and the API description.
        XCTAssertEqual(try exchange("GET", "/healthz").1, "{\"status\":\"ok\"}\n")
        let metrics = try exchange("GET", "/metrics").1
        XCTAssertTrue(metrics.contains("hearth_http_requests_total{route=\"/api/v1/events\",status=\"202\"}"))
        XCTAssertTrue(metrics.contains("hearth_events_stored 1\n"))
        XCTAssertFalse(metrics.contains(participant))
        XCTAssertEqual(try exchange("GET", "/api/v1/openapi.json").1, "{}")
    }

    func testPipelinedWritesAreAnsweredInOrder() throws {
        let client = try LoopbackClient(port: server.port)
        defer { client.close() }
        let bodies = ["{\"events\":[\(event(10))]}", "{\"events\":[\(event(10))]}", "{\"events\":["]
        client.send(bodies.map { "POST /api/v1/events HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Length: \($0.utf8.count)\r\n\r\n\($0)" }.joined())
        let replies = client.readResponses(3)
        XCTAssertEqual(replies.count, 3)
        XCTAssertTrue(replies[0].hasSuffix("{\"accepted\":1,\"duplicates\":0}\n"))
        XCTAssertTrue(replies[1].hasSuffix("{\"accepted\":0,\"duplicates\":1}\n"), "the second waited for the first's commit")
        XCTAssertTrue(replies[2].hasPrefix("HTTP/1.1 400 "))
    }

    func testAFullQueueIs429AndAClosedStoreIs503() throws {
        store.pauseWriting()
        let waiting = try LoopbackClient(port: server.port)
        defer { waiting.close() }
        let body = "{\"events\":[\(event(20))]}"
        waiting.send("POST /api/v1/events HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
        // The first write fills the one-batch queue; the next is turned away at once.
        for _ in 0..<300 where store.queuedBatches == 0 { usleep(10_000) }
        XCTAssertEqual(store.queuedBatches, 1)
        let busy = try exchange("POST", "/api/v1/events", body: "{\"events\":[\(event(21))]}")
        XCTAssertEqual(busy.0, 429)
        XCTAssertTrue(busy.2.contains("Retry-After: 2"))
        store.resumeWriting()
        XCTAssertTrue(waiting.readResponses(1).first?.hasPrefix("HTTP/1.1 202 ") ?? false)

        store.close()
        let closed = try exchange("POST", "/api/v1/events", body: "{\"events\":[\(event(22))]}")
        XCTAssertEqual(closed.0, 503)
        XCTAssertTrue(closed.1.contains("store_unavailable"))
    }
}
