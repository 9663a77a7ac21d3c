#if canImport(Glibc)
import Glibc
#endif

extension EventLoop {
    /// Reads what has arrived (up to one maximal request beyond what is parsed), then answers it.
    func read(_ connection: Connection) {
        if connection.state.isLingering { return discard(connection) }
        let cap = inputCap
        while connection.input.count <= cap && !connection.input.ended {
            let n = receiveBuffer.withUnsafeMutableBytes { recv(connection.descriptor, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                receiveBuffer.withUnsafeBufferPointer { connection.input.append(UnsafeBufferPointer(rebasing: $0[0..<n])) }
                connection.state.bytesArrived(now: Self.now())
                if n < receiveBuffer.count { break }
                continue
            }
            if n == 0 {
                connection.input.ended = true
                break
            }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { break }
            // Reset: the client is gone, and nothing can reach it.
            return closeConnection(connection)
        }
        service(connection)
    }

    /// Lingering close: reads and drops what the client still sends after its error answer.
    private func discard(_ connection: Connection) {
        while true {
            let n = receiveBuffer.withUnsafeMutableBytes { recv(connection.descriptor, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                connection.state.lingeringRead(now: Self.now(), quiet: configuration.lingerQuiet)
                continue
            }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return }
            // The client has stopped (or reset): its answer was read, or can no longer be.
            return closeConnection(connection)
        }
    }

    /// Answers every whole request in the buffer, in order (pipelining), while the connection parses requests
    /// and owes its client less than the output limit.
    func process(_ connection: Connection) {
        while connection.state.parsesRequests && connection.output.count < configuration.maximumPendingOutput {
            if connection.input.isEmpty {
                if connection.input.ended { connection.state.inputEnded() }
                return
            }
            let started: Double
            if case .receiving(let since, _) = connection.state { started = since } else { started = Self.now() }
            switch connection.input.withUnparsedBytes({ parser.parse($0) }) {
            case .incomplete:
                if connection.input.ended { connection.state.inputEnded() }
                return
            case .awaitingBody(let expectsContinue):
                if expectsContinue, case .receiving(_, false) = connection.state {
                    queueContinue(on: connection)
                    connection.state.continueSent()
                }
                if connection.input.ended { connection.state.inputEnded() }
                return
            case .invalid(let error):
                refuseRequest(on: connection, error, started: started)
                return
            case .request(var request, let consumed):
                request.client = connection.client
                connection.input.consume(consumed)
                connection.state.requestParsed(now: Self.now(), more: !connection.input.isEmpty)
                dispatch(request, on: connection, started: started)
            }
        }
    }
}
