import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The access log's one writer thread: event loops hand it whole lines and never wait for the output.
///
/// Only this thread writes, so lines from different loops never interleave, however long they are.
/// When the reader of the log is slower than the server, lines past `capacity` bytes are dropped
/// and counted (reported by `/metrics`) rather than holding up a request.
package final class AccessLog: @unchecked Sendable {
    private let descriptor: Int32
    private let capacity: Int
    private let condition = NSCondition()
    private var pending: [UInt8] = []
    private var dropped = 0
    private var stopping = false
    private var running = true

    /// Writes to `descriptor` (e.g. standard output), holding at most `capacity` bytes of lines waiting.
    package init(descriptor: Int32, capacity: Int = 1 << 20) {
        self.descriptor = descriptor
        self.capacity = capacity
        let thread = Thread { [self] in run() }
        thread.name = "hearth-access-log"
        thread.start()
    }

    /// Lines dropped because the log's reader was too slow.
    package var droppedLines: Int {
        condition.lock()
        defer { condition.unlock() }
        return dropped
    }

    /// Queues `lines` (whole lines, `count` of them) from an event loop; never blocks on the output.
    func append(_ lines: [UInt8], count: Int) {
        condition.lock()
        if pending.count + lines.count > capacity {
            dropped += count
        } else {
            pending.append(contentsOf: lines)
            condition.signal()
        }
        condition.unlock()
    }

    /// Writes what is waiting and stops the thread.
    package func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        while running { condition.wait() }
        condition.unlock()
    }

    private func run() {
        var writing: [UInt8] = []
        while true {
            condition.lock()
            while pending.isEmpty && !stopping { condition.wait() }
            if pending.isEmpty {
                running = false
                condition.broadcast()
                condition.unlock()
                return
            }
            swap(&writing, &pending)
            condition.unlock()
            writeAll(writing)
            writing.removeAll(keepingCapacity: writing.capacity <= 64 * 1024)
        }
    }

    private func writeAll(_ bytes: [UInt8]) {
        var start = 0
        while start < bytes.count {
            let n = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + start, $0.count - start) }
            if n < 0 && errno == EINTR { continue }
            // A log that cannot be written must not stop the server: what is left is dropped.
            if n <= 0 { return }
            start += n
        }
    }
}
