/// Where a connection is in its life, as one value: the loop asks it what may happen next and tells
/// it what did, and a move that cannot happen in a state stops the program rather than going unnoticed
/// (the model is swift-nio's `HTTPServerPipelineHandler.ConnectionState`).
///
/// What the client is still owed (the output queue) and whether it reads it are kept apart: any state
/// can have output waiting, and the send timeout applies to all of them.
enum ConnectionState: Equatable {
    /// Between requests: nothing of the next one has arrived. The idle timeout runs from `since`.
    case idle(since: Double)
    /// Part of a request has arrived. The header timeout runs from `since`; `continueSent` once a
    /// `100 Continue` went out for it.
    case receiving(since: Double, continueSent: Bool)
    /// A handler answers later; requests pipelined behind it wait in order.
    case awaitingReply
    /// No more requests are read: what is owed is sent, then the connection closes — after a lingering
    /// read when `linger` (an error answer to a client that may still be sending its request).
    case closingAfterOutput(linger: Bool)
    /// The answer is out and our sending side is shut; what the client still sends is read and dropped
    /// until it stops, goes quiet until `quietUntil`, or `giveUpAt` passes (lingering close, as nginx does),
    /// so that closing with unread bytes does not reset the connection and destroy the answer.
    case lingering(quietUntil: Double, giveUpAt: Double)

    /// Requests are parsed and answered only here.
    var parsesRequests: Bool {
        switch self {
        case .idle, .receiving: true
        case .awaitingReply, .closingAfterOutput, .lingering: false
        }
    }

    /// Whether reading from the socket is of use: to parse, to queue pipelined requests, or to drain it.
    var readsInput: Bool {
        switch self {
        case .idle, .receiving, .awaitingReply, .lingering: true
        case .closingAfterOutput: false
        }
    }

    var isLingering: Bool {
        if case .lingering = self { return true }
        return false
    }

    // MARK: Transitions

    /// Bytes of a request arrived.
    mutating func bytesArrived(now: Double) {
        switch self {
        case .idle: self = .receiving(since: now, continueSent: false)
        case .receiving, .awaitingReply, .closingAfterOutput, .lingering: break
        }
    }

    /// A whole request was parsed from the buffer; `more` when bytes of the next one follow it.
    mutating func requestParsed(now: Double, more: Bool) {
        guard parsesRequests else { illegal("a request parsed") }
        self = more ? .receiving(since: now, continueSent: false) : .idle(since: now)
    }

    /// The request just parsed will be answered later.
    mutating func replyDeferred() {
        guard parsesRequests else { illegal("a reply deferred") }
        self = .awaitingReply
    }

    /// The deferred answer arrived and was queued; `keepAlive` false when it closes the connection.
    mutating func replyDelivered(now: Double, keepAlive: Bool) {
        guard case .awaitingReply = self else { illegal("a deferred reply delivered") }
        self = keepAlive ? .idle(since: now) : .closingAfterOutput(linger: false)
    }

    /// A `100 Continue` went out for the request being received.
    mutating func continueSent() {
        guard case .receiving(let since, false) = self else { illegal("a 100 Continue sent") }
        self = .receiving(since: since, continueSent: true)
    }

    /// The answer just queued is the last: the request asked to close, or the server is stopping.
    mutating func closeAfterOutput() {
        switch self {
        case .idle, .receiving, .awaitingReply: self = .closingAfterOutput(linger: false)
        case .closingAfterOutput, .lingering: break
        }
    }

    /// The request could not be read (or took too long); its error answer is queued.
    mutating func requestRefused() {
        guard parsesRequests else { illegal("a request refused") }
        self = .closingAfterOutput(linger: true)
    }

    /// The client closed its sending side and every whole request it sent has been parsed: once their answers
    /// are out, the connection closes.
    mutating func inputEnded() {
        guard parsesRequests else { illegal("the end of input") }
        self = .closingAfterOutput(linger: false)
    }

    /// What to do once everything owed has been sent.
    enum DrainedAction: Equatable {
        case none
        case close
        /// Shut down our sending side and read what still comes, for up to these times.
        case linger
    }

    mutating func outputDrained(now: Double, quiet: Double, longest: Double) -> DrainedAction {
        switch self {
        case .closingAfterOutput(linger: false): return .close
        case .closingAfterOutput(linger: true):
            self = .lingering(quietUntil: now + quiet, giveUpAt: now + longest)
            return .linger
        case .idle, .receiving, .awaitingReply, .lingering: return .none
        }
    }

    /// Bytes were dropped while lingering: the quiet period starts again, never past the last moment.
    mutating func lingeringRead(now: Double, quiet: Double) {
        guard case .lingering(_, let giveUpAt) = self else { illegal("a lingering read") }
        self = .lingering(quietUntil: min(now + quiet, giveUpAt), giveUpAt: giveUpAt)
    }

    /// What a timeout asks for.
    enum Expiry: Equatable {
        case none
        case close
        /// Answer 408, then close.
        case requestTimeout
    }

    func expiry(now: Double, idleTimeout: Double, headerTimeout: Double) -> Expiry {
        switch self {
        case .idle(let since): return now - since > idleTimeout ? .close : .none
        case .receiving(let since, _): return now - since > headerTimeout ? .requestTimeout : .none
        case .lingering(let quietUntil, _): return now >= quietUntil ? .close : .none
        case .awaitingReply, .closingAfterOutput: return .none
        }
    }

    private func illegal(_ event: String) -> Never {
        preconditionFailure("connection state \(self) cannot take \(event)")
    }
}
