import HearthHTTP

/// A research request's query string, read strictly: each parameter once, only those the endpoint takes, values
/// percent-decoded.
struct ResearchQuery {
    private let values: [String: String]

    init(_ query: String, allowed: Set<String>) throws {
        var values: [String: String] = [:]
        // A query string is form encoding.
        for (name, value) in try FormBody(bytes: Array(query.utf8)).fields {
            guard allowed.contains(name) else {
                throw APIError(.badRequest, code: "unknown_parameter",
                               message: "'\(JSONBody.prefix(name, bytes: 40))' is not a parameter here; use \(allowed.sorted().joined(separator: ", "))",
                               field: JSONBody.prefix(name, bytes: 40))
            }
            guard values[name] == nil else {
                throw APIError(.badRequest, code: "duplicate_parameter", message: "'\(name)' is given twice", field: name)
            }
            values[name] = value
        }
        self.values = values
    }

    subscript(name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    func required(_ name: String) throws -> String {
        guard let value = self[name] else { throw APIError(.badRequest, code: "missing_parameter", message: "'\(name)' is required", field: name) }
        return value
    }
}
