import XCTest
import HearthMarkdown

/// Tables, strikethrough, autolinks and heading ids, and how they sit beside CommonMark.
final class ExtensionTests: XCTestCase {
    private func html(_ markdown: String, _ extensions: MarkdownExtensions = .all) -> String {
        HTMLRenderer().render(MarkdownParser(extensions: extensions).parse(markdown))
    }

    func testTableWithAlignmentsEscapedPipesAndShortRows() {
        let markdown = """
        | Stage | Age |
        |:------|----:|
        | Baby | 0 \\| 1 |
        | Toddler |
        """
        XCTAssertEqual(html(markdown), """
        <table>
        <thead>
        <tr>
        <th class="align-left">Stage</th>
        <th class="align-right">Age</th>
        </tr>
        </thead>
        <tbody>
        <tr>
        <td class="align-left">Baby</td>
        <td class="align-right">0 | 1</td>
        </tr>
        <tr>
        <td class="align-left">Toddler</td>
        <td class="align-right"></td>
        </tr>
        </tbody>
        </table>

        """)
    }

    func testTableNeedsMatchingCellCountAndAPipe() {
        // Header has two cells, delimiter row three: not a table.
        XCTAssertEqual(html("a | b\n--|--|--\n"), "<p>a | b\n--|--|--</p>\n")
        // No pipe in the delimiter row: a setext heading, as in CommonMark.
        XCTAssertEqual(html("Title\n---\n", .tables), "<h2>Title</h2>\n")
    }

    func testTableEndsAtBlankLineOrNewBlockAndKeepsEarlierParagraphLines() {
        let out = html("Intro line\na | b\n- | -\n1 | 2\n> quote\n", .tables)
        XCTAssertEqual(out, """
        <p>Intro line</p>
        <table>
        <thead>
        <tr>
        <th>a</th>
        <th>b</th>
        </tr>
        </thead>
        <tbody>
        <tr>
        <td>1</td>
        <td>2</td>
        </tr>
        </tbody>
        </table>
        <blockquote>
        <p>quote</p>
        </blockquote>

        """)
    }

    func testHeaderOnlyTableHasNoBody() {
        XCTAssertEqual(html("| a |\n| - |\n", .tables), "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n</table>\n")
    }

    func testTablesAreOffInPureCommonMark() {
        XCTAssertEqual(html("a | b\n- | -\n", []), "<p>a | b</p>\n<ul>\n<li>| -</li>\n</ul>\n")
    }

    func testTableCellsAreInlineParsedWithPositions() {
        let tree = MarkdownParser(extensions: .tables).parse("| *a* | `b` |\n|---|---|\n")
        var cells: [NodeID] = []
        tree.walk(enter: { if tree.kind(of: $0) == .tableCell { cells.append($0) } })
        XCTAssertEqual(cells.count, 2)
        XCTAssertEqual(tree.range(of: cells[0]).start, SourcePosition(line: 1, column: 3))
        XCTAssertEqual(tree.range(of: cells[1]).start, SourcePosition(line: 1, column: 9))
        XCTAssertEqual(tree.firstChild(of: cells[0]).map { tree.kind(of: $0) }, .emphasis)
        XCTAssertEqual(tree.firstChild(of: cells[1]).map { tree.kind(of: $0) }, .code("b"))
    }

    func testHeadingIdsAreSlugsAndUnique() {
        let out = html("# Hello World\n\n## Hello World\n\n## Hello, *brave* new_world 2!\n\n### ???\n\n# Hello World-1\n", .headingIDs)
        XCTAssertEqual(out, """
        <h1 id="hello-world">Hello World</h1>
        <h2 id="hello-world-1">Hello World</h2>
        <h2 id="hello-brave-new_world-2">Hello, <em>brave</em> new_world 2!</h2>
        <h3 id="section">???</h3>
        <h1 id="hello-world-1-1">Hello World-1</h1>

        """)
    }

    func testHeadingIdsKeepNonLatinLetters() {
        XCTAssertEqual(HeadingIdentifiers.slug("Ça va? Ναι"), "ça-va-ναι")
    }

    func testSafeModeDropsRawHTMLAndDangerousURLs() {
        let renderer = HTMLRenderer(safe: true)
        let tree = MarkdownParser().parse("<div>x</div>\n\n[a](javascript:alert(1)) [b](JAVASCRIPT:x) [c](data:text/html,x) [d](https://ok.example) <b>hi</b>\n\n![i](vbscript:x)\n")
        XCTAssertEqual(renderer.render(tree), """
        <!-- raw HTML omitted -->
        <p><a href="">a</a> <a href="">b</a> <a href="">c</a> <a href="https://ok.example">d</a> <!-- raw HTML omitted -->hi<!-- raw HTML omitted --></p>
        <p><img src="" alt="i" /></p>

        """)
        // Without --safe, trusted authors' HTML passes through.
        XCTAssertTrue(HTMLRenderer().render(tree).hasPrefix("<div>x</div>\n"))
    }

    func testStrikethroughPairsRunsOfEqualLength() {
        XCTAssertEqual(html("~~gone~~ and ~also~ but ~~~not~~~ nor ~~half~\n", .strikethrough),
                       "<p><del>gone</del> and <del>also</del> but ~~~not~~~ nor ~~half~</p>\n")
        XCTAssertEqual(html("a ~~ b ~~ c\n", .strikethrough), "<p>a ~~ b ~~ c</p>\n", "tildes flanked by spaces don't strike")
        XCTAssertEqual(html("~~*both*~~\n", .strikethrough), "<p><del><em>both</em></del></p>\n")
        XCTAssertEqual(html("~~x~~\n", []), "<p>~~x~~</p>\n")
    }

    func testBareURLsWwwAndEmailBecomeLinks() {
        XCTAssertEqual(html("Visit www.nhs.uk/conditions/baby/ today.\n", .autolinks),
                       "<p>Visit <a href=\"http://www.nhs.uk/conditions/baby/\">www.nhs.uk/conditions/baby/</a> today.</p>\n")
        XCTAssertEqual(html("See https://example.org/a_(b)).\n", .autolinks),
                       "<p>See <a href=\"https://example.org/a_(b)\">https://example.org/a_(b)</a>).</p>\n")
        XCTAssertEqual(html("Write to help@family-hub.org.\n", .autolinks),
                       "<p>Write to <a href=\"mailto:help@family-hub.org\">help@family-hub.org</a>.</p>\n")
        XCTAssertEqual(html("(www.a.org?x=1&amp;y)\n", .autolinks), "<p>(<a href=\"http://www.a.org?x=1&amp;y\">www.a.org?x=1&amp;y</a>)</p>\n")
    }

    func testAutolinksLeaveCodeLinksAndNonDomainsAlone() {
        XCTAssertEqual(html("`www.a.org` [www.b.org](/x) wwwx.org awww.d.org <span title=\"www.e.org\">\n", .autolinks),
                       "<p><code>www.a.org</code> <a href=\"/x\">www.b.org</a> wwwx.org awww.d.org <span title=\"www.e.org\"></p>\n")
        XCTAssertEqual(html("a_www.d.org\n", .autolinks), "<p>a_<a href=\"http://www.d.org\">www.d.org</a></p>\n", "after _ is a boundary, as in GFM")
        XCTAssertEqual(html("www.a_b.c_d\n", .autolinks), "<p>www.a_b.c_d</p>\n", "underscores in the last two segments")
        XCTAssertEqual(html("www.a.org\n", []), "<p>www.a.org</p>\n")
    }
}
