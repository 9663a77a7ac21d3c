import Foundation
import HearthHTTP

extension HTTPReply {
    /// The response, waiting for a deferred one (tests only: the server itself never blocks on a reply).
    public func waitForResponse() -> HTTPResponse {
        switch self {
        case .now(let response):
            return response
        case .later(let start):
            let box = ResponseBox()
            start { box.set($0) }
            return box.wait()
        }
    }
}

private final class ResponseBox: @unchecked Sendable {
    private let condition = NSCondition()
    private var response: HTTPResponse?

    func set(_ value: HTTPResponse) {
        condition.lock()
        response = value
        condition.broadcast()
        condition.unlock()
    }

    func wait() -> HTTPResponse {
        condition.lock()
        defer { condition.unlock() }
        while response == nil { condition.wait() }
        return response!
    }
}
