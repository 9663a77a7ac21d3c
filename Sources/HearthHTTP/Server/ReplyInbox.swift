import CHearthLinux
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Deferred replies on their way back to an event loop from other threads (the store's reply queue).
/// The loop is woken through an `eventfd` once per batch of replies, not once per reply.
final class ReplyInbox: @unchecked Sendable {
    /// A deferred reply and what the loop needs to send and log it.
    struct Reply {
        var descriptor: Int32
        var generation: UInt64
        var response: HTTPResponse
        var keepAlive: Bool
        var isHead: Bool
        var method: String
        var path: String
        var started: Double
    }

    /// Readable when replies are waiting; registered with the loop's epoll.
    let descriptor: Int32
    private let lock = NSLock()
    private var replies: [Reply] = []

    init() throws {
        descriptor = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        guard descriptor >= 0 else {
            throw HTTPServer.StartError(description: "cannot create an event loop's wake-up descriptor: \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        close(descriptor)
    }

    /// From any thread.
    func put(_ reply: Reply) {
        lock.lock()
        let wasEmpty = replies.isEmpty
        replies.append(reply)
        lock.unlock()
        if wasEmpty { wake() }
    }

    /// Interrupts the loop's `epoll_wait`.
    func wake() {
        var one: UInt64 = 1
        _ = write(descriptor, &one, 8)
    }

    /// On the loop: everything that arrived, after clearing the wake-up.
    func takeAll() -> [Reply] {
        var value: UInt64 = 0
        _ = read(descriptor, &value, 8)
        lock.lock()
        defer { lock.unlock() }
        let taken = replies
        replies.removeAll()
        return taken
    }

    var isEmpty: Bool {
        lock.lock()
        defer { lock.unlock() }
        return replies.isEmpty
    }
}
