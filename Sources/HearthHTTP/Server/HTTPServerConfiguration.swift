import Foundation

extension HTTPServer {
    /// How the server listens and what it tolerates.
    package struct Configuration: Sendable {
        package var host = "127.0.0.1"
        /// 0 picks a free port; read `port` after `start()`.
        package var port = 8080
        package var threads = max(1, ProcessInfo.processInfo.activeProcessorCount)
        package var limits = HTTPLimits()
        /// A client must send its whole request line and headers within this time, or it gets 408.
        package var headerTimeout: Double = 10
        /// An idle keep-alive connection is closed after this time.
        package var idleTimeout: Double = 30
        /// A connection whose client takes none of what it is owed for this long is closed.
        package var sendTimeout: Double = 30
        /// Past this many bytes owed to a client, its connection is neither read nor parsed until it drains.
        package var maximumPendingOutput = 1 << 20
        /// After an error answer, what the client still sends is read and dropped while it keeps coming at
        /// least this often, for at most `lingerLongest` seconds.
        package var lingerQuiet: Double = 2
        package var lingerLongest: Double = 10
        /// On stop, connections still open after this long are closed anyway.
        package var shutdownGrace: Double = 10
        /// Connections beyond this, per thread, are answered 503 and closed at once; lowered at start to fit
        /// the process's descriptor limit.
        package var maximumConnections = 10_000
        /// Where access-log lines go, or nil for none.
        package var accessLog: AccessLog?
        /// The path as the access log and metrics show it: a chance to replace ids in paths with a pattern.
        package var loggedPath: @Sendable (String) -> String = { $0 }
        /// The answer to a request the server refuses itself (413, 431, 408, …); plain text unless the
        /// application gives its own shape.
        package var protocolErrorResponse: @Sendable (HTTPProtocolError) -> HTTPResponse = { $0.plainResponse }

        package init() {}
    }
}
