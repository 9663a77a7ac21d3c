import Foundation

/// The embedded store: SQLite in WAL mode with `synchronous=FULL`.
///
/// Every write is a `WriteRequest` queued to one writer thread, which owns the write connection and
/// commits everything queued while its previous commit ran (group commit); callers are answered only
/// after their request is on disk. Reads use connections of their own (`ReadConnections`).
package final class SQLiteEventStore: EventStore {
    private let queue: WriteQueue
    private let hash: KeyedHash
    private let reads: ReadConnections
    private let checkpointer: Checkpointer
    /// Runs callers' completions after each commit, off the writer thread.
    private let replies = DispatchQueue(label: "hearth-store-replies")

    /// Opens (or creates) the database at `path`, with the participant key in `path.key` (see `ParticipantKey`).
    /// `maximumQueuedBatches` bounds the requests waiting for a commit (each at most 100 events); beyond it writes
    /// fail with `StoreOverloaded`, which the API answers with 429.
    package init(path: String, maximumQueuedBatches: Int = 4096) throws {
        let connection = try SQLiteConnection(path: path)
        // A larger page cache keeps the id index's pages in memory for the duplicate check.
        try connection.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-8192;")
        try StoreSchema.migrate(connection)
        hash = try ParticipantKey.load(path: path + ".key", connection: connection)
        let session = try WriteSession(connection: connection)
        reads = ReadConnections(path: path)
        queue = WriteQueue(limit: maximumQueuedBatches, eventsStored: session.eventsAtStart)
        // Last but one, so that nothing after it can fail and leave its thread behind.
        checkpointer = try Checkpointer(path: path)
        session.watch(with: checkpointer)
        StoreWriter.start(session: session, queue: queue, replies: replies)
    }

    /// Finishes every queued request, answers it, then stops the writer and the checkpoints.
    package func close() {
        queue.stop()
        replies.sync {}
        checkpointer.stop()
    }

    package var statistics: StoreStatistics { queue.statistics }

    // MARK: Writing

    package func append(_ events: [LearningEvent], completion: @escaping StoreCompletion<AppendResult>) {
        var rows: [EventRow] = []
        rows.reserveCapacity(events.count)
        // Ids are parsed and participants hashed on the caller's thread, so the writer only writes.
        for event in events {
            guard let id = EventID(event.id) else { return completion(.failure(StoreError(description: "an event id is not a UUID"))) }
            rows.append(EventRow(id: id, event: event, participant: event.participant.map(hash.hex)))
        }
        queue.submit(.events(rows, reply: completion))
    }

    package func append(_ response: QuestionnaireResponse, completion: @escaping StoreCompletion<AppendResult>) {
        queue.submit(.response(ResponseRow(response: response, participant: response.participant.map(hash.hex)), reply: completion))
    }

    package func recordConsent(participant: String, version: String, completion: @escaping StoreCompletion<AppendResult>) {
        queue.submit(.consent(participant: hash.hex(participant), version: version, reply: completion))
    }

    package func erase(participant: String, completion: @escaping StoreCompletion<Erasure>) {
        queue.submit(.erasure(participant: hash.hex(participant), reply: completion))
    }

    // MARK: Reading (on read connections: never the writer's)

    /// How many events are stored, counted in the database.
    package func count() throws -> Int {
        try rowCount("events")
    }

    /// Rows in a table (for tests and checks).
    package func rowCount(_ table: String) throws -> Int {
        try reads.read { Int(try $0.integer("SELECT COUNT(*) FROM \(table)")) }
    }

    /// The ids of the stored events (for the durability test).
    package func storedIDs() throws -> Set<String> {
        try reads.read { connection in
            Set(try connection.prepare("SELECT id FROM events").rows().compactMap { row in
                if case .text(let id)? = row.first { return id }
                return nil
            })
        }
    }

    /// The stored participant column for an event id (to check that only a hash is kept).
    package func storedParticipant(of id: String) throws -> String? {
        try reads.read { connection in
            let rows = try connection.prepare("SELECT participant FROM events WHERE id = ?").rows([.text(id)])
            if case .text(let value)? = rows.first?.first { return value }
            return nil
        }
    }

    /// The first column of a query's first row as a whole number (0 for none), with one text parameter (for tests).
    package func scalar(_ sql: String, _ parameter: String? = nil) throws -> Int {
        try reads.read { connection in
            let rows = try connection.prepare(sql).rows(parameter.map { [.text($0)] } ?? [])
            if case .integer(let value)? = rows.first?.first { return Int(value) }
            return 0
        }
    }

    /// The result of `PRAGMA integrity_check`: "ok", or what is wrong.
    package func integrityCheck() throws -> String {
        try reads.read { connection in
            try connection.prepare("PRAGMA integrity_check").rows().compactMap { row -> String? in
                if case .text(let line)? = row.first { return line }
                return nil
            }.joined(separator: "\n")
        }
    }

    // MARK: Waiting (tests and the command line, which may block)

    /// Resolves once every request queued before it has been committed.
    package func flush() {
        let done = DispatchSemaphore(value: 0)
        queue.submit(.flush { done.signal() })
        done.wait()
    }

    /// Holds the writer before its next commit (for tests of a full queue).
    package func pauseWriting() { queue.pause() }

    package func resumeWriting() { queue.resume() }

    /// Requests waiting for the writer (for tests of a full queue).
    package var queuedBatches: Int { queue.waiting }
}
