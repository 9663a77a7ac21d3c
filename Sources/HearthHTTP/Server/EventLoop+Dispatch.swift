extension EventLoop {
    /// Hands a request to the application: an answer now is queued at once; one that comes later (after a
    /// store commit) arrives through the inbox while the loop carries on with other connections.
    func dispatch(_ request: HTTPRequest, on connection: Connection, started: Double) {
        let keepAlive = request.keepAlive && !server.isStopping
        let isHead = request.method == "HEAD"
        switch server.handle(request) {
        case .now(let response):
            queue(response, on: connection, keepAlive: keepAlive, isHead: isHead)
            record(method: request.method, path: request.path, response: response, started: started)
            if !keepAlive { connection.state.closeAfterOutput() }
        case .later(let start):
            connection.state.replyDeferred()
            let pending = ReplyInbox.Reply(descriptor: connection.descriptor, generation: connection.generation,
                                           response: HTTPResponse(status: .internalError), keepAlive: keepAlive, isHead: isHead,
                                           method: request.method, path: request.path, started: started)
            let inbox = self.inbox
            start { response in
                var reply = pending
                reply.response = response
                inbox.put(reply)
            }
        }
    }

    /// Sends the deferred replies that arrived, then carries on with any requests queued behind them.
    func deliverReplies() {
        for reply in inbox.takeAll() {
            guard let connection = connections[reply.descriptor], connection.generation == reply.generation else { continue }
            queue(reply.response, on: connection, keepAlive: reply.keepAlive, isHead: reply.isHead)
            record(method: reply.method, path: reply.path, response: reply.response, started: reply.started)
            connection.state.replyDelivered(now: Self.now(), keepAlive: reply.keepAlive)
            service(connection)
        }
    }

    /// A request the server cannot take: its error answer closes the connection, after a lingering read.
    func refuseRequest(on connection: Connection, _ error: HTTPProtocolError, started: Double) {
        let response = configuration.protocolErrorResponse(error)
        queue(response, on: connection, keepAlive: false, isHead: false)
        record(method: "-", path: "-", response: response, started: started)
        connection.input.removeAll()
        connection.state.requestRefused()
    }

    /// Queues an answer: its head, and its body by reference.
    func queue(_ response: HTTPResponse, on connection: Connection, keepAlive: Bool, isHead: Bool) {
        if connection.output.isEmpty { connection.lastOutputProgress = Self.now() }
        connection.output.append(response.head(keepAlive: keepAlive, date: date.current()))
        guard response.sendsBody(forHead: isHead) else { return }
        if let file = response.file { connection.output.append(file) } else { connection.output.append(response.body) }
    }

    private static let continueLine = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Tells a client waiting with `Expect: 100-continue` to send its body.
    func queueContinue(on connection: Connection) {
        if connection.output.isEmpty { connection.lastOutputProgress = Self.now() }
        connection.output.append(Self.continueLine)
    }

    // MARK: Access log

    func record(method: String, path: String, response: HTTPResponse, started: Double) {
        let entry = AccessRecord(method: method, path: configuration.loggedPath(path), status: response.status.code,
                                 bytes: response.bodyLength, seconds: Self.now() - started)
        server.observe(entry)
        guard configuration.accessLog != nil else { return }
        entry.write(into: &logLines)
        logLineCount += 1
    }

    /// Hands the turn's lines to the log's writer thread in one go.
    func handOverLog() {
        guard let log = configuration.accessLog, logLineCount > 0 else { return }
        log.append(logLines, count: logLineCount)
        logLines.removeAll(keepingCapacity: logLines.capacity <= 64 * 1024)
        logLineCount = 0
    }
}
