import XCTest
import HearthMarkdown

/// Every example of the CommonMark 0.31.2 spec, compared byte for byte with no normalisation.
final class CommonMarkSpecTests: XCTestCase {
    func testAllSpecExamplesRenderExactly() throws {
        let examples = try SpecFixtures.commonMarkExamples()
        XCTAssertEqual(examples.count, 652, "the fixture should hold the whole 0.31.2 suite")
        let parser = MarkdownParser()
        let renderer = HTMLRenderer()
        var failures: [Int] = []
        for example in examples {
            let html = renderer.render(parser.parse(example.markdown))
            if html != example.html {
                failures.append(example.example)
                XCTFail("""
                example \(example.example) (\(example.section))
                markdown: \(example.markdown.debugDescription)
                expected: \(example.html.debugDescription)
                actual:   \(html.debugDescription)
                """)
            }
        }
        XCTAssertEqual(failures, [], "\(failures.count) of \(examples.count) examples differ")
    }

    /// The extensions must not change any CommonMark example except where their own syntax appears.
    func testExtensionsLeaveSpecExamplesWithoutExtensionSyntaxUnchanged() throws {
        let parser = MarkdownParser(extensions: [.tables, .strikethrough])
        let renderer = HTMLRenderer()
        for example in try SpecFixtures.commonMarkExamples()
        where !example.markdown.contains("|") && !example.markdown.contains("~") {
            XCTAssertEqual(renderer.render(parser.parse(example.markdown)), example.html, "example \(example.example)")
        }
    }
}
