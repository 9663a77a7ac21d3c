import Foundation
import XCTest
import HearthStore
import HearthTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `kill -9` on a real `hearth serve` while it takes events: every event it acknowledged must be on disk.
final class DurabilityTests: XCTestCase {
    private static let repository = HearthBinary.repository

    func testAcknowledgedEventsSurviveKillNine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("hearth.sqlite").path
        // Port 0: the server picks a free one and says which.
        let server = try ServeProcess(["--content", Self.repository.appendingPathComponent("Content").path,
                                       "--theme", Self.repository.appendingPathComponent("Themes/default").path,
                                       "--site", folder.appendingPathComponent("site").path, "--db", database, "--port", "0"])
        guard let port = server.port() else { return XCTFail("hearth serve did not start: \(server.printed.suffix(2000))") }
        guard let connection = try? LoopbackClient(port: port, timeoutSeconds: 2) else { return XCTFail("cannot connect to port \(port)") }
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
                kill(server.process.processIdentifier, SIGKILL)
                killed = true
            }
        }
        if !killed { kill(server.process.processIdentifier, SIGKILL) }
        server.process.waitUntilExit()
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
