import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HearthMarkdown

/// Reads an XML file into `XMLElementNode`s with FoundationXML, describing malformed XML in plain words.
enum XMLElementReader {
    /// Parses `data`; on malformed XML, returns no element and one error (the first: later ones are usually its echoes).
    /// `rootName` is the element the file should start with, for the messages.
    static func parse(_ data: Data, path: String, rootName: String) -> (XMLElementNode?, Diagnostics) {
        let builder = XMLTreeBuilder(lines: sourceLines(data))
        let parser = XMLParser(data: data)
        parser.delegate = builder
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        _ = parser.parse()
        var diagnostics = Diagnostics()
        // FoundationXML can report success after an error, so the delegate's record is what counts.
        if let problem = builder.problem {
            let (message, position) = problem.described(rootName: rootName, lines: builder.lines)
            let here = builder.inBytes(position)
            diagnostics.error(message, at: SourceLocation(path: path, position: here))
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
                              at: SourceLocation(path: path, position: found.start))
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
}
