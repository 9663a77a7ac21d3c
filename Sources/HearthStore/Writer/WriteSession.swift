import Foundation

/// The write connection and everything prepared on it, owned by the writer thread alone.
///
/// Made on the thread that opens the store, then handed to the writer thread and kept only there:
/// nothing else holds a reference, so the connection cannot be used by two threads at once.
final class WriteSession {
    /// Transaction control, prepared once: the writer runs these for every request.
    private struct TransactionStatements {
        let begin, commit, rollback, savepoint, release, rollbackToSavepoint: SQLiteStatement

        init(_ connection: SQLiteConnection) throws {
            begin = try connection.prepare("BEGIN IMMEDIATE")
            commit = try connection.prepare("COMMIT")
            rollback = try connection.prepare("ROLLBACK")
            savepoint = try connection.prepare("SAVEPOINT request")
            release = try connection.prepare("RELEASE request")
            rollbackToSavepoint = try connection.prepare("ROLLBACK TO request")
        }
    }

    /// The statements for each kind of record.
    private struct RecordStatements {
        let insertEvent, insertResponse, insertItem, findResponse: SQLiteStatement
        let findConsent, upsertConsent, findErased: SQLiteStatement
        let eraseEvents, eraseResponses, eraseConsent, recordErased, raiseHighestSeq: SQLiteStatement

        init(_ connection: SQLiteConnection) throws {
            insertEvent = try connection.prepare(
                "INSERT INTO events (id, type, course, module, quiz, score, area, participant, hour, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            insertResponse = try connection.prepare(
                "INSERT OR IGNORE INTO responses (id, measure, occasion, course, area, participant, hour) VALUES (?, ?, ?, ?, ?, ?, ?)")
            insertItem = try connection.prepare("INSERT INTO response_items (response, item, value) VALUES (?, ?, ?)")
            findResponse = try connection.prepare(
                "SELECT id FROM responses WHERE participant = ? AND course IS ? AND measure = ? AND occasion = ?")
            findConsent = try connection.prepare("SELECT 1 FROM consents WHERE participant = ?")
            upsertConsent = try connection.prepare(
                "INSERT INTO consents (participant, version, hour) VALUES (?, ?, ?) ON CONFLICT(participant) DO UPDATE SET version = excluded.version, hour = excluded.hour")
            findErased = try connection.prepare("SELECT 1 FROM erased_participants WHERE participant = ?")
            eraseEvents = try connection.prepare("DELETE FROM events WHERE participant = ?")
            // Items go with their response (ON DELETE CASCADE).
            eraseResponses = try connection.prepare("DELETE FROM responses WHERE participant = ?")
            eraseConsent = try connection.prepare("DELETE FROM consents WHERE participant = ?")
            recordErased = try connection.prepare("INSERT OR IGNORE INTO erased_participants (participant) VALUES (?)")
            raiseHighestSeq = try connection.prepare("UPDATE store_state SET value = max(value, ?) WHERE name = 'highest_seq'")
        }
    }

    private let connection: SQLiteConnection
    private let transaction: TransactionStatements
    private let records: RecordStatements
    private let ids: EventIDIndex
    private let assessments: AssessmentStatements
    private let research: ResearchStatements
    /// Ids inserted under the current request's savepoint, handed to `ids` once it is released.
    private var staged: [EventID] = []
    /// The seq given to the newest row of the open request.
    private var seq: Int64 = 0
    /// Events held when the session opened, so the metrics start right.
    let eventsAtStart: Int

    init(connection: SQLiteConnection) throws {
        self.connection = connection
        transaction = try TransactionStatements(connection)
        records = try RecordStatements(connection)
        assessments = try AssessmentStatements(connection)
        research = try ResearchStatements(connection)
        ids = try EventIDIndex(connection: connection)
        eventsAtStart = Int(try connection.integer("SELECT COUNT(*) FROM events"))
    }

    /// One transaction for everything queued; each request is all-or-nothing through a savepoint.
    /// Returns each request's outcome and how the number of stored events changed.
    func commit(_ requests: [WriteRequest]) -> (outcomes: [Result<WriteOutcome, Error>], eventsChange: Int) {
        let hour = Int64(Date().timeIntervalSince1970 / 3600)
        var outcomes: [Result<WriteOutcome, Error>] = []
        outcomes.reserveCapacity(requests.count)
        var arrived = 0
        var erased = 0
        do {
            try transaction.begin.run()
            ids.begin()
            for request in requests {
                staged.removeAll(keepingCapacity: true)
                seq = ids.lastSeq
                do {
                    try transaction.savepoint.run()
                    let outcome = try perform(request, hour: hour)
                    try transaction.release.run()
                    ids.stored(staged, lastSeq: seq)
                    arrived += staged.count
                    if case .erased(let erasure) = outcome { erased += erasure.events }
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
            return (requests.map { _ in .failure(error) }, 0)
        }
        return (outcomes, arrived - erased)
    }

    /// A passive checkpoint is asked for after commits that leave the log long (see `Checkpointer`).
    func watch(with checkpointer: Checkpointer) {
        checkpointer.watch(connection)
    }

    private func perform(_ request: WriteRequest, hour: Int64) throws -> WriteOutcome {
        switch request {
        case .events(let rows, _): return .appended(try insert(rows, hour: hour))
        case .response(let row, _): return .appended(try insert(row, hour: hour))
        case .consent(let participant, let version, _): return .appended(try recordConsent(participant, version: version, hour: hour))
        case .erasure(let participant, _): return .erased(try erase(participant))
        case .startAttempt(let learner, let course, let quiz, let startedHour, let plan, _):
            return .attempt(try assessments.start(learner: learner, course: course, quiz: quiz, hour: startedHour, plan: plan))
        case .submitAttempt(let id, let learner, let score, _):
            return .attempts(try assessments.submit(id: id, learner: learner, score: score))
        case .issueCertificate(let learner, let course, let code, let check, _):
            return .certificate(try assessments.issueCertificate(learner: learner, course: course, code: code, day: hour / 24, check: check))
        case .withdrawCertificate(let code, _):
            return .withdrawn(try assessments.withdrawCertificate(code: code, day: hour / 24))
        case .createToken(let token, _):
            try research.insertToken.run([.text(token.name), .text(token.hash), .text(token.areas?.joined(separator: ",") ?? "all"),
                                          .text(token.scope.rawValue), token.expiresDay.map { .integer($0) } ?? .null,
                                          .integer(token.createdDay)])
            return .withdrawn(true)
        case .revokeToken(let name, _):
            return .withdrawn(try research.revokeToken.run([.integer(hour / 24), .text(name)]) == 1)
        case .audit(let token, let endpoint, let parameters, _):
            try research.audit.run([.text(token), .text(endpoint), .text(parameters), .integer(hour)])
            return .withdrawn(true)
        case .flush: return .flushed
        }
    }

    private func exists(_ statement: SQLiteStatement, _ participant: String) throws -> Bool {
        statement.reset()
        statement.bind(1, participant)
        return try statement.exists()
    }

    private func insert(_ rows: [EventRow], hour: Int64) throws -> AppendResult {
        for (index, row) in rows.enumerated() {
            if let participant = row.participant, try !exists(records.findConsent, participant) { throw ConsentRequired(index: index) }
        }
        let insert = records.insertEvent
        for row in rows {
            let id = row.id
            let event = row.event
            // A repeat within the batch itself is not in the index until the request's savepoint is released.
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

    private func insert(_ row: ResponseRow, hour: Int64) throws -> AppendResult {
        let response = row.response
        if let participant = row.participant, try !exists(records.findConsent, participant) { throw ConsentRequired(index: nil) }
        let values: [SQLiteStatement.Value] = [
            .text(response.id), .text(response.measure), .text(response.occasion),
            response.course.map { .text($0) } ?? .null, response.area.map { .text($0) } ?? .null,
            row.participant.map { .text($0) } ?? .null, .integer(hour),
        ]
        if let participant = row.participant {
            // A retry has the same id and is a duplicate; another answer for the same occasion is refused.
            let pairing: [SQLiteStatement.Value] = [.text(participant), response.course.map { .text($0) } ?? .null,
                                                    .text(response.measure), .text(response.occasion)]
            if let earlier = try records.findResponse.rows(pairing).first {
                if case .text(response.id)? = earlier.first { return AppendResult(accepted: 0, duplicates: 1) }
                throw AlreadyAnswered()
            }
        }
        guard try records.insertResponse.run(values) == 1 else { return AppendResult(accepted: 0, duplicates: 1) }
        for (item, value) in response.answers.sorted(by: { $0.key < $1.key }) {
            try records.insertItem.run([.text(response.id), .text(item), .integer(Int64(value))])
        }
        return AppendResult(accepted: 1, duplicates: 0)
    }

    private func recordConsent(_ participant: String, version: String, hour: Int64) throws -> AppendResult {
        if try exists(records.findErased, participant) { throw ParticipantErased() }
        try records.upsertConsent.run([.text(participant), .text(version), .integer(hour)])
        return AppendResult(accepted: 1, duplicates: 0)
    }

    private func erase(_ participant: String) throws -> Erasure {
        // Erased rows may be the newest: the highest seq is recorded so that it is never given out again.
        try records.raiseHighestSeq.run([.integer(ids.lastSeq)])
        let events = try records.eraseEvents.run([.text(participant)])
        let responses = try records.eraseResponses.run([.text(participant)])
        let consents = try records.eraseConsent.run([.text(participant)])
        try records.recordErased.run([.text(participant)])
        return Erasure(events: events, responses: responses, consents: consents)
    }
}
