import CHearthLinux
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One thread's share of the server: a listening socket, an epoll instance and its connections.
final class EventLoop: @unchecked Sendable {
    /// A connection's buffers and state. A class, so buffers are appended to in place rather than copied
    /// out of and back into a dictionary on every read.
    private final class Connection {
        let descriptor: Int32
        /// Distinguishes this connection from a later one that reuses the same descriptor number.
        let generation: UInt64
        var input: [UInt8] = []
        var output: [UInt8] = []
        var written = 0
        /// When the first byte of the request being read arrived (for the header timeout), or nil between requests.
        var requestStarted: Double?
        var lastActivity: Double
        var closeAfterWrite = false
        /// Set while a deferred reply is outstanding: later pipelined requests wait, so answers stay in order.
        var awaiting = false
        /// The epoll events registered now, so `epoll_ctl` runs only when they must change.
        var interest: UInt32
        /// The client has finished sending: what it is owed is still sent, then the connection closes.
        var peerClosed = false

        init(descriptor: Int32, generation: UInt64, now: Double, interest: UInt32) {
            self.descriptor = descriptor
            self.generation = generation
            self.lastActivity = now
            self.interest = interest
        }

        var hasUnsentOutput: Bool { written < output.count }
    }

    /// A deferred reply on its way back to the loop from another thread.
    private struct Completion {
        var descriptor: Int32
        var generation: UInt64
        var response: HTTPResponse
        var keepAlive: Bool
        var includeBody: Bool
        var method: String
        var path: String
        var started: Double
    }

    private static let listenerToken: UInt64 = .max
    private static let wakeToken: UInt64 = .max - 1
    private static let reading = EPOLLIN.rawValue | EPOLLRDHUP.rawValue

    private let listener: Int32
    private let epoll: Int32
    private let wakeDescriptor: Int32
    private unowned let server: HTTPServer
    private var connections: [Int32: Connection] = [:]
    private let parser: HTTPRequestParser
    private var listening = true
    private var nextGeneration: UInt64 = 0
    /// One receive buffer for every connection on this loop.
    private var receiveBuffer = [UInt8](repeating: 0, count: 64 * 1024)
    /// Access-log lines gathered during one turn of the loop and written with one system call.
    private var logLines: [UInt8] = []
    private let inboxLock = NSLock()
    private var inbox: [Completion] = []

    init(listener: Int32, server: HTTPServer) throws {
        self.listener = listener
        self.server = server
        parser = HTTPRequestParser(limits: server.configuration.limits)
        epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        wakeDescriptor = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        guard epoll >= 0, wakeDescriptor >= 0 else {
            throw HTTPServer.StartError(description: "cannot create an event loop: \(String(cString: strerror(errno)))")
        }
        _ = hearth_epoll_add(epoll, listener, EPOLLIN.rawValue, Self.listenerToken)
        _ = hearth_epoll_add(epoll, wakeDescriptor, EPOLLIN.rawValue, Self.wakeToken)
    }

    /// Interrupts `epoll_wait` from another thread.
    func wake() {
        var one: UInt64 = 1
        _ = write(wakeDescriptor, &one, 8)
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    func run() {
        var tokens = [UInt64](repeating: 0, count: 256)
        var masks = [UInt32](repeating: 0, count: 256)
        var lastSweep = Self.now()
        while true {
            if server.isStopping && listening {
                // Stop accepting; finish what is owed, then leave.
                listening = false
                close(listener)
                for (descriptor, connection) in connections where !connection.hasUnsentOutput && !connection.awaiting {
                    closeConnection(descriptor)
                }
            }
            if !listening && connections.isEmpty && !hasPendingCompletions { break }
            let count = tokens.withUnsafeMutableBufferPointer { t in
                masks.withUnsafeMutableBufferPointer { m in hearth_epoll_wait(epoll, t.baseAddress, m.baseAddress, 256, 250) }
            }
            for index in 0..<max(0, Int(count)) {
                let token = tokens[index]
                if token == Self.listenerToken {
                    if listening { acceptConnections() }
                } else if token == Self.wakeToken {
                    var value: UInt64 = 0
                    _ = read(wakeDescriptor, &value, 8)
                    deliverCompletions()
                } else {
                    let descriptor = Int32(truncatingIfNeeded: token)
                    let mask = masks[index]
                    guard let connection = connections[descriptor] else { continue }
                    if mask & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0 && mask & EPOLLIN.rawValue == 0 {
                        closeConnection(descriptor)
                        continue
                    }
                    if mask & EPOLLIN.rawValue != 0 {
                        readFrom(connection)
                    } else if mask & EPOLLRDHUP.rawValue != 0 {
                        // Reading was paused, so this is the only word that the client has stopped sending.
                        connection.peerClosed = true
                        flush(connection)
                    } else if mask & EPOLLOUT.rawValue != 0 {
                        flush(connection)
                    }
                }
            }
            writeLog()
            let now = Self.now()
            if now - lastSweep >= 0.25 {
                sweepTimeouts(now: now)
                lastSweep = now
            }
        }
        writeLog()
        close(epoll)
        close(wakeDescriptor)
    }

    private func acceptConnections() {
        while true {
            let descriptor = hearth_accept(listener)
            guard descriptor >= 0 else { return }
            guard connections.count < server.configuration.maximumConnections else {
                // Over the limit: answer at once and close, so the client is told rather than left hanging.
                var refusal: [UInt8] = []
                HTTPResponse.error(.serviceUnavailable, code: "too_many_connections",
                                   message: "the server has too many open connections; try again shortly")
                    .write(into: &refusal, keepAlive: false)
                _ = refusal.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                close(descriptor)
                continue
            }
            var one: Int32 = 1
            setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            nextGeneration += 1
            connections[descriptor] = Connection(descriptor: descriptor, generation: nextGeneration, now: Self.now(), interest: Self.reading)
            _ = hearth_epoll_add(epoll, descriptor, Self.reading, UInt64(descriptor))
        }
    }

    /// At most one maximal request's worth of unparsed bytes is held per connection.
    private var inputCap: Int {
        server.configuration.limits.maximumHeaderBytes + server.configuration.limits.maximumBodyBytes + 4
    }

    private func readFrom(_ connection: Connection) {
        let cap = inputCap
        while connection.input.count <= cap {
            let n = receiveBuffer.withUnsafeMutableBytes { recv(connection.descriptor, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                if connection.input.isEmpty && connection.requestStarted == nil { connection.requestStarted = Self.now() }
                receiveBuffer.withUnsafeBufferPointer { connection.input.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<n])) }
                if n < receiveBuffer.count { break }
                continue
            }
            if n == 0 { connection.peerClosed = true }
            else if errno == EINTR { continue }
            else if errno != EAGAIN && errno != EWOULDBLOCK { connection.peerClosed = true }
            break
        }
        connection.lastActivity = Self.now()
        process(connection)
        flush(connection)
    }

    private var hasPendingCompletions: Bool {
        inboxLock.lock()
        defer { inboxLock.unlock() }
        return !inbox.isEmpty
    }

    /// Called from any thread when a deferred reply is ready; the loop is woken once per batch of completions.
    private func complete(_ completion: Completion) {
        inboxLock.lock()
        let wasEmpty = inbox.isEmpty
        inbox.append(completion)
        inboxLock.unlock()
        if wasEmpty { wake() }
    }

    /// Writes the deferred replies that arrived, then carries on with any requests queued behind them.
    private func deliverCompletions() {
        inboxLock.lock()
        let ready = inbox
        inbox.removeAll()
        inboxLock.unlock()
        for completion in ready {
            guard let connection = connections[completion.descriptor], connection.generation == completion.generation else { continue }
            connection.awaiting = false
            completion.response.write(into: &connection.output, keepAlive: completion.keepAlive, includeBody: completion.includeBody)
            record(method: completion.method, path: completion.path, response: completion.response, started: completion.started)
            if !completion.keepAlive { connection.closeAfterWrite = true }
            process(connection)
            flush(connection)
        }
    }

    /// Answers every complete request in the buffer, in order (pipelining).
    private func process(_ connection: Connection) {
        while !connection.closeAfterWrite, !connection.awaiting, !connection.input.isEmpty {
            let started = connection.requestStarted ?? Self.now()
            let result = connection.input.withUnsafeBufferPointer { parser.parse($0) }
            switch result {
            case .incomplete:
                return
            case .invalid(let status, let message):
                let response = HTTPResponse.error(status, code: "bad_request", message: message)
                response.write(into: &connection.output, keepAlive: false)
                record(method: "-", path: "-", response: response, started: started)
                connection.closeAfterWrite = true
                connection.input.removeAll()
            case .request(let request, let consumed):
                if consumed == connection.input.count {
                    connection.input.removeAll(keepingCapacity: true)
                } else {
                    connection.input.removeFirst(consumed)
                }
                connection.requestStarted = connection.input.isEmpty ? nil : Self.now()
                let keepAlive = request.keepAlive && !server.isStopping
                let includeBody = request.method != "HEAD"
                switch server.handle(request) {
                case .now(let response):
                    response.write(into: &connection.output, keepAlive: keepAlive, includeBody: includeBody)
                    record(method: request.method, path: request.path, response: response, started: started)
                    if !keepAlive { connection.closeAfterWrite = true }
                case .later(let start):
                    connection.awaiting = true
                    let pending = Completion(descriptor: connection.descriptor, generation: connection.generation,
                                             response: HTTPResponse(status: .internalError), keepAlive: keepAlive,
                                             includeBody: includeBody, method: request.method, path: request.path, started: started)
                    start { [weak self] response in
                        var done = pending
                        done.response = response
                        self?.complete(done)
                    }
                }
            }
        }
    }

    private func flush(_ connection: Connection) {
        let descriptor = connection.descriptor
        while connection.hasUnsentOutput {
            let n = connection.output.withUnsafeBytes {
                send(descriptor, $0.baseAddress! + connection.written, $0.count - connection.written, Int32(MSG_NOSIGNAL))
            }
            if n > 0 {
                connection.written += n
                continue
            }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { break }
            closeConnection(descriptor)
            return
        }
        if !connection.hasUnsentOutput {
            connection.output.removeAll(keepingCapacity: true)
            connection.written = 0
            if !connection.awaiting, connection.closeAfterWrite || connection.peerClosed || (server.isStopping && connection.input.isEmpty) {
                closeConnection(descriptor)
                return
            }
        }
        // Wait for writability only while output is stuck; stop reading while a pipelining client is a
        // whole maximal request ahead of its answers, so its buffer cannot grow without bound.
        // Once the client has closed its side, reading would only report the end again and again.
        var interest: UInt32 = connection.peerClosed ? 0 : EPOLLRDHUP.rawValue
        if connection.hasUnsentOutput { interest |= EPOLLOUT.rawValue }
        if !connection.peerClosed && connection.input.count <= inputCap { interest |= EPOLLIN.rawValue }
        if interest != connection.interest {
            connection.interest = interest
            _ = hearth_epoll_modify(epoll, descriptor, interest, UInt64(descriptor))
        }
    }

    /// Slow senders and idle keep-alive connections are dropped without holding a thread.
    private func sweepTimeouts(now: Double) {
        let configuration = server.configuration
        for (descriptor, connection) in connections where !connection.hasUnsentOutput && !connection.awaiting {
            if let started = connection.requestStarted, now - started > configuration.headerTimeout {
                closeConnection(descriptor)
            } else if connection.requestStarted == nil, now - connection.lastActivity > configuration.idleTimeout {
                closeConnection(descriptor)
            }
        }
    }

    private func closeConnection(_ descriptor: Int32) {
        guard connections.removeValue(forKey: descriptor) != nil else { return }
        close(descriptor)
    }

    // MARK: Access log

    private func record(method: String, path: String, response: HTTPResponse, started: Double) {
        let entry = HTTPServer.AccessRecord(method: method, path: server.configuration.loggedPath(path), status: response.status.code,
                                            bytes: response.body.count, seconds: Self.now() - started)
        server.observe(entry)
        if server.configuration.accessLog != nil { entry.write(into: &logLines) }
    }

    /// One write per turn of the loop; lines from different loops never interleave mid-line,
    /// since each write holds whole lines and stays within the size a pipe writes atomically.
    private func writeLog() {
        guard let descriptor = server.configuration.accessLog, !logLines.isEmpty else { return }
        var start = 0
        while start < logLines.count {
            var end = min(logLines.count, start + Int(PIPE_BUF))
            if end < logLines.count {
                while end > start + 1 && logLines[end - 1] != 0x0A { end -= 1 }
            }
            let n = logLines.withUnsafeBytes { write(descriptor, $0.baseAddress! + start, end - start) }
            if n < 0 && errno == EINTR { continue }
            // A log that cannot be written must not stop the server; the lines are dropped.
            if n <= 0 { break }
            start += n
        }
        logLines.removeAll(keepingCapacity: true)
    }
}
