/// A response ready to send: status, headers and body.
package struct HTTPResponse: Sendable {
    package var status: HTTPStatus
    package var headers: [(name: String, value: String)]
    /// Shared, not copied, when it comes from the static site: sending it queues a reference.
    package var body: [UInt8]
    /// A body sent from a file instead of `body` (which is then empty).
    package var file: FileBody?

    package init(status: HTTPStatus, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response whose body is the file's bytes.
    package init(status: HTTPStatus, headers: [(name: String, value: String)] = [], file: FileBody) {
        self.status = status
        self.headers = headers
        body = []
        self.file = file
    }

    /// The length of the body, wherever it comes from.
    package var bodyLength: Int { file?.length ?? body.count }

    /// Headers every response carries: a strict Content-Security-Policy (the site has no inline
    /// script or style and loads nothing from other hosts), no MIME sniffing, no referrer.
    package static let securityHeaders: [(name: String, value: String)] = [
        ("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
    ]

    /// The security headers as they go on the wire, encoded once.
    private static let securityHeaderBytes: [UInt8] = Array(securityHeaders.map { "\($0.name): \($0.value)\r\n" }.joined().utf8)

    /// 1xx, 204 and 304 answers never have a body, so they carry no Content-Length: for a 304 the field
    /// would describe the representation, not the empty answer (RFC 9110 §8.6).
    private var hasContentLength: Bool {
        !(status.code < 200 || status.code == 204 || status.code == 304)
    }

    /// The status line and headers as they go on the wire: the given headers, the security headers,
    /// `Date` (already a whole header line), Content-Length where it applies, and the connection's fate.
    package func head(keepAlive: Bool, date: [UInt8] = []) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(512)
        bytes.append(contentsOf: "HTTP/1.1 \(status.code) \(status.reason)\r\n".utf8)
        for (name, value) in headers {
            bytes.append(contentsOf: name.utf8)
            bytes.append(contentsOf: ": ".utf8)
            bytes.append(contentsOf: value.utf8)
            bytes.append(contentsOf: "\r\n".utf8)
        }
        bytes.append(contentsOf: Self.securityHeaderBytes)
        bytes.append(contentsOf: date)
        if hasContentLength { bytes.append(contentsOf: "Content-Length: \(bodyLength)\r\n".utf8) }
        bytes.append(contentsOf: (keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n").utf8)
        return bytes
    }

    /// The whole answer as bytes (for tests and one-off writes; the server queues head and body separately).
    package func serialized(keepAlive: Bool, includeBody: Bool = true) -> [UInt8] {
        head(keepAlive: keepAlive) + (includeBody && hasContentLength ? body : [])
    }

    /// Whether the body goes on the wire after the head.
    func sendsBody(forHead isHead: Bool) -> Bool {
        !isHead && hasContentLength && bodyLength > 0
    }
}
