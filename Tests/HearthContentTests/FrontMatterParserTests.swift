import XCTest
@testable import HearthContent

final class FrontMatterParserTests: XCTestCase {
    private func parse(_ text: String) -> (FrontMatter, [String]) {
        let (map, diagnostics) = FrontMatterParser.parse(text, path: "m.md", firstLine: 2)
        return (map, diagnostics.sorted.map(\.description))
    }

    private func scalar(_ value: FrontMatterValue?) -> String? {
        if case .scalar(let s, _, _)? = value { return s }
        return nil
    }

    func testScalarsQuotedStringsListsAndNestedMaps() {
        let (map, errors) = parse("""
        title: Arguing less, repairing better   # shown on the home page
        summary: "Short: practical"
        quote: 'It''s fine'
        order: 2
        measures:
          before: [ons4, "phq4"]
          after:
            - ons4
            - phq4
        options:
          - text: A
            correct: true
          - text: B
        """)
        XCTAssertEqual(errors, [])
        XCTAssertEqual(scalar(map["title"]), "Arguing less, repairing better")
        XCTAssertEqual(scalar(map["summary"]), "Short: practical")
        XCTAssertEqual(scalar(map["quote"]), "It's fine")
        XCTAssertEqual(scalar(map["order"]), "2")
        guard case .map(let measures)? = map["measures"],
              case .list(let before, _)? = measures["before"],
              case .list(let after, let afterLocation)? = measures["after"] else {
            return XCTFail("measures should be a map of two lists")
        }
        XCTAssertEqual(before.compactMap(scalar), ["ons4", "phq4"])
        XCTAssertEqual(after.compactMap(scalar), ["ons4", "phq4"])
        XCTAssertEqual(afterLocation.line, 9)
        XCTAssertEqual(afterLocation.column, 5)
        guard case .list(let options, _)? = map["options"], options.count == 2, case .map(let first) = options[0] else {
            return XCTFail("options should be a list of maps")
        }
        XCTAssertEqual(scalar(first["text"]), "A")
        XCTAssertEqual(scalar(first["correct"]), "true")
        XCTAssertEqual(map.entries.first?.location, SourceLocation(path: "m.md", line: 2, column: 1))
    }

    func testUnsupportedYAMLIsAnErrorThatSaysWhatToWrite() {
        let cases: [(String, String)] = [
            ("a: &x 1", "m.md:2:4: error: YAML anchors and aliases ('&name', '*name') are not supported; write the value out in full"),
            ("a: |", "m.md:2:4: error: '|' block text is not supported in front matter; keep the value on one line, or put long text in the Markdown body"),
            ("a: {b: 1}", "m.md:2:4: error: '{…}' maps are not supported in front matter; write each key on its own indented line"),
            ("a: 1\na: 2", "m.md:3:1: error: the key 'a' appears twice; keep one of them"),
            ("\ta: 1", "m.md:2:1: error: indent with spaces, not tabs: front matter uses spaces to show nesting"),
            ("just text", "m.md:2:1: error: expected 'key: value' here; a line of front matter is a key, a colon and a value"),
            ("a: \"open", "m.md:2:4: error: this quoted text has no closing \"; quoted text must end on the same line"),
            ("a: [x, y", "m.md:2:4: error: this list has no closing ']'"),
            ("a: !!int 3", "m.md:2:4: error: YAML tags ('!tag') are not supported; write the plain value"),
            ("a: b: c", "m.md:2:4: error: a value cannot contain ': ' unless it is quoted; put it in double quotes"),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(parse(text).1, [expected], text)
        }
    }

    func testBadIndentationIsReported() {
        let (_, errors) = parse("a: 1\n   b: 2\n")
        XCTAssertEqual(errors, ["m.md:3:4: error: this line is indented more than the key above it expects; line up keys at the same depth with the same number of spaces"])
    }
}
