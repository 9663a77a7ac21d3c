import Foundation

extension EventStore {
    /// Makes an asynchronous store call and blocks until it is answered: for tests and the command line,
    /// never for an event loop.
    package func waiting<Value: Sendable>(_ call: (@escaping StoreCompletion<Value>) -> Void) throws -> Value {
        let answer = Answer<Value>()
        call { result in answer.set(result) }
        return try answer.wait().get()
    }
}

/// One answer handed from the store's reply queue to a waiting thread.
private final class Answer<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<Value, Error>?

    func set(_ result: Result<Value, Error>) {
        self.result = result
        done.signal()
    }

    /// The semaphore orders `set`'s write before this read.
    func wait() -> Result<Value, Error> {
        done.wait()
        return result!
    }
}
