import Foundation
import XCTest
import HearthStore
import HearthTestSupport
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
        var client: LoopbackClient?
        let ready = Date().addingTimeInterval(60)
        while client == nil, Date() < ready, server.isRunning {
            client = try? LoopbackClient(port: port, timeoutSeconds: 2)
            if client == nil { usleep(100_000) }
        }
        guard let connection = client else { return XCTFail("hearth serve did not start listening on port \(port)") }
        defer { connection.close() }

        var acknowledged: [String] = []
        let deadline = Date().addingTimeInterval(5.0)
        var killed = false
        while Date() < deadline {
            let id = UUID().uuidString.lowercased()
            let body = "{\"events\":[{\"id\":\"\(id)\",\"type\":\"module.started\",\"course\":\"arguing-better\",\"module\":\"what-happens\"}]}"
            let request = "POST /api/v1/events HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
            guard connection.send(request), let reply = connection.readResponses(1).first else { break }
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
        // A client that missed the acknowledgements retries: nothing is stored twice.
        let retries = acknowledged.map { LearningEvent(id: $0, type: "module.started", course: "arguing-better", module: "what-happens") }
        XCTAssertEqual(try store.append(retries), AppendResult(accepted: 0, duplicates: retries.count))
    }
}
