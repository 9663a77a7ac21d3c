import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP client for tests against a server on loopback (127.0.0.1 or ::1), so every byte sent is under the test's control.
package struct LoopbackClient {
    package let descriptor: Int32

    /// Connects, with a receive timeout so a silent server fails the test instead of hanging it.
    package init(port: Int, host: String = "127.0.0.1", timeoutSeconds: Int = 3) throws {
        let isIPv6 = host.contains(":")
        descriptor = socket(isIPv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let result: Int32
        if isIPv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET6, host, &address.sin6_addr)
            result = Self.connect(descriptor, to: &address)
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET, host, &address.sin_addr)
            result = Self.connect(descriptor, to: &address)
        }
        guard result == 0 else {
            Glibc.close(descriptor)
            throw POSIXError(.ECONNREFUSED)
        }
    }

    private static func connect<Address>(_ descriptor: Int32, to address: inout Address) -> Int32 {
        withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<Address>.size)) }
        }
    }

    @discardableResult
    package func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }

    /// Everything until the server closes the connection (or the timeout).
    package func readToEnd() -> String {
        var all: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            all.append(contentsOf: buffer[0..<n])
        }
        return String(decoding: all, as: UTF8.self)
    }

    /// Reads until `count` complete responses have arrived (each with a Content-Length body), or the connection ends.
    package func readResponses(_ count: Int) -> [String] {
        var all: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let responses = Self.split(String(decoding: all, as: UTF8.self))
            if responses.count >= count { return responses }
            let n = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return responses }
            all.append(contentsOf: buffer[0..<n])
        }
    }

    /// Splits a stream of responses by their Content-Length.
    package static func split(_ text: String) -> [String] {
        var responses: [String] = []
        var rest = Substring(text)
        while let headerEnd = rest.range(of: "\r\n\r\n") {
            let head = rest[..<headerEnd.lowerBound]
            let length = head.split(separator: "\r\n").first { $0.hasPrefix("Content-Length: ") }
                .flatMap { Int($0.dropFirst("Content-Length: ".count)) } ?? 0
            let bodyStart = headerEnd.upperBound
            guard rest.utf8.distance(from: bodyStart, to: rest.endIndex) >= length else { break }
            let end = rest.utf8.index(bodyStart, offsetBy: length)
            responses.append(String(rest[..<end]))
            rest = rest[end...]
        }
        return responses
    }

    /// Closes the sending side only, as a client does when it has nothing more to ask.
    package func finishSending() { shutdown(descriptor, Int32(SHUT_WR)) }

    package func close() { Glibc.close(descriptor) }
}
