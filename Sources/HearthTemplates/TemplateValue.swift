/// The data a template renders: text, numbers, booleans, lists and objects, as in JSON.
public enum TemplateValue: Hashable, Sendable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case array([TemplateValue])
    case object([String: TemplateValue])
    case null

    /// False, null, an empty list and empty text skip a section; everything else shows it.
    public var isFalsey: Bool {
        switch self {
        case .bool(let b): return !b
        case .null: return true
        case .array(let items): return items.isEmpty
        case .string(let s): return s.isEmpty
        default: return false
        }
    }

    /// The member called `name`, if this is an object that has one.
    public subscript(name: String) -> TemplateValue? {
        if case .object(let members) = self { return members[name] }
        return nil
    }

    /// How the value reads when interpolated.
    public var text: String {
        switch self {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d):
            if d.rounded() == d, abs(d) < 1e15 { return String(Int(d)) }
            return String(d)
        case .bool(let b): return b ? "true" : "false"
        case .null: return ""
        case .array, .object: return ""
        }
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral, ExpressibleByFloatLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    public init(nilLiteral: ()) { self = .null }
}
