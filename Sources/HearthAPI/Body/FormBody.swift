import HearthHTTP
import HearthText

/// Reads an HTML form's body (`application/x-www-form-urlencoded`), as a browser without JavaScript sends it.
struct FormBody {
    /// Name and value pairs in the order sent, percent-decoded, `+` read as a space.
    let fields: [(name: String, value: String)]

    /// A form has no reason to carry more fields than a quiz has options.
    static let maximumFields = 1000

    /// Whether a request's body is a form, by its Content-Type.
    static func isForm(_ request: HTTPRequest) -> Bool {
        guard let type = request.header("content-type") else { return false }
        // The media type before any parameter, without spaces (it has none of its own), in any case.
        let bare = (type.split(separator: ";", maxSplits: 1).first ?? "").filter { $0 != " " && $0 != "\t" }
        return bare.lowercased() == "application/x-www-form-urlencoded"
    }

    /// 400 when the body is not valid form encoding or its text is not UTF-8.
    init(_ request: HTTPRequest) throws {
        try self.init(bytes: request.body)
    }

    /// Form encoding from a body or a query string.
    init(bytes: [UInt8]) throws {
        var fields: [(name: String, value: String)] = []
        for pair in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            guard fields.count < Self.maximumFields else {
                throw APIError(.badRequest, code: "malformed_form", message: "a form may carry at most \(Self.maximumFields) fields")
            }
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Self.decoded(parts[0]), value = try Self.decoded(parts.count > 1 ? parts[1] : [])
            fields.append((name, value))
        }
        self.fields = fields
    }

    /// The first value of `name`, if sent.
    func value(_ name: String) -> String? { fields.first { $0.name == name }?.value }

    /// Refuses any field `allowed` does not accept, naming it.
    func allow(_ allowed: (String) -> Bool, what: String) throws {
        if let stray = fields.first(where: { !allowed($0.name) }) {
            throw APIError(.badRequest, code: "unknown_field", message: "\(what) may not carry '\(JSONBody.prefix(stray.name, bytes: 100))'",
                           field: JSONBody.prefix(stray.name, bytes: 100))
        }
    }

    /// A learner id sent in a hidden field: a UUID, lower-cased; nil when absent or empty.
    func learner() throws -> String? {
        guard let text = value("learner"), !text.isEmpty else { return nil }
        guard JSONBody.isUUID(text) else {
            throw APIError(.badRequest, code: "invalid_learner", message: "'learner' must be a UUID", field: "learner")
        }
        return text.lowercased()
    }

    /// Percent-encoded text (a form field, a query parameter, a path segment) decoded, `+` read as a space;
    /// 400 when a `%` is not followed by two hex digits or the result is not UTF-8.
    static func percentDecoded(_ text: String) throws -> String {
        try decoded(ArraySlice(text.utf8))
    }

    private static func decoded(_ bytes: ArraySlice<UInt8>) throws -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                output.append(0x20)
            } else if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex, let high = HexDigit.value(of: bytes[index + 1]), let low = HexDigit.value(of: bytes[index + 2]) else {
                    throw APIError(.badRequest, code: "malformed_form", message: "the form has a '%' not followed by two hex digits")
                }
                output.append(high << 4 | low)
                index += 2
            } else {
                output.append(byte)
            }
            index += 1
        }
        guard let text = String(validating: output, as: UTF8.self) else {
            throw APIError(.badRequest, code: "malformed_form", message: "the form's text is not UTF-8")
        }
        return text
    }
}
