import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HearthMarkdown

/// Builds an `XMLElementNode` tree from FoundationXML's parser events, as its delegate.
///
/// libxml2 reports positions where it has got to (the end of a start tag, the end of a run of text), so the
/// builder works back from there to where things begin. Its positions are libxml2's (columns count
/// characters) until `XMLElementReader` converts them.
final class XMLTreeBuilder: NSObject, XMLParserDelegate {
    /// An element whose end tag has not come yet, with the line its text has reached.
    struct OpenElement {
        var node: XMLElementNode
        var textEndLine: Int
    }

    let lines: [[Unicode.Scalar]]
    var open: [OpenElement] = []
    var root: XMLElementNode?
    var problem: XMLParseProblem?

    init(lines: [[Unicode.Scalar]]) {
        self.lines = lines
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        guard problem == nil else { return }
        // libxml2 is at the start tag's closing '>' (or the '/' of '/>').
        let end = SourcePosition(line: parser.lineNumber, column: parser.columnNumber)
        let node = XMLElementNode(name: elementName, attributes: attributes, start: startOfTag(elementName, before: end),
                                  textStart: SourcePosition(line: end.line, column: end.column + 1))
        open.append(OpenElement(node: node, textEndLine: end.line))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        guard problem == nil, var node = open.popLast()?.node else { return }
        // Done with: its positions go over to Hearth's byte columns (open elements stay in libxml2's, for a problem's message).
        node.start = inBytes(node.start)
        node.textStart = inBytes(node.textStart)
        node.firstWord = node.firstWord.map(inBytes)
        if open.isEmpty { root = node } else { open[open.count - 1].node.children.append(node) }
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
        append(scalars, at: SourcePosition(line: startLine, column: max(1, startColumn)))
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard problem == nil, !open.isEmpty else { return }
        // Unlike plain text, a CDATA section is reported with the parser at the start of its content.
        let scalars = Array(String(decoding: CDATABlock, as: UTF8.self).unicodeScalars)
        append(scalars, at: SourcePosition(line: parser.lineNumber, column: parser.columnNumber))
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        guard problem == nil else { return }
        problem = XMLParseProblem(code: (parseError as NSError).code,
                               position: SourcePosition(line: max(1, parser.lineNumber), column: max(1, parser.columnNumber)),
                               open: open.map { ($0.node.name, $0.node.start) }, rootClosed: root != nil)
    }

    /// Adds text that begins at `start` to the innermost open element.
    private func append(_ scalars: [Unicode.Scalar], at start: SourcePosition) {
        var element = open[open.count - 1]
        if element.node.text.isEmpty {
            element.node.textStart = start
        } else if start.line > element.textEndLine {
            element.node.text += String(repeating: "\n", count: start.line - element.textEndLine)
        }
        if element.node.firstWord == nil, let word = scalars.firstIndex(where: { !$0.properties.isWhitespace }) {
            let breaksBefore = scalars[..<word].filter { $0 == "\n" }.count
            if breaksBefore == 0 {
                element.node.firstWord = SourcePosition(line: start.line, column: start.column + word)
            } else {
                let lineStart = scalars[..<word].lastIndex(of: "\n")! + 1
                element.node.firstWord = SourcePosition(line: start.line + breaksBefore, column: word - lineStart + 1)
            }
        }
        element.node.text.unicodeScalars.append(contentsOf: scalars)
        element.textEndLine = start.line + scalars.filter { $0 == "\n" }.count
        open[open.count - 1] = element
    }

    /// `position` with its column counted in UTF-8 bytes rather than characters.
    func inBytes(_ position: SourcePosition) -> SourcePosition {
        guard position.line >= 1, position.line <= lines.count else { return position }
        let line = lines[position.line - 1]
        let characters = max(0, position.column - 1)
        let bytes = line.prefix(characters).reduce(0) { $0 + UTF8.width($1) } + max(0, characters - line.count)
        return SourcePosition(line: position.line, column: bytes + 1)
    }

    private func lineLength(_ line: Int) -> Int {
        line >= 1 && line <= lines.count ? lines[line - 1].count : 0
    }

    /// Looks back from the end of a start tag for its `<name`, which may be several lines up when attributes are wrapped.
    private func startOfTag(_ name: String, before end: SourcePosition) -> SourcePosition {
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
                    return SourcePosition(line: lineNumber, column: index + 1)
                }
                index -= 1
            }
            lineNumber -= 1
            limit = Int.max
        }
        return end
    }
}
