import HearthText

/// Parses Markdown text into a `SyntaxTree`: CommonMark 0.31.2, plus any `MarkdownExtensions` asked for.
public struct MarkdownParser: Sendable {
    /// The syntax beyond CommonMark to recognise.
    public var extensions: MarkdownExtensions

    /// Creates a parser; with no extensions it is exactly CommonMark.
    public init(extensions: MarkdownExtensions = []) {
        self.extensions = extensions
    }

    /// Parses text that is already valid Unicode.
    public func parse(_ text: String) -> SyntaxTree {
        parseMeasuringWork(text).tree
    }

    /// Parses raw bytes: invalid UTF-8 is replaced with U+FFFD, as the spec asks, rather than rejected.
    public func parse(bytes: [UInt8]) -> SyntaxTree {
        // Valid input (nearly all of it) is parsed in place; only invalid input pays for a repaired copy.
        guard UTF8Validation.isValid(bytes), !bytes.contains(0) else {
            return parse(String(decoding: bytes, as: UTF8.self))
        }
        return bytes.withUnsafeBufferPointer { parseBlocksAndInlines($0).tree }
    }

    /// Parses, and reports the steps taken in loops that could revisit input (for the hostile-input tests).
    func parseMeasuringWork(_ text: String) -> (tree: SyntaxTree, work: Int) {
        var text = text
        return text.withUTF8 { input in
            // NUL is replaced with U+FFFD (spec §2.3); the rare input holding one pays for a copy.
            guard input.contains(0) else { return parseBlocksAndInlines(input) }
            var copy: [UInt8] = []
            copy.reserveCapacity(input.count + 16)
            for byte in input {
                if byte == 0 { copy.append(contentsOf: [0xEF, 0xBF, 0xBD]) } else { copy.append(byte) }
            }
            return copy.withUnsafeBufferPointer { parseBlocksAndInlines($0) }
        }
    }

    private func parseBlocksAndInlines(_ input: UnsafeBufferPointer<UInt8>) -> (tree: SyntaxTree, work: Int) {
        var blockParser = BlockParser(extensions: extensions)
        blockParser.parse(input)
        var tree = blockParser.takeTree()
        var inlineParser = InlineParser(references: blockParser.references, extensions: extensions)
        let blocks = blockParser.blocks
        for index in blocks.indices where !blocks[index].isRemoved {
            switch blocks[index].kind {
            case .paragraph, .heading, .tableCell:
                inlineParser.parse(blocks[index].content, map: blocks[index].contentMap, into: &tree, parent: NodeID(index))
            default:
                continue
            }
        }
        if extensions.contains(.headingIDs) {
            HeadingIdentifiers.assign(in: &tree)
        }
        return (tree, blockParser.work + inlineParser.work)
    }
}
