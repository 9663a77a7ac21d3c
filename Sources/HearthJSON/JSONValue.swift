/// One JSON value, as `JSONReader` produces it and `JSONWriter` writes it.
package enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The number, or nil for any other kind of value (`true` is not 1 here).
    package var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The flag, or nil for any other kind of value.
    package var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The string, or nil for any other kind of value.
    package var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The list's items, or nil for any other kind of value.
    package var array: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// The object, or nil for any other kind of value.
    package var object: JSONObject? {
        if case .object(let members) = self { return members }
        return nil
    }
}

/// A JSON object's members in document order; keys are unique (the reader refuses duplicates).
package struct JSONObject: Equatable, Sendable {
    /// The members as written.
    package var members: [(key: String, value: JSONValue)]

    /// An object holding `members`, which the caller keeps free of duplicate keys.
    package init(_ members: [(key: String, value: JSONValue)] = []) {
        self.members = members
    }

    /// The value for `key`, or nil when there is no such member. Request objects are small, so a scan beats hashing.
    package subscript(key: String) -> JSONValue? {
        for member in members where member.key == key { return member.value }
        return nil
    }

    /// How many members there are.
    package var count: Int { members.count }

    /// The keys in document order.
    package var keys: [String] { members.map(\.key) }

    /// Equal when the same members appear in the same order.
    package static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count
            && zip(lhs.members, rhs.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// An object written as a literal, its members in the order written (which a declared-order writer keeps).
    package init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements.map { (key: $0.0, value: $0.1) })
    }
}
