import Foundation
import XCTest
import HearthTestSupport
@testable import HearthStore

/// Erasure is a write like any other: queued to the one writer, durable when answered, and for good.
final class ErasureTests: XCTestCase {
    private func temporaryDatabase() -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-erasure-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder.appendingPathComponent("hearth.sqlite").path
    }

    private static func participant(_ n: Int) -> String { String(format: "00000000-0000-4000-a000-%012d", n) }

    private static func event(_ n: Int, participant: String?) -> LearningEvent {
        LearningEvent(id: String(format: "00000000-0000-4000-8000-%012d", n), type: "module.started", course: "arguing-better",
                      module: "what-happens", participant: participant)
    }

    /// The attack that once corrupted the database: twelve writers post events for consented participants
    /// while four erase those participants. After every round the database must be intact, and after a
    /// restart nothing of an erased participant may remain.
    func testErasingWhileOthersWriteLeavesTheDatabaseIntact() throws {
        let path = temporaryDatabase()
        var store = try SQLiteEventStore(path: path)
        var generator = SeededGenerator(seed: 0xE7A5E)
        var nextEvent = 0
        var erased: Set<String> = []
        for round in 0..<6 {
            let people = (0..<24).map { Self.participant(round * 100 + $0) }
            for person in people { try store.recordConsent(participant: person) }
            // Each writer's batches, fixed before the threads start, so the round is the same on every run.
            let batches: [[LearningEvent]] = (0..<12).map { _ in
                (0..<40).map { _ in
                    nextEvent += 1
                    return Self.event(nextEvent, participant: people[Int.random(in: 0..<people.count, using: &generator)])
                }
            }
            let toErase = Array(people.shuffled(using: &generator).prefix(12))
            let unexpected = Failures()
            let current = store
            DispatchQueue.concurrentPerform(iterations: 16) { worker in
                if worker < 12 {
                    for start in stride(from: 0, to: 40, by: 4) {
                        do {
                            _ = try current.append(Array(batches[worker][start..<start + 4]))
                        } catch is ConsentRequired {
                            // The participant was erased first: refused whole, as it must be.
                        } catch {
                            unexpected.record("append: \(error)")
                        }
                    }
                } else {
                    for person in toErase[(worker - 12) * 3..<(worker - 11) * 3] {
                        do { _ = try current.erase(participant: person) } catch { unexpected.record("erase: \(error)") }
                    }
                }
            }
            XCTAssertEqual(unexpected.list, [], "round \(round)")
            XCTAssertEqual(try store.integrityCheck(), "ok", "round \(round)")
            erased.formUnion(toErase)
        }
        store.close()
        store = try SQLiteEventStore(path: path)
        defer { store.close() }
        XCTAssertEqual(try store.integrityCheck(), "ok", "after a restart")
        let hash = try KeyedHash(key: Array(Data(contentsOf: URL(fileURLWithPath: path + ".key"))))
        for person in erased {
            let hashed = hash.hex(person)
            XCTAssertEqual(try store.scalar("SELECT COUNT(*) FROM events WHERE participant = ?", hashed), 0)
            XCTAssertEqual(try store.scalar("SELECT COUNT(*) FROM consents WHERE participant = ?", hashed), 0)
            XCTAssertEqual(try store.scalar("SELECT COUNT(*) FROM erased_participants WHERE participant = ?", hashed), 1)
        }
        XCTAssertEqual(try store.rowCount("consents"), 6 * 24 - erased.count, "everyone not erased keeps their consent")
        XCTAssertEqual(store.statistics.eventsStored, try store.count(), "the metrics' figure follows erasures")
    }

    /// A consent racing a DELETE for the same id: whichever lands first, no consent survives the erasure,
    /// and nothing is linked to that id afterwards.
    func testErasureSticksWhenConsentRacesIt() throws {
        let store = try SQLiteEventStore(path: temporaryDatabase())
        defer { store.close() }
        let trials = 150
        let outcomes = Failures()
        DispatchQueue.concurrentPerform(iterations: trials * 2) { n in
            let person = Self.participant(n / 2)
            do {
                if n % 2 == 0 { try store.recordConsent(participant: person) } else { _ = try store.erase(participant: person) }
            } catch is ParticipantErased {
                outcomes.record("refused")
            } catch {
                outcomes.record("unexpected: \(error)")
            }
        }
        XCTAssertFalse(outcomes.list.contains { $0.hasPrefix("unexpected") }, outcomes.list.joined(separator: "\n"))
        XCTAssertEqual(try store.rowCount("consents"), 0, "no consent outlives its erasure")
        XCTAssertEqual(try store.rowCount("erased_participants"), trials)
        for n in 0..<trials {
            XCTAssertThrowsError(try store.recordConsent(participant: Self.participant(n))) { error in
                XCTAssertTrue(error is ParticipantErased, "\(error)")
            }
            XCTAssertThrowsError(try store.append([Self.event(90_000 + n, participant: Self.participant(n))])) { error in
                XCTAssertTrue(error is ConsentRequired, "\(error)")
            }
        }
        XCTAssertEqual(try store.count(), 0)
    }

    func testAnErasureRemovesResponsesAndTheirAnswersAndSaysWhatWent() throws {
        let store = try SQLiteEventStore(path: temporaryDatabase())
        defer { store.close() }
        let person = Self.participant(1)
        try store.recordConsent(participant: person)
        let response = QuestionnaireResponse(id: "00000000-0000-4000-9000-000000000001", measure: "phq4", occasion: "before",
                                             course: "arguing-better", participant: person, answers: ["a": 1, "b": 2])
        XCTAssertEqual(try store.append(response), AppendResult(accepted: 1, duplicates: 0))
        XCTAssertEqual(try store.append([Self.event(1, participant: person), Self.event(2, participant: nil)]).accepted, 2)
        XCTAssertEqual(try store.erase(participant: person), Erasure(events: 1, responses: 1, consents: 1))
        XCTAssertEqual(try store.rowCount("response_items"), 0, "answers go with their response")
        XCTAssertEqual(try store.count(), 1, "anonymous events stay")
        XCTAssertEqual(try store.erase(participant: person), Erasure(events: 0, responses: 0, consents: 0), "erasing twice finds nothing")
    }

    func testABaselineIsNeverAnsweredTwiceButARetryIsAcknowledged() throws {
        let store = try SQLiteEventStore(path: temporaryDatabase())
        defer { store.close() }
        let person = Self.participant(7)
        try store.recordConsent(participant: person)
        func response(_ id: Int, occasion: String = "before", course: String = "arguing-better", answer: Int) -> QuestionnaireResponse {
            QuestionnaireResponse(id: String(format: "00000000-0000-4000-9000-%012d", id), measure: "phq4", occasion: occasion,
                                  course: course, participant: person, answers: ["a": answer])
        }
        XCTAssertEqual(try store.append(response(1, answer: 1)), AppendResult(accepted: 1, duplicates: 0))
        XCTAssertEqual(try store.append(response(1, answer: 1)), AppendResult(accepted: 0, duplicates: 1), "the same id again is a retry")
        XCTAssertThrowsError(try store.append(response(2, answer: 3))) { XCTAssertTrue($0 is AlreadyAnswered, "\($0)") }
        XCTAssertEqual(try store.scalar("SELECT COUNT(*) FROM response_items WHERE value = 1"), 1, "the first answer stays")
        XCTAssertEqual(try store.append(response(3, occasion: "after", answer: 0)).accepted, 1, "after is another occasion")
        XCTAssertEqual(try store.append(response(4, course: "separating-well", answer: 0)).accepted, 1, "another course is another pairing")
        let anonymous = QuestionnaireResponse(id: "00000000-0000-4000-9000-000000000099", measure: "phq4", occasion: "before",
                                              course: "arguing-better", answers: ["a": 2])
        XCTAssertEqual(try store.append(anonymous).accepted, 1, "without a participant nothing can be paired, so nothing conflicts")
    }
}

/// What went wrong, gathered from many threads.
private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []

    func record(_ item: String) {
        lock.lock()
        items.append(item)
        lock.unlock()
    }

    var list: [String] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}
