import Foundation
import Synchronization
import XCTest
@testable import HearthHTTP
import HearthTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The faults an attack on the server found, each reproduced over real sockets: a client that never reads
/// its answers, running out of descriptors, and a log that cannot keep up.
final class HTTPAttackTests: XCTestCase {
    /// A large shared body, as the search index is: answering with it must not copy it per request.
    private static let big = [UInt8](repeating: UInt8(ascii: "x"), count: 256 * 1024)

    private func startServer(_ change: (inout HTTPServer.Configuration) -> Void = { _ in },
                             counting calls: CallCount? = nil) throws -> HTTPServer {
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        configuration.threads = 1
        change(&configuration)
        let server = HTTPServer(configuration: configuration) { request in
            if request.path == "/big" {
                calls?.value.add(1, ordering: .relaxed)
                return .now(HTTPResponse(status: .ok, body: Self.big))
            }
            return .now(HTTPResponse(status: .ok, body: Array("{\"status\":\"ok\"}".utf8)))
        }
        try server.start()
        return server
    }

    /// Resident memory of this process, in bytes.
    private static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
              let pages = text.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Seconds for one request on a fresh connection.
    private static func probe(_ port: Int) throws -> Double {
        let started = DispatchTime.now().uptimeNanoseconds
        let client = try LoopbackClient(port: port)
        defer { client.close() }
        client.send("GET /healthz HTTP/1.1\r\nHost: h\r\n\r\n")
        XCTAssertEqual(client.readResponses(1).count, 1)
        return Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    }

    func testAClientThatNeverReadsIsBoundedAndDoesNotHoldUpTheLoop() throws {
        let calls = CallCount()
        let server = try startServer({ $0.sendTimeout = 1.5 }, counting: calls)
        defer { server.stop() }
        let rssBefore = Self.residentBytes()
        let attacker = try LoopbackClient(port: server.port)
        defer { attacker.close() }
        var small: Int32 = 4096
        setsockopt(attacker.descriptor, SOL_SOCKET, SO_RCVBUF, &small, socklen_t(MemoryLayout<Int32>.size))
        // 3,000 pipelined requests for a 256 KiB answer, and not one byte read back: 750 MB owed.
        let requests = String(repeating: "GET /big HTTP/1.1\r\nHost: h\r\n\r\n", count: 3000)
        XCTAssertTrue(attacker.send(requests))
        usleep(300_000)

        // The same (only) loop still answers others at once.
        let latencies = try (0..<5).map { _ in try Self.probe(server.port) }.sorted()
        XCTAssertLessThan(latencies[2], 0.1, "median /healthz time on the attacked loop: \(latencies)")
        // Past 1 MiB owed, the connection is neither read nor parsed: only a few answers were ever made.
        XCTAssertLessThan(calls.value.load(ordering: .relaxed), 40, "requests parsed for a client that reads nothing")
        XCTAssertLessThan(Self.residentBytes() - rssBefore, 64 << 20, "memory stays bounded")

        // A client that takes nothing for the send timeout is closed: read nothing until it has passed, then
        // everything that arrives. An open connection would go on sending (750 MB); a closed one ends soon.
        usleep(2_500_000)
        var received = 0
        var closed = false
        var buffer = [UInt8](repeating: 0, count: 65536)
        while received < 32 << 20 && !closed {
            let n = buffer.withUnsafeMutableBytes { recv(attacker.descriptor, $0.baseAddress, $0.count, 0) }
            if n > 0 { received += n } else { closed = n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK); if !closed { break } }
        }
        XCTAssertTrue(closed, "the server closed the connection it could not send to (received \(received) bytes)")
        XCTAssertLessThan(received, 1 << 20, "the connection was reset: what the kernel still held was dropped, not trickled out")
    }

    func testRunningOutOfDescriptorsNeitherSpinsNorLeavesClientsUnanswered() throws {
        let server = try startServer()
        defer { server.stop() }
        // Leave this process a handful of descriptors beyond those open now.
        var saved = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &saved)
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 64
        var tight = saved
        tight.rlim_cur = rlim_t(open + 8)
        XCTAssertEqual(setrlimit(Int32(RLIMIT_NOFILE.rawValue), &tight), 0)
        var clients: [LoopbackClient] = []
        defer {
            clients.forEach { $0.close() }
            setrlimit(Int32(RLIMIT_NOFILE.rawValue), &saved)
        }
        // The clients' own sockets count against the limit too: connect until the process can open no more.
        while clients.count < 40, let client = try? LoopbackClient(port: server.port, timeoutSeconds: 1) { clients.append(client) }
        XCTAssertGreaterThan(clients.count, 0)
        var before = rusage()
        getrusage(RUSAGE_SELF.rawValue, &before)
        usleep(1_500_000)
        var after = rusage()
        getrusage(RUSAGE_SELF.rawValue, &after)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        let cpu = seconds(after.ru_utime) + seconds(after.ru_stime) - seconds(before.ru_utime) - seconds(before.ru_stime)
        XCTAssertLessThan(cpu, 0.5, "CPU seconds used in 1.5 s while out of descriptors (a spinning loop uses 1.5)")
        // Each client was accepted and served, or accepted and told 503: none is left hanging unanswered.
        setrlimit(Int32(RLIMIT_NOFILE.rawValue), &saved)
        var answered = 0
        for client in clients {
            client.send("GET /healthz HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
            let reply = client.readToEnd()
            if reply.hasPrefix("HTTP/1.1 200 ") || reply.hasPrefix("HTTP/1.1 503 ") { answered += 1 }
        }
        XCTAssertEqual(answered, clients.count)
        XCTAssertLessThan(try Self.probe(server.port), 1, "and the server takes new clients once descriptors are free")
    }

    func testALongPathIsLoggedCutInOneWholeLine() throws {
        var pipe: [Int32] = [0, 0]
        XCTAssertEqual(Glibc.pipe(&pipe), 0)
        defer { Glibc.close(pipe[0]) }
        let log = AccessLog(descriptor: pipe[1])
        let server = try startServer { $0.accessLog = log; $0.threads = 2 }
        let path = "/" + String(repeating: "p", count: 15_000)
        // Long and short lines from both loops at once: each must arrive whole.
        DispatchQueue.concurrentPerform(iterations: 8) { n in
            guard let client = try? LoopbackClient(port: server.port) else { return }
            client.send("GET \(n % 2 == 0 ? path : "/short") HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
            _ = client.readToEnd()
            client.close()
        }
        server.stop()
        log.stop()
        Glibc.close(pipe[1])
        var text: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = Glibc.read(pipe[0], &buffer, buffer.count)
            if n <= 0 { break }
            text.append(contentsOf: buffer[0..<n])
        }
        let lines = String(decoding: text, as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(lines.count, 8)
        for line in lines {
            XCTAssertTrue(line.hasPrefix("GET /short 200 ") || line.hasPrefix("GET /" + String(repeating: "p", count: 255) + "...(cut) 200 "),
                          String(line.prefix(80)))
            XCTAssertLessThan(line.utf8.count, 300)
            XCTAssertTrue(line.hasSuffix("ms"))
        }
    }

    func testALogNobodyReadsNeverHoldsUpAnswersAndDropsAreCounted() throws {
        var pipe: [Int32] = [0, 0]
        XCTAssertEqual(Glibc.pipe(&pipe), 0)
        defer { Glibc.close(pipe[0]) }
        // Nobody reads the pipe: it fills at 64 KiB, and the log's writer blocks on it for good.
        let log = AccessLog(descriptor: pipe[1], capacity: 8192)
        let server = try startServer { $0.accessLog = log }
        let client = try LoopbackClient(port: server.port)
        let batch = String(repeating: "GET /healthz HTTP/1.1\r\nHost: h\r\n\r\n", count: 100)
        for _ in 0..<40 {
            client.send(batch)
            XCTAssertEqual(client.readResponses(100).count, 100, "answers keep coming while the log is stuck")
        }
        client.close()
        XCTAssertGreaterThan(log.droppedLines, 0, "lines beyond the log's buffer are dropped and counted")
        XCTAssertLessThan(try Self.probe(server.port), 1)
        server.stop()
        // Let the writer go: it finishes once the pipe is drained.
        Glibc.close(pipe[0])
        log.stop()
        Glibc.close(pipe[1])
    }
}

/// Requests a handler saw, counted from the loop's thread.
final class CallCount: Sendable {
    let value = Atomic<Int>(0)
}
