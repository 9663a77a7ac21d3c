import HearthJSON
import HearthTemplates

/// A Mustache spec case's `data` as the values a template renders. Only the spec tests need this:
/// the site builds `TemplateValue`s straight from its content model, so the engine itself reads no JSON.
enum SpecContext {
    static func value(_ json: JSONValue) -> TemplateValue {
        switch json {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        // Whole numbers render the same either way; `.int` keeps them exact.
        case .number(let number): return Int(exactly: number).map(TemplateValue.int) ?? .double(number)
        case .string(let text): return .string(text)
        case .array(let items): return .array(items.map(value))
        case .object(let object): return .object(Dictionary(object.members.map { ($0.key, value($0.value)) }, uniquingKeysWith: { $1 }))
        }
    }
}
