#if canImport(Glibc)
import Glibc
#endif

extension EventLoop {
    /// Parses what can be parsed, sends what is owed, and decides the connection's next step: wait to read,
    /// wait to write, linger, or close. Requests held back by the output limit go on once it drains.
    func service(_ connection: Connection) {
        while true {
            process(connection)
            let heldBack = connection.state.parsesRequests && connection.output.count >= configuration.maximumPendingOutput
            switch connection.output.send(to: connection.descriptor) {
            case .failed:
                return closeConnection(connection)
            case .blocked(let progressed):
                if progressed { connection.lastOutputProgress = Self.now() }
                return updateInterest(connection)
            case .drained:
                break
            }
            switch connection.state.outputDrained(now: Self.now(), quiet: configuration.lingerQuiet, longest: configuration.lingerLongest) {
            case .close:
                return closeConnection(connection)
            case .linger:
                shutdown(connection.descriptor, Int32(SHUT_WR))
                connection.input.removeAll()
                return updateInterest(connection)
            case .none:
                break
            }
            if server.isStopping, case .idle = connection.state {
                return closeConnection(connection)
            }
            if !heldBack { return updateInterest(connection) }
        }
    }
}
