import HearthMarkdown

/// What went wrong while parsing XML, with what was open at the time, and how to say it so an author can act on it.
///
/// libxml2 reports only a number (its `xmlParserErrors`) and where it had got to, which is often past the
/// mistake; the wording here names the elements involved and points back at the mistake itself.
/// Positions are libxml2's: columns count characters, until `XMLElementReader` converts them.
struct XMLParseProblem {
    /// libxml2's error number (its `xmlParserErrors`).
    var code: Int
    var position: SourcePosition
    /// The elements open when the error happened, outermost first.
    var open: [(name: String, start: SourcePosition)]
    /// Whether the outermost element had already been closed.
    var rootClosed: Bool

    /// A sentence an author can act on for a libxml2 error, and where to point them.
    func described(rootName: String, lines: [[Unicode.Scalar]]) -> (String, SourcePosition) {
        let here = position
        let innermost = open.last
        switch code {
        case 4:
            return ("this is not XML; the file should start with <\(rootName)>", here)
        case 5, 77, 85:
            if let element = innermost {
                return ("<\(element.name)> is never closed; add </\(element.name)> where it should end", element.start)
            }
            if rootClosed {
                return ("there is more after the closing </\(rootName)>; everything must be inside the one <\(rootName)> element", here)
            }
            return ("this file is empty; it should start with <\(rootName)>", SourcePosition(line: 1, column: 1))
        case 86:
            return ("there is more after the closing </\(rootName)>; everything must be inside the one <\(rootName)> element", here)
        case 76:
            return describedMismatchedTag(lines: lines)
        case 9:
            return ("this character is not allowed in XML (a control character, or text not saved as UTF-8); delete or retype it", here)
        case 23:
            return ("an '&' starts a name with no ';' after it; write &amp; for a literal '&'", here)
        case 26:
            let entity = Self.entity(before: here, in: lines)
            let name = entity.map { "'&\($0.name);'" } ?? "this entity"
            return ("\(name) is not one XML knows; type the character itself, or write &amp; for a literal '&'", entity?.start ?? here)
        case 38:
            return ("an attribute value contains '<' or is missing its closing quote; write &lt; for a literal '<'", here)
        case 39:
            return ("an attribute's value must be in quotes, like name=\"value\"", here)
        case 40, 44:
            return ("an attribute value is missing its closing quote", here)
        case 41:
            return ("an attribute has no value; write it as name=\"value\"", here)
        case 42:
            return ("the same attribute is given twice in this tag; keep one", here)
        case 45:
            return ("a comment is never closed; end it with -->", here)
        case 63:
            return ("a <![CDATA[ section is never closed; end it with ]]>", here)
        case 64:
            return ("<?xml …?> may appear only once, at the very start of the file", here)
        case 65:
            return ("a space is missing here, for example between two attributes", here)
        case 68:
            // libxml2 stops just after a stray '<' or '&'; point at the character itself.
            let stray = SourcePosition(line: here.line, column: here.column - 1)
            switch Self.character(before: here, in: lines) {
            case "&": return ("a literal '&' must be written &amp;", stray)
            case "<": return ("a '<' must start a tag name; write &lt; for a literal '<'", stray)
            default: return ("a tag or attribute name was expected here; write &lt; for a literal '<' and &amp; for a literal '&'", here)
            }
        case 73:
            return ("a tag is missing its closing '>'", here)
        case 80:
            return ("'--' is not allowed inside a comment", here)
        default:
            return ("the XML is malformed here (libxml2 error \(code)); check the tags and quotes on this line", here)
        }
    }

    /// libxml2 reports a mismatched closing tag just after its `>`; find its `</` to name it and point at it.
    private func describedMismatchedTag(lines: [[Unicode.Scalar]]) -> (String, SourcePosition) {
        guard let innermost = open.last else {
            return ("a closing tag here has no matching start tag", self.position)
        }
        var position = self.position
        var closing: String?
        if position.line >= 1, position.line <= lines.count {
            let line = lines[position.line - 1]
            var index = min(position.column - 2, line.count - 2)
            while index >= 0, !(line[index] == "<" && line[index + 1] == "/") { index -= 1 }
            if index >= 0 {
                let name = line[(index + 2)...].prefix { $0 != ">" && !$0.properties.isWhitespace }
                closing = String(String.UnicodeScalarView(name))
                position = SourcePosition(line: position.line, column: index + 1)
            }
        }
        let opened = "<\(innermost.name)> (line \(innermost.start.line))"
        guard let closing else {
            return ("a closing tag here does not match \(opened); write </\(innermost.name)>", position)
        }
        if open.dropLast().contains(where: { $0.name == closing }) {
            return ("\(opened) is never closed; add </\(innermost.name)> before this </\(closing)>", position)
        }
        return ("</\(closing)> does not match \(opened); write </\(innermost.name)>", position)
    }

    /// The character just before `position`, where libxml2 stops after a stray `<` or `&`.
    private static func character(before position: SourcePosition, in lines: [[Unicode.Scalar]]) -> Unicode.Scalar? {
        guard position.line >= 1, position.line <= lines.count else { return nil }
        let line = lines[position.line - 1]
        let index = position.column - 2
        return index >= 0 && index < line.count ? line[index] : nil
    }

    /// The name of the `&name;` that ends just before `position`, and where its '&' is.
    private static func entity(before position: SourcePosition, in lines: [[Unicode.Scalar]]) -> (name: String, start: SourcePosition)? {
        guard position.line >= 1, position.line <= lines.count else { return nil }
        let line = lines[position.line - 1]
        var end = min(position.column - 2, line.count - 1)
        while end >= 0, line[end] != ";" { end -= 1 }
        var start = end - 1
        while start >= 0, line[start] != "&" { start -= 1 }
        guard start >= 0, end > start + 1 else { return nil }
        return (String(String.UnicodeScalarView(line[(start + 1)..<end])), SourcePosition(line: position.line, column: start + 1))
    }
}
