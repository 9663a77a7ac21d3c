import HearthHTTP

/// An error answer in the API's one shape, `{"error": {"code", "message", "field"}}`, that builds its own
/// response (as Hummingbird's `HTTPResponseError` does): endpoints throw it, the router sends it.
package struct APIError: Error, Sendable {
    package var status: HTTPStatus
    /// A stable machine-readable name for what went wrong, e.g. `unknown_id`.
    package var code: String
    /// A sentence for the client's developer: what to change.
    package var message: String
    /// Where in the request the fault is (a JSON path such as `events[2].course`), when it is in one place.
    package var field: String?
    /// Extra headers, such as `Retry-After` or `Allow`.
    package var headers: [(name: String, value: String)]

    package init(_ status: HTTPStatus, code: String, message: String, field: String? = nil,
                 headers: [(name: String, value: String)] = []) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = headers
    }

    package var response: HTTPResponse {
        var json = "{\"error\":{\"code\":\(Self.quoted(code)),\"message\":\(Self.quoted(message))"
        if let field { json += ",\"field\":\(Self.quoted(field))" }
        json += "}}\n"
        return HTTPResponse(status: status, headers: [("Content-Type", "application/json"), ("Cache-Control", "no-store")] + headers,
                            body: Array(json.utf8))
    }

    /// The server's own refusals (413, 431, 408, …) in the API's shape, with codes that say what happened.
    package static func protocolError(_ error: HTTPProtocolError) -> HTTPResponse {
        APIError(error.status, code: error.kind.rawValue, message: error.message).response
    }

    private static func quoted(_ s: String) -> String {
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
