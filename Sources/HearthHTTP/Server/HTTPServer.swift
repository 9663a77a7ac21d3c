import CHearthLinux
import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// An HTTP/1.1 server on POSIX sockets: one event loop per thread, each with its own listening
/// socket (`SO_REUSEPORT`) and epoll instance, so nothing crosses threads on the hot path.
package final class HTTPServer: @unchecked Sendable {
    package typealias Handler = @Sendable (HTTPRequest) -> HTTPReply

    package let configuration: Configuration
    private let handler: Handler
    private let observer: @Sendable (AccessRecord) -> Void
    private var loops: [EventLoop] = []
    /// Connections each thread takes, fitted to the descriptor limit (known after `start()`).
    package private(set) var connectionsPerThread = 0
    /// The process's soft limit on open descriptors, raised at start as far as the system allows.
    package private(set) var descriptorLimit = 0
    private var threads: [Thread] = []
    private let stopping = ManagedFlag()
    private let finished = DispatchGroup()
    /// The port actually bound (useful when the configuration asked for 0).
    package private(set) var port = 0

    /// `observe` sees every request's access record (for metrics), on the loop's thread.
    package init(configuration: Configuration, observe: @escaping @Sendable (AccessRecord) -> Void = { _ in },
                handler: @escaping Handler) {
        self.configuration = configuration
        self.handler = handler
        self.observer = observe
    }

    /// A problem starting the server, in words an operator can act on.
    package struct StartError: Error, CustomStringConvertible {
        package var description: String
    }

    /// Binds every loop's socket and starts the threads; returns once the server accepts connections.
    package func start() throws {
        hearth_ignore_sigpipe()
        descriptorLimit = DescriptorLimit.raise()
        connectionsPerThread = DescriptorLimit.connectionsPerThread(soft: descriptorLimit, threads: configuration.threads,
                                                                   configured: configuration.maximumConnections)
        var port = configuration.port
        for index in 0..<configuration.threads {
            let listener = try Self.listen(host: configuration.host, port: port, backlog: 1024)
            if index == 0 { port = Self.boundPort(listener) }
            loops.append(try EventLoop(listener: listener, server: self, connectionLimit: connectionsPerThread))
        }
        self.port = port
        for loop in loops {
            finished.enter()
            let thread = Thread { [finished] in
                loop.run()
                finished.leave()
            }
            thread.stackSize = 1 << 20
            threads.append(thread)
            thread.start()
        }
    }

    /// Stops accepting, lets every loop finish the responses it owes, and waits for them.
    package func stop() {
        stopping.set()
        for loop in loops { loop.inbox.wake() }
        finished.wait()
    }

    /// Blocks until SIGTERM or SIGINT, then stops cleanly.
    package func runUntilSignalled() {
        let signals = DispatchGroup()
        signals.enter()
        var sources: [DispatchSourceSignal] = []
        for number in [SIGTERM, SIGINT] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler { signals.leave() }
            source.resume()
            sources.append(source)
        }
        signals.wait()
        sources.forEach { $0.cancel() }
        stop()
    }

    var isStopping: Bool { stopping.isSet }

    func handle(_ request: HTTPRequest) -> HTTPReply { handler(request) }

    func observe(_ entry: AccessRecord) { observer(entry) }

    // MARK: Sockets

    private static func listen(host: String, port: Int, backlog: Int32) throws -> Int32 {
        let isIPv6 = host.contains(":")
        let descriptor = socket(isIPv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw StartError(description: "cannot create a socket: \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEPORT, &one, socklen_t(MemoryLayout<Int32>.size))
        let result: Int32
        if isIPv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = in_port_t(UInt16(port).bigEndian)
            guard inet_pton(AF_INET6, host, &address.sin6_addr) == 1 else {
                close(descriptor)
                throw StartError(description: "'\(host)' is not an IPv6 address")
            }
            result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            guard inet_pton(AF_INET, host == "localhost" ? "127.0.0.1" : host, &address.sin_addr) == 1 else {
                close(descriptor)
                throw StartError(description: "'\(host)' is not an IPv4 address; use 127.0.0.1, 0.0.0.0, ::1 or ::")
            }
            result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        guard result == 0, Glibc.listen(descriptor, backlog) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw StartError(description: "cannot listen on \(host) port \(port): \(reason)")
        }
        return descriptor
    }

    private static func boundPort(_ descriptor: Int32) -> Int {
        var address = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        let family = Int32(address.ss_family)
        return withUnsafePointer(to: &address) { pointer -> Int in
            if family == AF_INET6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
        }
    }
}

/// A flag set once from any thread and read on every request, so it is an atomic rather than a lock.
final class ManagedFlag: Sendable {
    private let value = Atomic<Bool>(false)

    func set() {
        value.store(true, ordering: .releasing)
    }

    var isSet: Bool { value.load(ordering: .acquiring) }
}
