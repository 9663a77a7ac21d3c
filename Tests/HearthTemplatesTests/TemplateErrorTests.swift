import XCTest
import HearthTemplates

final class TemplateErrorTests: XCTestCase {
    private func error(_ source: String) -> String {
        do {
            _ = try TemplateLibrary(templates: ["page": source])
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    func testEachMistakeNamesTheTemplateLineAndColumn() {
        XCTAssertEqual(error("<p>\n  {{title</p>"), "page.mustache:2:3: error: this tag is never closed; add '}}'")
        XCTAssertEqual(error("{{#items}}\n<li>{{name}}</li>\n"), "page.mustache:1:1: error: the section 'items' is never closed; add {{/items}}")
        XCTAssertEqual(error("{{#a}}{{#b}}{{/a}}{{/b}}"), "page.mustache:1:13: error: '{{/a}}' does not match the open section 'b'; close that first")
        XCTAssertEqual(error("x{{/a}}"), "page.mustache:1:2: error: '{{/a}}' closes a section that was never opened")
        XCTAssertEqual(error("{{=<%>=}}"), "page.mustache:1:1: error: a delimiter change is written {{=<% %>=}}: two delimiters separated by a space")
        XCTAssertEqual(error("{{ }}"), "page.mustache:1:1: error: this tag has no name")
    }

    func testPartialsThatIncludeThemselvesStopWithAnError() throws {
        let library = try TemplateLibrary(templates: ["loop": "x{{>loop}}"])
        XCTAssertThrowsError(try library.render("loop", [:])) { error in
            XCTAssertTrue("\(error)".contains("more than 64 deep"), "\(error)")
        }
    }

    func testEscapingAndValues() throws {
        let library = try TemplateLibrary(templates: ["t": "{{a}}|{{{a}}}|{{n}}|{{d}}|{{#list}}{{.}},{{/list}}|{{^empty}}none{{/empty}}"])
        let output = try library.render("t", ["a": "<'&\">", "n": 3, "d": 1.5, "list": [1, 2], "empty": ""])
        XCTAssertEqual(output, "&lt;&#39;&amp;&quot;&gt;|<'&\">|3|1.5|1,2,|none")
    }
}
