import HearthHTTP
import HearthJSON

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
        var members: [(key: String, value: JSONValue)] = [(key: "code", value: .string(code)), (key: "message", value: .string(message))]
        if let field { members.append((key: "field", value: .string(field))) }
        let body = JSONWriter.bytes(of: .object(JSONObject([(key: "error", value: .object(JSONObject(members)))])), keyOrder: .declared)
        return HTTPResponse(status: status, headers: [("Content-Type", "application/json"), ("Cache-Control", "no-store")] + headers,
                            body: body + [0x0A])
    }

    /// The server's own refusals (413, 431, 408, …) in the API's shape, with codes that say what happened.
    package static func protocolError(_ error: HTTPProtocolError) -> HTTPResponse {
        APIError(error.status, code: error.kind.rawValue, message: error.message).response
    }
}
