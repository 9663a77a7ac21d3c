/// A child element a parent allows, and whether it may appear more than once.
struct XMLChildRule: Sendable {
    var name: String
    var repeats: Bool

    /// A child that may appear at most once.
    static func one(_ name: String) -> XMLChildRule { XMLChildRule(name: name, repeats: false) }

    /// A child that may appear any number of times.
    static func many(_ name: String) -> XMLChildRule { XMLChildRule(name: name, repeats: true) }
}

/// What an element may hold besides its child elements.
enum XMLTextRule: Sendable {
    /// Only child elements (white space between them is fine).
    case none
    /// Plain text, such as an item's wording.
    case plain
    /// Markdown, as in a `<section>`.
    case markdown
}

/// Reads attributes and text from one file's elements, collecting a plain-English error for anything
/// unknown, missing or malformed.
struct XMLElementChecker {
    let path: String
    var diagnostics = Diagnostics()

    init(path: String) {
        self.path = path
    }

    /// Where an element's start tag is.
    func location(of element: XMLElementNode) -> SourceLocation {
        SourceLocation(path: path, position: element.start)
    }

    /// Records an error at an element.
    mutating func error(_ message: String, at element: XMLElementNode) {
        diagnostics.error(message, at: location(of: element))
    }

    /// Reports attributes, children and text the element may not have, naming what it may.
    mutating func expect(_ element: XMLElementNode, attributes allowed: [String], children rules: [XMLChildRule] = [],
                         text: XMLTextRule = .none) {
        for name in element.attributes.keys.sorted() where !allowed.contains(name) {
            let advice = allowed.isEmpty ? "<\(element.name)> takes no attributes" : "allowed: " + allowed.joined(separator: ", ")
            error("unknown attribute '\(name)' on <\(element.name)>; \(advice)", at: element)
        }
        var seen = Set<String>()
        for child in element.children {
            guard let rule = rules.first(where: { $0.name == child.name }) else {
                let advice: String
                switch (rules.isEmpty, text) {
                case (false, _): advice = "allowed here: " + rules.map { "<\($0.name)>" }.joined(separator: ", ")
                case (true, .markdown): advice = "<\(element.name)> holds Markdown, not tags; write &lt; for a literal '<'"
                case (true, _): advice = "<\(element.name)> holds only text"
                }
                error("unknown element <\(child.name)> in <\(element.name)>; \(advice)", at: child)
                continue
            }
            if !seen.insert(child.name).inserted, !rule.repeats {
                error("<\(child.name)> appears more than once in <\(element.name)>; keep one", at: child)
            }
        }
        if text == .none, let word = element.firstWord {
            let places = rules.map { "<\($0.name)>" }.joined(separator: ", ")
            diagnostics.error("text directly inside <\(element.name)> is not used; put it inside one of: \(places)",
                              at: SourceLocation(path: path, position: word))
        }
    }

    /// An attribute that must be present and not empty.
    mutating func required(_ name: String, of element: XMLElementNode) -> String? {
        guard let value = element.attributes[name], !value.isEmpty else {
            error("<\(element.name)> needs a \(name)=\"…\" attribute", at: element)
            return nil
        }
        return value
    }

    /// An id made of lower-case letters, digits and hyphens, as used in web addresses and research data.
    mutating func identifier(_ name: String, of element: XMLElementNode, required: Bool) -> String? {
        guard let value = required ? self.required(name, of: element) : element.attributes[name] else { return nil }
        guard QuizRules.isIdentifier(value) else {
            error("\(name)=\"\(value)\" on <\(element.name)> should be lower-case letters, digits and hyphens, like 'feeling-low'", at: element)
            return nil
        }
        return value
    }

    /// A whole-number attribute within `range`; nil when absent or wrong.
    mutating func integer(_ name: String, of element: XMLElementNode, in range: ClosedRange<Int>) -> Int? {
        guard let raw = element.attributes[name] else { return nil }
        guard let value = Int(raw), range.contains(value) else {
            error("\(name)=\"\(raw)\" on <\(element.name)> should be a whole number from \(range.lowerBound) to \(range.upperBound)", at: element)
            return nil
        }
        return value
    }

    /// A decimal-number attribute; nil when absent or wrong.
    mutating func number(_ name: String, of element: XMLElementNode) -> Double? {
        guard let raw = element.attributes[name] else { return nil }
        guard let value = Double(raw), value.isFinite, !raw.contains(where: { $0.isLetter }) else {
            error("\(name)=\"\(raw)\" on <\(element.name)> should be a number, such as 3 or 2.5", at: element)
            return nil
        }
        return value
    }

    /// A `true`/`false` attribute; false when absent.
    mutating func boolean(_ name: String, of element: XMLElementNode) -> Bool {
        guard let raw = element.attributes[name] else { return false }
        switch raw {
        case "true": return true
        case "false": return false
        default:
            error("\(name)=\"\(raw)\" on <\(element.name)> should be true or false", at: element)
            return false
        }
    }

    /// An attribute that must be one of `values`; nil when absent or wrong.
    mutating func oneOf(_ values: [String], _ name: String, of element: XMLElementNode) -> String? {
        guard let raw = element.attributes[name] else { return nil }
        guard values.contains(raw) else {
            error("\(name)=\"\(raw)\" on <\(element.name)> should be one of: \(values.joined(separator: ", "))", at: element)
            return nil
        }
        return raw
    }

    /// A `language` attribute, checked for the shape of a BCP 47 tag.
    mutating func language(of element: XMLElementNode) -> String? {
        guard let raw = element.attributes["language"] else { return nil }
        guard XMLContentLoader.isLanguageTag(raw) else {
            error("language=\"\(raw)\" on <\(element.name)> is not a language tag; write one such as en-GB or cy", at: element)
            return nil
        }
        return raw
    }

    /// The element's text on one line: XML authors wrap long text, and the wrapping is not part of it.
    func plainText(of element: XMLElementNode) -> String {
        element.text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The text of a child that must be there, holds only text and is not empty; `what` says what it is for.
    mutating func requiredText(of child: String, in element: XMLElementNode, what: String, text: XMLTextRule = .plain) -> String {
        guard let found = element.child(named: child) else {
            error("<\(element.name)> needs a <\(child)> with \(what)", at: element)
            return ""
        }
        expect(found, attributes: [], text: text)
        let value = plainText(of: found)
        if value.isEmpty { error("<\(child)> is empty; write \(what) in it", at: found) }
        return value
    }

    /// The text of a child that may be left out, and holds only text.
    mutating func optionalText(of child: String, in element: XMLElementNode, text: XMLTextRule = .plain) -> String {
        guard let found = element.child(named: child) else { return "" }
        expect(found, attributes: [], text: text)
        return plainText(of: found)
    }
}
