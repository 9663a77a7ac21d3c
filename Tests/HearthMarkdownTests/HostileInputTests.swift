import XCTest
@testable import HearthMarkdown

/// Inputs shaped to make a naive Markdown parser take quadratic time or overflow its stack.
///
/// Each shape is generated at a size and at ten times that size. The parser counts the steps
/// it takes in every loop that could revisit input; linear behaviour means steps per input
/// byte stay flat as the input grows, so the test asserts that ratio grows by less than 2×
/// (a quadratic parser's would grow about 10×). Wall-clock time is never asserted.
final class HostileInputTests: XCTestCase {
    private struct Shape: Sendable {
        var name: String
        var extensions: MarkdownExtensions = []
        var make: @Sendable (Int) -> String
    }

    private static let shapes: [Shape] = [
        Shape(name: "nested brackets") { n in String(repeating: "[", count: n) + "a" + String(repeating: "]", count: n) },
        Shape(name: "unclosed link openers") { n in String(repeating: "[a", count: n) },
        Shape(name: "unmatched link closers") { n in String(repeating: "a]", count: n) },
        Shape(name: "bracket paren soup") { n in String(repeating: "[ (](", count: n) },
        Shape(name: "unclosed inline links") { n in String(repeating: "[a](b", count: n) },
        Shape(name: "unclosed pointy links") { n in String(repeating: "[a](<b", count: n) },
        Shape(name: "nested images") { n in String(repeating: "![", count: n) + "a" + String(repeating: "](b)", count: n) },
        Shape(name: "nested strong and emphasis") { n in
            String(repeating: "*a **a ", count: n) + "b" + String(repeating: " a** a*", count: n)
        },
        Shape(name: "emphasis openers without closers") { n in String(repeating: "_a ", count: n) },
        Shape(name: "emphasis closers without openers") { n in String(repeating: "a_ ", count: n) },
        Shape(name: "mismatched emphasis") { n in String(repeating: "*a_ ", count: n) },
        Shape(name: "multiple-of-three delimiter runs") { n in "a**b" + String(repeating: "c* ", count: n) },
        Shape(name: "link openers and emphasis closers") { n in String(repeating: "[ a_", count: n) },
        Shape(name: "strikethrough openers", extensions: .strikethrough) { n in String(repeating: "~~a ", count: n) },
        Shape(name: "backtick runs of growing length") { n in
            // Bounded so the input itself stays linear: runs of 1…50 backticks, repeated.
            (0..<n).map { "e" + String(repeating: "`", count: $0 % 50 + 1) }.joined()
        },
        Shape(name: "unclosed HTML comments") { n in "</" + String(repeating: "<!--", count: n) },
        Shape(name: "unclosed autolinks and tags") { n in String(repeating: "<a href=\"x <http://", count: n) },
        Shape(name: "entity-like text") { n in String(repeating: "&#1234567890a &ampx &", count: n) },
        Shape(name: "nested block quotes") { n in String(repeating: ">", count: n) + " a\n" },
        Shape(name: "block quote lines") { n in String(repeating: "> > > > a\n", count: n) },
        Shape(name: "nested bullet lists") { n in String(repeating: "- ", count: n) + "a\n" },
        Shape(name: "nested ordered lists") { n in String(repeating: "1. ", count: n) + "a\n" },
        Shape(name: "many list items") { n in String(repeating: "- a\n\n  b\n", count: n) },
        Shape(name: "link reference definitions") { n in
            (0..<n).map { "[l\($0)]: /u\($0) \"t\"\n" }.joined() + (0..<n).map { "[l\($0)] " }.joined()
        },
        Shape(name: "unfinished reference definitions") { n in String(repeating: "[a]: <b\n", count: n) },
        Shape(name: "long label without close") { n in "[" + String(repeating: "a ", count: n) + "\n\n" + String(repeating: "[x]", count: n) },
        Shape(name: "table with many rows", extensions: .tables) { n in
            "| a | b |\n| - | - |\n" + String(repeating: "| x | y |\n", count: n)
        },
        Shape(name: "table-like lines after a paragraph", extensions: .tables) { n in
            "[x\n" + String(repeating: "|-|\n|-|-|\n", count: n)
        },
        Shape(name: "bare URLs", extensions: .autolinks) { n in String(repeating: "www.a.b/c((( x@y.z ", count: n) },
        Shape(name: "NUL bytes") { n in String(repeating: "a\u{0}", count: n) },
    ]

    private func stepsPerByte(_ shape: Shape, _ n: Int) -> (Double, SyntaxTree) {
        let input = shape.make(n)
        let (tree, work) = MarkdownParser(extensions: shape.extensions).parseMeasuringWork(input)
        return (Double(work) / Double(max(1, input.utf8.count)), tree)
    }

    func testEveryShapeTakesLinearWork() {
        for shape in Self.shapes {
            let (small, _) = stepsPerByte(shape, 1_000)
            let (large, tree) = stepsPerByte(shape, 10_000)
            XCTAssertGreaterThan(small, 0, "\(shape.name): no work was counted")
            XCTAssertLessThan(large / small, 2, "\(shape.name): steps per byte grew from \(small) to \(large)")
            // Rendering the large tree must finish and produce something.
            XCTAssertFalse(HTMLRenderer().render(tree).isEmpty, shape.name)
        }
    }

    /// Nesting far deeper than any real document: building, rendering and freeing the tree must not recurse.
    func testVeryDeepNestingNeitherCrashesNorLosesText() {
        let depth = 100_000
        let quotes = MarkdownParser().parse(String(repeating: ">", count: depth) + " deep\n")
        let html = HTMLRenderer().render(quotes)
        XCTAssertEqual(html.components(separatedBy: "<blockquote>").count - 1, depth)
        XCTAssertTrue(html.contains("<p>deep</p>"))

        let brackets = String(repeating: "[", count: depth) + "x" + String(repeating: "]", count: depth)
        let rendered = HTMLRenderer().render(MarkdownParser().parse(brackets))
        XCTAssertEqual(rendered, "<p>" + brackets + "</p>\n", "unmatched brackets stay literal text")

        let emphasis = String(repeating: "*a **a ", count: depth / 10) + "b" + String(repeating: " a** a*", count: depth / 10)
        let emphasised = HTMLRenderer().render(MarkdownParser().parse(emphasis))
        XCTAssertEqual(emphasised.components(separatedBy: "<strong>").count - 1, depth / 10)
    }
}
