/// One write for the writer thread, with whom to answer once it is durable.
///
/// Every change to the database is one of these, queued to the one thread that owns the write
/// connection: events, responses, consents and erasure alike, so no two can ever use it at once.
enum WriteRequest: Sendable {
    case events([EventRow], reply: StoreCompletion<AppendResult>)
    case response(ResponseRow, reply: StoreCompletion<AppendResult>)
    /// `participant` is already the keyed hash.
    case consent(participant: String, version: String, reply: StoreCompletion<AppendResult>)
    /// `participant` is already the keyed hash.
    case erasure(participant: String, reply: StoreCompletion<Erasure>)
    /// A new attempt at an assessed quiz. `learner` is already the keyed hash; `plan` decides from the learner's
    /// earlier attempts at the quiz (or refuses by throwing), inside the writer's transaction.
    case startAttempt(learner: String, course: String, quiz: String, hour: Int64, plan: @Sendable ([StoredAttempt]) throws -> PlannedAttempt,
                      reply: StoreCompletion<StoredAttempt>)
    /// Scores an attempt: `score` sees it (nil when this learner has no attempt of that id) and refuses by throwing.
    /// Answered with the learner's attempts at that quiz, the scored one included.
    case submitAttempt(id: String, learner: String, score: @Sendable (StoredAttempt?) throws -> AttemptScore,
                       reply: StoreCompletion<[StoredAttempt]>)
    /// Records a certificate under the hash of its code once `check` accepts the learner's attempts at the course.
    case issueCertificate(learner: String, course: String, code: String, check: @Sendable ([StoredAttempt]) throws -> Void,
                          reply: StoreCompletion<CertificateRecord>)
    /// Marks a certificate withdrawn; answered false when there is none under that code.
    case withdrawCertificate(code: String, reply: StoreCompletion<Bool>)
    /// Adds a research token (its name must be new).
    case createToken(ResearchToken, reply: StoreCompletion<Bool>)
    /// Revokes a token by name; answered false when there is none (or it was revoked already).
    case revokeToken(name: String, reply: StoreCompletion<Bool>)
    /// Records a research request before it is answered.
    case audit(token: String, endpoint: String, parameters: String, reply: StoreCompletion<Bool>)
    /// Writes nothing; answered after the commit it joined (which also carries the id index on by a slice).
    case flush(reply: @Sendable () -> Void)

    /// Hands the outcome to the caller's completion, typed as it asked.
    func answer(_ result: Result<WriteOutcome, Error>) {
        func typed<Value>(_ reply: StoreCompletion<Value>, _ extract: (WriteOutcome) -> Value?) {
            reply(result.flatMap { outcome in
                extract(outcome).map { .success($0) } ?? .failure(StoreError(description: "the writer answered the wrong kind of write"))
            })
        }
        switch self {
        case .events(_, let reply), .response(_, let reply), .consent(_, _, let reply):
            typed(reply) { if case .appended(let counts) = $0 { counts } else { nil } }
        case .erasure(_, let reply):
            typed(reply) { if case .erased(let erasure) = $0 { erasure } else { nil } }
        case .startAttempt(_, _, _, _, _, let reply):
            typed(reply) { if case .attempt(let attempt) = $0 { attempt } else { nil } }
        case .submitAttempt(_, _, _, let reply):
            typed(reply) { if case .attempts(let attempts) = $0 { attempts } else { nil } }
        case .issueCertificate(_, _, _, _, let reply):
            typed(reply) { if case .certificate(let record) = $0 { record } else { nil } }
        case .withdrawCertificate(_, let reply), .createToken(_, let reply), .revokeToken(_, let reply), .audit(_, _, _, let reply):
            typed(reply) { if case .withdrawn(let found) = $0 { found } else { nil } }
        case .flush(let reply):
            reply()
        }
    }

    /// Fails the request without writing (the store is stopping or too busy).
    func refuse(_ error: Error) {
        answer(.failure(error))
    }
}

/// What one request's writes came to.
enum WriteOutcome: Sendable {
    case appended(AppendResult)
    case erased(Erasure)
    case attempt(StoredAttempt)
    case attempts([StoredAttempt])
    case certificate(CertificateRecord)
    /// Whether the write found what it was to change (a certificate to withdraw, a token to revoke).
    case withdrawn(Bool)
    case flushed
}

/// An event ready for the writer: its id as bytes and its participant already hashed (on the caller's thread).
struct EventRow: Sendable {
    var id: EventID
    var event: LearningEvent
    var participant: String?
}

/// A response ready for the writer, its participant already hashed.
struct ResponseRow: Sendable {
    var response: QuestionnaireResponse
    var participant: String?
}
