import Foundation
import XCTest
import HearthStore
#if canImport(Glibc)
import Glibc
#endif

/// `kill -9` on a real `hearth serve` while it takes events: every event it acknowledged must be on disk.
final class DurabilityTests: XCTestCase {
    private static let products = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?.bundleURL.deletingLastPathComponent()
        ?? Bundle.main.bundleURL
    private static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testAcknowledgedEventsSurviveKillNine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("hearth.sqlite").path
        let port = 20_000 + Int.random(in: 0..<20_000)

        let server = Process()
        server.executableURL = Self.products.appendingPathComponent("hearth")
        server.arguments = ["serve", "--content", Self.repository.appendingPathComponent("Content").path,
                            "--theme", Self.repository.appendingPathComponent("Themes/default").path,
                            "--site", folder.appendingPathComponent("site").path, "--db", database, "--port", String(port)]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
        // The server is ready when it accepts a connection (it builds the site first); give up after 60 s.
        var connection: Int32 = -1
        let ready = Date().addingTimeInterval(60)
        while connection < 0, Date() < ready, server.isRunning {
            if let descriptor = try? Self.connect(port: port) { connection = descriptor } else { usleep(100_000) }
        }
        guard connection >= 0 else { return XCTFail("hearth serve did not start listening on port \(port)") }
        defer { close(connection) }

        var acknowledged: [String] = []
        let deadline = Date().addingTimeInterval(5.0)
        var killed = false
        while Date() < deadline {
            let id = UUID().uuidString.lowercased()
            let body = "{\"events\":[{\"id\":\"\(id)\",\"type\":\"module.started\",\"course\":\"arguing-better\",\"module\":\"what-happens\"}]}"
            let request = "POST /api/v1/events HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
            guard Self.send(request, on: connection), let reply = Self.receive(on: connection) else { break }
            if reply.hasPrefix("HTTP/1.1 202") { acknowledged.append(id) }
            if acknowledged.count == 40 && !killed {
                kill(server.processIdentifier, SIGKILL)
                killed = true
            }
        }
        if !killed { kill(server.processIdentifier, SIGKILL) }
        server.waitUntilExit()
        XCTAssertGreaterThanOrEqual(acknowledged.count, 40, "the server acknowledged events before it was killed")

        let store = try SQLiteEventStore(path: database)
        defer { store.close() }
        let stored = try store.storedIDs()
        let lost = acknowledged.filter { !stored.contains($0) }
        XCTAssertEqual(lost, [], "acknowledged but not stored")
    }

    private static func connect(port: Int) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(descriptor)
            throw POSIXError(.ECONNREFUSED)
        }
        return descriptor
    }

    private static func send(_ text: String, on descriptor: Int32) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }

    /// One whole response (headers and Content-Length body), or nil if the connection ended.
    private static func receive(on descriptor: Int32) -> String? {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let text = String(decoding: data, as: UTF8.self)
            if let end = text.range(of: "\r\n\r\n") {
                let length = text[..<end.lowerBound].split(separator: "\r\n").first { $0.hasPrefix("Content-Length: ") }
                    .flatMap { Int($0.dropFirst(16)) } ?? 0
                if text.utf8.distance(from: end.upperBound, to: text.endIndex) >= length { return text }
            }
            let n = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return nil }
            data.append(contentsOf: buffer[0..<n])
        }
    }
}
