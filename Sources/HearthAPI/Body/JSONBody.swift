import Foundation
import HearthJSON
import HearthHTTP
import HearthStore

/// Reads a JSON object from a request body, field by field, refusing anything not asked for.
struct JSONBody {
    /// The object's members, in the order the client wrote them.
    let fields: JSONObject
    /// The path of this object in the request, e.g. `events[2]`; empty for the top level.
    let path: String

    /// The request's body as a JSON object; 415 unless it is `application/json`, 400 unless it parses.
    init(_ request: HTTPRequest) throws {
        guard let type = request.header("content-type"), Self.isJSON(type) else {
            throw APIError(.unsupportedMediaType, code: "unsupported_media_type", message: "send the body as application/json")
        }
        let value: JSONValue
        do {
            value = try JSONReader.read(request.body)
        } catch {
            throw APIError(.badRequest, code: "malformed_json", message: "the body is not valid JSON: \(error.message)")
        }
        guard let object = value.object else {
            throw APIError(.badRequest, code: "malformed_json", message: "the body must be a JSON object")
        }
        fields = object
        path = ""
    }

    /// `value` as an object found at `path` inside the request; 400 when it is anything else.
    init(_ value: JSONValue, at path: String) throws {
        guard let object = value.object else {
            throw APIError(.badRequest, code: "malformed_json", message: "this must be a JSON object", field: path)
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
            // A key is the client's text: quoted back at most 100 bytes of it, cut on a character boundary.
            let shown = Self.prefix(key, bytes: 100)
            throw APIError(.badRequest, code: "unknown_field",
                           message: "\(what) may not carry '\(shown)'; only \(allowed.sorted().joined(separator: ", "))", field: name(shown))
        }
    }

    /// A short string (at most 100 bytes), or nil when absent and not required.
    func text(_ key: String, required: Bool) throws -> String? {
        guard let value = value(key) else {
            if required { throw APIError(.badRequest, code: "missing_field", message: "'\(key)' is required", field: name(key)) }
            return nil
        }
        guard let string = value.string, !string.isEmpty, string.utf8.count <= 100 else {
            throw APIError(.badRequest, code: "invalid_field", message: "'\(key)' must be a short string", field: name(key))
        }
        return string
    }

    /// A client-generated UUID, lower-cased.
    func uuid(_ key: String, required: Bool) throws -> String? {
        guard let value = try text(key, required: required) else { return nil }
        guard Self.isUUID(value) else {
            throw APIError(.badRequest, code: "invalid_\(key)", message: "'\(key)' must be a UUID made by the browser", field: name(key))
        }
        return value.lowercased()
    }

    /// At most `bytes` UTF-8 bytes of `text`, whole characters only, marked with "…" when cut.
    static func prefix(_ text: String, bytes: Int) -> String {
        guard text.utf8.count > bytes else { return text }
        var kept = ""
        for character in text {
            guard kept.utf8.count + character.utf8.count <= bytes else { break }
            kept.append(character)
        }
        return kept + "…"
    }

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

    /// Whether `text` is a UUID in its 36-character form, in either case.
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
