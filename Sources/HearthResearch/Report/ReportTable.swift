/// A data table of the report: a caption, column headings, rows each headed by a label, and below the table a note
/// saying what "suppressed" and "–" mean whenever it has any. It scrolls sideways on its own on a narrow screen.
struct ReportTable {
    /// One row: its heading and a cell per column.
    struct Row {
        var header: String
        var cells: [ReportCell]
        /// A totals row, set apart.
        var isTotal = false
    }

    /// Unique on the page; the caption's and note's ids derive from it.
    var id: String
    var caption: String
    /// The heading of the column of row headings ("Month", "Stage"…).
    var corner: String
    var columns: [String]
    var rows: [Row]

    /// Writes the table, then its note; `suppressedNote` says why figures are hidden under this report's threshold.
    func write(into html: inout MarkupWriter, suppressedNote: String) {
        let cells = rows.flatMap(\.cells)
        let hasSuppressed = cells.contains(.suppressed)
        var reasons: [String] = []
        for case .undefined(let reason) in cells where !reasons.contains(reason) { reasons.append(reason) }
        let note = (hasSuppressed ? [suppressedNote] : []) + (reasons.isEmpty ? [] : ["“–”: " + reasons.joined(separator: "; ") + "."])

        // A region with a name and a tab stop, so a keyboard can scroll a table wider than the screen.
        html.open("div", [("class", "report-table"), ("role", "region"), ("aria-labelledby", "\(id)-caption"), ("tabindex", "0")])
        html.open("table", [("id", id)] + (note.isEmpty ? [] : [("aria-describedby", "\(id)-note")]))
        html.element("caption", [("id", "\(id)-caption")], caption)
        html.open("thead")
        html.open("tr")
        html.element("th", [("scope", "col")], corner)
        for column in columns { html.element("th", [("scope", "col"), ("class", "report-number")], column) }
        html.close("tr")
        html.close("thead")
        html.newline()
        html.open("tbody")
        for row in rows {
            html.open("tr", row.isTotal ? [("class", "report-total")] : [])
            html.element("th", [("scope", "row")], row.header)
            for cell in row.cells { Self.write(cell, into: &html) }
            html.close("tr")
            html.newline()
        }
        html.close("tbody")
        html.close("table")
        html.close("div")
        html.newline()
        guard !note.isEmpty else { return }
        html.element("p", [("class", "report-note"), ("id", "\(id)-note")], note.joined(separator: " "))
        html.newline()
    }

    private static func write(_ cell: ReportCell, into html: inout MarkupWriter) {
        switch cell {
        case .figure(let text):
            html.element("td", [("class", "report-number")], text)
        case .words(let text):
            html.element("td", [], text)
        case .suppressed:
            html.element("td", [("class", "report-number report-suppressed")], "suppressed")
        case .undefined:
            // The dash alone says nothing to a screen reader; the words are there for it, hidden from sight.
            html.open("td", [("class", "report-number report-undefined")])
            html.text("–")
            html.element("span", [("class", "report-hidden")], " (not available)")
            html.close("td")
        }
    }
}
