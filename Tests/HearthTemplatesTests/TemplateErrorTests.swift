import HearthTemplates
import XCTest

/// Every parse and render error names its template, line and column and says how to fix the mistake.
final class TemplateErrorTests: XCTestCase {
    /// The error parsing `source` as a template called "page" throws.
    private func parseError(_ source: String, file: StaticString = #filePath, line: UInt = #line) -> TemplateError? {
        do {
            _ = try Template(source, name: "page")
            XCTFail("expected \(source.debugDescription) to be rejected", file: file, line: line)
        } catch let error as TemplateError {
            return error
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
        }
        return nil
    }

    private func assertError(_ source: String, _ kind: TemplateError.Kind, line: Int, column: Int, mentions parts: [String],
                             file: StaticString = #filePath, line testLine: UInt = #line) {
        guard let error = parseError(source, file: file, line: testLine) else { return }
        XCTAssertEqual(error.kind, kind, file: file, line: testLine)
        XCTAssertEqual(error.template, "page", file: file, line: testLine)
        XCTAssertEqual(error.line, line, "line", file: file, line: testLine)
        XCTAssertEqual(error.column, column, "column", file: file, line: testLine)
        for part in parts {
            XCTAssertTrue(error.message.contains(part), "\(error.message.debugDescription) should mention \(part.debugDescription)", file: file, line: testLine)
        }
    }

    func testUnclosedTag() {
        assertError("<p>\n  {{title</p>", .unclosedTag, line: 2, column: 3, mentions: ["{{title</p>", "add '}}'"])
    }

    func testTagRunningIntoTheNextTagIsUnclosed() {
        assertError("{{name <b>{{other}}</b>", .unclosedTag, line: 1, column: 1, mentions: ["{{name", "add '}}'"])
    }

    func testUnclosedTripleMustacheAsksForThreeBraces() {
        assertError("<div>{{{html}}</div>", .unclosedTag, line: 1, column: 6, mentions: ["add '}}}'"])
    }

    func testUnclosedDelimiterChangeAsksForTheEqualsSign() {
        assertError("{{=<% %>}}", .unclosedTag, line: 1, column: 1, mentions: ["add '=}}'"])
    }

    func testUnclosedSection() {
        assertError("<ul>\n  {{#items}}\n<li>{{name}}</li>\n</ul>\n", .unclosedSection, line: 2, column: 3,
                    mentions: ["the section 'items' is never closed", "add {{/items}}"])
    }

    func testUnclosedParentAndBlock() {
        assertError("{{<layout}}\n{{$main}}x\n{{/layout}}", .mismatchedSectionEnd, line: 3, column: 1, mentions: ["main"])
        assertError("{{<layout}}\n", .unclosedSection, line: 1, column: 1, mentions: ["the parent 'layout'", "add {{/layout}}"])
        assertError("{{$main}}x", .unclosedSection, line: 1, column: 1, mentions: ["the block 'main'", "add {{/main}}"])
        assertError("{{^empty}}none", .unclosedSection, line: 1, column: 1, mentions: ["the inverted section 'empty'", "add {{/empty}}"])
    }

    func testMismatchedSectionEndNamesTheOpenSectionAndWhereItOpened() {
        assertError("{{#a}}\n  {{#b}}{{/a}}{{/b}}", .mismatchedSectionEnd, line: 2, column: 9,
                    mentions: ["'{{/a}}'", "section 'b' (line 2, column 3)", "'{{/b}}'"])
    }

    func testSectionEndWithNothingOpen() {
        assertError("x{{/a}}", .unopenedSectionEnd, line: 1, column: 2, mentions: ["never opened", "'{{#a}}'"])
    }

    func testMessagesUseTheDelimitersInForce() {
        assertError("{{=<% %>=}}\n<%#items%>", .unclosedSection, line: 2, column: 1, mentions: ["add <%/items%>"])
    }

    func testBadDelimiterChanges() {
        assertError("{{=<%>=}}", .badDelimiters, line: 1, column: 1, mentions: ["two delimiters", "{{=<% %>=}}"])
        assertError("a\n {{=<% %> [ ]=}}", .badDelimiters, line: 2, column: 2, mentions: ["two delimiters"])
        assertError("{{=<= =>=}}", .badDelimiters, line: 1, column: 1, mentions: ["no '='"])
    }

    func testBadNames() {
        assertError("{{ }}", .badName, line: 1, column: 1, mentions: ["no name"])
        assertError("{{#}}{{/}}", .badName, line: 1, column: 1, mentions: ["no name"])
        assertError("<h1>{{first name}}</h1>", .badName, line: 1, column: 5, mentions: ["'first name'", "spaces"])
        assertError("{{> my partial}}", .badName, line: 1, column: 1, mentions: ["spaces"])
        assertError("{{page..title}}", .badName, line: 1, column: 1, mentions: ["'page..title'", "both sides of every dot"])
        assertError("{{#.items}}{{/.items}}", .badName, line: 1, column: 1, mentions: ["'.items'"])
    }

    func testColumnsCountCharactersNotBytes() {
        assertError("héllo wörld {{/a}}", .unopenedSectionEnd, line: 1, column: 13, mentions: [])
    }

    func testDescriptionIsCompilerStyleWithTheTemplateFile() {
        let error = parseError("<ul>\n{{#parts}}")
        XCTAssertEqual(error?.description, "page.mustache:2:1: error: the section 'parts' is never closed; add {{/parts}}")
    }

    func testLibraryReportsTheFirstBrokenTemplateByName() {
        XCTAssertThrowsError(try TemplateLibrary(templates: ["zebra": "{{#a}}", "apple": "ok", "mango": "{{b"])) { error in
            XCTAssertEqual((error as? TemplateError)?.template, "mango")
            XCTAssertEqual((error as? TemplateError)?.kind, .unclosedTag)
        }
    }

    func testRenderingAMissingTemplateListsTheOnesThatExist() throws {
        let library = try TemplateLibrary(templates: ["page": "p", "layout": "l"])
        XCTAssertThrowsError(try library.render("home", [:])) { error in
            let error = error as? TemplateError
            XCTAssertEqual(error?.kind, .missingTemplate)
            XCTAssertEqual(error?.template, "home")
            XCTAssertEqual(error?.line, 0)
            XCTAssertEqual(error?.description, "home.mustache: error: there is no template called 'home'; the templates are 'layout', 'page'")
        }
    }

    func testPartialThatIncludesItselfStopsAtTheDepthLimit() throws {
        let library = try TemplateLibrary(templates: ["page": "<main>\n{{>loop}}</main>", "loop": "x\n  {{>loop}}"])
        XCTAssertThrowsError(try library.render("page", [:])) { error in
            guard let error = error as? TemplateError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.kind, .tooDeep)
            XCTAssertEqual(error.template, "loop")
            XCTAssertEqual(error.line, 2)
            XCTAssertEqual(error.column, 3)
            XCTAssertTrue(error.message.contains("more than \(TemplateLibrary.maximumDepth) deep"), error.message)
            XCTAssertTrue(error.message.contains("'loop' → 'loop'"), error.message)
        }
    }

    func testParentsThatIncludeEachOtherStopAtTheDepthLimit() throws {
        let library = try TemplateLibrary(templates: ["a": "{{<b}}{{/b}}", "b": "{{>a}}"])
        XCTAssertThrowsError(try library.render("a", [:])) { error in
            XCTAssertEqual((error as? TemplateError)?.kind, .tooDeep)
            XCTAssertTrue("\(error)".contains("'a' → 'b'") || "\(error)".contains("'b' → 'a'"), "\(error)")
        }
    }

    func testRecursionThatEndsWithTheDataIsAllowedUpToTheLimit() throws {
        let library = try TemplateLibrary(templates: ["node": "({{#child}}{{>node}}{{/child}})"])
        // Leaves need an explicit null: a missing `child` would be found again further up the context stack.
        func tree(depth: Int) -> TemplateValue { ["child": depth == 0 ? nil : tree(depth: depth - 1)] }
        let limit = TemplateLibrary.maximumDepth
        // The first render of "node" is not an include, so the data may nest `limit` times.
        XCTAssertEqual(try library.render("node", tree(depth: limit)), String(repeating: "(", count: limit + 1) + String(repeating: ")", count: limit + 1))
        XCTAssertThrowsError(try library.render("node", tree(depth: limit + 1)))
    }
}
