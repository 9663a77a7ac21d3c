import Foundation

/// The requests waiting for the writer thread, and the figures it keeps about its commits.
///
/// Callers on any thread put requests in; only the writer thread takes them out. A commit takes
/// everything queued while the previous one ran (group commit).
final class WriteQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var requests: [WriteRequest] = []
    private var stopping = false
    private var writerRunning = true
    /// Set by tests to hold the writer still, so that the queue's limit can be reached on purpose.
    private var paused = false
    private var figures: StoreStatistics
    /// Requests waiting beyond this are turned away at once rather than queued without bound.
    let limit: Int

    init(limit: Int, eventsStored: Int) {
        self.limit = limit
        figures = StoreStatistics()
        figures.eventsStored = eventsStored
    }

    /// Queues `request`, or refuses it at once when the store is stopping or too many are waiting.
    func submit(_ request: WriteRequest) {
        condition.lock()
        if stopping {
            condition.unlock()
            request.refuse(StoreError(description: "the store is shutting down"))
            return
        }
        if requests.count >= limit {
            condition.unlock()
            request.refuse(StoreOverloaded())
            return
        }
        requests.append(request)
        condition.signal()
        condition.unlock()
    }

    /// For the writer: everything queued, waiting until there is something; nil once stopping with nothing left.
    func take() -> [WriteRequest]? {
        condition.lock()
        defer { condition.unlock() }
        while (requests.isEmpty || paused) && !stopping { condition.wait() }
        if requests.isEmpty {
            writerRunning = false
            condition.broadcast()
            return nil
        }
        let taken = requests
        requests.removeAll(keepingCapacity: true)
        return taken
    }

    /// For the writer: one commit's duration and how it changed the number of events held.
    func committed(seconds: Double, eventsChange: Int) {
        condition.lock()
        figures.recordCommit(seconds: seconds)
        figures.eventsStored += eventsChange
        condition.unlock()
    }

    var statistics: StoreStatistics {
        condition.lock()
        defer { condition.unlock() }
        return figures
    }

    /// Requests waiting for the writer (for tests of a full queue).
    var waiting: Int {
        condition.lock()
        defer { condition.unlock() }
        return requests.count
    }

    /// Lets the writer finish what is queued, then waits for it to stop.
    func stop() {
        condition.lock()
        stopping = true
        paused = false
        condition.broadcast()
        while writerRunning { condition.wait() }
        condition.unlock()
    }

    func pause() {
        condition.lock()
        paused = true
        condition.unlock()
    }

    func resume() {
        condition.lock()
        paused = false
        condition.broadcast()
        condition.unlock()
    }
}
