/// How a store answers a write: called once, on another thread, when the write is durable or refused.
package typealias StoreCompletion<Value> = @Sendable (Result<Value, Error>) -> Void

/// Where events, responses and consents are kept: what the API's endpoints need and nothing more.
/// SQLite now; PostgreSQL (for several API nodes) will be the second implementation.
///
/// Every write is answered only after it is durable. A write linked to a participant fails with
/// `ConsentRequired` unless that participant's consent is on record; a store with too much waiting
/// fails a write at once with `StoreOverloaded`.
package protocol EventStore: Sendable {
    /// Stores a batch of events all-or-nothing; a retried event counts as a duplicate.
    func append(_ events: [LearningEvent], completion: @escaping StoreCompletion<AppendResult>)
    /// Stores one questionnaire response; a retry counts as a duplicate, and a second answer from the same
    /// participant for the same course, measure and occasion fails with `AlreadyAnswered`.
    func append(_ response: QuestionnaireResponse, completion: @escaping StoreCompletion<AppendResult>)
    /// Records research consent with the version of the wording agreed to; an erased participant's id is refused
    /// with `ParticipantErased`.
    func recordConsent(participant: String, version: String, completion: @escaping StoreCompletion<AppendResult>)
    /// Removes everything held for a participant id and remembers (as a hash) that it was erased.
    func erase(participant: String, completion: @escaping StoreCompletion<Erasure>)
    /// Events held and commit durations, kept in memory so that reading them never waits for the database.
    var statistics: StoreStatistics { get }

    // Assessed quizzes and certificates. A learner id is a random id of its own, kept only as a keyed hash in a
    // domain apart from participants', so training records can never be joined to research answers.

    /// Starts an attempt stamped with `hour` (the caller's clock decides retakes, so it stamps them too); `plan` decides
    /// its round and questions from the learner's earlier attempts at the quiz (or refuses by throwing), in the same
    /// transaction as the insert.
    func startAttempt(learner: String, course: String, quiz: String, hour: Int64, plan: @escaping @Sendable ([StoredAttempt]) throws -> PlannedAttempt,
                      completion: @escaping StoreCompletion<StoredAttempt>)
    /// Scores an attempt once: `score` sees it (nil when this learner has none of that id) and refuses by throwing.
    /// Answered with the learner's attempts at that quiz.
    func submitAttempt(id: String, learner: String, score: @escaping @Sendable (StoredAttempt?) throws -> AttemptScore,
                       completion: @escaping StoreCompletion<[StoredAttempt]>)
    /// Records a certificate for `code` (kept only as a hash) once `check` accepts the learner's attempts at the course.
    func issueCertificate(learner: String, course: String, code: String, check: @escaping @Sendable ([StoredAttempt]) throws -> Void,
                          completion: @escaping StoreCompletion<CertificateRecord>)
    /// Withdraws a certificate; false when there is none under that code (or it was withdrawn already).
    func withdrawCertificate(code: String, completion: @escaping StoreCompletion<Bool>)
    /// The certificate under a code, if there is one.
    func certificate(code: String, completion: @escaping StoreCompletion<CertificateRecord?>)

    // Research: tokens, the audit of requests, and the reads behind the figures and exports. An `areas` filter is
    // nil for every area (records that named none included), else only those listed.

    /// Every research token (hashes only).
    func researchTokens(completion: @escaping StoreCompletion<[ResearchToken]>)
    /// Adds a token; false when its name is taken.
    func createToken(_ token: ResearchToken, completion: @escaping StoreCompletion<Bool>)
    /// Revokes a token by name; false when there is none, or it was revoked already.
    func revokeToken(name: String, completion: @escaping StoreCompletion<Bool>)
    /// Records a research request (token name, endpoint, parameters, the hour), durably, before it is answered.
    func audit(token: String, endpoint: String, parameters: String, completion: @escaping StoreCompletion<Bool>)
    /// Every course's usage counts in the given months, by course.
    func usage(months: [MonthSpan], areas: [String]?, completion: @escaping StoreCompletion<[String: UsageRows]>)
    /// A course's funnel counts.
    func funnel(course: String, areas: [String]?, completion: @escaping StoreCompletion<FunnelRows>)
    /// Each consenting participant's answers to a measure for a course, by occasion.
    func answers(course: String, measure: String, areas: [String]?, completion: @escaping StoreCompletion<[ParticipantAnswers]>)
    /// Every response, one call a response, never in arrival order; blocks (run it off an event loop).
    func eachResponse(areas: [String]?, _ body: (ResponseExportRow) throws -> Void) throws
    /// Every event, one call an event, never in arrival order; blocks (run it off an event loop).
    func eachEvent(areas: [String]?, _ body: (EventExportRow) throws -> Void) throws
}
