/// Reads typed settings out of front matter, reporting each wrong or missing value where it was written.
struct FrontMatterReader {
    let map: FrontMatter
    /// What the file is, for messages: "a module", "a course".
    let subject: String
    var diagnostics = Diagnostics()

    init(_ map: FrontMatter, subject: String) {
        self.map = map
        self.subject = subject
    }

    /// Reports every key not in `known`, naming the keys that are.
    mutating func rejectUnknownKeys(_ known: [String]) {
        for entry in map.entries where !known.contains(entry.key) {
            diagnostics.error("unknown front-matter key '\(entry.key)' in \(subject); the keys are: \(known.joined(separator: ", "))",
                              at: entry.location)
        }
    }

    private func entry(_ key: String) -> FrontMatter.Entry? { map.entries.first { $0.key == key } }

    mutating func text(_ key: String, required: Bool = false) -> String? {
        guard let entry = entry(key) else {
            if required, !map.isMissing { diagnostics.error("\(subject) needs a '\(key):' line in its front matter", at: map.location) }
            return nil
        }
        guard case .scalar(let value, _, _) = entry.value else {
            diagnostics.error("'\(key)' should be a single piece of text, not a list or map", at: entry.value.location)
            return nil
        }
        if required && value.isEmpty {
            diagnostics.error("'\(key)' is empty; \(subject) needs one", at: entry.location)
            return nil
        }
        return value
    }

    mutating func integer(_ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let entry = entry(key), let raw = text(key) else { return nil }
        guard let value = Int(raw), range.contains(value) else {
            diagnostics.error("'\(key)' should be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(raw)'",
                              at: entry.value.location)
            return nil
        }
        return value
    }

    mutating func boolean(_ key: String) -> Bool? {
        guard let entry = entry(key), let raw = text(key) else { return nil }
        switch raw {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            diagnostics.error("'\(key)' should be true or false, not '\(raw)'", at: entry.value.location)
            return nil
        }
    }

    /// A list of plain items; a single value counts as a list of one.
    mutating func list(_ key: String, in map: FrontMatter? = nil) -> [String] {
        let source = map ?? self.map
        guard let entry = source.entries.first(where: { $0.key == key }) else { return [] }
        switch entry.value {
        case .scalar(let value, _, _):
            return value.isEmpty ? [] : [value]
        case .list(let items, _):
            return items.compactMap { item in
                if case .scalar(let value, _, _) = item { return value }
                diagnostics.error("each item of '\(key)' should be plain text", at: item.location)
                return nil
            }
        case .map(let nested):
            diagnostics.error("'\(key)' should be a list like [a, b], not a map", at: nested.location)
            return []
        }
    }

    mutating func nestedMap(_ key: String) -> FrontMatter? {
        guard let entry = entry(key) else { return nil }
        guard case .map(let nested) = entry.value else {
            diagnostics.error("'\(key)' should hold indented keys on the lines below it", at: entry.value.location)
            return nil
        }
        return nested
    }

    func location(of key: String) -> SourceLocation { entry(key)?.location ?? map.location }
}
