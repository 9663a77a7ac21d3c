import Foundation
import XCTest
@testable import HearthHTTP
import HearthTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Serving the build's `name.gz` copies: content negotiation, validators and `Vary`, through the real server.
final class StaticCompressionTests: XCTestCase {
    private var server: HTTPServer!
    private var root: URL!
    private var page: [UInt8] = []
    private var compressed: [UInt8] = []

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-gzserve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        page = Array(String(repeating: "<p>Talking calmly helps both of you feel heard.</p>\n", count: 60).utf8)
        try Data(page).write(to: root.appendingPathComponent("big.html"))
        compressed = try Self.gzip(root.appendingPathComponent("big.html"))
        try Data(compressed).write(to: root.appendingPathComponent("big.html.gz"))
        try Data("<p>small</p>".utf8).write(to: root.appendingPathComponent("small.html"))
        try Data([0x1F, 0x8B, 1, 2, 3]).write(to: root.appendingPathComponent("archive.tar.gz"))
        let site = try StaticSite(folder: root.path)

        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        configuration.threads = 1
        server = HTTPServer(configuration: configuration) { request in
            .now(site.response(for: request.path, ifNoneMatch: request.header("if-none-match"),
                               acceptEncoding: request.header("accept-encoding")))
        }
        try server.start()
    }

    override func tearDown() {
        server.stop()
        try? FileManager.default.removeItem(at: root)
    }

    private static func gzip(_ file: URL) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-n", "-c", file.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](data)
    }

    /// One request on its own connection; the reply's status code, headers and body as raw bytes (a gzip body is not text).
    private func exchange(_ path: String, _ headers: [String] = [], method: String = "GET") throws -> (status: Int, headers: [String: String], body: [UInt8]) {
        let client = try LoopbackClient(port: server.port)
        defer { client.close() }
        client.send("\(method) \(path) HTTP/1.1\r\nHost: x\r\n" + headers.map { $0 + "\r\n" }.joined() + "Connection: close\r\n\r\n")
        var all: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(client.descriptor, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            all.append(contentsOf: buffer[0..<n])
        }
        guard let end = all.indices.dropLast(3).first(where: { all[$0] == 13 && all[$0 + 1] == 10 && all[$0 + 2] == 13 && all[$0 + 3] == 10 }) else {
            XCTFail("no complete response to \(method) \(path)")
            return (0, [:], [])
        }
        let lines = String(decoding: all[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        var fields: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let status = Int(lines[0].split(separator: " ")[1]) ?? 0
        return (status, fields, Array(all[(end + 4)...]))
    }

    func testGzipIsChosenOnlyWhenAccepted() throws {
        let zipped = try exchange("/big.html", ["Accept-Encoding: gzip, deflate, br"])
        XCTAssertEqual(zipped.status, 200)
        XCTAssertEqual(zipped.headers["Content-Encoding"], "gzip")
        XCTAssertEqual(zipped.headers["Content-Type"], "text/html; charset=utf-8")
        XCTAssertEqual(zipped.headers["Vary"], "Accept-Encoding")
        XCTAssertEqual(zipped.body, compressed)
        XCTAssertEqual(zipped.headers["Content-Length"], String(compressed.count))

        for refusal in [nil, "gzip;q=0", "br, deflate", "gzip;q=0, *", "*;q=0", "gzip;q=0.5, identity"] {
            let plain = try exchange("/big.html", refusal.map { ["Accept-Encoding: \($0)"] } ?? [])
            XCTAssertEqual(plain.status, 200)
            XCTAssertNil(plain.headers["Content-Encoding"], refusal ?? "no Accept-Encoding")
            XCTAssertEqual(plain.headers["Vary"], "Accept-Encoding", "the identity answer varies too")
            XCTAssertEqual(plain.body, page, refusal ?? "no Accept-Encoding")
        }
        XCTAssertEqual(try exchange("/big.html", ["Accept-Encoding: *"]).headers["Content-Encoding"], "gzip", "* counts")
        XCTAssertEqual(try exchange("/big.html", ["Accept-Encoding: GZIP;Q=0.5"]).headers["Content-Encoding"], "gzip")

        let small = try exchange("/small.html", ["Accept-Encoding: gzip"])
        XCTAssertNil(small.headers["Content-Encoding"])
        XCTAssertNil(small.headers["Vary"], "a file without a gzip'd copy has one representation")
    }

    func testEachVariantHasItsOwnETagAndRevalidates() throws {
        let zipped = try exchange("/big.html", ["Accept-Encoding: gzip"])
        let plain = try exchange("/big.html")
        let zippedTag = try XCTUnwrap(zipped.headers["ETag"]), plainTag = try XCTUnwrap(plain.headers["ETag"])
        XCTAssertNotEqual(zippedTag, plainTag)
        XCTAssertEqual(zippedTag, String(plainTag.dropLast()) + "-gz\"")

        let zippedAgain = try exchange("/big.html", ["Accept-Encoding: gzip", "If-None-Match: \(zippedTag)"])
        XCTAssertEqual(zippedAgain.status, 304)
        XCTAssertEqual(zippedAgain.body, [])
        XCTAssertEqual(zippedAgain.headers["ETag"], zippedTag)
        XCTAssertEqual(zippedAgain.headers["Vary"], "Accept-Encoding")
        XCTAssertEqual(try exchange("/big.html", ["If-None-Match: \(plainTag)"]).status, 304)
        XCTAssertEqual(try exchange("/big.html", ["If-None-Match: W/\(plainTag)"]).status, 304, "weak comparison")
        // A validator for the other representation does not match: the cached copy is not the one chosen now.
        XCTAssertEqual(try exchange("/big.html", ["Accept-Encoding: gzip", "If-None-Match: \(plainTag)"]).status, 200)
        XCTAssertEqual(try exchange("/big.html", ["If-None-Match: \(zippedTag)"]).status, 200)
        XCTAssertEqual(try exchange("/big.html", ["Accept-Encoding: gzip", "If-None-Match: \"x\", \(zippedTag)"]).status, 304)
    }

    func testHeadAndDirectRequestsForTheCopy() throws {
        let head = try exchange("/big.html", ["Accept-Encoding: gzip"], method: "HEAD")
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.headers["Content-Encoding"], "gzip")
        XCTAssertEqual(head.headers["Content-Length"], String(compressed.count))
        XCTAssertEqual(head.body, [])
        XCTAssertEqual(try exchange("/big.html", method: "HEAD").headers["Content-Length"], String(page.count))

        // The copy is a representation of /big.html, not a resource of its own.
        XCTAssertEqual(try exchange("/big.html.gz", ["Accept-Encoding: gzip"]).status, 404)
        XCTAssertEqual(try exchange("/big.html.gz").status, 404)
        // A .gz file with no original beside it is just a file (a download), sent as it is.
        let archive = try exchange("/archive.tar.gz", ["Accept-Encoding: gzip"])
        XCTAssertEqual(archive.status, 200)
        XCTAssertEqual(archive.headers["Content-Type"], "application/gzip")
        XCTAssertNil(archive.headers["Content-Encoding"])
        XCTAssertEqual(archive.body, [0x1F, 0x8B, 1, 2, 3])
    }

    func testAcceptEncodingParsing() {
        let accepted = ["gzip", "gzip, deflate, br", "*", "deflate, gzip;q=0.001", "x-gzip", "GZIP;Q=0.5", "identity;q=0, *",
                        "br;q=1.0, gzip;q=0.8, *;q=0.1", " gzip ; q=1 "]
        let refused = ["", "gzip;q=0", "gzip;q=0.0", "br", "*;q=0", "gzip;q=0, *", "gzip;q=abc", "gzip;q=0.5, identity",
                       "identity", "deflate, br;q=1"]
        for value in accepted { XCTAssertTrue(StaticSite.acceptsGzip(value), value) }
        for value in refused { XCTAssertFalse(StaticSite.acceptsGzip(value), value) }
        XCTAssertFalse(StaticSite.acceptsGzip(nil))
    }
}
