import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A line and column in an XML file, both from 1; columns count Unicode characters, as libxml2 does.
struct XMLPosition: Hashable, Sendable {
    var line: Int
    var column: Int
}

/// An XML element held in memory, with where its parts are in the file.
struct XMLElementNode: Hashable, Sendable {
    var name: String
    /// Attribute values by name (XML allows each name once per element).
    var attributes: [String: String]
    var children: [XMLElementNode] = []
    /// The text directly inside the element, not inside its children. Where a comment or child element
    /// spanned lines, line breaks stand in for it, so the text's lines stay in step with the file's.
    var text = ""
    /// Where the start tag's `<` is.
    var start: XMLPosition
    /// Where `text` begins.
    var textStart: XMLPosition
    /// Where the first character of `text` that is not white space is, if there is one.
    var firstWord: XMLPosition?

    /// The children with this name, in document order.
    func children(named name: String) -> [XMLElementNode] { children.filter { $0.name == name } }

    /// The first child with this name.
    func child(named name: String) -> XMLElementNode? { children.first { $0.name == name } }
}

/// Reads an XML file into `XMLElementNode`s with FoundationXML, describing malformed XML in plain words.
enum XMLElementTree {
    /// Parses `data`; on malformed XML, returns no element and one error (the first: later ones are usually its echoes).
    /// `rootName` is the element the file should start with, for the messages.
    static func parse(_ data: Data, path: String, rootName: String) -> (XMLElementNode?, Diagnostics) {
        let builder = TreeBuilder(lines: sourceLines(data))
        let parser = XMLParser(data: data)
        parser.delegate = builder
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        _ = parser.parse()
        var diagnostics = Diagnostics()
        // FoundationXML can report success after an error, so the delegate's record is what counts.
        if let problem = builder.problem {
            let (message, position) = describe(problem, rootName: rootName, lines: builder.lines)
            diagnostics.error(message, at: SourceLocation(path: path, line: position.line, column: position.column))
            return (nil, diagnostics)
        }
        guard let root = builder.root else {
            diagnostics.error("this file is empty; it should start with <\(rootName)>", at: SourceLocation(path: path))
            return (nil, diagnostics)
        }
        return (root, diagnostics)
    }

    /// Parses a file whose outermost element must be `rootName`; `fileKind` names the file in the message, e.g. "a measure file".
    static func parseDocument(_ data: Data, path: String, rootName: String, fileKind: String) -> (XMLElementNode?, Diagnostics) {
        var (root, diagnostics) = parse(data, path: path, rootName: rootName)
        if let found = root, found.name != rootName {
            diagnostics.error("\(fileKind) should start with <\(rootName)>, not <\(found.name)>",
                              at: SourceLocation(path: path, line: found.start.line, column: found.start.column))
            root = nil
        }
        return (root, diagnostics)
    }

    /// The file's lines as Unicode scalars, for finding where tags start; invalid UTF-8 is replaced, as the parser rejects it anyway.
    private static func sourceLines(_ data: Data) -> [[Unicode.Scalar]] {
        String(decoding: data, as: UTF8.self).unicodeScalars
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in Array(line.last == "\r" ? line.dropLast() : line) }
    }

    /// What went wrong while parsing, with what was open at the time, so the message can name the elements involved.
    struct ParseProblem {
        /// libxml2's error number (its `xmlParserErrors`).
        var code: Int
        var position: XMLPosition
        /// The elements open when the error happened, outermost first.
        var open: [(name: String, start: XMLPosition)]
        /// Whether the outermost element had already been closed.
        var rootClosed: Bool
    }

    /// A sentence an author can act on for a libxml2 error, and where to point them.
    static func describe(_ problem: ParseProblem, rootName: String, lines: [[Unicode.Scalar]]) -> (String, XMLPosition) {
        let here = problem.position
        let innermost = problem.open.last
        switch problem.code {
        case 4:
            return ("this is not XML; the file should start with <\(rootName)>", here)
        case 5, 77, 85:
            if let element = innermost {
                return ("<\(element.name)> is never closed; add </\(element.name)> where it should end", element.start)
            }
            if problem.rootClosed {
                return ("there is more after the closing </\(rootName)>; everything must be inside the one <\(rootName)> element", here)
            }
            return ("this file is empty; it should start with <\(rootName)>", XMLPosition(line: 1, column: 1))
        case 86:
            return ("there is more after the closing </\(rootName)>; everything must be inside the one <\(rootName)> element", here)
        case 76:
            return describeMismatchedTag(problem, lines: lines)
        case 9:
            return ("this character is not allowed in XML (a control character, or text not saved as UTF-8); delete or retype it", here)
        case 23:
            return ("an '&' starts a name with no ';' after it; write &amp; for a literal '&'", here)
        case 26:
            let entity = entity(before: here, in: lines)
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
            let stray = XMLPosition(line: here.line, column: here.column - 1)
            switch character(before: here, in: lines) {
            case "&": return ("a literal '&' must be written &amp;", stray)
            case "<": return ("a '<' must start a tag name; write &lt; for a literal '<'", stray)
            default: return ("a tag or attribute name was expected here; write &lt; for a literal '<' and &amp; for a literal '&'", here)
            }
        case 73:
            return ("a tag is missing its closing '>'", here)
        case 80:
            return ("'--' is not allowed inside a comment", here)
        default:
            return ("the XML is malformed here (libxml2 error \(problem.code)); check the tags and quotes on this line", here)
        }
    }

    /// libxml2 reports a mismatched closing tag just after its `>`; find its `</` to name it and point at it.
    private static func describeMismatchedTag(_ problem: ParseProblem, lines: [[Unicode.Scalar]]) -> (String, XMLPosition) {
        guard let open = problem.open.last else {
            return ("a closing tag here has no matching start tag", problem.position)
        }
        var position = problem.position
        var closing: String?
        if problem.position.line >= 1, problem.position.line <= lines.count {
            let line = lines[problem.position.line - 1]
            var index = min(problem.position.column - 2, line.count - 2)
            while index >= 0, !(line[index] == "<" && line[index + 1] == "/") { index -= 1 }
            if index >= 0 {
                let name = line[(index + 2)...].prefix { $0 != ">" && !$0.properties.isWhitespace }
                closing = String(String.UnicodeScalarView(name))
                position = XMLPosition(line: problem.position.line, column: index + 1)
            }
        }
        let opened = "<\(open.name)> (line \(open.start.line))"
        guard let closing else {
            return ("a closing tag here does not match \(opened); write </\(open.name)>", position)
        }
        if problem.open.dropLast().contains(where: { $0.name == closing }) {
            return ("\(opened) is never closed; add </\(open.name)> before this </\(closing)>", position)
        }
        return ("</\(closing)> does not match \(opened); write </\(open.name)>", position)
    }

    /// The character just before `position`, where libxml2 stops after a stray `<` or `&`.
    private static func character(before position: XMLPosition, in lines: [[Unicode.Scalar]]) -> Unicode.Scalar? {
        guard position.line >= 1, position.line <= lines.count else { return nil }
        let line = lines[position.line - 1]
        let index = position.column - 2
        return index >= 0 && index < line.count ? line[index] : nil
    }

    /// The name of the `&name;` that ends just before `position`, and where its '&' is.
    private static func entity(before position: XMLPosition, in lines: [[Unicode.Scalar]]) -> (name: String, start: XMLPosition)? {
        guard position.line >= 1, position.line <= lines.count else { return nil }
        let line = lines[position.line - 1]
        var end = min(position.column - 2, line.count - 1)
        while end >= 0, line[end] != ";" { end -= 1 }
        var start = end - 1
        while start >= 0, line[start] != "&" { start -= 1 }
        guard start >= 0, end > start + 1 else { return nil }
        return (String(String.UnicodeScalarView(line[(start + 1)..<end])), XMLPosition(line: position.line, column: start + 1))
    }

    /// Builds the tree from the parser's events. libxml2 reports positions where it has got to (the end of a
    /// start tag, the end of a run of text), so the builder works back from there to where things begin.
    private final class TreeBuilder: NSObject, XMLParserDelegate {
        /// An element whose end tag has not come yet, with the line its text has reached.
        struct OpenElement {
            var node: XMLElementNode
            var textEndLine: Int
        }

        let lines: [[Unicode.Scalar]]
        var open: [OpenElement] = []
        var root: XMLElementNode?
        var problem: ParseProblem?

        init(lines: [[Unicode.Scalar]]) {
            self.lines = lines
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            guard problem == nil else { return }
            // libxml2 is at the start tag's closing '>' (or the '/' of '/>').
            let end = XMLPosition(line: parser.lineNumber, column: parser.columnNumber)
            let node = XMLElementNode(name: elementName, attributes: attributes, start: startOfTag(elementName, before: end),
                                      textStart: XMLPosition(line: end.line, column: end.column + 1))
            open.append(OpenElement(node: node, textEndLine: end.line))
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            guard problem == nil, let element = open.popLast() else { return }
            if open.isEmpty { root = element.node } else { open[open.count - 1].node.children.append(element.node) }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard problem == nil, !open.isEmpty else { return }
            // Text is reported once read, so the parser is just past its end.
            let scalars = Array(string.unicodeScalars)
            let breaks = scalars.filter { $0 == "\n" }.count
            let startLine = parser.lineNumber - breaks
            let startColumn: Int
            if breaks == 0 {
                startColumn = parser.columnNumber - scalars.count
            } else {
                // The text's first line runs to the end of its line in the file.
                let firstLineLength = scalars.firstIndex(of: "\n") ?? 0
                startColumn = lineLength(startLine) - firstLineLength + 1
            }
            append(scalars, at: XMLPosition(line: startLine, column: max(1, startColumn)))
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            guard problem == nil, !open.isEmpty else { return }
            // Unlike plain text, a CDATA section is reported with the parser at the start of its content.
            let scalars = Array(String(decoding: CDATABlock, as: UTF8.self).unicodeScalars)
            append(scalars, at: XMLPosition(line: parser.lineNumber, column: parser.columnNumber))
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            guard problem == nil else { return }
            problem = ParseProblem(code: (parseError as NSError).code,
                                   position: XMLPosition(line: max(1, parser.lineNumber), column: max(1, parser.columnNumber)),
                                   open: open.map { ($0.node.name, $0.node.start) }, rootClosed: root != nil)
        }

        /// Adds text that begins at `start` to the innermost open element.
        private func append(_ scalars: [Unicode.Scalar], at start: XMLPosition) {
            var element = open[open.count - 1]
            if element.node.text.isEmpty {
                element.node.textStart = start
            } else if start.line > element.textEndLine {
                element.node.text += String(repeating: "\n", count: start.line - element.textEndLine)
            }
            if element.node.firstWord == nil, let word = scalars.firstIndex(where: { !$0.properties.isWhitespace }) {
                let breaksBefore = scalars[..<word].filter { $0 == "\n" }.count
                if breaksBefore == 0 {
                    element.node.firstWord = XMLPosition(line: start.line, column: start.column + word)
                } else {
                    let lineStart = scalars[..<word].lastIndex(of: "\n")! + 1
                    element.node.firstWord = XMLPosition(line: start.line + breaksBefore, column: word - lineStart + 1)
                }
            }
            element.node.text.unicodeScalars.append(contentsOf: scalars)
            element.textEndLine = start.line + scalars.filter { $0 == "\n" }.count
            open[open.count - 1] = element
        }

        private func lineLength(_ line: Int) -> Int {
            line >= 1 && line <= lines.count ? lines[line - 1].count : 0
        }

        /// Looks back from the end of a start tag for its `<name`, which may be several lines up when attributes are wrapped.
        private func startOfTag(_ name: String, before end: XMLPosition) -> XMLPosition {
            let needle = Array(("<" + name).unicodeScalars)
            var lineNumber = min(end.line, lines.count)
            var limit = end.column - 1
            while lineNumber >= 1, lineNumber > end.line - 50 {
                let line = lines[lineNumber - 1]
                var index = min(limit, line.count) - needle.count
                while index >= 0 {
                    let after = index + needle.count
                    let endsName = after == line.count || line[after] == ">" || line[after] == "/" || line[after].properties.isWhitespace
                    if endsName, Array(line[index..<after]) == needle {
                        return XMLPosition(line: lineNumber, column: index + 1)
                    }
                    index -= 1
                }
                lineNumber -= 1
                limit = Int.max
            }
            return end
        }
    }
}
