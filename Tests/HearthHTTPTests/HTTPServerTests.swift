import Foundation
import XCTest
@testable import HearthHTTP
import HearthTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The real server on a free loopback port, driven through raw sockets so every byte is under the test's control.
final class HTTPServerTests: XCTestCase {
    private var server: HTTPServer!

    override func setUpWithError() throws {
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        configuration.threads = 2
        configuration.headerTimeout = 0.5
        configuration.idleTimeout = 1
        configuration.limits.maximumHeaderBytes = 1024
        configuration.limits.maximumBodyBytes = 64
        server = HTTPServer(configuration: configuration) { request in
            if request.path == "/slow" { usleep(200_000) }
            let text = "\(request.method) \(request.path) \(request.body.count)"
            let response = HTTPResponse(status: .ok, headers: [("Content-Type", "text/plain")], body: Array(text.utf8))
            // Paths under /later/ answer from another thread, as store writes do.
            if request.path.hasPrefix("/later/") {
                return .later { respond in DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) { respond(response) } }
            }
            return .now(response)
        }
        try server.start()
    }

    override func tearDown() {
        server.stop()
    }

    func testKeepAliveAndPipelinedRequestsAreAnsweredInOrder() throws {
        let client = try LoopbackClient(port: server.port)
        defer { client.close() }
        client.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\nPOST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabcGET /c HTTP/1.1\r\nHost: h\r\n\r\n")
        let responses = client.readResponses(3)
        guard responses.count == 3 else { return XCTFail("got \(responses.count) responses") }
        XCTAssertTrue(responses[0].hasSuffix("\r\n\r\nGET /a 0"))
        XCTAssertTrue(responses[1].hasSuffix("\r\n\r\nPOST /b 3"))
        XCTAssertTrue(responses[2].hasSuffix("\r\n\r\nGET /c 0"))
        XCTAssertTrue(responses[0].contains("Connection: keep-alive"))

        let head = try LoopbackClient(port: server.port)
        defer { head.close() }
        head.send("HEAD /c HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
        let reply = head.readToEnd()
        XCTAssertTrue(reply.contains("Content-Length: 9\r\n"), "HEAD reports the length of \"HEAD /c 0\"")
        XCTAssertTrue(reply.hasSuffix("\r\n\r\n"), "but sends no body")
    }

    func testLimitsGetTheirStatusAndCloseTheConnection() throws {
        let cases: [(String, String)] = [
            ("GET / HTTP/1.1\r\nHost: h\r\nX: \(String(repeating: "a", count: 2000))\r\n\r\n", "HTTP/1.1 431 "),
            ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 65\r\n\r\n", "HTTP/1.1 413 "),
            ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n", "HTTP/1.1 411 "),
            ("BREW /pot HTTP/1.1 extra\r\n\r\n", "HTTP/1.1 400 "),
        ]
        for (request, status) in cases {
            let client = try LoopbackClient(port: server.port)
            client.send(request)
            let reply = client.readToEnd()
            client.close()
            XCTAssertTrue(reply.hasPrefix(status), "\(request.prefix(40).debugDescription) → \(reply.prefix(60))")
            XCTAssertTrue(reply.contains("Connection: close"))
            XCTAssertTrue(reply.contains("Content-Type: text/plain; charset=utf-8"), "the server's own short answer, not an API's body")
        }
    }

    func testSlowAndIdleClientsAreDropped() throws {
        let slow = try LoopbackClient(port: server.port)
        slow.send("GET / HTTP/1.1\r\nHost: h\r\nX-Slow:")
        let started = Date()
        let timedOut = slow.readToEnd()
        XCTAssertTrue(timedOut.hasPrefix("HTTP/1.1 408 "), "a request that never finishes is told so, then closed: \(timedOut)")
        XCTAssertTrue(timedOut.contains("Connection: close"))
        XCTAssertLessThan(Date().timeIntervalSince(started), 2.9, "closed by the header timeout, not the client's")
        slow.close()

        let idle = try LoopbackClient(port: server.port)
        idle.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n")
        XCTAssertEqual(idle.readResponses(1).count, 1)
        XCTAssertEqual(idle.readToEnd(), "", "then the idle keep-alive connection is closed")
        idle.close()
    }

    func testDeferredRepliesKeepPipelinedOrder() throws {
        let client = try LoopbackClient(port: server.port)
        defer { client.close() }
        client.send("GET /later/1 HTTP/1.1\r\nHost: h\r\n\r\nGET /now HTTP/1.1\r\nHost: h\r\n\r\nGET /later/2 HTTP/1.1\r\nHost: h\r\n\r\n")
        let responses = client.readResponses(3)
        XCTAssertEqual(responses.map { $0.components(separatedBy: "\r\n\r\n").last ?? "" },
                       ["GET /later/1 0", "GET /now 0", "GET /later/2 0"])
    }

    func testAClientThatStopsSendingStillGetsItsAnswers() throws {
        let client = try LoopbackClient(port: server.port)
        defer { client.close() }
        client.send("GET /later/1 HTTP/1.1\r\nHost: h\r\n\r\nGET /now HTTP/1.1\r\nHost: h\r\n\r\n")
        client.finishSending()
        let reply = client.readToEnd()
        XCTAssertEqual(LoopbackClient.split(reply).map { $0.components(separatedBy: "\r\n\r\n").last ?? "" }, ["GET /later/1 0", "GET /now 0"],
                       "both answers, in order, then the server closes too")
    }

    func testConnectionCloseIsHonoured() throws {
        let client = try LoopbackClient(port: server.port)
        defer { client.close() }
        client.send("GET /x HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
        let reply = client.readToEnd()
        XCTAssertTrue(reply.hasSuffix("GET /x 0"))
        XCTAssertTrue(reply.contains("Connection: close"))
    }

    func testStopFinishesTheResponseInFlight() throws {
        let client = try LoopbackClient(port: server.port)
        defer { client.close() }
        client.send("GET /slow HTTP/1.1\r\nHost: h\r\n\r\n")
        usleep(50_000)
        let stopper = Thread { [server] in server!.stop() }
        stopper.start()
        let replies = client.readResponses(1)
        XCTAssertEqual(replies.count, 1)
        XCTAssertTrue(replies.first?.hasSuffix("GET /slow 0") ?? false)
        setUpServerAgainForTearDown()
    }

    func testIPv6LoopbackIsServed() throws {
        var configuration = HTTPServer.Configuration()
        configuration.host = "::1"
        configuration.port = 0
        configuration.threads = 1
        let v6 = HTTPServer(configuration: configuration) { request in .now(HTTPResponse(status: .ok, body: Array(request.path.utf8))) }
        try v6.start()
        defer { v6.stop() }
        let client = try LoopbackClient(port: v6.port, host: "::1")
        defer { client.close() }
        client.send("GET /over-six HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
        let reply = client.readToEnd()
        XCTAssertTrue(reply.hasPrefix("HTTP/1.1 200 "))
        XCTAssertTrue(reply.hasSuffix("\r\n\r\n/over-six"))
        XCTAssertThrowsError(try LoopbackClient(port: v6.port, host: "127.0.0.1"), "bound to ::1 only, not IPv4")
    }

    func testConnectionsBeyondTheLimitAreToldAndClosed() throws {
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        configuration.threads = 1
        configuration.maximumConnections = 2
        let small = HTTPServer(configuration: configuration) { _ in .now(HTTPResponse(status: .ok, body: Array("ok".utf8))) }
        try small.start()
        defer { small.stop() }
        let held = try (0..<2).map { _ in try LoopbackClient(port: small.port) }
        defer { held.forEach { $0.close() } }
        for client in held {
            client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n")
            XCTAssertEqual(client.readResponses(1).count, 1, "the first two are served and kept open")
        }
        let third = try LoopbackClient(port: small.port)
        defer { third.close() }
        let refusal = third.readToEnd()
        XCTAssertTrue(refusal.hasPrefix("HTTP/1.1 503 "), refusal)
        XCTAssertTrue(refusal.contains("too many open connections"))
        // Once one of the first two leaves, there is room again.
        held[0].close()
        var served = false
        for _ in 0..<50 where !served {
            usleep(20_000)
            guard let again = try? LoopbackClient(port: small.port) else { continue }
            again.send("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
            served = again.readToEnd().hasPrefix("HTTP/1.1 200 ")
            again.close()
        }
        XCTAssertTrue(served)
    }

    func testTheAccessLogHoldsNoQueryAndTheLoggedPath() throws {
        var pipe: [Int32] = [0, 0]
        XCTAssertEqual(Glibc.pipe(&pipe), 0)
        defer { Glibc.close(pipe[0]) }
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        configuration.threads = 1
        let log = AccessLog(descriptor: pipe[1])
        configuration.accessLog = log
        configuration.loggedPath = { $0.hasPrefix("/people/") ? "/people/{id}" : $0 }
        let logged = HTTPServer(configuration: configuration) { _ in .now(HTTPResponse(status: .ok, body: Array("hello".utf8))) }
        try logged.start()
        let client = try LoopbackClient(port: logged.port)
        client.send("GET /page?email=someone@example.org HTTP/1.1\r\nHost: h\r\nUser-Agent: Secret/1.0\r\n\r\nDELETE /people/3f2504e0 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
        _ = client.readToEnd()
        client.close()
        logged.stop()
        log.stop()
        Glibc.close(pipe[1])
        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = Glibc.read(pipe[0], &bytes, bytes.count)
        let lines = String(decoding: bytes.prefix(max(0, count)), as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines.first?.hasPrefix("GET /page 200 5 ") ?? false, String(lines.first ?? ""))
        XCTAssertTrue(lines.last?.hasPrefix("DELETE /people/{id} 200 5 ") ?? false, String(lines.last ?? ""))
        for line in lines {
            XCTAssertTrue(line.hasSuffix("ms"))
            XCTAssertFalse(line.contains("example.org") || line.contains("Secret") || line.contains("127.0.0.1") || line.contains("3f2504e0"))
        }
    }

    private func setUpServerAgainForTearDown() {
        // tearDown stops the server; stopping twice is harmless, but give it a fresh one to stop.
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        configuration.threads = 1
        server = HTTPServer(configuration: configuration) { _ in .now(HTTPResponse(status: .ok)) }
        try? server.start()
    }
}

/// Small things RFC 9110 and 9112 ask of every answer, checked on the wire.
final class HTTPConformanceTests: XCTestCase {
    private var server: HTTPServer!

    override func setUpWithError() throws {
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        configuration.threads = 1
        server = HTTPServer(configuration: configuration) { request in
            if request.path == "/cached" {
                return .now(HTTPResponse(status: .notModified, headers: [("ETag", "\"1\"")], body: Array("ignored".utf8)))
            }
            return .now(HTTPResponse(status: .ok, body: Array("\(request.method) \(request.body.count)".utf8)))
        }
        try server.start()
    }

    override func tearDown() {
        server.stop()
    }

    func testExpectContinueGetsA100BeforeTheBody() throws {
        let client = try LoopbackClient(port: server.port)
        defer { client.close() }
        client.send("POST /upload HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
        var buffer = [UInt8](repeating: 0, count: 1024)
        let n = buffer.withUnsafeMutableBytes { recv(client.descriptor, $0.baseAddress, $0.count, 0) }
        XCTAssertEqual(String(decoding: buffer.prefix(max(0, n)), as: UTF8.self), "HTTP/1.1 100 Continue\r\n\r\n",
                       "the interim answer comes before the client sends its body")
        client.send("hello")
        let final = client.readResponses(1).first ?? ""
        XCTAssertTrue(final.hasPrefix("HTTP/1.1 200 "), final)
        XCTAssertTrue(final.hasSuffix("POST 5"), final)
    }

    func testEveryAnswerHasADateAndA304ClaimsNoLength() throws {
        let client = try LoopbackClient(port: server.port)
        defer { client.close() }
        client.send("GET /cached HTTP/1.1\r\nHost: h\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
        let replies = LoopbackClient.split(client.readToEnd())
        XCTAssertEqual(replies.count, 2)
        XCTAssertTrue(replies[0].hasPrefix("HTTP/1.1 304 "), replies[0])
        XCTAssertFalse(replies[0].contains("Content-Length"), "a 304's Content-Length would describe the representation, not this answer")
        XCTAssertTrue(replies[0].hasSuffix("\r\n\r\n"), "and it has no body")
        for reply in replies {
            XCTAssertNotNil(reply.range(of: #"\r\nDate: [A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT\r\n"#, options: .regularExpression), reply)
        }
    }

    func testHostIsRequiredOnceOnTheWire() throws {
        for request in ["GET / HTTP/1.1\r\n\r\n", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"] {
            let client = try LoopbackClient(port: server.port)
            client.send(request)
            let reply = client.readToEnd()
            client.close()
            XCTAssertTrue(reply.hasPrefix("HTTP/1.1 400 "), reply)
            XCTAssertTrue(reply.contains("Host header"), reply)
        }
        let old = try LoopbackClient(port: server.port)
        defer { old.close() }
        old.send("GET / HTTP/1.0\r\n\r\n")
        XCTAssertTrue(old.readToEnd().hasPrefix("HTTP/1.1 200 "), "HTTP/1.0 may leave Host out")
    }

    func testAnOversizedBodySentInOneGoStillGetsIts413() throws {
        // The client sends all of a 2 MiB body before reading: a plain close would reset the connection and
        // destroy the answer; the lingering close reads and drops the rest, so the 413 arrives.
        let client = try LoopbackClient(port: server.port, timeoutSeconds: 5)
        defer { client.close() }
        let body = String(repeating: "b", count: 2 << 20)
        XCTAssertTrue(client.send("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body))
        let reply = client.readToEnd()
        XCTAssertTrue(reply.hasPrefix("HTTP/1.1 413 "), String(reply.prefix(100)))
    }
}
