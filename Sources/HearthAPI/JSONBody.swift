import Foundation
import HearthJSON
import HearthHTTP
import HearthStore

/// A refusal: status, machine code, plain message and the field at fault.
struct Refusal: Error {
    var status: HTTPStatus
    var code: String
    var message: String
    var field: String?

    var response: HTTPResponse { .error(status, code: code, message: message, field: field) }
}

/// Reads a JSON object from a request body, field by field, refusing anything not asked for.
struct JSONBody {
    /// The object's members, in the order the client wrote them.
    let fields: JSONObject
    /// The path of this object in the request, e.g. `events[2]`; empty for the top level.
    let path: String

    /// The request's body as a JSON object; 415 unless it is `application/json`, 400 unless it parses.
    init(_ request: HTTPRequest) throws {
        guard let type = request.header("content-type"), Self.isJSON(type) else {
            throw Refusal(status: .unsupportedMediaType, code: "unsupported_media_type", message: "send the body as application/json")
        }
        let value: JSONValue
        do {
            value = try JSONReader.read(request.body)
        } catch {
            throw Refusal(status: .badRequest, code: "malformed_json", message: "the body is not valid JSON: \(error.message)")
        }
        guard let object = value.object else {
            throw Refusal(status: .badRequest, code: "malformed_json", message: "the body must be a JSON object")
        }
        fields = object
        path = ""
    }

    /// `value` as an object found at `path` inside the request; 400 when it is anything else.
    init(_ value: JSONValue, at path: String) throws {
        guard let object = value.object else {
            throw Refusal(status: .badRequest, code: "malformed_json", message: "this must be a JSON object", field: path)
        }
        fields = object
        self.path = path
    }

    /// The full path of `key` in the request, for the error's `field`.
    func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The value of `key`; nil when it is absent or `null`, which the API treats alike.
    func value(_ key: String) -> JSONValue? {
        guard let value = fields[key], value != .null else { return nil }
        return value
    }

    /// Refuses keys outside `allowed`: the API takes no free text and nothing it does not need.
    func allow(_ allowed: Set<String>, what: String) throws {
        // Sorted only when something is refused, so the first refusal named is always the same.
        guard fields.members.contains(where: { !allowed.contains($0.key) }) else { return }
        for key in fields.keys.sorted() where !allowed.contains(key) {
            throw Refusal(status: .badRequest, code: "unknown_field",
                          message: "\(what) may not carry '\(key)'; only \(allowed.sorted().joined(separator: ", "))", field: name(key))
        }
    }

    /// A short string (at most 100 bytes), or nil when absent and not required.
    func text(_ key: String, required: Bool) throws -> String? {
        guard let value = value(key) else {
            if required { throw Refusal(status: .badRequest, code: "missing_field", message: "'\(key)' is required", field: name(key)) }
            return nil
        }
        guard let string = value.string, !string.isEmpty, string.utf8.count <= 100 else {
            throw Refusal(status: .badRequest, code: "invalid_field", message: "'\(key)' must be a short string", field: name(key))
        }
        return string
    }

    /// A client-generated UUID, lower-cased.
    func uuid(_ key: String, required: Bool) throws -> String? {
        guard let value = try text(key, required: required) else { return nil }
        guard Self.isUUID(value) else {
            throw Refusal(status: .badRequest, code: "invalid_\(key)", message: "'\(key)' must be a UUID made by the browser", field: name(key))
        }
        return value.lowercased()
    }

    /// Whether `text` is a UUID in its 36-character form, in either case.
    /// Whether a Content-Type is `application/json`, in any case, with or without parameters such as a charset.
    static func isJSON(_ contentType: String) -> Bool {
        var bytes = Substring(contentType).utf8.drop { $0 == 0x20 || $0 == 0x09 }
        for expected in "application/json".utf8 {
            guard let byte = bytes.first else { return false }
            let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
            guard lower == expected else { return false }
            bytes = bytes.dropFirst()
        }
        let rest = bytes.drop { $0 == 0x20 || $0 == 0x09 }
        return rest.isEmpty || rest.first == UInt8(ascii: ";")
    }

    static func isUUID(_ text: String) -> Bool {
        guard text.utf8.count == 36 else { return false }
        var index = 0
        for c in text.utf8 {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                if c != UInt8(ascii: "-") { return false }
            } else if !((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)) {
                return false
            }
            index += 1
        }
        return true
    }
}

/// The 202 (or 200) a stored write gets, or 503 when the store could not write.
enum StoreReply {
    static func response(for result: Result<AppendResult, Error>, status: HTTPStatus = .accepted) -> HTTPResponse {
        switch result {
        case .success(let counts):
            let body = "{\"accepted\":\(counts.accepted),\"duplicates\":\(counts.duplicates)}\n"
            return HTTPResponse(status: status, headers: [("Content-Type", "application/json"), ("Cache-Control", "no-store")],
                                body: Array(body.utf8))
        case .failure(let error as ConsentRequired):
            return .error(.unprocessable, code: "no_consent",
                          message: "this participant id has no research consent on record (never given, or withdrawn); send it without 'participant'",
                          field: error.index.map { "events[\($0)].participant" } ?? "participant")
        case .failure(let error) where error is StoreOverloaded:
            var response = HTTPResponse.error(.tooManyRequests, code: "too_many_requests",
                                              message: "the server has more to store than it can take right now; keep the data and send it again in a few seconds")
            response.headers.append(("Retry-After", "2"))
            return response
        case .failure:
            // Nothing was stored: the client keeps what it sent and retries later.
            return .error(.serviceUnavailable, code: "store_unavailable", message: "this cannot be stored right now; try again later")
        }
    }
}

extension HTTPReply {
    /// Validates at once — a refusal is answered now — and answers a valid request after its write commits,
    /// without holding the event loop in between.
    static func afterStoring<Value: Sendable>(
        status: HTTPStatus = .accepted, _ parse: () throws -> Value,
        write: @escaping @Sendable (Value, @escaping @Sendable (Result<AppendResult, Error>) -> Void) -> Void
    ) -> HTTPReply {
        let value: Value
        do {
            value = try parse()
        } catch let refusal as Refusal {
            return .now(refusal.response)
        } catch {
            return .now(.error(.badRequest, code: "malformed_json", message: "the request could not be read"))
        }
        return .later { respond in write(value) { respond(StoreReply.response(for: $0, status: status)) } }
    }
}
