/// A request the server refuses before any handler sees it, and why.
///
/// The server picks the status and closes the connection; what the body says is the application's
/// choice (`HTTPServer.Configuration.protocolErrorResponse`), so an API can answer in its own shape.
package struct HTTPProtocolError: Error, Sendable, Equatable {
    /// What went wrong; the raw value is a stable machine-readable name for it.
    package enum Kind: String, Sendable {
        case badRequest = "bad_request"
        case headersTooLarge = "headers_too_large"
        case payloadTooLarge = "payload_too_large"
        case lengthRequired = "length_required"
        case notImplemented = "not_implemented"
        case versionNotSupported = "version_not_supported"
        case requestTimeout = "request_timeout"
        case expectationFailed = "expectation_failed"
        case tooManyConnections = "too_many_connections"
    }

    package var kind: Kind
    /// A sentence for the client's developer: what to change.
    package var message: String

    package init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    package var status: HTTPStatus {
        switch kind {
        case .badRequest: .badRequest
        case .headersTooLarge: .headersTooLarge
        case .payloadTooLarge: .payloadTooLarge
        case .lengthRequired: .lengthRequired
        case .notImplemented: .notImplemented
        case .versionNotSupported: .versionNotSupported
        case .requestTimeout: .requestTimeout
        case .expectationFailed: .expectationFailed
        case .tooManyConnections: .serviceUnavailable
        }
    }

    /// The server's own answer when the application adds nothing: the status and the message as plain text.
    package var plainResponse: HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array((message + "\n").utf8))
    }
}
