/// The writer's SQL for assessed quizzes and certificates, prepared once on the write connection.
/// The decisions (how many attempts, which questions, whether a course is passed) are the caller's,
/// made inside the transaction from what these read.
struct AssessmentStatements {
    private let attemptsOfQuiz, attemptByID, insertAttempt, scoreAttempt, attemptsOfCourse: SQLiteStatement
    private let insertCertificate, withdraw: SQLiteStatement

    init(_ connection: SQLiteConnection) throws {
        let columns = "id, course, quiz, round, questions, started_hour, score, passed"
        attemptsOfQuiz = try connection.prepare(
            "SELECT \(columns) FROM assessment_attempts WHERE learner = ? AND course = ? AND quiz = ? ORDER BY started_hour, round")
        attemptByID = try connection.prepare("SELECT \(columns) FROM assessment_attempts WHERE id = ? AND learner = ?")
        insertAttempt = try connection.prepare(
            "INSERT INTO assessment_attempts (id, learner, course, quiz, round, questions, started_hour) VALUES (?, ?, ?, ?, ?, ?, ?)")
        scoreAttempt = try connection.prepare("UPDATE assessment_attempts SET score = ?, passed = ? WHERE id = ?")
        attemptsOfCourse = try connection.prepare(
            "SELECT \(columns) FROM assessment_attempts WHERE learner = ? AND course = ? ORDER BY started_hour, round")
        insertCertificate = try connection.prepare("INSERT INTO certificates (code, course, issued_day) VALUES (?, ?, ?)")
        withdraw = try connection.prepare("UPDATE certificates SET withdrawn_day = ? WHERE code = ? AND withdrawn_day IS NULL")
    }

    func start(learner: String, course: String, quiz: String, hour: Int64,
               plan: ([StoredAttempt]) throws -> PlannedAttempt) throws -> StoredAttempt {
        let earlier = try attempts(attemptsOfQuiz, [.text(learner), .text(course), .text(quiz)])
        let planned = try plan(earlier)
        let attempt = StoredAttempt(id: Self.newID(), course: course, quiz: quiz, round: planned.round, questions: planned.questions,
                                    startedHour: hour)
        try insertAttempt.run([.text(attempt.id), .text(learner), .text(course), .text(quiz), .integer(Int64(planned.round)),
                               .text(planned.questions.joined(separator: " ")), .integer(hour)])
        return attempt
    }

    func submit(id: String, learner: String, score: (StoredAttempt?) throws -> AttemptScore) throws -> [StoredAttempt] {
        let attempt = try attempts(attemptByID, [.text(id), .text(learner)]).first
        let result = try score(attempt)
        guard let attempt else { return [] }
        try scoreAttempt.run([.integer(Int64(result.score)), .integer(result.passed ? 1 : 0), .text(id)])
        return try attempts(attemptsOfQuiz, [.text(learner), .text(attempt.course), .text(attempt.quiz)])
    }

    func issueCertificate(learner: String, course: String, code: String, day: Int64,
                          check: ([StoredAttempt]) throws -> Void) throws -> CertificateRecord {
        try check(try attempts(attemptsOfCourse, [.text(learner), .text(course)]))
        try insertCertificate.run([.text(code), .text(course), .integer(day)])
        return CertificateRecord(course: course, issuedDay: day)
    }

    func withdrawCertificate(code: String, day: Int64) throws -> Bool {
        try withdraw.run([.integer(day), .text(code)]) == 1
    }

    private func attempts(_ statement: SQLiteStatement, _ values: [SQLiteStatement.Value]) throws -> [StoredAttempt] {
        try statement.rows(values).map(Self.attempt)
    }

    static func attempt(_ row: [SQLiteStatement.Value]) -> StoredAttempt {
        func text(_ index: Int) -> String { if case .text(let value) = row[index] { value } else { "" } }
        func integer(_ index: Int) -> Int64? { if case .integer(let value) = row[index] { value } else { nil } }
        return StoredAttempt(id: text(0), course: text(1), quiz: text(2), round: Int(integer(3) ?? 0),
                             questions: text(4).split(separator: " ").map(String.init), startedHour: integer(5) ?? 0,
                             score: integer(6).map(Int.init), passed: integer(7).map { $0 != 0 })
    }

    /// A random attempt id (a version 4 UUID), from the system's cryptographic generator.
    private static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        let hex = bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return parts.joined(separator: "-")
    }
}
