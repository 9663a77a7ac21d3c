import Foundation
import XCTest
import HearthTestSupport
@testable import HearthStore

final class SQLiteEventStoreTests: XCTestCase {
    private func temporaryDatabase() -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-store-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder.appendingPathComponent("hearth.sqlite").path
    }

    private func event(_ n: Int, participant: String? = nil) -> LearningEvent {
        LearningEvent(id: String(format: "00000000-0000-4000-8000-%012d", n), type: "module.completed", course: "arguing-better",
                      module: "what-happens", area: "E10000012", participant: participant)
    }

    func testBatchesAreStoredOnceAndRetriesCountAsDuplicates() throws {
        let store = try SQLiteEventStore(path: temporaryDatabase())
        defer { store.close() }
        XCTAssertEqual(try store.append([event(1), event(2)]), AppendResult(accepted: 2, duplicates: 0))
        XCTAssertEqual(try store.append([event(2), event(3)]), AppendResult(accepted: 1, duplicates: 1))
        XCTAssertEqual(try store.count(), 3)
    }

    func testConcurrentCallersAreCommittedTogetherAndAllAnswered() throws {
        let store = try SQLiteEventStore(path: temporaryDatabase())
        defer { store.close() }
        let events = (0..<200).map { event(1000 + $0) }
        let outcomes = Outcomes()
        // Held still while all 200 queue up, so that the group commit has something to group.
        store.pauseWriting()
        let answered = DispatchGroup()
        for event in events {
            answered.enter()
            store.append([event]) { result in
                outcomes.record((try? result.get()) == AppendResult(accepted: 1, duplicates: 0))
                answered.leave()
            }
        }
        XCTAssertEqual(store.queuedBatches, 200)
        store.resumeWriting()
        answered.wait()
        XCTAssertEqual(outcomes.failures, 0)
        XCTAssertEqual(try store.count(), 200)
        XCTAssertLessThan(store.statistics.commits, events.count, "calls that waited together were committed together")
        XCTAssertEqual(store.statistics.commits, 1, "everything queued while the writer was held went in one commit")
    }

    /// Records a participant's consent and waits for it to be stored.
    private func consent(_ participant: String, in store: SQLiteEventStore) {
        XCTAssertNoThrow(try store.recordConsent(participant: participant))
    }

    func testParticipantsAreKeptOnlyAsAKeyedHashAndCanBeErased() throws {
        let path = temporaryDatabase()
        let store = try SQLiteEventStore(path: path)
        XCTAssertThrowsError(try store.append([event(1, participant: "p-123")]), "no consent on record") { error in
            XCTAssertEqual((error as? ConsentRequired)?.index, 0)
        }
        consent("p-123", in: store)
        XCTAssertEqual(try store.append([event(1, participant: "p-123"), event(2, participant: "p-123"), event(3)]).accepted, 3)
        let stored = try store.storedParticipant(of: event(1).id)
        XCTAssertNotNil(stored)
        XCTAssertNotEqual(stored, "p-123")
        XCTAssertEqual(stored?.count, 64, "a SHA-256 HMAC in hex")
        XCTAssertEqual(try store.erase(participant: "p-123"), Erasure(events: 2, responses: 0, consents: 1))
        XCTAssertEqual(try store.count(), 1)
        XCTAssertEqual(store.statistics.eventsStored, 1, "the figure for metrics follows erasure too")
        XCTAssertGreaterThanOrEqual(store.statistics.commits, 1)
        XCTAssertEqual(store.statistics.commitsWithin.last, store.statistics.commits, "every commit took under a second")
        store.close()

        let attributes = try FileManager.default.attributesOfItem(atPath: path + ".key")
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        // Reopening keeps the same key, so the same participant hashes the same way.
        let reopened = try SQLiteEventStore(path: path)
        defer { reopened.close() }
        consent("p-9", in: reopened)
        XCTAssertEqual(try reopened.append([event(4, participant: "p-9")]).accepted, 1)
        XCTAssertEqual(try reopened.count(), 2)
        XCTAssertEqual(reopened.statistics.eventsStored, 2, "counted from the database at start, then kept up to date")
    }

    func testRetriesAreRecognisedAcrossIndexGenerationsAndRestarts() throws {
        let path = temporaryDatabase()
        // More than one generation of ids (4,096), so some reach the index in sorted slices and some are still in memory.
        let events = (0..<10_000).map { event(20_000 + $0) }
        let batches = stride(from: 0, to: events.count, by: 100).map { Array(events[$0..<min($0 + 100, events.count)]) }
        var store = try SQLiteEventStore(path: path)
        for batch in batches { XCTAssertEqual(try store.append(batch).accepted, batch.count) }
        let indexedBefore = try store.rowCount("event_ids")
        XCTAssertGreaterThan(indexedBefore, 0, "a generation was merged into the index")
        XCTAssertLessThan(indexedBefore, events.count, "the newest ids are still waiting in memory")
        for batch in batches { XCTAssertEqual(try store.append(batch), AppendResult(accepted: 0, duplicates: batch.count)) }
        store.close()

        // After a restart the waiting ids are read back from the events table, and retries are still recognised.
        store = try SQLiteEventStore(path: path)
        defer { store.close() }
        for batch in batches.reversed() { XCTAssertEqual(try store.append(batch), AppendResult(accepted: 0, duplicates: batch.count)) }
        XCTAssertEqual(try store.append([event(1), event(1)]), AppendResult(accepted: 1, duplicates: 1), "a repeat inside one batch")
        XCTAssertEqual(try store.count(), events.count + 1)
    }

    func testAnErasedNewestEventDoesNotLetItsSequenceNumberReturn() throws {
        let path = temporaryDatabase()
        var store = try SQLiteEventStore(path: path)
        consent("p-1", in: store)
        // One full generation whose newest event belongs to a participant who then withdraws.
        let events = (0..<4096).map { event(40_000 + $0, participant: $0 == 4095 ? "p-1" : nil) }
        for start in stride(from: 0, to: events.count, by: 100) {
            XCTAssertEqual(try store.append(Array(events[start..<min(start + 100, events.count)])).accepted, min(100, events.count - start))
        }
        // Each flush is an empty commit, which carries the index on by one slice.
        var indexed = 0
        for _ in 0..<200 where indexed < events.count {
            store.flush()
            indexed = try store.rowCount("event_ids")
        }
        XCTAssertEqual(indexed, events.count)
        XCTAssertEqual(try store.erase(participant: "p-1"), Erasure(events: 1, responses: 0, consents: 1))
        // Had the erased row's number been reused, this event would sit below the index's high-water mark unindexed.
        XCTAssertEqual(try store.append([event(1)]).accepted, 1)
        store.close()
        store = try SQLiteEventStore(path: path)
        defer { store.close() }
        XCTAssertEqual(try store.append([event(1)]), AppendResult(accepted: 0, duplicates: 1))
    }

    func testTheWriteAheadLogIsCopiedBackWhileTheStoreIsOpen() throws {
        let path = temporaryDatabase()
        let store = try SQLiteEventStore(path: path)
        defer { store.close() }
        // About 4 MB of log: past the 1,000-page mark at which the checkpoint thread is asked to copy it back.
        for start in stride(from: 0, to: 30_000, by: 100) {
            _ = try store.append((start..<start + 100).map { event(100_000 + $0) })
        }
        func size(_ file: String) -> Int { ((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int) ?? 0 }
        let deadline = Date().addingTimeInterval(5)
        while size(path) < 1_000_000 && Date() < deadline { usleep(20_000) }
        XCTAssertGreaterThan(size(path), 1_000_000, "the database file holds the events, not only the log")
    }

    func testEventIDsParseTheCanonicalFormOnlyAndSortAsTheirBytes() {
        let id = EventID("3F2504E0-4f89-41d3-9a0c-0305e82c3301")
        XCTAssertEqual(id?.high, 0x3F2504E04F8941D3)
        XCTAssertEqual(id?.low, 0x9A0C0305E82C3301)
        XCTAssertEqual(id?.withBytes { Array($0) }, [0x3F, 0x25, 0x04, 0xE0, 0x4F, 0x89, 0x41, 0xD3, 0x9A, 0x0C, 0x03, 0x05, 0xE8, 0x2C, 0x33, 0x01])
        for bad in ["3f2504e0-4f89-41d3-9a0c-0305e82c330", "3f2504e0-4f89-41d3-9a0c-0305e82c33011", "3f2504e04f89-41d3-9a0c-0305e82c33011",
                    "3f2504e0-4f89-41d3-9a0c-0305e82c330g", "", "3f2504e0_4f89_41d3_9a0c_0305e82c3301"] {
            XCTAssertNil(EventID(bad), bad)
        }
        let ordered = ["00000000-0000-4000-8000-000000000002", "00000000-0000-4000-8000-0000000000ff", "7fffffff-0000-4000-8000-000000000000",
                       "80000000-0000-4000-8000-000000000000"].compactMap(EventID.init)
        XCTAssertEqual(ordered.count, 4)
        XCTAssertEqual(ordered.shuffled().sorted(), ordered, "the order of the bytes, which is SQLite's BLOB order")
    }

    func testTheIdFilterNeverMissesAnInsertedIdAndRarelyClaimsOthers() {
        var filter = EventIDFilter(capacity: 10_000)
        var generator = SeededGenerator(seed: 0x1D5)
        let inserted = (0..<10_000).map { _ in EventID(high: generator.next(), low: generator.next()) }
        for id in inserted { filter.insert(id) }
        XCTAssertTrue(inserted.allSatisfy(filter.mayContain), "no false 'no'")
        let others = (0..<100_000).filter { _ in filter.mayContain(EventID(high: generator.next(), low: generator.next())) }.count
        XCTAssertLessThan(others, 1_000, "under 1% false 'perhaps' (\(others) of 100,000)")
    }

    func testHMACMatchesTheRFC4231Vector() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        XCTAssertEqual(KeyedHash(key: Array("Jefe".utf8)).hex("what do ya want for nothing?"),
                       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }
}

/// Counts failures reported from many threads.
private final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var failures = 0

    func record(_ ok: Bool) {
        lock.lock()
        if !ok { failures += 1 }
        lock.unlock()
    }
}

final class MigrationTests: XCTestCase {
    func testAnOlderDatabaseIsMigratedWithItsEventsKept() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-migrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("old.sqlite").path
        do {
            // A database as the first two migrations left it, with one event in it.
            let old = try SQLiteConnection(path: path)
            try old.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY)")
            for (index, sql) in StoreSchema.migrations.prefix(2).enumerated() {
                try old.execute(sql)
                try old.execute("INSERT INTO schema_migrations (version) VALUES (\(index + 1))")
            }
            try old.execute("INSERT INTO events (id, type, course, hour) VALUES ('3f2504e0-4f89-41d3-9a0c-0305e82c3301', 'course.started', 'c', 1)")
        }
        let store = try SQLiteEventStore(path: path)
        defer { store.close() }
        XCTAssertEqual(try store.storedIDs(), ["3f2504e0-4f89-41d3-9a0c-0305e82c3301"])
        let event = LearningEvent(id: "3f2504e0-4f89-41d3-9a0c-0305e82c3301", type: "course.started", course: "c")
        XCTAssertEqual(try store.append([event]), AppendResult(accepted: 0, duplicates: 1), "ids stay unique after the rebuild")
        // Every migration ran, and the tables the later ones added are there.
        XCTAssertEqual(try store.scalar("SELECT MAX(version) FROM schema_migrations"), StoreSchema.migrations.count)
        XCTAssertEqual(try store.rowCount("erased_participants"), 0)
        XCTAssertEqual(try store.rowCount("assessment_attempts"), 0)
        XCTAssertEqual(try store.rowCount("certificates"), 0)
    }
}
