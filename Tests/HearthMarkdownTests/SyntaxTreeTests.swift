import XCTest
import HearthMarkdown

/// The tree's structure and source positions, which diagnostics and the content compiler rely on.
final class SyntaxTreeTests: XCTestCase {
    func testBlockKindsAndPositions() {
        let source = "# Title\n\n> quote\n> more\n\n- one\n- two\n\n```swift\nlet x = 1\n```\n"
        let tree = MarkdownParser().parse(source)
        let blocks = tree.children(of: tree.root)
        XCTAssertEqual(blocks.map { tree.kind(of: $0) }, [
            .heading(level: 1, id: nil),
            .blockQuote,
            .list(marker: .bullet(UInt8(ascii: "-")), tight: true),
            .codeBlock(info: "swift", literal: "let x = 1\n", fenced: true),
        ])
        XCTAssertEqual(blocks.map { tree.range(of: $0).start }, [
            SourcePosition(line: 1, column: 1), SourcePosition(line: 3, column: 1),
            SourcePosition(line: 6, column: 1), SourcePosition(line: 9, column: 1),
        ])
        XCTAssertEqual(tree.range(of: blocks[1]).end.line, 4)
        XCTAssertEqual(tree.range(of: blocks[3]).end.line, 11)
        let items = tree.children(of: blocks[2])
        XCTAssertEqual(items.count, 2)
        XCTAssertEqual(tree.range(of: items[1]).start, SourcePosition(line: 7, column: 1))
    }

    func testInlinePositionsPointAtTheirSource() {
        let tree = MarkdownParser().parse("Para *em* and\n  `code` [link](/u)\n")
        var found: [NodeKind: SourcePosition] = [:]
        tree.walk(enter: { node in
            switch tree.kind(of: node) {
            case .emphasis, .code, .link: found[tree.kind(of: node)] = tree.range(of: node).start
            default: break
            }
        })
        XCTAssertEqual(found[.emphasis], SourcePosition(line: 1, column: 6))
        XCTAssertEqual(found[.code("code")], SourcePosition(line: 2, column: 3))
        XCTAssertEqual(found[.link(destination: "/u", title: "")], SourcePosition(line: 2, column: 10))
    }

    func testOrderedListStartAndLooseness() {
        let tree = MarkdownParser().parse("3) a\n\n4) b\n")
        let list = tree.children(of: tree.root)[0]
        XCTAssertEqual(tree.kind(of: list), .list(marker: .ordered(start: 3, delimiter: UInt8(ascii: ")")), tight: false))
    }

    func testTreeEditingKeepsLinksConsistent() {
        var tree = SyntaxTree()
        let here = SourceRange(start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 1, column: 1))
        let a = tree.append(.paragraph, range: here, to: tree.root)
        let c = tree.append(.thematicBreak, range: here, to: tree.root)
        let b = tree.makeNode(.blockQuote, range: here)
        tree.insert(b, after: a)
        XCTAssertEqual(tree.children(of: tree.root), [a, b, c])
        let first = tree.makeNode(.htmlBlock("x"), range: here)
        tree.insert(first, before: a)
        XCTAssertEqual(tree.children(of: tree.root), [first, a, b, c])
        let container = tree.makeNode(.emphasis, range: here)
        tree.insert(container, after: c)
        tree.moveSiblings(between: first, and: c, into: container)
        XCTAssertEqual(tree.children(of: tree.root), [first, c, container])
        XCTAssertEqual(tree.children(of: container), [a, b])
        XCTAssertEqual(tree.parent(of: b), container)
        tree.detach(container)
        XCTAssertEqual(tree.lastChild(of: tree.root), c)
        XCTAssertNil(tree.next(after: c))
        XCTAssertNil(tree.parent(of: container))
    }

    func testInvalidUTF8AndNULBecomeReplacementCharacters() {
        let tree = MarkdownParser().parse(bytes: [0x61, 0xFF, 0x00, 0x62, 0x0A])
        XCTAssertEqual(HTMLRenderer().render(tree), "<p>a\u{FFFD}\u{FFFD}b</p>\n")
    }
}
