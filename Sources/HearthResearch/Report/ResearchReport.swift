/// The research report (issue 12): who each course reached, how far they got, and how participants' scores
/// changed — every chart with its summary and the table behind it, every suppressed figure shown as suppressed.
/// `hearth report` writes `document()`; the dashboard inserts `fragment()`.
package struct ResearchReport: Hashable, Sendable {
    package var title: String
    /// The areas the figures cover, as a token names them: codes, or `["all"]`.
    package var areas: [String]
    package var threshold: DisclosureThreshold
    /// The day the report was made, `YYYY-MM-DD`.
    package var made: String
    package var usage: UsageSummary
    package var funnels: [Funnel]
    package var outcomes: [OutcomeSection]

    package init(title: String, areas: [String], threshold: DisclosureThreshold, made: String, usage: UsageSummary,
                 funnels: [Funnel], outcomes: [OutcomeSection]) {
        self.title = title
        self.areas = areas
        self.threshold = threshold
        self.made = made
        self.usage = usage
        self.funnels = funnels
        self.outcomes = outcomes
    }

    /// A complete HTML5 document to open from disk: one inline stylesheet, no script, nothing fetched.
    package func document() -> [UInt8] {
        var html = MarkupWriter()
        html.markup(Array("<!doctype html>\n".utf8))
        html.open("html", [("lang", "en-GB")])
        html.newline()
        html.open("head")
        html.newline()
        html.markup(Array("<meta charset=\"utf-8\">\n".utf8))
        html.markup(Array("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n".utf8))
        html.element("title", [], title)
        html.newline()
        html.open("style")
        html.newline()
        html.markup(Array((ReportStylesheet.page + ReportStylesheet.report).utf8))
        html.close("style")
        html.newline()
        html.close("head")
        html.newline()
        html.open("body")
        html.newline()
        html.open("main")
        html.newline()
        ReportRenderer(report: self, topLevel: 1).write(into: &html)
        html.close("main")
        html.newline()
        html.close("body")
        html.newline()
        html.close("html")
        html.newline()
        return html.bytes
    }

    /// The same content for a page that has its own `h1` and stylesheet: headings start at `h2`, no style element or
    /// attribute (a strict Content-Security-Policy refuses both), only `report-` classes for the theme to style.
    package func fragment() -> [UInt8] {
        var html = MarkupWriter()
        ReportRenderer(report: self, topLevel: 2).write(into: &html)
        return html.bytes
    }

    /// The styles of the report's classes (`document()` carries them inline), for a theme to serve as a file beside
    /// the dashboard; they take the theme's colours (`--colour-text`, `--colour-muted`…) where it defines them.
    package static var stylesheet: String { ReportStylesheet.report }
}
