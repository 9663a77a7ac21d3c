/// The data a template renders: text, numbers, booleans, lists and objects, as in JSON.
public enum TemplateValue: Sendable, Hashable {
    /// Text; interpolated as is (HTML-escaped by `{{name}}`).
    case string(String)
    /// A whole number; interpolated without a decimal point.
    case int(Int)
    /// A decimal number; interpolated in its shortest exact form (`1.21`), whole values without `.0`.
    case double(Double)
    /// A flag; interpolated as `true` or `false`.
    case bool(Bool)
    /// A list; a section over it renders once per item.
    case array([TemplateValue])
    /// Named members, looked up by tag names.
    case object([String: TemplateValue])
    /// Nothing; interpolated as empty text.
    case null

    /// Whether a section shows its content: like JavaScript's `!!value` (the spec's own test), so
    /// `false`, `null`, `0`, `NaN`, empty text and an empty list are falsey; every object is truthy.
    public var isTruthy: Bool {
        switch self {
        case .string(let text): return !text.isEmpty
        case .int(let number): return number != 0
        case .double(let number): return number != 0 && !number.isNaN
        case .bool(let flag): return flag
        case .array(let items): return !items.isEmpty
        case .object: return true
        case .null: return false
        }
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .array(elements) }
    /// A repeated key keeps its last value, as a JSON object would.
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    public init(nilLiteral: ()) { self = .null }
}
