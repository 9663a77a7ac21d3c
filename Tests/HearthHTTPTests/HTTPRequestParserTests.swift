import Foundation
import XCTest
@testable import HearthHTTP
import HearthTestSupport

final class HTTPRequestParserTests: XCTestCase {
    private func parse(_ text: String, limits: HTTPLimits = HTTPLimits()) -> HTTPParseResult {
        Array(text.utf8).withUnsafeBufferPointer { HTTPRequestParser(limits: limits).parse($0) }
    }

    func testRequestWithHeadersQueryAndBody() {
        guard case .request(let request, let consumed) = parse("POST /api/v1/events?x=1 HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}GET") else {
            return XCTFail("expected a request")
        }
        XCTAssertEqual(request.method, "POST")
        XCTAssertEqual(request.path, "/api/v1/events")
        XCTAssertEqual(request.query, "x=1")
        XCTAssertEqual(request.header("content-type"), "application/json")
        XCTAssertEqual(request.body, Array("{}".utf8))
        XCTAssertEqual(consumed, 98, "the pipelined GET after the body is left for the next parse")
        XCTAssertTrue(request.keepAlive)
    }

    func testLenientLineEndingsALeadingBlankLineAndHeaderCase() {
        let text = "\r\nGET /p HTTP/1.1\nX-Mixed-CASE:  \t spaced value \t\nHOST: h\n\n"
        guard case .request(let request, let consumed) = parse(text) else {
            return XCTFail("expected a request")
        }
        XCTAssertEqual(request.path, "/p")
        XCTAssertEqual(request.headers.map(\.name), ["x-mixed-case", "host"], "names in lower case, in the order sent")
        XCTAssertEqual(request.header("x-mixed-case"), "spaced value", "spaces and tabs around a value are not part of it")
        XCTAssertEqual(consumed, text.utf8.count)
        guard case .invalid(let status) = parse("GET / HTTP/1.2\r\n\r\n"), status.kind == .versionNotSupported else { return XCTFail("HTTP/1.2") }
        guard case .invalid(let empty) = parse("\r\n\r\n"), empty.kind == .badRequest else { return XCTFail("only blank lines") }
        guard case .invalid(let control) = parse("GET / HTTP/1.1\r\nHost: h\r\nX: a\u{01}b\r\n\r\n"), control.kind == .badRequest else {
            return XCTFail("a control character in a value")
        }
    }

    func testOptionalWhitespaceIsTrimmedFromListElements() {
        XCTAssertEqual(" \t gzip;q=0.5 \t".trimmingOptionalWhitespace, "gzip;q=0.5")
        XCTAssertEqual("br".trimmingOptionalWhitespace, "br")
        XCTAssertEqual(" \t ".trimmingOptionalWhitespace, "")
        XCTAssertEqual("".trimmingOptionalWhitespace, "")
        XCTAssertEqual("a b".split(separator: ",").first?.trimmingOptionalWhitespace, "a b", "inner spaces stay")
    }

    func testRandomAndDamagedBytesNeverCrashAndNeverOverrun() {
        var random = SeededGenerator(seed: 404)
        let valid = Array("POST /api/v1/events?x=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nX: y\r\n\r\nhelloGET / HTTP/1.1\r\n\r\n".utf8)
        let pieces = Array("GET POST / HTTP/1.1 \r\n\n: Content-Length: 3 Transfer-Encoding chunked ?%00".utf8)
        var limits = HTTPLimits()
        limits.maximumHeaderBytes = 256
        limits.maximumBodyBytes = 64
        let parser = HTTPRequestParser(limits: limits)
        for round in 0..<20_000 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                bytes = valid
                for _ in 0..<Int.random(in: 1...4, using: &random) {
                    let position = Int.random(in: 0...bytes.count, using: &random)
                    switch Int.random(in: 0..<3, using: &random) {
                    case 0 where position < bytes.count: bytes[position] = UInt8.random(in: 0...255, using: &random)
                    case 1: bytes.insert(pieces.randomElement(using: &random)!, at: position)
                    default: if position < bytes.count { bytes.removeSubrange(position..<min(bytes.count, position + 3)) }
                    }
                }
            } else {
                bytes = (0..<Int.random(in: 0...300, using: &random)).map { _ in
                    Bool.random(using: &random) ? pieces.randomElement(using: &random)! : UInt8.random(in: 0...255, using: &random)
                }
            }
            let result = bytes.withUnsafeBufferPointer { parser.parse($0) }
            if case .request(let request, let consumed) = result {
                XCTAssertTrue(consumed > 0 && consumed <= bytes.count, "consumed \(consumed) of \(bytes.count)")
                XCTAssertLessThanOrEqual(request.body.count, limits.maximumBodyBytes)
                XCTAssertTrue(request.path.hasPrefix("/"))
            }
        }
    }

    func testIncompleteRequestsAskForMore() {
        guard case .incomplete = parse("GET / HTTP/1.1\r\nHost: h\r\n") else { return XCTFail("headers not finished") }
        guard case .awaitingBody(false) = parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n12345") else {
            return XCTFail("body not finished")
        }
        guard case .awaitingBody(true) = parse("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\nContent-Length: 10\r\n\r\n") else {
            return XCTFail("a client waiting for 100 Continue")
        }
        guard case .awaitingBody(false) = parse("POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 10\r\n\r\n") else {
            return XCTFail("HTTP/1.0 has no 100 Continue (RFC 9110 §10.1.1)")
        }
    }

    func testHostIsRequiredOnceInHTTP11() {
        guard case .request = parse("GET / HTTP/1.0\r\n\r\n") else { return XCTFail("HTTP/1.0 may leave Host out") }
        for (text, message) in [("GET / HTTP/1.1\r\n\r\n", "an HTTP/1.1 request needs a Host header"),
                                ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", "the request has more than one Host header"),
                                ("GET / HTTP/1.0\r\nHost: a\r\nhost: a\r\n\r\n", "the request has more than one Host header")] {
            guard case .invalid(let error) = parse(text) else {
                XCTFail("expected a refusal for \(text.debugDescription)")
                continue
            }
            XCTAssertEqual(error, HTTPProtocolError(.badRequest, message))
            XCTAssertEqual(error.status.code, 400)
        }
        guard case .invalid(let expectation) = parse("POST / HTTP/1.1\r\nHost: h\r\nExpect: tea\r\nContent-Length: 1\r\n\r\n") else {
            return XCTFail("an unknown expectation")
        }
        XCTAssertEqual(expectation.status.code, 417)
    }

    func testConnectionRules() {
        guard case .request(let old, _) = parse("GET / HTTP/1.0\r\n\r\n"),
              case .request(let closing, _) = parse("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n") else { return XCTFail() }
        XCTAssertFalse(old.keepAlive)
        XCTAssertFalse(closing.keepAlive)
    }

    func testLimitsAndMalformedRequests() {
        var small = HTTPLimits()
        small.maximumHeaderBytes = 64
        small.maximumBodyBytes = 10
        let cases: [(String, HTTPLimits, HTTPProtocolError.Kind, String)] = [
            ("GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: 100) + "\r\n\r\n", small, .headersTooLarge,
             "the request line and headers are larger than 64 bytes"),
            ("GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: 100), small, .headersTooLarge,
             "the request line and headers are larger than 64 bytes"),
            ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n", small, .payloadTooLarge, "the body is larger than 10 bytes"),
            ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n", HTTPLimits(), .lengthRequired,
             "chunked request bodies are not accepted; send the body with a Content-Length"),
            ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", HTTPLimits(), .badRequest,
             "the request has conflicting Content-Length headers"),
            ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n", HTTPLimits(), .badRequest, "Content-Length must be a whole number of bytes"),
            ("GET / HTTP/2.0\r\n\r\n", HTTPLimits(), .versionNotSupported, "only HTTP/1.0 and HTTP/1.1 are supported"),
            ("GET example.org HTTP/1.1\r\n\r\n", HTTPLimits(), .badRequest, "the request target must be a path starting with '/'"),
            ("get / HTTP/1.1\r\n\r\n", HTTPLimits(), .badRequest, "the method must be upper-case letters"),
            ("GET / HTTP/1.1\r\nBad Header: x\r\n\r\n", HTTPLimits(), .badRequest, "a header name may not contain spaces or control characters"),
            ("GET / HTTP/1.1\r\nNoColon\r\n\r\n", HTTPLimits(), .badRequest, "a header line must be 'Name: value'"),
        ]
        for (text, limits, kind, message) in cases {
            guard case .invalid(let error) = parse(text, limits: limits) else {
                XCTFail("expected \(kind) for \(text.debugDescription)")
                continue
            }
            XCTAssertEqual(error, HTTPProtocolError(kind, message), text.debugDescription)
        }
    }
}

final class RequestPathTests: XCTestCase {
    func testPathsMapInsideTheSite() {
        XCTAssertEqual(RequestPath.sitePath("/"), "index.html")
        XCTAssertEqual(RequestPath.sitePath("/courses/a/"), "courses/a/index.html")
        XCTAssertEqual(RequestPath.sitePath("/courses/a/b%20c.html"), "courses/a/b c.html")
        XCTAssertEqual(RequestPath.sitePath("/./a.html"), "a.html")
    }

    func testEveryWayOutIsRefused() {
        for path in ["/../etc/passwd", "/a/../../b", "/%2e%2e/secret", "/%2E%2E%2Fsecret", "/a%00.html", "/a\\..\\b",
                     "/.git/config", "/._site.swap/index.html", "/%zz", "/%c3%28", "relative"] {
            XCTAssertNil(RequestPath.sitePath(path), path)
        }
    }
}

final class StaticSiteTests: XCTestCase {
    func testFilesHeadersETagsAndSymlinksOut() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-static-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: site.appendingPathComponent("assets"), withIntermediateDirectories: true)
        try "<p>home</p>".write(to: site.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        try "body{}".write(to: site.appendingPathComponent("assets/hearth.0123456789ab.css"), atomically: true, encoding: .utf8)
        try "secret".write(to: root.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("leak.txt").path,
                                                   withDestinationPath: root.appendingPathComponent("secret.txt").path)
        let loaded = try StaticSite(folder: site.path)

        let home = loaded.response(for: "/", ifNoneMatch: nil)
        XCTAssertEqual(home.status, .ok)
        XCTAssertEqual(home.body, Array("<p>home</p>".utf8))
        let headers = Dictionary(uniqueKeysWithValues: home.headers)
        XCTAssertEqual(headers["Content-Type"], "text/html; charset=utf-8")
        XCTAssertEqual(headers["Cache-Control"], "no-cache")
        let css = Dictionary(uniqueKeysWithValues: loaded.response(for: "/assets/hearth.0123456789ab.css", ifNoneMatch: nil).headers)
        XCTAssertEqual(css["Cache-Control"], "public, max-age=31536000, immutable")
        XCTAssertEqual(css["Content-Type"], "text/css; charset=utf-8")

        let again = loaded.response(for: "/index.html", ifNoneMatch: headers["ETag"])
        XCTAssertEqual(again.status, .notModified)
        XCTAssertEqual(again.body, [])
        XCTAssertEqual(loaded.response(for: "/leak.txt", ifNoneMatch: nil).status, .notFound, "a link out of the site is not served")
        XCTAssertEqual(loaded.response(for: "/../secret.txt", ifNoneMatch: nil).status, .notFound)
    }

    func testTheStoreItsLogAndItsKeyAreNeverServed() throws {
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-static-db-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: site) }
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        let names = ["hearth.sqlite", "hearth.sqlite-wal", "hearth.sqlite-shm", "hearth.sqlite.key", "other.db", "x.SQLITE3", "page.html"]
        for name in names { try "x".write(to: site.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let loaded = try StaticSite(folder: site.path)
        XCTAssertEqual(Set(loaded.files.keys), ["page.html"], "whatever folder they were put in")
        for name in names.dropLast() { XCTAssertEqual(loaded.response(for: "/" + name, ifNoneMatch: nil).status, .notFound, name) }
        let missing = loaded.response(for: "/nothing", ifNoneMatch: nil)
        XCTAssertEqual(missing.headers.first { $0.name == "Content-Type" }?.value, "text/plain; charset=utf-8",
                       "with no 404.html the answer says it is plain text")
    }

    func testResponsesCarryTheSecurityHeaders() {
        let text = String(decoding: HTTPResponse(status: .ok, body: Array("x".utf8)).serialized(keepAlive: false), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("HTTP/1.1 200 OK\r\n"))
        XCTAssertTrue(text.contains("Content-Security-Policy: default-src 'self'"))
        XCTAssertTrue(text.contains("X-Content-Type-Options: nosniff\r\n"))
        XCTAssertTrue(text.contains("Referrer-Policy: no-referrer\r\n"))
        XCTAssertTrue(text.hasSuffix("Content-Length: 1\r\nConnection: close\r\n\r\nx"))
    }

    func testAnswersWithoutABodyClaimNoLength() {
        for status in [HTTPStatus.notModified, .noContent, .continueRequest] {
            let text = String(decoding: HTTPResponse(status: status, body: Array("x".utf8)).serialized(keepAlive: true), as: UTF8.self)
            XCTAssertFalse(text.contains("Content-Length"), "\(status.code): \(text)")
            XCTAssertTrue(text.hasSuffix("Connection: keep-alive\r\n\r\n"), "and no body")
        }
    }

    func testTheDateLineIsAnIMFFixdate() {
        var date = HTTPDate()
        let line = String(decoding: date.current(), as: UTF8.self)
        XCTAssertNotNil(line.range(of: #"^Date: (Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT\r\n$"#,
                                    options: .regularExpression), line)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "'Date: 'EEE, dd MMM yyyy HH:mm:ss 'GMT\r\n'"
        let parsed = formatter.date(from: line)
        XCTAssertNotNil(parsed)
        XCTAssertLessThan(abs(parsed!.timeIntervalSinceNow), 2, "the line says now")
    }
}
