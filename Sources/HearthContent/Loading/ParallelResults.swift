import Foundation

/// Results computed on many threads, each into its own slot, read once all are done.
public final class ParallelResults<Value>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    public init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// Stores one result; each index is written by exactly one thread.
    public func store(_ value: Value, at index: Int) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    /// Every slot's value, in order; call only after all stores have finished.
    public var values: [Value] { slots.map { $0! } }
}
