import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An XML element read into memory, with where its start tag is.
struct XMLElementNode {
    var name: String
    var attributes: [String: String]
    var children: [XMLElementNode] = []
    /// Text directly inside the element, joined.
    var text = ""
    var line: Int
    var column: Int
    /// The line of the first text inside the element, for Markdown positions.
    var textLine: Int

    /// The whitespace-trimmed text.
    var trimmedText: String { text.trimmingCharacters(in: .whitespacesAndNewlines) }
}

/// Reads an XML file into `XMLElementNode`s with FoundationXML, turning libxml2's error codes into sentences.
enum XMLElementTree {
    static func parse(_ data: Data, path: String) -> (XMLElementNode?, Diagnostics) {
        let parser = XMLParser(data: data)
        let builder = Builder(path: path, lines: data.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init))
        parser.delegate = builder
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        _ = parser.parse()
        // FoundationXML can report success after an error; trust the delegate's record instead.
        if builder.diagnostics.hasErrors || builder.root == nil {
            var diagnostics = builder.diagnostics
            if !diagnostics.hasErrors {
                diagnostics.error("this file holds no XML element", at: SourceLocation(path: path))
            }
            return (nil, diagnostics)
        }
        return (builder.root, builder.diagnostics)
    }

    /// Parses a file whose root element must be `expected`; `what` names the file in the message ("site.xml", "a measure file").
    static func parseDocument(_ data: Data, path: String, expected: String, what: String) -> (XMLElementNode?, Diagnostics) {
        let (root, diagnostics) = parse(data, path: path)
        guard let root else { return (nil, diagnostics) }
        guard root.name == expected else {
            var problems = diagnostics
            problems.error("\(what) should start with <\(expected)>, not <\(root.name)>",
                           at: SourceLocation(path: path, line: root.line, column: root.column))
            return (nil, problems)
        }
        return (root, diagnostics)
    }

    /// What libxml2's numeric error codes mean, in words an author can act on.
    static func describe(code: Int) -> String {
        switch code {
        case 4: return "the file is empty or is not XML"
        case 5: return "the file ends before every element is closed"
        case 9: return "this character is not allowed in XML"
        case 23: return "a '<' here does not start a valid tag; write &lt; for a literal '<'"
        case 26: return "an entity such as '&name;' is not defined; write &amp; for a literal '&'"
        case 38, 39, 40, 41: return "an attribute is malformed; write it as name=\"value\""
        case 42: return "an attribute value is missing its closing quote"
        case 68: return "'&' must start an entity; write &amp; for a literal '&'"
        case 73: return "a tag is missing its closing '>'"
        case 76: return "a closing tag does not match the element it should close"
        case 85: return "an element is never closed"
        default: return "the XML is malformed here (libxml2 error \(code))"
        }
    }

    private final class Builder: NSObject, XMLParserDelegate {
        let path: String
        let lines: [[UInt8]]
        var stack: [XMLElementNode] = []
        var root: XMLElementNode?
        var diagnostics = Diagnostics()

        init(path: String, lines: [[UInt8]]) {
            self.path = path
            self.lines = lines
        }

        /// libxml2 reports where a start tag ends; authors want where it starts, so look back for `<name`.
        func startOfTag(_ name: String, endLine: Int, endColumn: Int) -> (Int, Int) {
            let needle = Array(("<" + name).utf8)
            var line = endLine
            var limit = endColumn
            while line >= 1, line >= endLine - 5, line <= lines.count {
                let bytes = lines[line - 1]
                var i = min(limit, bytes.count) - needle.count
                while i >= 0 {
                    if Array(bytes[i..<(i + needle.count)]) == needle {
                        return (line, String(decoding: bytes[..<i], as: UTF8.self).count + 1)
                    }
                    i -= 1
                }
                line -= 1
                limit = Int.max
            }
            return (endLine, max(1, endColumn))
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            let (line, column) = startOfTag(elementName, endLine: parser.lineNumber, endColumn: parser.columnNumber)
            stack.append(XMLElementNode(name: elementName, attributes: attributes, line: line,
                                        column: column, textLine: parser.lineNumber))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !stack.isEmpty else { return }
            if stack[stack.count - 1].text.isEmpty {
                // The text starts on the line where the start tag ended, or later if it opens with line breaks.
                stack[stack.count - 1].textLine = parser.lineNumber - string.filter { $0 == "\n" }.count
            }
            stack[stack.count - 1].text += string
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            self.parser(parser, foundCharacters: String(decoding: CDATABlock, as: UTF8.self))
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            guard let element = stack.popLast() else { return }
            if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            guard !diagnostics.hasErrors else { return }  // the first error is the one worth reading
            let code = (parseError as NSError).code
            diagnostics.error(XMLElementTree.describe(code: code),
                              at: SourceLocation(path: path, line: max(1, parser.lineNumber), column: max(1, parser.columnNumber)))
        }
    }
}

/// Reads one element's attributes and children, reporting anything unknown or malformed.
struct XMLElementReader {
    let element: XMLElementNode
    let path: String
    var diagnostics = Diagnostics()

    init(_ element: XMLElementNode, path: String) {
        self.element = element
        self.path = path
    }

    var location: SourceLocation { SourceLocation(path: path, line: element.line, column: element.column) }

    func location(of child: XMLElementNode) -> SourceLocation { SourceLocation(path: path, line: child.line, column: child.column) }

    /// Reports attributes not in `allowed` and children not in `children`, naming what is allowed.
    mutating func allow(attributes allowed: [String], children: [String] = []) {
        for name in element.attributes.keys.sorted() where !allowed.contains(name) {
            let list = allowed.isEmpty ? "it takes no attributes" : "allowed: " + allowed.joined(separator: ", ")
            diagnostics.error("unknown attribute '\(name)' on <\(element.name)>; \(list)", at: location)
        }
        for child in element.children where !children.contains(child.name) {
            let list = children.isEmpty ? "it holds only text" : "allowed here: " + children.map { "<\($0)>" }.joined(separator: ", ")
            diagnostics.error("unknown element <\(child.name)> in <\(element.name)>; \(list)", at: location(of: child))
        }
    }

    mutating func required(_ name: String) -> String? {
        guard let value = element.attributes[name], !value.isEmpty else {
            diagnostics.error("<\(element.name)> needs a \(name)=\"…\" attribute", at: location)
            return nil
        }
        return value
    }

    mutating func integer(_ name: String, in range: ClosedRange<Int>) -> Int? {
        guard let raw = element.attributes[name] else { return nil }
        guard let value = Int(raw), range.contains(value) else {
            diagnostics.error("\(name)=\"\(raw)\" on <\(element.name)> should be a whole number from \(range.lowerBound) to \(range.upperBound)", at: location)
            return nil
        }
        return value
    }

    mutating func number(_ name: String) -> Double? {
        guard let raw = element.attributes[name] else { return nil }
        guard let value = Double(raw), value.isFinite else {
            diagnostics.error("\(name)=\"\(raw)\" on <\(element.name)> should be a number", at: location)
            return nil
        }
        return value
    }

    mutating func boolean(_ name: String) -> Bool {
        guard let raw = element.attributes[name] else { return false }
        switch raw {
        case "true": return true
        case "false": return false
        default:
            diagnostics.error("\(name)=\"\(raw)\" on <\(element.name)> should be true or false", at: location)
            return false
        }
    }

    func children(_ name: String) -> [XMLElementNode] { element.children.filter { $0.name == name } }
}
