import Foundation
import XCTest
import HearthStore
import HearthTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `hearth serve` as an operator meets it: what it refuses to start with, where its metrics go, and how it
/// behaves when the process is short of file descriptors.
final class ServeCommandTests: XCTestCase {
    private var folder: URL!
    /// One built site for every test (building takes a second or two).
    private static let site: URL = {
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-serve-site-\(UUID().uuidString)")
        _ = try? HearthBinary.run(["build", "--content", HearthBinary.repository.appendingPathComponent("Content").path,
                                   "--theme", HearthBinary.repository.appendingPathComponent("Themes/default").path,
                                   "--out", site.path, "--no-gzip"])
        return site
    }()

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private var database: String { folder.appendingPathComponent("hearth.sqlite").path }

    /// Arguments that serve the prebuilt site (never rebuilt: the content is older than it).
    private func serving(_ extra: [String] = []) -> [String] {
        ["--content", HearthBinary.repository.appendingPathComponent("Content").path,
         "--theme", HearthBinary.repository.appendingPathComponent("Themes/default").path,
         "--site", Self.site.path, "--db", database, "--port", "0"] + extra
    }

    func testADatabaseInsideTheSiteFolderIsRefused() throws {
        let result = try HearthBinary.run(["serve", "--site", Self.site.path, "--db", Self.site.appendingPathComponent("data/hearth.sqlite").path])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.stderr.contains("is inside the site folder"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: Self.site.appendingPathComponent("data").path), "nothing was created there")
    }

    func testAMissingOrCutShortKeyStopsTheServerWithWhatToRestore() throws {
        let store = try SQLiteEventStore(path: database)
        try store.recordConsent(participant: "00000000-0000-4000-a000-000000000001")
        store.close()
        let key = database + ".key"
        try FileManager.default.moveItem(atPath: key, toPath: key + ".saved")
        let missing = try HearthBinary.run(["serve"] + serving())
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("\(key) is missing, but the database holds participants' hashed ids. Restore"), missing.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: key))

        try Data(try Data(contentsOf: URL(fileURLWithPath: key + ".saved")).prefix(31)).write(to: URL(fileURLWithPath: key))
        let cut = try HearthBinary.run(["serve"] + serving())
        XCTAssertEqual(cut.status, 1)
        XCTAssertTrue(cut.stderr.contains("is 31 bytes long, but a key is 32 bytes"), cut.stderr)
    }

    func testMetricsCanBeMovedOrTurnedOff() throws {
        let moved = try ServeProcess(serving(["--metrics-listen", "127.0.0.1:0"]))
        defer { moved.stop() }
        guard let port = moved.port(), let metricsPort = moved.wait(for: #"metrics at http://127\.0\.0\.1:(\d+)/metrics"#).flatMap(Int.init) else {
            return XCTFail(moved.printed)
        }
        XCTAssertTrue(try get(port, "/metrics").hasPrefix("HTTP/1.1 404 "), "not on the public address")
        let metrics = try get(metricsPort, "/metrics")
        XCTAssertTrue(metrics.hasPrefix("HTTP/1.1 200 "), metrics)
        XCTAssertTrue(metrics.contains("hearth_http_requests_total{route=\"/metrics\",status=\"404\"} 1"), metrics)
        XCTAssertTrue(try get(metricsPort, "/").hasPrefix("HTTP/1.1 404 "), "the metrics address serves nothing else")

        let off = try ServeProcess(serving(["--no-metrics"]))
        defer { off.stop() }
        guard let offPort = off.port() else { return XCTFail(off.printed) }
        XCTAssertTrue(try get(offPort, "/metrics").hasPrefix("HTTP/1.1 404 "))
        XCTAssertTrue(try get(offPort, "/healthz").hasPrefix("HTTP/1.1 200 "))
    }

    /// With 64 descriptors (`ulimit -n 64`) and 80 clients, the server says its limit, fits its connections to it,
    /// answers every client (served or told 503), and does not spin while they wait.
    func testALowDescriptorLimitIsFittedAndNeverSpins() throws {
        let server = try ServeProcess(serving(), shell: "ulimit -n 64 && exec")
        defer { server.stop() }
        guard let port = server.port() else { return XCTFail(server.printed) }
        guard let perThread = server.wait(for: #"connections: up to (\d+) per thread .*open-file limit 64\)"#).flatMap(Int.init) else {
            return XCTFail("says its limit: \(server.printed)")
        }
        XCTAssertGreaterThan(perThread, 1, "some connections fit")
        XCTAssertLessThan(perThread, 32, "but not more than the descriptors allow")
        let clients = (0..<80).compactMap { _ in try? LoopbackClient(port: port, timeoutSeconds: 5) }
        XCTAssertEqual(clients.count, 80)
        defer { clients.forEach { $0.close() } }
        let before = server.cpuSeconds
        usleep(1_500_000)
        XCTAssertLessThan(server.cpuSeconds - before, 0.5, "CPU seconds in 1.5 s with 80 clients waiting")
        var answered = 0
        for client in clients {
            client.send("GET /healthz HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
            let reply = client.readToEnd()
            if reply.hasPrefix("HTTP/1.1 200 ") || reply.hasPrefix("HTTP/1.1 503 ") { answered += 1 }
        }
        XCTAssertEqual(answered, 80, "every client was served or told to come back")
    }

    private func get(_ port: Int, _ path: String) throws -> String {
        let client = try LoopbackClient(port: port)
        defer { client.close() }
        client.send("GET \(path) HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
        return client.readToEnd()
    }
}
