import CHearthLinux
#if canImport(Glibc)
import Glibc
#endif

extension EventLoop {
    /// Accepts every waiting client. Past the connection limit a client is answered 503 and closed; when the
    /// process has no descriptors left, the spare one is given up to accept-and-refuse a client, and accepting
    /// pauses briefly, so running out never spins the loop.
    func acceptConnections() {
        var address = [UInt8](repeating: 0, count: 16)
        var length: Int32 = 0
        while true {
            let descriptor = hearth_accept_from(listener, &address, &length)
            if descriptor >= 0 {
                guard connections.count < connectionLimit else {
                    refuse(descriptor, HTTPProtocolError(.tooManyConnections, "the server has too many open connections; try again shortly"))
                    continue
                }
                var one: Int32 = 1
                setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                nextGeneration += 1
                connections[descriptor] = Connection(descriptor: descriptor, generation: nextGeneration,
                                                     client: ClientAddress(bytes: Array(address.prefix(Int(length)))), now: Self.now(),
                                                     interest: EPOLLIN.rawValue)
                _ = hearth_epoll_add(epoll, descriptor, EPOLLIN.rawValue, UInt64(descriptor))
                continue
            }
            switch errno {
            case EINTR, ECONNABORTED, EPROTO:
                continue
            case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                outOfDescriptors()
                return
            default:
                // EAGAIN: nobody else is waiting.
                return
            }
        }
    }

    private func outOfDescriptors() {
        if spareDescriptor >= 0 {
            close(spareDescriptor)
            let descriptor = hearth_accept(listener)
            if descriptor >= 0 {
                refuse(descriptor, HTTPProtocolError(.tooManyConnections, "the server has run out of connections; try again shortly"))
            }
            spareDescriptor = open("/dev/null", O_RDONLY | O_CLOEXEC)
        }
        // The listener is level-triggered: left registered, it would wake the loop again at once.
        acceptPausedUntil = Self.now() + 0.1
        _ = hearth_epoll_modify(epoll, listener, 0, Self.listenerToken)
    }

    /// After a pause for want of descriptors, listen again.
    func resumeAcceptingIfDue(now: Double) {
        guard let until = acceptPausedUntil, now >= until, listening else { return }
        acceptPausedUntil = nil
        _ = hearth_epoll_modify(epoll, listener, EPOLLIN.rawValue, Self.listenerToken)
    }

    /// Answers at once and closes, so a refused client is told rather than left hanging.
    private func refuse(_ descriptor: Int32, _ error: HTTPProtocolError) {
        let bytes = configuration.protocolErrorResponse(error).serialized(keepAlive: false)
        _ = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
        close(descriptor)
    }
}
