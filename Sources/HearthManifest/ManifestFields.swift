import HearthJSON

/// One JSON object of a manifest being read, with its JSON path, so every refusal can name the entry.
struct ManifestFields {
    let object: JSONObject
    let path: String

    /// `value` as an object at `path`, allowed only the members `keys`, when given.
    init(_ value: JSONValue, at path: String, keys: [String]? = nil) throws {
        guard let object = value.object else { throw ManifestError(path: path, message: "expected an object, found \(Self.kind(value))") }
        self.object = object
        self.path = path
        if let keys { try allow(keys) }
    }

    /// Refuses any member not in `keys`: a manifest entry this code does not know is an error, never skipped.
    func allow(_ keys: [String]) throws {
        for key in object.keys where !keys.contains(key) {
            throw ManifestError(path: childPath(key), message: "this entry is not part of the manifest format (version \(Manifest.formatVersion))")
        }
    }

    func string(_ key: String) throws -> String {
        try convert(try required(key), at: childPath(key), "text") { $0.string }
    }

    func bool(_ key: String) throws -> Bool {
        try convert(try required(key), at: childPath(key), "true or false") { $0.bool }
    }

    func int(_ key: String) throws -> Int {
        try convert(try required(key), at: childPath(key), "a whole number", Self.whole)
    }

    /// A whole number, or nil when the member is absent.
    func optionalInt(_ key: String) throws -> Int? {
        guard let value = object[key] else { return nil }
        return try convert(value, at: childPath(key), "a whole number", Self.whole)
    }

    func strings(_ key: String) throws -> [String] {
        try items(key) { value, path throws in try convert(value, at: path, "text") { $0.string } }
    }

    func ints(_ key: String) throws -> [Int] {
        try items(key) { value, path throws in try convert(value, at: path, "a whole number", Self.whole) }
    }

    /// The member `key`, an object, read by `read`.
    func object<T>(_ key: String, _ read: (ManifestFields) throws -> T) throws -> T {
        try read(try ManifestFields(try required(key), at: childPath(key)))
    }

    /// The member `key`, a list of objects, each read by `read`.
    func objects<T>(_ key: String, _ read: (ManifestFields) throws -> T) throws -> [T] {
        try items(key) { value, path throws in try read(try ManifestFields(value, at: path)) }
    }

    private func items<T>(_ key: String, _ read: (JSONValue, String) throws -> T) throws -> [T] {
        let value = try required(key)
        guard let list = value.array else { throw ManifestError(path: childPath(key), message: "expected a list, found \(Self.kind(value))") }
        var result: [T] = []
        result.reserveCapacity(list.count)
        for (index, item) in list.enumerated() { result.append(try read(item, "\(childPath(key))[\(index)]")) }
        return result
    }

    private func required(_ key: String) throws -> JSONValue {
        guard let value = object[key] else { throw ManifestError(path: childPath(key), message: "this entry is missing") }
        return value
    }

    private func convert<T>(_ value: JSONValue, at path: String, _ expected: String, _ read: (JSONValue) -> T?) throws -> T {
        guard let result = read(value) else { throw ManifestError(path: path, message: "expected \(expected), found \(Self.kind(value))") }
        return result
    }

    private func childPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private static func whole(_ value: JSONValue) -> Int? { value.number.flatMap { Int(exactly: $0) } }

    private static func kind(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): "\(flag)"
        case .number(let number): Int(exactly: number).map { "the number \($0)" } ?? "the number \(number)"
        case .string: "text"
        case .array: "a list"
        case .object: "an object"
        }
    }
}
