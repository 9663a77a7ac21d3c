/// A response ready to send: status, headers and body.
public struct HTTPResponse: Sendable {
    public var status: HTTPStatus
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: HTTPStatus, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Headers every response carries: a strict Content-Security-Policy (the site has no inline
    /// script or style and loads nothing from other hosts), no MIME sniffing, no referrer.
    public static let securityHeaders: [(name: String, value: String)] = [
        ("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
    ]

    /// A JSON error body in the API's shape: `{"error": {"code", "message", "field"}}`.
    public static func error(_ status: HTTPStatus, code: String, message: String, field: String? = nil) -> HTTPResponse {
        var json = "{\"error\":{\"code\":\(JSONText.quoted(code)),\"message\":\(JSONText.quoted(message))"
        if let field { json += ",\"field\":\(JSONText.quoted(field))" }
        json += "}}\n"
        return HTTPResponse(status: status, headers: [("Content-Type", "application/json")], body: Array(json.utf8))
    }

    /// The security headers as they go on the wire, encoded once.
    private static let securityHeaderBytes: [UInt8] = Array(securityHeaders.map { "\($0.name): \($0.value)\r\n" }.joined().utf8)

    /// The bytes on the wire: status line, headers (with Content-Length, security headers and
    /// the connection's fate), blank line, body (omitted for HEAD).
    public func serialized(keepAlive: Bool, includeBody: Bool = true) -> [UInt8] {
        var bytes: [UInt8] = []
        write(into: &bytes, keepAlive: keepAlive, includeBody: includeBody)
        return bytes
    }

    /// Appends the bytes on the wire to a connection's output, with no intermediate copies.
    public func write(into output: inout [UInt8], keepAlive: Bool, includeBody: Bool = true) {
        output.reserveCapacity(output.count + 512 + (includeBody ? body.count : 0))
        output.append(contentsOf: "HTTP/1.1 \(status.code) \(status.reason)\r\n".utf8)
        for (name, value) in headers {
            output.append(contentsOf: name.utf8)
            output.append(contentsOf: ": ".utf8)
            output.append(contentsOf: value.utf8)
            output.append(contentsOf: "\r\n".utf8)
        }
        output.append(contentsOf: Self.securityHeaderBytes)
        output.append(contentsOf: "Content-Length: \(body.count)\r\n".utf8)
        output.append(contentsOf: (keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n").utf8)
        if includeBody { output.append(contentsOf: body) }
    }
}

/// JSON string quoting for the few JSON texts the server writes by hand.
public enum JSONText {
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
