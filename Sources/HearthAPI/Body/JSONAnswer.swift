import HearthHTTP
import HearthJSON

/// A JSON answer: members in the order the endpoint declares them, never cached.
enum JSONAnswer {
    static func response(_ status: HTTPStatus, _ value: JSONObject) -> HTTPResponse {
        var body = JSONWriter.bytes(of: .object(value), keyOrder: .declared)
        body.append(0x0A)
        return HTTPResponse(status: status, headers: [("Content-Type", "application/json"), ("Cache-Control", "no-store")], body: body)
    }
}
