import Foundation
import HearthTemplates
import XCTest

/// Behaviour beyond the spec's cases that themes rely on.
final class TemplateRenderingTests: XCTestCase {
    private func render(_ templates: [String: String], _ context: TemplateValue = [:], name: String = "page") throws -> String {
        try TemplateLibrary(templates: templates).render(name, context)
    }

    private func render(_ source: String, _ context: TemplateValue = [:]) throws -> String {
        try Template(source, name: "page").render(context)
    }

    // MARK: Values

    func testEscapesTheFiveHTMLSpecialCharactersOnly() throws {
        let context: TemplateValue = ["v": "<a href=\"x\" title='y'>Tom & Jerry — café</a>"]
        XCTAssertEqual(try render("{{v}}", context), "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry — café&lt;/a&gt;")
        XCTAssertEqual(try render("{{{v}}}|{{&v}}", context), "<a href=\"x\" title='y'>Tom & Jerry — café</a>|<a href=\"x\" title='y'>Tom & Jerry — café</a>")
    }

    func testNumbersPrintAsJSONWouldShowThem() throws {
        let context: TemplateValue = ["values": [0, -12, .int(Int.min), 1.21, 3.0, -0.5, 1e21, .double(0.1 + 0.2)]]
        XCTAssertEqual(try render("{{#values}}{{.}} {{/values}}", context),
                       "0 -12 -9223372036854775808 1.21 3 -0.5 1e+21 0.30000000000000004 ")
        XCTAssertEqual(try render("{{n}}", ["n": 0]), "0")
    }

    func testBooleansPrintAsWordsAndContainersPrintNothing() throws {
        XCTAssertEqual(try render("{{t}}/{{f}}/{{list}}/{{object}}/{{missing}}", ["t": true, "f": false, "list": [1], "object": ["a": 1]]),
                       "true/false///")
    }

    func testFalseyValuesSkipSectionsAndShowInvertedOnes() throws {
        let template = "{{#v}}yes{{/v}}{{^v}}no{{/v}}"
        for (value, expected) in [(TemplateValue(0), "no"), ("", "no"), (.double(.nan), "no"), (1, "yes"), ("0", "yes"), ([:], "yes")] {
            XCTAssertEqual(try render(template, ["v": value]), expected, "\(value)")
        }
    }

    func testANumberedPartAfterAListNamesAnItem() throws {
        let template = "{{#items.0}}<ul>{{#items}}<li>{{name}}</li>{{/items}}</ul>{{/items.0}}{{^items.0}}none{{/items.0}}|{{items.1.name}}|{{items.9.name}}"
        XCTAssertEqual(try render(template, ["items": [["name": "a"], ["name": "b"]]]), "<ul><li>a</li><li>b</li></ul>|b|")
        XCTAssertEqual(try render(template, ["items": []]), "none||")
    }

    func testANullMemberHidesOuterValuesOfTheSameName() throws {
        XCTAssertEqual(try render("{{#inner}}[{{name}}]{{/inner}}", ["name": "outer", "inner": ["name": nil]]), "[]")
        XCTAssertEqual(try render("{{#inner}}[{{name}}]{{/inner}}", ["name": "outer", "inner": ["other": 1]]), "[outer]")
    }

    // MARK: Output

    func testByteOutputMatchesTextAndAppendsToTheBuffer() throws {
        let library = try TemplateLibrary(templates: ["page": "<p>{{t}}</p>"])
        XCTAssertEqual(try library.renderBytes("page", ["t": "é"]), Array("<p>é</p>".utf8))
        var buffer = Array("<!doctype html>".utf8)
        try library.render("page", ["t": "1"], into: &buffer)
        try library.render("page", ["t": "2"], into: &buffer)
        XCTAssertEqual(String(decoding: buffer, as: UTF8.self), "<!doctype html><p>1</p><p>2</p>")
    }

    func testATemplateAloneRendersPartialsAsNothing() throws {
        let template = try Template("a{{>missing}}b{{<parent}}{{/parent}}c", name: "solo")
        XCTAssertEqual(template.name, "solo")
        XCTAssertEqual(try template.render([:]), "abc")
    }

    func testLibraryContentsCanBeQueriedAndExtended() throws {
        var library = try TemplateLibrary(templates: ["b": "B", "a": "A{{>b}}"])
        XCTAssertEqual(library.names, ["a", "b"])
        XCTAssertTrue(library.contains("a"))
        XCTAssertFalse(library.contains("c"))
        XCTAssertEqual(library["b"]?.name, "b")
        library.insert(try Template("new b", name: "b"))
        XCTAssertEqual(try library.render("a", [:]), "Anew b")
    }

    func testRendersTheSameFromManyThreadsAtOnce() throws {
        let library = try TemplateLibrary(templates: ["page": "{{#items}}<li>{{>item}}</li>{{/items}}", "item": "{{.}}"])
        let expected = (0..<100).map { "<li>\($0)</li>" }.joined()
        let context: TemplateValue = ["items": .array((0..<100).map { .int($0) })]
        let results = try (0..<8).map { _ in try library.render("page", context) }
        XCTAssertEqual(results, Array(repeating: expected, count: 8))
        let mismatches = Mismatches()
        DispatchQueue.concurrentPerform(iterations: 64) { _ in
            if (try? library.render("page", context)) != expected { mismatches.add() }
        }
        XCTAssertEqual(mismatches.count, 0)
    }

    // MARK: Indentation

    func testStandalonePartialsInsideStandalonePartialsAddUpTheirIndentation() throws {
        let templates = [
            "page": "<ul>\n  {{#items}}\n  {{>item}}\n  {{/items}}\n</ul>\n",
            "item": "<li>\n  {{>text}}\n</li>\n",
            "text": "{{.}}\n",
        ]
        XCTAssertEqual(try render(templates, ["items": ["a", "b"]]), "<ul>\n  <li>\n    a\n  </li>\n  <li>\n    b\n  </li>\n</ul>\n")
    }

    func testAnInlinePartialIsNotIndentedEvenInsideAnIndentedOne() throws {
        let templates = ["page": "  {{>outer}}\n", "outer": "a\n[{{>inner}}]\n", "inner": "1\n2"]
        XCTAssertEqual(try render(templates), "  a\n  [1\n2]\n")
    }

    func testReindentedBlocksLeaveInterpolatedTextAlone() throws {
        let templates = [
            "layout": "<main>\n  {{$body}}\n  {{/body}}\n</main>\n",
            "page": "{{<layout}}\n{{$body}}\n    <h1>{{title}}</h1>\n    {{{html}}}\n{{/body}}\n{{/layout}}\n",
        ]
        let context: TemplateValue = ["title": "T", "html": "<pre>\n    code\n</pre>"]
        XCTAssertEqual(try render(templates, context), "<main>\n  <h1>T</h1>\n  <pre>\n    code\n</pre>\n</main>\n")
    }

    func testAnIndentedParentIndentsTheBlocksItIsGiven() throws {
        let templates = [
            "page": "<body>\n  {{<card}}\n  {{$content}}\n  <p>hi</p>\n  {{/content}}\n  {{/card}}\n</body>\n",
            "card": "<div>\n  {{$content}}\n  {{/content}}\n</div>\n",
        ]
        XCTAssertEqual(try render(templates), "<body>\n  <div>\n    <p>hi</p>\n  </div>\n</body>\n")
    }

    func testAnEmptyBlockOnOneLineKeepsItsLineEnding() throws {
        // The spec's "Standalone block" rule: the block's whitespace is indentation, but its line ending stays.
        let templates = ["card": "<div>\n  {{$content}}{{/content}}\n</div>\n", "page": "{{<card}}{{$content}}\na\nb{{/content}}{{/card}}"]
        XCTAssertEqual(try render(templates), "<div>\n  a\n  b\n</div>\n")
    }

    // MARK: Inheritance

    func testABlockInsideItsOwnReplacementShowsItsDefault() throws {
        let templates = ["parent": "[{{$a}}default{{/a}}]", "page": "{{<parent}}{{$a}}<{{$a}}inner{{/a}}>{{/a}}{{/parent}}"]
        XCTAssertEqual(try render(templates), "[<inner>]")
    }

    func testNestedParentsCanReuseABlockName() throws {
        let templates = [
            "layout": "<main>{{$content}}{{/content}}</main>",
            "card": "<div>{{$content}}card default{{/content}}</div>",
            "page": "{{<layout}}{{$content}}{{<card}}{{$content}}in card{{/content}}{{/card}}{{/content}}{{/layout}}",
        ]
        XCTAssertEqual(try render(templates), "<main><div>in card</div></main>")
    }

    func testMissingParentRendersNothing() throws {
        XCTAssertEqual(try render("a{{<nowhere}}{{$x}}y{{/x}}{{/nowhere}}b"), "ab")
    }
}

/// A counter the concurrent test's iterations can share.
private final class Mismatches: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func add() { lock.withLock { value += 1 } }
    var count: Int { lock.withLock { value } }
}
