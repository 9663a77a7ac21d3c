#if canImport(Glibc)
import Glibc
#endif

/// What a connection owes its client, as a queue of byte arrays sent with `writev`.
///
/// A response's body is queued by reference, not copied: a static file's bytes are shared by every
/// response that sends them, so a client that pipelines thousands of requests for one large file
/// costs a few words each. Queuing is O(1); `count` is what the loop bounds (it stops reading a
/// connection whose client does not read its answers).
struct OutputQueue {
    /// Bytes in memory, or a stretch of a file sent with `sendfile`.
    private enum Chunk {
        case bytes([UInt8])
        case file(FileBody)

        var count: Int {
            switch self {
            case .bytes(let bytes): bytes.count
            case .file(let file): file.length
            }
        }
    }

    private var chunks: [Chunk] = []
    /// Index of the first chunk not yet fully sent, and how much of it went.
    private var head = 0
    private var offset = 0
    /// Bytes queued and not yet sent.
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    mutating func append(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        chunks.append(.bytes(bytes))
        count += bytes.count
    }

    /// Queues a file's bytes; only they are sent, a piece at a time, as the socket takes them.
    mutating func append(_ file: FileBody) {
        guard file.length > 0 else { return }
        chunks.append(.file(file))
        count += file.length
    }

    /// What sending did.
    enum SendResult {
        /// Everything queued was sent.
        case drained
        /// The socket is full; wait for it to be writable. `progressed` when some bytes went.
        case blocked(progressed: Bool)
        /// The connection is broken.
        case failed
    }

    /// Sends as much as the socket takes, up to 64 chunks per system call.
    mutating func send(to descriptor: Int32) -> SendResult {
        var progressed = false
        while count > 0 {
            let sent = writeSome(to: descriptor)
            if sent > 0 {
                progressed = true
                advance(by: sent)
                continue
            }
            if sent < 0 && errno == EINTR { continue }
            if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return .blocked(progressed: progressed) }
            return .failed
        }
        return .drained
    }

    private func writeSome(to descriptor: Int32) -> Int {
        if case .file(let file) = chunks[head] {
            var position = off_t(offset)
            return sendfile(descriptor, file.descriptor, &position, min(file.length - offset, 1 << 20))
        }
        // Byte chunks up to the next file, up to 64 of them in one writev.
        var end = head
        while end < chunks.count, end < head + 64, case .bytes = chunks[end] { end += 1 }
        // Pins every chunk's storage for the call: iovecs may only point into arrays kept alive here.
        return withPinnedChunks(head..<end) { vectors in
            vectors.withUnsafeBufferPointer { writev(descriptor, $0.baseAddress, Int32($0.count)) }
        }
    }

    private func withPinnedChunks<T>(_ range: Range<Int>, _ body: ([iovec]) -> T) -> T {
        var vectors: [iovec] = []
        vectors.reserveCapacity(range.count)
        func pin(_ index: Int) -> T {
            if index == range.upperBound { return body(vectors) }
            guard case .bytes(let bytes) = chunks[index] else { return body(vectors) }
            return bytes.withUnsafeBytes { raw in
                let skip = index == head ? offset : 0
                vectors.append(iovec(iov_base: UnsafeMutableRawPointer(mutating: raw.baseAddress! + skip), iov_len: raw.count - skip))
                return pin(index + 1)
            }
        }
        return pin(range.lowerBound)
    }

    private mutating func advance(by sent: Int) {
        count -= sent
        var left = sent
        while left > 0 {
            let remaining = chunks[head].count - offset
            if left >= remaining {
                left -= remaining
                head += 1
                offset = 0
            } else {
                offset += left
                left = 0
            }
        }
        if head == chunks.count {
            // All sent: let go of the references (and of the array's storage when it grew large).
            chunks.removeAll(keepingCapacity: chunks.capacity <= 256)
            head = 0
        } else if head >= 64 && head >= chunks.count / 2 {
            chunks.removeFirst(head)
            head = 0
        }
    }

    /// Drops everything still owed (the connection is closing).
    mutating func removeAll() {
        chunks = []
        head = 0
        offset = 0
        count = 0
    }
}
