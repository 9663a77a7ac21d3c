import Foundation
import HearthHTTP

extension HTTPReply {
    /// The response, waiting for a deferred one (tests only: the server itself never blocks on a reply).
    package func waitForResponse() -> HTTPResponse {
        started().wait()
    }

    /// Starts the reply without waiting for it, so a test can do something else meanwhile.
    package func started() -> PendingResponse {
        let pending = PendingResponse()
        switch self {
        case .now(let response): pending.set(response)
        case .later(let start): start { pending.set($0) }
        }
        return pending
    }
}

/// A response that arrives from another thread.
package final class PendingResponse: @unchecked Sendable {
    private let condition = NSCondition()
    private var response: HTTPResponse?

    func set(_ value: HTTPResponse) {
        condition.lock()
        response = value
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks until the response has arrived.
    package func wait() -> HTTPResponse {
        condition.lock()
        defer { condition.unlock() }
        while response == nil { condition.wait() }
        return response!
    }
}
