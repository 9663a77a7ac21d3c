/// The bytes received on a connection and not yet parsed.
///
/// Parsing consumes from the front by moving a start offset, so answering N pipelined requests costs
/// O(N) rather than shifting the rest of the buffer after each one; the consumed prefix is dropped when
/// it passes half the buffer, and a large buffer is let go once it is empty.
struct InputBuffer {
    private var storage: [UInt8] = []
    private var start = 0
    /// The client has closed its sending side: nothing more will arrive after these bytes.
    var ended = false

    var count: Int { storage.count - start }
    var isEmpty: Bool { start == storage.count }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        if start > 0 && start >= storage.count / 2 {
            storage.removeFirst(start)
            start = 0
        }
        storage.append(contentsOf: bytes)
    }

    /// Runs `body` over the unparsed bytes.
    func withUnparsedBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        storage.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start...])) }
    }

    mutating func consume(_ n: Int) {
        start += n
        if start == storage.count { removeAll() }
    }

    /// Empties the buffer; memory above 64 KiB is returned rather than kept for the next request.
    mutating func removeAll() {
        storage.removeAll(keepingCapacity: storage.capacity <= 64 * 1024)
        start = 0
    }
}
