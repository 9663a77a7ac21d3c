import CHearthLinux
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One thread's share of the server: a listening socket, an epoll instance and its connections.
///
/// The parts of a turn read on their own, in the files beside this one: accepting
/// (`EventLoop+Accepting`), reading and parsing (`+Reading`), handing requests to the application and
/// queuing answers (`+Dispatch`), sending (`+Writing`), timeouts (`+Timeouts`) and the access log.
final class EventLoop: @unchecked Sendable {
    static let listenerToken: UInt64 = .max
    static let wakeToken: UInt64 = .max - 1

    let listener: Int32
    let epoll: Int32
    let inbox: ReplyInbox
    unowned let server: HTTPServer
    let configuration: HTTPServer.Configuration
    /// Connections this loop may hold (fitted to the descriptor limit at start).
    let connectionLimit: Int
    var connections: [Int32: Connection] = [:]
    let parser: HTTPRequestParser
    var listening = true
    /// While accepting is paused after running out of descriptors: when to try again.
    var acceptPausedUntil: Double?
    /// A descriptor held in reserve: closed to accept-and-refuse one client when the process has none left.
    var spareDescriptor: Int32
    var nextGeneration: UInt64 = 0
    /// One receive buffer for every connection on this loop.
    var receiveBuffer = [UInt8](repeating: 0, count: 64 * 1024)
    var date = HTTPDate()
    /// Access-log lines gathered during one turn and handed to the log's writer together.
    var logLines: [UInt8] = []
    var logLineCount = 0
    /// When stopping began, for the shutdown grace.
    var stoppingSince: Double?

    init(listener: Int32, server: HTTPServer, connectionLimit: Int) throws {
        self.listener = listener
        self.server = server
        configuration = server.configuration
        self.connectionLimit = connectionLimit
        parser = HTTPRequestParser(limits: server.configuration.limits)
        epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epoll >= 0 else {
            throw HTTPServer.StartError(description: "cannot create an event loop: \(String(cString: strerror(errno)))")
        }
        inbox = try ReplyInbox()
        spareDescriptor = open("/dev/null", O_RDONLY | O_CLOEXEC)
        _ = hearth_epoll_add(epoll, listener, EPOLLIN.rawValue, Self.listenerToken)
        _ = hearth_epoll_add(epoll, inbox.descriptor, EPOLLIN.rawValue, Self.wakeToken)
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    func run() {
        var tokens = [UInt64](repeating: 0, count: 256)
        var masks = [UInt32](repeating: 0, count: 256)
        var lastSweep = Self.now()
        while true {
            if server.isStopping && listening { stopAccepting() }
            if !listening && connections.isEmpty && inbox.isEmpty { break }
            let count = tokens.withUnsafeMutableBufferPointer { t in
                masks.withUnsafeMutableBufferPointer { m in hearth_epoll_wait(epoll, t.baseAddress, m.baseAddress, 256, 250) }
            }
            for index in 0..<max(0, Int(count)) {
                switch tokens[index] {
                case Self.listenerToken:
                    if listening { acceptConnections() }
                case Self.wakeToken:
                    deliverReplies()
                case let token:
                    guard let connection = connections[Int32(truncatingIfNeeded: token)] else { continue }
                    handle(masks[index], on: connection)
                }
            }
            handOverLog()
            let now = Self.now()
            if now - lastSweep >= 0.25 {
                sweep(now: now)
                lastSweep = now
            }
        }
        handOverLog()
        close(epoll)
        if spareDescriptor >= 0 { close(spareDescriptor) }
    }

    private func handle(_ mask: UInt32, on connection: Connection) {
        if mask & EPOLLIN.rawValue != 0 {
            read(connection)
        } else if mask & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0 {
            // Reset or gone both ways, with nothing left to read: nothing more can be sent either.
            closeConnection(connection)
        } else if mask & EPOLLOUT.rawValue != 0 {
            service(connection)
        }
    }

    /// Stop accepting; idle connections close now, the rest once they have what they are owed.
    private func stopAccepting() {
        listening = false
        stoppingSince = Self.now()
        close(listener)
        for connection in Array(connections.values) {
            if case .idle = connection.state, connection.output.isEmpty { closeConnection(connection) }
        }
    }

    /// Registers the epoll events a connection needs now: readable while it reads input and is not over its
    /// output limit (so a client that does not read its answers stops being read and parsed), writable while
    /// output is waiting.
    func updateInterest(_ connection: Connection) {
        var interest: UInt32 = 0
        if connection.state.isLingering
            || (connection.state.readsInput && connection.input.count <= inputCap
                && connection.output.count < configuration.maximumPendingOutput) {
            interest |= EPOLLIN.rawValue
        }
        if !connection.output.isEmpty { interest |= EPOLLOUT.rawValue }
        if interest != connection.interest {
            connection.interest = interest
            _ = hearth_epoll_modify(epoll, connection.descriptor, interest, UInt64(connection.descriptor))
        }
    }

    /// At most one maximal request's worth of unparsed bytes is held per connection.
    var inputCap: Int {
        configuration.limits.maximumHeaderBytes + configuration.limits.maximumBodyBytes + 4
    }

    func closeConnection(_ connection: Connection) {
        guard connections.removeValue(forKey: connection.descriptor) != nil else { return }
        close(connection.descriptor)
        connection.output.removeAll()
        connection.input.removeAll()
    }
}
