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
    /// Writes nothing; answered after the commit it joined (which also carries the id index on by a slice).
    case flush(reply: @Sendable () -> Void)

    /// Hands the outcome to the caller's completion, typed as it asked.
    func answer(_ result: Result<WriteOutcome, Error>) {
        switch self {
        case .events(_, let reply), .response(_, let reply), .consent(_, _, let reply):
            reply(result.flatMap { outcome in
                guard case .appended(let counts) = outcome else { return .failure(StoreError(description: "the writer answered the wrong kind of write")) }
                return .success(counts)
            })
        case .erasure(_, let reply):
            reply(result.flatMap { outcome in
                guard case .erased(let erasure) = outcome else { return .failure(StoreError(description: "the writer answered the wrong kind of write")) }
                return .success(erasure)
            })
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
