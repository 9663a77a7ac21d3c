/// Limits that protect the server from requests too big to be honest.
package struct HTTPLimits: Sendable {
    /// The request line and headers together (default 16 KiB; beyond that, 431).
    package var maximumHeaderBytes = 16 * 1024
    /// The body (default 1 MiB; beyond that, 413).
    package var maximumBodyBytes = 1024 * 1024
    /// How many headers a request may have.
    package var maximumHeaderCount = 100

    package init() {}
}

/// What parsing found at the start of the buffer.
package enum HTTPParseResult: Sendable {
    /// Not a whole request yet: read more bytes.
    case incomplete
    /// The head is complete and valid but the body has not all arrived; `expectsContinue` when the client
    /// sent `Expect: 100-continue` and waits for a `100 Continue` before sending it.
    case awaitingBody(expectsContinue: Bool)
    /// A whole request, and how many bytes it used (the rest may be the next, pipelined, request).
    case request(HTTPRequest, consumed: Int)
    /// The bytes cannot be a valid request; answer with the error's status and close the connection.
    case invalid(HTTPProtocolError)
}

/// Parses HTTP/1.0 and 1.1 requests straight from the bytes received, one at a time.
///
/// Bodies need a `Content-Length`; a chunked request body is refused with 411 and a message
/// saying to send its length, since the API's bodies are small JSON documents.
package struct HTTPRequestParser: Sendable {
    package var limits: HTTPLimits

    package init(limits: HTTPLimits = HTTPLimits()) {
        self.limits = limits
    }

    package func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> HTTPParseResult {
        guard let headerEnd = endOfHeaders(bytes) else {
            if bytes.count > limits.maximumHeaderBytes {
                return .invalid(HTTPProtocolError(.headersTooLarge, "the request line and headers are larger than \(limits.maximumHeaderBytes) bytes"))
            }
            return .incomplete
        }
        if headerEnd > limits.maximumHeaderBytes {
            return .invalid(HTTPProtocolError(.headersTooLarge, "the request line and headers are larger than \(limits.maximumHeaderBytes) bytes"))
        }
        // Lines are byte ranges of the buffer itself; nothing is copied until a value becomes a String.
        var lines = HeaderLines(bytes: bytes, end: headerEnd)
        // A request may be preceded by empty lines (RFC 9112 §2.2).
        var requestLine = lines.next()
        while let line = requestLine, line.isEmpty { requestLine = lines.next() }
        guard let requestLine else { return .invalid(HTTPProtocolError(.badRequest, "the request has no request line")) }

        let parts = bytes[requestLine].split(separator: UInt8(ascii: " "), maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else {
            return .invalid(HTTPProtocolError(.badRequest, "the request line must be 'METHOD /path HTTP/1.1'"))
        }
        guard parts[0].allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else {
            return .invalid(HTTPProtocolError(.badRequest, "the method must be upper-case letters"))
        }
        let version = parts[2]
        guard version.count == 8, version.prefix(7).elementsEqual("HTTP/1.".utf8) else {
            return .invalid(HTTPProtocolError(.versionNotSupported, "only HTTP/1.0 and HTTP/1.1 are supported"))
        }
        let minor = version.last!
        guard minor == UInt8(ascii: "0") || minor == UInt8(ascii: "1") else {
            return .invalid(HTTPProtocolError(.versionNotSupported, "only HTTP/1.0 and HTTP/1.1 are supported"))
        }
        let target = parts[1]
        guard target.first == UInt8(ascii: "/"), target.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            return .invalid(HTTPProtocolError(.badRequest, "the request target must be a path starting with '/'"))
        }
        let question = target.firstIndex(of: UInt8(ascii: "?"))
        let path = String(decoding: UnsafeBufferPointer(rebasing: target[..<(question ?? target.endIndex)]), as: UTF8.self)
        let query = question.map { String(decoding: UnsafeBufferPointer(rebasing: target[(target.index(after: $0))...]), as: UTF8.self) } ?? ""

        var headers: [(name: String, value: String)] = []
        while let line = lines.next() {
            guard headers.count < limits.maximumHeaderCount else {
                return .invalid(HTTPProtocolError(.headersTooLarge, "the request has more than \(limits.maximumHeaderCount) headers"))
            }
            let text = bytes[line]
            guard let colon = text.firstIndex(of: UInt8(ascii: ":")), colon > text.startIndex else {
                return .invalid(HTTPProtocolError(.badRequest, "a header line must be 'Name: value'"))
            }
            let name = text[..<colon]
            guard name.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
                return .invalid(HTTPProtocolError(.badRequest, "a header name may not contain spaces or control characters"))
            }
            var value = text[text.index(after: colon)...]
            while let first = value.first, first == 0x20 || first == 0x09 { value = value.dropFirst() }
            while let last = value.last, last == 0x20 || last == 0x09 { value = value.dropLast() }
            guard !value.contains(where: { $0 < 0x20 && $0 != 0x09 }) else {
                return .invalid(HTTPProtocolError(.badRequest, "a header value may not contain control characters"))
            }
            let lowerName = String(unsafeUninitializedCapacity: name.count) { buffer in
                for (offset, byte) in name.enumerated() { buffer[offset] = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }
                return name.count
            }
            headers.append((lowerName, String(decoding: UnsafeBufferPointer(rebasing: value), as: UTF8.self)))
        }

        var request = HTTPRequest(method: String(decoding: parts[0], as: UTF8.self), path: path, query: query,
                                  minorVersion: Int(minor - 0x30), headers: headers, body: [])
        if let encoding = request.header("transfer-encoding") {
            if encoding.lowercased() == "chunked" {
                return .invalid(HTTPProtocolError(.lengthRequired, "chunked request bodies are not accepted; send the body with a Content-Length"))
            }
            return .invalid(HTTPProtocolError(.notImplemented, "the transfer encoding '\(encoding)' is not supported"))
        }
        // RFC 9112 §3.2: an HTTP/1.1 request without Host, or any request with two, is refused.
        let hosts = headers.lazy.filter { $0.name == "host" }.count
        if hosts > 1 { return .invalid(HTTPProtocolError(.badRequest, "the request has more than one Host header")) }
        if hosts == 0 && request.minorVersion >= 1 {
            return .invalid(HTTPProtocolError(.badRequest, "an HTTP/1.1 request needs a Host header"))
        }
        var expectsContinue = false
        if request.minorVersion >= 1, let expectation = request.header("expect") {
            guard expectation.lowercased() == "100-continue" else {
                return .invalid(HTTPProtocolError(.expectationFailed, "the only expectation this server meets is 100-continue"))
            }
            expectsContinue = true
        }
        let lengths = headers.filter { $0.name == "content-length" }.map(\.value)
        guard Set(lengths).count <= 1 else {
            return .invalid(HTTPProtocolError(.badRequest, "the request has conflicting Content-Length headers"))
        }
        var bodyLength = 0
        if let raw = lengths.first {
            guard !raw.isEmpty, raw.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), raw.utf8.count <= 12, let length = Int(raw) else {
                return .invalid(HTTPProtocolError(.badRequest, "Content-Length must be a whole number of bytes"))
            }
            guard length <= limits.maximumBodyBytes else {
                return .invalid(HTTPProtocolError(.payloadTooLarge, "the body is larger than \(limits.maximumBodyBytes) bytes"))
            }
            bodyLength = length
        }
        let bodyStart = headerEnd
        guard bytes.count - bodyStart >= bodyLength else { return .awaitingBody(expectsContinue: expectsContinue) }
        request.body = Array(bytes[bodyStart..<(bodyStart + bodyLength)])
        return .request(request, consumed: bodyStart + bodyLength)
    }

    /// The index just past the blank line that ends the headers (`\r\n\r\n`, or `\n\n` from lenient clients).
    private func endOfHeaders(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let limit = min(bytes.count, limits.maximumHeaderBytes + 4)
        var i = 0
        while i < limit {
            if bytes[i] == 0x0A {
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { return i + 2 }
                if i + 2 < bytes.count, bytes[i + 1] == 0x0D, bytes[i + 2] == 0x0A { return i + 3 }
            }
            i += 1
        }
        return nil
    }
}

/// The lines of a request head as ranges of the receive buffer, without their line endings,
/// up to (not including) the blank line that ends the head.
private struct HeaderLines {
    let bytes: UnsafeBufferPointer<UInt8>
    let end: Int
    var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>, end: Int) {
        self.bytes = bytes
        self.end = end
    }

    mutating func next() -> Range<Int>? {
        guard position < end else { return nil }
        var cursor = position
        while cursor < end && bytes[cursor] != 0x0A { cursor += 1 }
        let start = position
        position = cursor + 1
        let stop = cursor > start && bytes[cursor - 1] == 0x0D ? cursor - 1 : cursor
        // The blank line that ends the head is not a line of it.
        if start == stop && position >= end { return nil }
        return start..<stop
    }
}
