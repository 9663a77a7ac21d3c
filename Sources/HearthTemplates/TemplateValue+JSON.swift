import Foundation

extension TemplateValue {
    /// Converts what `JSONSerialization` (or plain Swift values) give: strings, numbers, booleans, arrays, dictionaries, `NSNull`.
    public init(json: Any) {
        // Plain Swift scalars first: on Linux a bridged `1` also answers `as? Bool`, so casts alone can't tell them apart.
        switch json {
        case let text as String: self = .string(text)
        case let flag as Bool where type(of: json) == Bool.self: self = .bool(flag)
        case let number as Int where type(of: json) == Int.self: self = .int(number)
        case let number as Double where type(of: json) == Double.self: self = .double(number)
        case let number as NSNumber: self = TemplateValue(number: number)
        case let items as [Any]: self = .array(items.map(TemplateValue.init(json:)))
        case let members as [String: Any]: self = .object(members.mapValues(TemplateValue.init(json:)))
        default: self = .null
        }
    }

    /// JSON booleans arrive as the same class as `NSNumber(value: true)` on both Linux and macOS;
    /// numbers carry their storage type, which says whether the JSON had a decimal point.
    private init(number: NSNumber) {
        if ObjectIdentifier(type(of: number)) == ObjectIdentifier(type(of: NSNumber(value: true))) {
            self = .bool(number.boolValue)
            return
        }
        switch UInt8(bitPattern: number.objCType.pointee) {
        case UInt8(ascii: "d"), UInt8(ascii: "f"):
            self = .double(number.doubleValue)
        case UInt8(ascii: "Q") where number.uint64Value > UInt64(Int.max):
            self = .double(number.doubleValue)
        default:
            self = .int(number.intValue)
        }
    }
}
