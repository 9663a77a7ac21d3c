import HearthHTTP
import HearthStore

/// How the store's answers to writes reach the client.
enum StoreReply {
    /// The 202 (or 200) a stored write gets, or the refusal.
    static func response(for result: Result<AppendResult, Error>, status: HTTPStatus = .accepted) -> HTTPResponse {
        switch result {
        case .success(let counts):
            let body = "{\"accepted\":\(counts.accepted),\"duplicates\":\(counts.duplicates)}\n"
            return HTTPResponse(status: status, headers: [("Content-Type", "application/json"), ("Cache-Control", "no-store")],
                                body: Array(body.utf8))
        case .failure(let error):
            return failure(error).response
        }
    }

    /// The answer to a write the store refused or could not make.
    static func failure(_ error: Error) -> APIError {
        switch error {
        case let error as ConsentRequired:
            APIError(.unprocessable, code: "no_consent",
                     message: "this participant id has no research consent on record (never given, or withdrawn); send it without 'participant'",
                     field: error.index.map { "events[\($0)].participant" } ?? "participant")
        case is ParticipantErased:
            APIError(.unprocessable, code: "erased",
                     message: "this participant id was erased and cannot be used again; make a new one", field: "participant")
        case is AlreadyAnswered:
            APIError(.conflict, code: "already_answered",
                     message: "this participant has already answered this questionnaire for this course on this occasion; the first answer stays",
                     field: "occasion")
        case is StoreOverloaded:
            APIError(.tooManyRequests, code: "too_many_requests",
                     message: "the server has more to store than it can take right now; keep the data and send it again in a few seconds",
                     headers: [("Retry-After", "2")])
        default:
            // Nothing was stored: the client keeps what it sent and retries later.
            APIError(.serviceUnavailable, code: "store_unavailable", message: "this cannot be stored right now; try again later")
        }
    }
}

extension HTTPReply {
    /// Validates at once — a refusal is answered now — and answers a valid request after its write commits,
    /// without holding the event loop in between.
    static func afterStoring<Value: Sendable>(
        status: HTTPStatus = .accepted, _ parse: () throws -> Value,
        write: @escaping @Sendable (Value, @escaping StoreCompletion<AppendResult>) -> Void
    ) -> HTTPReply {
        let value: Value
        do {
            value = try parse()
        } catch let refusal as APIError {
            return .now(refusal.response)
        } catch {
            return .now(APIError(.badRequest, code: "malformed_json", message: "the request could not be read").response)
        }
        return .later { respond in write(value) { respond(StoreReply.response(for: $0, status: status)) } }
    }
}
