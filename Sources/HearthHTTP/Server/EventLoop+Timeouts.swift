extension EventLoop {
    /// Every quarter second: slow senders get 408, idle keep-alive connections and clients that take none of
    /// their answers are closed, lingering closes end, and (once stopping) the grace period is enforced —
    /// all without holding a thread.
    func sweep(now: Double) {
        resumeAcceptingIfDue(now: now)
        let graceOver = stoppingSince.map { now - $0 > configuration.shutdownGrace } ?? false
        for connection in Array(connections.values) {
            if graceOver { closeConnection(connection); continue }
            if !connection.output.isEmpty {
                if now - connection.lastOutputProgress > configuration.sendTimeout { closeConnection(connection) }
                continue
            }
            switch connection.state.expiry(now: now, idleTimeout: configuration.idleTimeout, headerTimeout: configuration.headerTimeout) {
            case .none:
                break
            case .close:
                closeConnection(connection)
            case .requestTimeout:
                refuseRequest(on: connection, HTTPProtocolError(.requestTimeout, "the request did not arrive in time; send it again"),
                              started: now)
                service(connection)
            }
        }
    }
}
