/// Loads the XML content formats: `site.xml`, `measures/<id>.xml` and XML modules.
///
/// The formats are described, element by element, in `Docs/hearth-content.xsd`; the loaders apply the
/// same rules and the ones a schema cannot express (ids that must match, possible score ranges), and
/// report every problem as `path:line:column` with a sentence an author can act on.
enum XMLContentLoader {
    /// Whether `tag` has the shape of a BCP 47 language tag: `en`, `en-GB`, `cy`, `zh-Hant`.
    static func isLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            return false
        }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    /// Whether `code` looks like an ONS area code: a capital letter, then eight digits (`E10000012`).
    static func isAreaCode(_ code: String) -> Bool {
        let bytes = Array(code.utf8)
        return bytes.count == 9 && (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(bytes[0])
            && bytes.dropFirst().allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// A score or limit as an author would write it: `3`, not `3.0`.
    static func format(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
