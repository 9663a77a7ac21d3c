import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The embedded store: SQLite in WAL mode, one writer thread that commits everything queued
/// while the previous commit ran (group commit), and callers answered only after their batch
/// is on disk.
public final class SQLiteEventStore: EventStore, @unchecked Sendable {
    /// One request's writes, run by the writer thread inside the shared transaction.
    private final class Batch {
        let write: (SQLiteEventStore, Int64) throws -> AppendResult
        var result: Result<AppendResult, Error>?
        /// For callers that do not wait: called on the reply queue after the commit.
        let completion: (@Sendable (Result<AppendResult, Error>) -> Void)?

        init(completion: (@Sendable (Result<AppendResult, Error>) -> Void)? = nil,
             write: @escaping (SQLiteEventStore, Int64) throws -> AppendResult) {
            self.write = write
            self.completion = completion
        }

        /// Parses ids and hashes participants on the caller's thread, so the writer only writes.
        static func events(_ events: [LearningEvent], hash: KeyedHash,
                           completion: (@Sendable (Result<AppendResult, Error>) -> Void)? = nil) throws -> Batch {
            let rows = try events.map { event in
                guard let id = EventID(event.id) else { throw StoreError(description: "an event id is not a UUID") }
                return EventRow(id: id, event: event, participant: event.participant.map { hash.hex($0) })
            }
            return Batch(completion: completion) { store, hour in try store.insert(rows, hour: hour) }
        }
    }

    /// An event ready for the writer: its id as bytes and its participant already hashed.
    private struct EventRow {
        var id: EventID
        var event: LearningEvent
        var participant: String?
    }

    /// Replies handed from the writer to the reply queue. The errors in them are the store's own
    /// (`StoreError`, `StoreOverloaded`, both Sendable), so crossing threads is safe.
    private struct Replies: @unchecked Sendable {
        var list: [(@Sendable (Result<AppendResult, Error>) -> Void, Result<AppendResult, Error>)]
    }

    /// Transaction control, prepared once: the writer runs these for every request.
    private struct TransactionStatements {
        let begin, commit, rollback, savepoint, release, rollbackToSavepoint: SQLiteStatement

        init(_ connection: SQLiteConnection) throws {
            begin = try connection.prepare("BEGIN IMMEDIATE")
            commit = try connection.prepare("COMMIT")
            rollback = try connection.prepare("ROLLBACK")
            savepoint = try connection.prepare("SAVEPOINT batch")
            release = try connection.prepare("RELEASE batch")
            rollbackToSavepoint = try connection.prepare("ROLLBACK TO batch")
        }
    }

    private let connection: SQLiteConnection
    private let checkpointer: Checkpointer
    private let transaction: TransactionStatements
    private let ids: EventIDIndex
    /// Ids inserted under the current request's savepoint, handed to `ids` once it is released.
    private var staged: [EventID] = []
    /// The seq given to the newest row of the open transaction.
    private var seq: Int64 = 0
    private let insert: SQLiteStatement
    private let insertResponse: SQLiteStatement
    private let insertItem: SQLiteStatement
    private let upsertConsent: SQLiteStatement
    private let findConsent: SQLiteStatement
    private let hash: KeyedHash
    /// Runs callers' completions after each commit, so that waking event loops (and being preempted
    /// by them on a busy machine) never delays the writer's next commit.
    private let replies = DispatchQueue(label: "hearth-store-replies")
    private let condition = NSCondition()
    private var queue: [Batch] = []
    private var stopping = false
    /// Set by tests to hold the writer still, so that the queue's limit can be reached on purpose.
    private var paused = false
    /// Requests waiting for the writer beyond this are turned away at once rather than queued without bound.
    public let maximumQueuedBatches: Int
    private var writer: Thread?
    private var figures = StoreStatistics()

    public var statistics: StoreStatistics {
        condition.lock()
        defer { condition.unlock() }
        return figures
    }

    /// Opens (or creates) the database at `path`; the hashing key lives beside it in `path.key` (mode 0600).
    /// `maximumQueuedBatches` bounds the requests waiting for a commit (each at most 100 events); beyond it writes
    /// fail with `StoreOverloaded`, which the API answers with 429.
    public init(path: String, maximumQueuedBatches: Int = 4096) throws {
        self.maximumQueuedBatches = maximumQueuedBatches
        connection = try SQLiteConnection(path: path)
        // A larger page cache keeps the id index's pages in memory for the duplicate check.
        try connection.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-8192;")
        try StoreSchema.migrate(connection)
        transaction = try TransactionStatements(connection)
        ids = try EventIDIndex(connection: connection)
        figures.eventsStored = Int(try connection.integer("SELECT COUNT(*) FROM events"))
        insert = try connection.prepare(
            "INSERT INTO events (id, type, course, module, quiz, score, area, participant, hour, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        insertResponse = try connection.prepare(
            "INSERT OR IGNORE INTO responses (id, measure, occasion, course, area, participant, hour) VALUES (?, ?, ?, ?, ?, ?, ?)")
        insertItem = try connection.prepare("INSERT INTO response_items (response, item, value) VALUES (?, ?, ?)")
        findConsent = try connection.prepare("SELECT 1 FROM consents WHERE participant = ?")
        upsertConsent = try connection.prepare(
            "INSERT INTO consents (participant, version, hour) VALUES (?, ?, ?) ON CONFLICT(participant) DO UPDATE SET version = excluded.version, hour = excluded.hour")
        hash = KeyedHash(key: try Self.key(at: path + ".key"))
        // Last, so that nothing after it can fail and leave its thread behind.
        checkpointer = try Checkpointer(path: path)
        checkpointer.watch(connection)
        let thread = Thread { [unowned self] in self.writeLoop() }
        thread.name = "hearth-store-writer"
        writer = thread
        thread.start()
    }

    /// Finishes every queued batch, then stops the writer.
    public func close() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while writer != nil { condition.wait() }
        condition.unlock()
        replies.sync {}
        checkpointer.stop()
    }

    /// The secret for participant hashes: 32 random bytes, created on first start, readable only by this user.
    private static func key(at path: String) throws -> [UInt8] {
        if let data = FileManager.default.contents(atPath: path), data.count >= 32 { return [UInt8](data) }
        var key = [UInt8](repeating: 0, count: 32)
        let random = Glibc.open("/dev/urandom", O_RDONLY)
        guard random >= 0, Glibc.read(random, &key, 32) == 32 else { throw StoreError(description: "cannot read /dev/urandom for the hashing key") }
        Glibc.close(random)
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw StoreError(description: "cannot create the key file \(path): \(String(cString: strerror(errno)))") }
        defer { Glibc.close(descriptor) }
        guard Glibc.write(descriptor, key, 32) == 32, fsync(descriptor) == 0 else {
            throw StoreError(description: "cannot write the key file \(path)")
        }
        return key
    }

    // MARK: Writing

    public func append(_ events: [LearningEvent]) throws -> AppendResult {
        let batch = try Batch.events(events, hash: hash)
        condition.lock()
        guard !stopping else {
            condition.unlock()
            throw StoreError(description: "the store is shutting down")
        }
        queue.append(batch)
        condition.broadcast()
        while batch.result == nil { condition.wait() }
        condition.unlock()
        return try batch.result!.get()
    }

    public func append(_ events: [LearningEvent], completion: @escaping @Sendable (Result<AppendResult, Error>) -> Void) {
        do {
            enqueue(try Batch.events(events, hash: hash, completion: completion))
        } catch {
            completion(.failure(error))
        }
    }

    public func append(_ response: QuestionnaireResponse, completion: @escaping @Sendable (Result<AppendResult, Error>) -> Void) {
        enqueue(Batch(completion: completion) { store, hour in try store.insert(response, hour: hour) })
    }

    public func recordConsent(participant: String, version: String, completion: @escaping @Sendable (Result<AppendResult, Error>) -> Void) {
        enqueue(Batch(completion: completion) { store, hour in
            try store.upsertConsent.run([.text(store.hash.hex(participant)), .text(version), .integer(hour)])
            return AppendResult(accepted: 1, duplicates: 0)
        })
    }

    private func enqueue(_ batch: Batch) {
        let completion = batch.completion!
        condition.lock()
        guard !stopping else {
            condition.unlock()
            completion(.failure(StoreError(description: "the store is shutting down")))
            return
        }
        guard queue.count < maximumQueuedBatches else {
            condition.unlock()
            completion(.failure(StoreOverloaded()))
            return
        }
        queue.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    /// Holds the writer before its next commit (for tests of a full queue).
    func pauseWriting() {
        condition.lock()
        paused = true
        condition.unlock()
    }

    /// Requests waiting for the writer (for tests of a full queue).
    var queuedBatches: Int {
        condition.lock()
        defer { condition.unlock() }
        return queue.count
    }

    func resumeWriting() {
        condition.lock()
        paused = false
        condition.broadcast()
        condition.unlock()
    }

    private func writeLoop() {
        while true {
            condition.lock()
            while (queue.isEmpty || paused) && !stopping { condition.wait() }
            if queue.isEmpty && stopping {
                writer = nil
                condition.broadcast()
                condition.unlock()
                return
            }
            let batches = queue
            queue.removeAll()
            condition.unlock()

            let started = Date()
            let added = commit(batches)
            let seconds = Date().timeIntervalSince(started)

            condition.lock()
            figures.recordCommit(seconds: seconds)
            figures.eventsStored += added
            condition.broadcast()
            condition.unlock()
        }
    }

    /// One transaction for everything queued; each request's batch is all-or-nothing through a savepoint.
    /// Returns how many events were added.
    private func commit(_ batches: [Batch]) -> Int {
        let hour = Int64(Date().timeIntervalSince1970 / 3600)
        var outcomes: [Result<AppendResult, Error>] = []
        var arrived = 0
        do {
            try transaction.begin.run()
            ids.begin()
            for batch in batches {
                staged.removeAll(keepingCapacity: true)
                seq = ids.lastSeq
                do {
                    try transaction.savepoint.run()
                    let outcome = try batch.write(self, hour)
                    try transaction.release.run()
                    ids.stored(staged, lastSeq: seq)
                    arrived += staged.count
                    outcomes.append(.success(outcome))
                } catch {
                    _ = try? transaction.rollbackToSavepoint.run()
                    _ = try? transaction.release.run()
                    outcomes.append(.failure(error))
                }
            }
            try ids.mergeSlice(arrived: arrived)
            try transaction.commit.run()
            ids.committed()
        } catch {
            _ = try? transaction.rollback.run()
            ids.rolledBack()
            outcomes = batches.map { _ in .failure(error) }
            arrived = 0
        }
        condition.lock()
        for (batch, outcome) in zip(batches, outcomes) { batch.result = outcome }
        condition.unlock()
        let finished = Replies(list: zip(batches, outcomes).compactMap { batch, outcome in batch.completion.map { ($0, outcome) } })
        if !finished.list.isEmpty {
            replies.async { for (completion, outcome) in finished.list { completion(outcome) } }
        }
        return arrived
    }

    /// Whether a (hashed) participant's consent is on record, read inside the writer's transaction.
    private func hasConsent(_ participant: String) throws -> Bool {
        findConsent.reset()
        findConsent.bind(1, participant)
        return try findConsent.exists()
    }

    private func insert(_ rows: [EventRow], hour: Int64) throws -> AppendResult {
        for (index, row) in rows.enumerated() {
            if let participant = row.participant, try !hasConsent(participant) { throw ConsentRequired(index: index) }
        }
        for row in rows {
            let id = row.id
            let event = row.event
            // A repeat within the batch itself is not in the index until the batch's savepoint is released.
            if staged.contains(id) { continue }
            if try ids.contains(id) { continue }
            seq += 1
            insert.reset()
            insert.bind(10, seq)
            insert.bind(1, event.id)
            insert.bind(2, event.type)
            insert.bind(3, event.course)
            insert.bind(4, event.module)
            insert.bind(5, event.quiz)
            insert.bind(6, event.score)
            insert.bind(7, event.area)
            insert.bind(8, row.participant)
            insert.bind(9, hour)
            _ = try insert.step()
            staged.append(id)
        }
        return AppendResult(accepted: staged.count, duplicates: rows.count - staged.count)
    }

    private func insert(_ response: QuestionnaireResponse, hour: Int64) throws -> AppendResult {
        let participant = response.participant.map { hash.hex($0) }
        if let participant, try !hasConsent(participant) { throw ConsentRequired(index: nil) }
        let added = try insertResponse.run([
            .text(response.id), .text(response.measure), .text(response.occasion),
            response.course.map { .text($0) } ?? .null, response.area.map { .text($0) } ?? .null,
            participant.map { .text($0) } ?? .null, .integer(hour),
        ])
        guard added == 1 else { return AppendResult(accepted: 0, duplicates: 1) }
        for (item, value) in response.answers.sorted(by: { $0.key < $1.key }) {
            try insertItem.run([.text(response.id), .text(item), .integer(Int64(value))])
        }
        return AppendResult(accepted: 1, duplicates: 0)
    }

    // MARK: Reading and erasing (through the writer's connection, serialised by the same lock)

    public func count() throws -> Int {
        try rowCount("events")
    }

    public func erase(participant: String) throws -> Int {
        let hashed = hash.hex(participant)
        return try serialised {
            let removed = try connection.transaction {
                // Erased rows may be the newest: record the highest seq so that it is never given out again.
                try connection.prepare("UPDATE store_state SET value = ? WHERE name = 'highest_seq'").run([.integer(ids.lastSeq)])
                return try ["events", "responses", "consents"].map { table in
                    try connection.prepare("DELETE FROM \(table) WHERE participant = ?").run([.text(hashed)])
                }
            }
            // The writer is held by `serialised`, whose lock this thread holds.
            figures.eventsStored -= removed[0]
            return removed.reduce(0, +)
        }
    }

    /// Rows in a table, for tests and metrics.
    func rowCount(_ table: String) throws -> Int {
        try serialised {
            Int(try connection.integer("SELECT COUNT(*) FROM \(table)"))
        }
    }

    /// The ids stored, for the durability test.
    public func storedIDs() throws -> Set<String> {
        try serialised {
            Set(try connection.prepare("SELECT id FROM events").rows().compactMap { row in
                if case .text(let id)? = row.first { return id }
                return nil
            })
        }
    }

    /// The stored participant column for an event id (to check that only a hash is kept).
    func storedParticipant(of id: String) throws -> String? {
        try serialised {
            let rows = try connection.prepare("SELECT participant FROM events WHERE id = ?").rows([.text(id)])
            if case .text(let value)? = rows.first?.first { return value }
            return nil
        }
    }

    /// Runs `body` when the writer is between commits, so the connection is never used by two threads.
    private func serialised<T>(_ body: () throws -> T) throws -> T {
        let done = Batch { _, _ in AppendResult(accepted: 0, duplicates: 0) }
        condition.lock()
        // An empty batch goes through the writer like any other; reads wait their turn behind it.
        queue.append(done)
        condition.broadcast()
        while done.result == nil { condition.wait() }
        defer { condition.unlock() }
        return try body()
    }
}
