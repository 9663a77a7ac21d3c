/// One parsed HTTP/1.x request.
package struct HTTPRequest: Sendable {
    package var method: String
    /// The path exactly as sent, still percent-encoded, without the query.
    package var path: String
    /// Everything after `?`, or empty.
    package var query: String
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    package var minorVersion: Int
    /// Header names in lower case, in the order sent.
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]
    /// The peer's address, for limits kept in memory (never stored or logged).
    package var client: ClientAddress

    package init(method: String, path: String, query: String = "", minorVersion: Int = 1,
                headers: [(name: String, value: String)] = [], body: [UInt8] = [], client: ClientAddress = ClientAddress()) {
        self.client = client
        self.method = method
        self.path = path
        self.query = query
        self.minorVersion = minorVersion
        self.headers = headers
        self.body = body
    }

    /// The first value of a header (name in lower case).
    package func header(_ name: String) -> String? {
        headers.first { $0.name == name }?.value
    }

    /// HTTP/1.1 keeps the connection open unless told to close; HTTP/1.0 closes unless told to keep it.
    package var keepAlive: Bool {
        let connection = header("connection")?.lowercased() ?? ""
        if minorVersion >= 1 { return !connection.contains("close") }
        return connection.contains("keep-alive")
    }
}
