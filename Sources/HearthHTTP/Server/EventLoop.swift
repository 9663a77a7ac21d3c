import CHearthLinux
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One thread's share of the server: a listening socket, an epoll instance and its connections.
final class EventLoop: @unchecked Sendable {
    private struct Connection {
        var descriptor: Int32
        var input: [UInt8] = []
        var output: [UInt8] = []
        var written = 0
        /// When the first byte of the request being read arrived (for the header timeout), or nil between requests.
        var requestStarted: Double?
        var lastActivity: Double
        var closeAfterWrite = false
        /// Set while a deferred reply is outstanding: later pipelined requests wait, so answers stay in order.
        var awaiting = false
        /// Distinguishes this connection from a later one that reuses the same descriptor number.
        var generation: UInt64
    }

    /// A deferred reply on its way back to the loop from another thread.
    private struct Completion {
        var descriptor: Int32
        var generation: UInt64
        var response: HTTPResponse
        var keepAlive: Bool
        var includeBody: Bool
        var record: HTTPServer.AccessRecord
        var started: Double
    }

    private static let listenerToken: UInt64 = .max
    private static let wakeToken: UInt64 = .max - 1

    private let listener: Int32
    private let epoll: Int32
    private let wakeDescriptor: Int32
    private unowned let server: HTTPServer
    private var connections: [Int32: Connection] = [:]
    private let parser: HTTPRequestParser
    private var listening = true
    private var nextGeneration: UInt64 = 0
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
                for (descriptor, connection) in connections where connection.output.isEmpty && !connection.awaiting {
                    closeConnection(descriptor)
                }
            }
            if !listening && connections.isEmpty && !hasPendingCompletions { break }
            let count = tokens.withUnsafeMutableBufferPointer { t in
                masks.withUnsafeMutableBufferPointer { m in hearth_epoll_wait(epoll, t.baseAddress, m.baseAddress, 256, 500) }
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
                    if mask & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0 && mask & EPOLLIN.rawValue == 0 {
                        closeConnection(descriptor)
                        continue
                    }
                    if mask & EPOLLIN.rawValue != 0 { readFrom(descriptor) }
                    if mask & EPOLLOUT.rawValue != 0 { flush(descriptor) }
                }
            }
            let now = Self.now()
            if now - lastSweep >= 0.25 {
                sweepTimeouts(now: now)
                lastSweep = now
            }
        }
        close(epoll)
        close(wakeDescriptor)
    }

    private func acceptConnections() {
        while true {
            let descriptor = hearth_accept(listener)
            guard descriptor >= 0 else { return }
            guard connections.count < server.configuration.maximumConnections else {
                close(descriptor)
                continue
            }
            var one: Int32 = 1
            setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            nextGeneration += 1
            connections[descriptor] = Connection(descriptor: descriptor, lastActivity: Self.now(), generation: nextGeneration)
            _ = hearth_epoll_add(epoll, descriptor, EPOLLIN.rawValue | EPOLLRDHUP.rawValue, UInt64(descriptor))
        }
    }

    private func readFrom(_ descriptor: Int32) {
        guard var connection = connections[descriptor] else { return }
        let cap = server.configuration.limits.maximumHeaderBytes + server.configuration.limits.maximumBodyBytes + 4
        if connection.input.count > cap {
            // A client pipelining faster than its answers come back: stop reading until they are sent
            // (flush turns reading back on), so its buffer cannot grow without bound.
            _ = hearth_epoll_modify(epoll, descriptor, EPOLLRDHUP.rawValue, UInt64(descriptor))
            return
        }
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        var peerClosed = false
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                if connection.input.isEmpty && connection.requestStarted == nil { connection.requestStarted = Self.now() }
                connection.input.append(contentsOf: chunk[0..<n])
                // Never read far past one maximal request's worth of unparsed bytes.
                if connection.input.count > cap { break }
                continue
            }
            if n == 0 { peerClosed = true }
            else if errno == EINTR { continue }
            else if errno != EAGAIN && errno != EWOULDBLOCK { peerClosed = true }
            break
        }
        connection.lastActivity = Self.now()
        process(&connection)
        connections[descriptor] = connection
        if peerClosed && connection.output.count == connection.written && !connection.awaiting {
            closeConnection(descriptor)
            return
        }
        flush(descriptor)
    }

    private var hasPendingCompletions: Bool {
        inboxLock.lock()
        defer { inboxLock.unlock() }
        return !inbox.isEmpty
    }

    /// Called from any thread when a deferred reply is ready.
    private func complete(_ completion: Completion) {
        inboxLock.lock()
        inbox.append(completion)
        inboxLock.unlock()
        wake()
    }

    /// Writes the deferred replies that arrived, then carries on with any requests queued behind them.
    private func deliverCompletions() {
        inboxLock.lock()
        let ready = inbox
        inbox.removeAll()
        inboxLock.unlock()
        for completion in ready {
            guard var connection = connections[completion.descriptor], connection.generation == completion.generation else { continue }
            connection.awaiting = false
            connection.output.append(contentsOf: completion.response.serialized(keepAlive: completion.keepAlive,
                                                                                includeBody: completion.includeBody))
            var record = completion.record
            record.status = completion.response.status.code
            record.bytes = completion.response.body.count
            record.seconds = Self.now() - completion.started
            server.record(record)
            if !completion.keepAlive { connection.closeAfterWrite = true }
            process(&connection)
            connections[completion.descriptor] = connection
            flush(completion.descriptor)
        }
    }

    /// Answers every complete request in the buffer, in order (pipelining).
    private func process(_ connection: inout Connection) {
        while !connection.closeAfterWrite, !connection.awaiting, !connection.input.isEmpty {
            let started = connection.requestStarted ?? Self.now()
            let result = connection.input.withUnsafeBufferPointer { parser.parse($0) }
            switch result {
            case .incomplete:
                return
            case .invalid(let status, let message):
                let response = HTTPResponse.error(status, code: "bad_request", message: message)
                connection.output.append(contentsOf: response.serialized(keepAlive: false))
                server.record(HTTPServer.AccessRecord(method: "-", path: "-", status: status.code, bytes: response.body.count, seconds: Self.now() - started))
                connection.closeAfterWrite = true
                connection.input.removeAll()
            case .request(let request, let consumed):
                connection.input.removeFirst(consumed)
                connection.requestStarted = connection.input.isEmpty ? nil : Self.now()
                let keepAlive = request.keepAlive && !server.isStopping
                let includeBody = request.method != "HEAD"
                switch server.handle(request) {
                case .now(let response):
                    connection.output.append(contentsOf: response.serialized(keepAlive: keepAlive, includeBody: includeBody))
                    server.record(HTTPServer.AccessRecord(method: request.method, path: request.path, status: response.status.code,
                                                          bytes: response.body.count, seconds: Self.now() - started))
                    if !keepAlive { connection.closeAfterWrite = true }
                case .later(let start):
                    connection.awaiting = true
                    let pending = Completion(descriptor: connection.descriptor, generation: connection.generation,
                                             response: HTTPResponse(status: .internalError), keepAlive: keepAlive, includeBody: includeBody,
                                             record: HTTPServer.AccessRecord(method: request.method, path: request.path, status: 0, bytes: 0, seconds: 0),
                                             started: started)
                    start { [weak self] response in
                        var done = pending
                        done.response = response
                        self?.complete(done)
                    }
                }
            }
        }
    }

    private func flush(_ descriptor: Int32) {
        guard var connection = connections[descriptor] else { return }
        while connection.written < connection.output.count {
            let n = connection.output.withUnsafeBytes {
                send(descriptor, $0.baseAddress! + connection.written, $0.count - connection.written, Int32(MSG_NOSIGNAL))
            }
            if n > 0 {
                connection.written += n
                continue
            }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                connections[descriptor] = connection
                _ = hearth_epoll_modify(epoll, descriptor, EPOLLIN.rawValue | EPOLLOUT.rawValue | EPOLLRDHUP.rawValue, UInt64(descriptor))
                return
            }
            closeConnection(descriptor)
            return
        }
        connection.output.removeAll(keepingCapacity: true)
        connection.written = 0
        connections[descriptor] = connection
        _ = hearth_epoll_modify(epoll, descriptor, EPOLLIN.rawValue | EPOLLRDHUP.rawValue, UInt64(descriptor))
        if !connection.awaiting, connection.closeAfterWrite || (server.isStopping && connection.input.isEmpty) {
            closeConnection(descriptor)
        }
    }

    /// Slow senders and idle keep-alive connections are dropped without holding a thread.
    private func sweepTimeouts(now: Double) {
        let configuration = server.configuration
        for (descriptor, connection) in connections where connection.output.count == connection.written && !connection.awaiting {
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
}
