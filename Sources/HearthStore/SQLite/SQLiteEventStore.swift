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
    /// Runs lookups on read connections, off the event loops.
    private let lookups = DispatchQueue(label: "hearth-store-lookups", attributes: .concurrent)

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

    // MARK: Assessments and certificates

    /// Learner ids hash in a domain of their own, so the same id as a participant's would never match it.
    private func learnerHash(_ learner: String) -> String { hash.hex("learner " + learner) }

    /// A certificate code is kept only as its SHA-256: enough to verify it, nothing to read it back from.
    private static func codeHash(_ code: String) -> String {
        SHA256.hash(Array(code.utf8)).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    package func startAttempt(learner: String, course: String, quiz: String, hour: Int64,
                              plan: @escaping @Sendable ([StoredAttempt]) throws -> PlannedAttempt, completion: @escaping StoreCompletion<StoredAttempt>) {
        queue.submit(.startAttempt(learner: learnerHash(learner), course: course, quiz: quiz, hour: hour, plan: plan, reply: completion))
    }

    package func submitAttempt(id: String, learner: String, score: @escaping @Sendable (StoredAttempt?) throws -> AttemptScore,
                              completion: @escaping StoreCompletion<[StoredAttempt]>) {
        queue.submit(.submitAttempt(id: id, learner: learnerHash(learner), score: score, reply: completion))
    }

    package func issueCertificate(learner: String, course: String, code: String, check: @escaping @Sendable ([StoredAttempt]) throws -> Void,
                                 completion: @escaping StoreCompletion<CertificateRecord>) {
        queue.submit(.issueCertificate(learner: learnerHash(learner), course: course, code: Self.codeHash(code), check: check, reply: completion))
    }

    package func withdrawCertificate(code: String, completion: @escaping StoreCompletion<Bool>) {
        queue.submit(.withdrawCertificate(code: Self.codeHash(code), reply: completion))
    }

    package func certificate(code: String, completion: @escaping StoreCompletion<CertificateRecord?>) {
        let hashed = Self.codeHash(code)
        let reads = self.reads
        lookups.async {
            completion(Result {
                try reads.read { connection in
                    let rows = try connection.prepare("SELECT course, issued_day, withdrawn_day FROM certificates WHERE code = ?").rows([.text(hashed)])
                    guard let row = rows.first, case .text(let course) = row[0], case .integer(let day) = row[1] else { return nil }
                    if case .integer(let withdrawn) = row[2] { return CertificateRecord(course: course, issuedDay: day, withdrawnDay: withdrawn) }
                    return CertificateRecord(course: course, issuedDay: day)
                }
            })
        }
    }

    // MARK: Research

    /// Runs a read on the lookup queue and answers with its result.
    private func lookup<Value: Sendable>(_ completion: @escaping StoreCompletion<Value>, _ read: @escaping @Sendable (ResearchReads) throws -> Value) {
        let research = ResearchReads(reads: reads)
        lookups.async { completion(Result { try read(research) }) }
    }

    package func researchTokens(completion: @escaping StoreCompletion<[ResearchToken]>) {
        lookup(completion) { try $0.tokens() }
    }

    package func createToken(_ token: ResearchToken, completion: @escaping StoreCompletion<Bool>) {
        queue.submit(.createToken(token) { result in
            // A taken name is the one constraint an insert can break here.
            if case .failure(let error) = result, "\(error)".contains("UNIQUE") { return completion(.success(false)) }
            completion(result)
        })
    }

    package func revokeToken(name: String, completion: @escaping StoreCompletion<Bool>) {
        queue.submit(.revokeToken(name: name, reply: completion))
    }

    package func audit(token: String, endpoint: String, parameters: String, completion: @escaping StoreCompletion<Bool>) {
        queue.submit(.audit(token: token, endpoint: endpoint, parameters: parameters, reply: completion))
    }

    package func usage(months: [MonthSpan], areas: [String]?, completion: @escaping StoreCompletion<[String: UsageRows]>) {
        lookup(completion) { try $0.usage(months: months, areas: areas) }
    }

    package func funnel(course: String, areas: [String]?, completion: @escaping StoreCompletion<FunnelRows>) {
        lookup(completion) { try $0.funnel(course: course, areas: areas) }
    }

    package func answers(course: String, measure: String, areas: [String]?, completion: @escaping StoreCompletion<[ParticipantAnswers]>) {
        lookup(completion) { try $0.answers(course: course, measure: measure, areas: areas) }
    }

    package func eachResponse(areas: [String]?, _ body: (ResponseExportRow) throws -> Void) throws {
        try ResearchReads(reads: reads).eachResponse(areas: areas, body)
    }

    package func eachEvent(areas: [String]?, _ body: (EventExportRow) throws -> Void) throws {
        try ResearchReads(reads: reads).eachEvent(areas: areas, body)
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
