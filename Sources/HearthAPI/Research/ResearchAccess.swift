import Foundation
import HearthHTTP
import HearthStore

/// Checks a research request's `Authorization: Bearer` token against the store's hashes — every stored hash, in
/// constant time, so timing says nothing about which came close — and slows a client that keeps sending bad ones.
struct ResearchAccess: Sendable {
    let store: any EventStore
    let clock: @Sendable () -> Double
    /// Bad tokens per client (ten a minute), counted in memory only.
    let failures: ClientRateLimiter

    /// Answers with the grant, or the refusal to send.
    func check(_ request: HTTPRequest, completion: @escaping @Sendable (Result<ResearchGrant, APIError>) -> Void) {
        if let wait = failures.waiting(request.client) {
            return completion(.failure(APIError(.tooManyRequests, code: "too_many_requests", message: "too many bad tokens from here; wait and try again",
                                                headers: [("Retry-After", String(wait))])))
        }
        guard let header = request.header("authorization"), header.count > 7, header.prefix(7).lowercased() == "bearer " else {
            return completion(.failure(Self.unauthorized("send the token as 'Authorization: Bearer TOKEN'")))
        }
        let presented = Self.hexSHA256(String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces))
        let today = Int64(clock() / 86_400)
        let failures = self.failures
        let client = request.client
        store.researchTokens { result in
            guard case .success(let tokens) = result else {
                return completion(.failure(StoreReply.failure(StoreError(description: "tokens unreadable"))))
            }
            var match: ResearchToken?
            for token in tokens where Self.constantTimeEqual(token.hash, presented) { match = token }
            guard let token = match, token.isUsable(on: today) else {
                _ = failures.admit(client)
                return completion(.failure(Self.unauthorized(match == nil ? "this token is not valid" : "this token has expired or was revoked")))
            }
            completion(.success(ResearchGrant(token: token.name, areas: token.areas, scope: token.scope)))
        }
    }

    static func unauthorized(_ message: String) -> APIError {
        APIError(.unauthorized, code: "unauthorized", message: message, headers: [("WWW-Authenticate", "Bearer realm=\"hearth research\"")])
    }

    static func hexSHA256(_ text: String) -> String { ResearchAccessHash.of(text) }

    /// Compares every byte whatever differs, so the time taken says nothing about where two hashes part.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
