import Foundation
import XCTest
import HearthTestSupport
@testable import HearthStore

/// Losing or damaging the key must never silently defeat erasure: the store refuses to start instead.
final class ParticipantKeyTests: XCTestCase {
    private var folder: URL!
    private var path: String { folder.appendingPathComponent("hearth.sqlite").path }

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// A store holding one consented participant.
    private func storeWithAParticipant() throws {
        let store = try SQLiteEventStore(path: path)
        try store.recordConsent(participant: "00000000-0000-4000-a000-000000000001")
        store.close()
    }

    private func assertRefusesToStart(containing words: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try SQLiteEventStore(path: path), file: file, line: line) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains(words), message, file: file, line: line)
            XCTAssertTrue(message.contains(path + ".key"), "names the file: \(message)", file: file, line: line)
        }
    }

    func testAMissingKeyIsRefusedWhenTheDatabaseHoldsHashedIDs() throws {
        try storeWithAParticipant()
        try FileManager.default.moveItem(atPath: path + ".key", toPath: path + ".key.moved")
        assertRefusesToStart(containing: "is missing, but the database holds participants' hashed ids")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + ".key"), "no new key was made")
        // Putting the file back is the fix.
        try FileManager.default.moveItem(atPath: path + ".key.moved", toPath: path + ".key")
        let store = try SQLiteEventStore(path: path)
        defer { store.close() }
        XCTAssertEqual(try store.erase(participant: "00000000-0000-4000-a000-000000000001").consents, 1, "the participant can be found and erased")
    }

    func testATruncatedKeyIsNamedAsSuch() throws {
        try storeWithAParticipant()
        let key = try Data(contentsOf: URL(fileURLWithPath: path + ".key"))
        try key.prefix(20).write(to: URL(fileURLWithPath: path + ".key"))
        assertRefusesToStart(containing: "is 20 bytes long, but a key is 32 bytes")
    }

    func testAnotherDatabasesKeyIsRefused() throws {
        try storeWithAParticipant()
        try Data(repeating: 7, count: 32).write(to: URL(fileURLWithPath: path + ".key"))
        assertRefusesToStart(containing: "is not the key this database was made with")
    }

    func testAKeyIsMadeOnlyForADatabaseWithNoHashedIDs() throws {
        let store = try SQLiteEventStore(path: path)
        XCTAssertEqual(try store.append([LearningEvent(id: "00000000-0000-4000-8000-000000000001", type: "course.started", course: "c")]).accepted, 1)
        store.close()
        // Anonymous events only: a lost key costs nothing, so a new one is made.
        try FileManager.default.removeItem(atPath: path + ".key")
        XCTAssertNoThrow(try SQLiteEventStore(path: path).close())
        let attributes = try FileManager.default.attributesOfItem(atPath: path + ".key")
        XCTAssertEqual((attributes[.size] as? NSNumber)?.intValue, 32)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + ".key.new"), "the temporary file is gone")
    }
}
