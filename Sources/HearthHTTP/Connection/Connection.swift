/// One client connection: its socket, its state, what it sent and what it is owed.
/// A class, so buffers are changed in place rather than copied out of and back into the loop's table.
final class Connection {
    let descriptor: Int32
    /// Tells this connection from a later one that reuses the same descriptor number.
    let generation: UInt64
    /// The peer's address, handed to each request for per-client limits; never logged.
    let client: ClientAddress
    var state: ConnectionState
    var input = InputBuffer()
    var output = OutputQueue()
    /// When output last made progress (or was first queued), for the send timeout.
    var lastOutputProgress: Double
    /// The epoll events registered now, so `epoll_ctl` runs only when they must change.
    var interest: UInt32

    init(descriptor: Int32, generation: UInt64, client: ClientAddress, now: Double, interest: UInt32) {
        self.descriptor = descriptor
        self.generation = generation
        self.client = client
        state = .idle(since: now)
        lastOutputProgress = now
        self.interest = interest
    }
}
