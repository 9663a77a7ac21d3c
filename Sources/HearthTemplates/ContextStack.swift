/// The values sections have entered, innermost last, and the spec's rules for finding a name among them.
struct ContextStack {
    private var frames: [TemplateValue]

    init(_ root: TemplateValue) {
        frames = [root]
        frames.reserveCapacity(16)
    }

    mutating func push(_ value: TemplateValue) { frames.append(value) }

    mutating func pop() { frames.removeLast() }

    /// The first part of a dotted name is looked for from the innermost frame outwards, stopping at the first
    /// object that has the key (even if its value is null); later parts are looked for only inside what the
    /// previous part found. Anything not found is `.null`.
    func resolve(_ name: VariableName) -> TemplateValue {
        guard let first = name.parts.first else { return frames[frames.count - 1] }
        var found: TemplateValue?
        for index in frames.indices.reversed() {
            if case .object(let members) = frames[index], let value = members[first] {
                found = value
                break
            }
        }
        guard var value = found else { return .null }
        for part in name.parts.dropFirst() {
            switch value {
            case .object(let members):
                guard let member = members[part] else { return .null }
                value = member
            // `list.0` is the first item, as in JavaScript, so `{{#items.0}}` can wrap a list only when it has items.
            case .array(let items):
                guard let position = Int(part), items.indices.contains(position) else { return .null }
                value = items[position]
            default:
                return .null
            }
        }
        return value
    }
}
