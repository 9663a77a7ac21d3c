import Foundation
import XCTest
import HearthStore
import HearthTestSupport

/// The researcher-facing commands: tokens shown once and kept only as a hash, exports from the database in hand,
/// and withdrawing a certificate.
final class ResearchCommandTests: XCTestCase {
    private var folder: URL!
    private var database: String { folder.appendingPathComponent("hearth.sqlite").path }

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-research-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try SQLiteEventStore(path: database)
        try store.recordConsent(participant: "00000000-0000-4000-a000-000000000001")
        XCTAssertEqual(try store.append(QuestionnaireResponse(id: "00000000-0000-4000-9000-000000000001", measure: "phq4", occasion: "before",
                                                              course: "arguing-better", participant: "00000000-0000-4000-a000-000000000001",
                                                              answers: ["anxious": 1, "worrying": 2, "interest": 0, "down": 3])).accepted, 1)
        store.close()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testATokenIsShownOnceAndKeptOnlyAsAHash() throws {
        let created = try HearthBinary.run(["tokens", "create", "--name", "essex evaluation", "--areas", "E10000012", "--scope", "aggregate",
                                            "--expires", "2099-06-30", "--db", database])
        XCTAssertEqual(created.status, 0, created.stderr)
        let token = String(created.stdout.split(separator: "\n").last ?? "")
        XCTAssertGreaterThanOrEqual(token.count, 43, "at least 256 bits, base64url")
        XCTAssertNotNil(token.range(of: #"^[A-Za-z0-9_-]+$"#, options: .regularExpression))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: database)) + ((try? Data(contentsOf: URL(fileURLWithPath: database + "-wal"))) ?? Data())
        XCTAssertNil(bytes.range(of: Data(token.utf8)), "the token itself is stored nowhere")

        let list = try HearthBinary.run(["tokens", "list", "--db", database])
        XCTAssertTrue(list.stdout.contains("essex evaluation\taggregate\tE10000012\t"), list.stdout)
        XCTAssertTrue(list.stdout.contains("expires 2099-06-30\tactive"), list.stdout)
        XCTAssertEqual(try HearthBinary.run(["tokens", "create", "--name", "essex evaluation", "--areas", "all", "--scope", "rows", "--db", database]).status, 1,
                       "a name is used once")
        XCTAssertEqual(try HearthBinary.run(["tokens", "create", "--name", "x", "--areas", "Essex", "--scope", "rows", "--db", database]).status, 64)
        XCTAssertEqual(try HearthBinary.run(["tokens", "revoke", "essex evaluation", "--db", database]).status, 0)
        XCTAssertTrue(try HearthBinary.run(["tokens", "list", "--db", database]).stdout.contains("revoked "))
        XCTAssertEqual(try HearthBinary.run(["tokens", "revoke", "essex evaluation", "--db", database]).status, 1)
    }

    func testExportsAndTheCodebookComeFromTheCommandLineToo() throws {
        let out = folder.appendingPathComponent("responses.csv").path
        let result = try HearthBinary.run(["export", "responses.csv", "--db", database, "--content", HearthBinary.repository.appendingPathComponent("Content").path,
                                           "--out", out])
        XCTAssertEqual(result.status, 0, result.stderr)
        let csv = try String(contentsOfFile: out, encoding: .utf8)
        let lines = csv.split(separator: "\r\n")
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[0].hasPrefix("participant,course,area,day,measure,occasion,"))
        XCTAssertTrue(lines[1].contains(",arguing-better,,"), String(lines[1]))
        let codebook = try HearthBinary.run(["export", "codebook.md", "--db", database, "--content", HearthBinary.repository.appendingPathComponent("Content").path])
        XCTAssertTrue(codebook.stdout.contains("| `phq4_total` |"), codebook.stdout)
        XCTAssertEqual(try HearthBinary.run(["export", "people.csv", "--db", database]).status, 64)
    }

    func testWithdrawingACodeThatWasNeverIssuedSaysSo() throws {
        let result = try HearthBinary.run(["certificates", "revoke", "7KQ2M-PX9RD", "--db", database])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("no certificate 7KQ2M-PX9RD is on record"), result.stderr)
        XCTAssertEqual(try HearthBinary.run(["certificates", "revoke", "not-a-code", "--db", database]).status, 64)
    }
}
