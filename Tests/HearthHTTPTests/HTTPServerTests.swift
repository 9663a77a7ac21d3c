import Foundation
import XCTest
@testable import HearthHTTP
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
            return HTTPResponse(status: .ok, headers: [("Content-Type", "text/plain")], body: Array(text.utf8))
        }
        try server.start()
    }

    override func tearDown() {
        server.stop()
    }

    /// A plain TCP client with a receive timeout.
    private struct Client {
        let descriptor: Int32

        init(port: Int) throws {
            descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var timeout = timeval(tv_sec: 3, tv_usec: 0)
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard result == 0 else { throw POSIXError(.ECONNREFUSED) }
        }

        func send(_ text: String) {
            let bytes = Array(text.utf8)
            _ = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        }

        /// Everything until the server closes the connection (or the timeout).
        func readToEnd() -> String {
            var all: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
                if n <= 0 { break }
                all.append(contentsOf: buffer[0..<n])
            }
            return String(decoding: all, as: UTF8.self)
        }

        /// Reads until `count` complete responses have arrived (they all carry Content-Length).
        func readResponses(_ count: Int) -> [String] {
            var all: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let text = String(decoding: all, as: UTF8.self)
                let responses = Self.split(text)
                if responses.count >= count { return responses }
                let n = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
                if n <= 0 { return responses }
                all.append(contentsOf: buffer[0..<n])
            }
        }

        static func split(_ text: String) -> [String] {
            var responses: [String] = []
            var rest = Substring(text)
            while let headerEnd = rest.range(of: "\r\n\r\n") {
                let head = rest[..<headerEnd.lowerBound]
                let length = head.split(separator: "\r\n").first { $0.hasPrefix("Content-Length: ") }
                    .flatMap { Int($0.dropFirst("Content-Length: ".count)) } ?? 0
                let bodyStart = headerEnd.upperBound
                guard rest.utf8.distance(from: bodyStart, to: rest.endIndex) >= length else { break }
                let end = rest.utf8.index(bodyStart, offsetBy: length)
                responses.append(String(rest[..<end]))
                rest = rest[end...]
            }
            return responses
        }

        func close() { Glibc.close(descriptor) }
    }

    func testKeepAliveAndPipelinedRequestsAreAnsweredInOrder() throws {
        let client = try Client(port: server.port)
        defer { client.close() }
        client.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\nPOST /b HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGET /c HTTP/1.1\r\n\r\n")
        let responses = client.readResponses(3)
        guard responses.count == 3 else { return XCTFail("got \(responses.count) responses") }
        XCTAssertTrue(responses[0].hasSuffix("\r\n\r\nGET /a 0"))
        XCTAssertTrue(responses[1].hasSuffix("\r\n\r\nPOST /b 3"))
        XCTAssertTrue(responses[2].hasSuffix("\r\n\r\nGET /c 0"))
        XCTAssertTrue(responses[0].contains("Connection: keep-alive"))

        let head = try Client(port: server.port)
        defer { head.close() }
        head.send("HEAD /c HTTP/1.1\r\nConnection: close\r\n\r\n")
        let reply = head.readToEnd()
        XCTAssertTrue(reply.contains("Content-Length: 9\r\n"), "HEAD reports the length of \"HEAD /c 0\"")
        XCTAssertTrue(reply.hasSuffix("\r\n\r\n"), "but sends no body")
    }

    func testLimitsGetTheirStatusAndCloseTheConnection() throws {
        let cases: [(String, String)] = [
            ("GET / HTTP/1.1\r\nX: \(String(repeating: "a", count: 2000))\r\n\r\n", "HTTP/1.1 431 "),
            ("POST / HTTP/1.1\r\nContent-Length: 65\r\n\r\n", "HTTP/1.1 413 "),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", "HTTP/1.1 411 "),
            ("BREW /pot HTTP/1.1 extra\r\n\r\n", "HTTP/1.1 400 "),
        ]
        for (request, status) in cases {
            let client = try Client(port: server.port)
            client.send(request)
            let reply = client.readToEnd()
            client.close()
            XCTAssertTrue(reply.hasPrefix(status), "\(request.prefix(40).debugDescription) → \(reply.prefix(60))")
            XCTAssertTrue(reply.contains("Connection: close"))
            XCTAssertTrue(reply.contains("\"error\":{\"code\":\"bad_request\""))
        }
    }

    func testSlowAndIdleClientsAreDropped() throws {
        let slow = try Client(port: server.port)
        slow.send("GET / HTTP/1.1\r\nHost:")
        let started = Date()
        XCTAssertEqual(slow.readToEnd(), "", "a request that never finishes gets no answer, just a closed connection")
        XCTAssertLessThan(Date().timeIntervalSince(started), 2.9, "closed by the header timeout, not the client's")
        slow.close()

        let idle = try Client(port: server.port)
        idle.send("GET / HTTP/1.1\r\n\r\n")
        XCTAssertEqual(idle.readResponses(1).count, 1)
        XCTAssertEqual(idle.readToEnd(), "", "then the idle keep-alive connection is closed")
        idle.close()
    }

    func testConnectionCloseIsHonoured() throws {
        let client = try Client(port: server.port)
        defer { client.close() }
        client.send("GET /x HTTP/1.1\r\nConnection: close\r\n\r\n")
        let reply = client.readToEnd()
        XCTAssertTrue(reply.hasSuffix("GET /x 0"))
        XCTAssertTrue(reply.contains("Connection: close"))
    }

    func testStopFinishesTheResponseInFlight() throws {
        let client = try Client(port: server.port)
        defer { client.close() }
        client.send("GET /slow HTTP/1.1\r\n\r\n")
        usleep(50_000)
        let stopper = Thread { [server] in server!.stop() }
        stopper.start()
        let replies = client.readResponses(1)
        XCTAssertEqual(replies.count, 1)
        XCTAssertTrue(replies.first?.hasSuffix("GET /slow 0") ?? false)
        setUpServerAgainForTearDown()
    }

    private func setUpServerAgainForTearDown() {
        // tearDown stops the server; stopping twice is harmless, but give it a fresh one to stop.
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        configuration.threads = 1
        server = HTTPServer(configuration: configuration) { _ in HTTPResponse(status: .ok) }
        try? server.start()
    }
}
