import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HearthResearch
import XCTest

final class ChartTests: XCTestCase {
    private let months = BarChart(title: "Courses started and completed by month", seriesNames: ["Started", "Completed"], groups: [
        BarChart.Group(label: "2026-01", values: [.shown(42), .shown(18)]),
        BarChart.Group(label: "2026-02", values: [.shown(57), .suppressed]),
        BarChart.Group(label: "2026-03", values: [.shown(35), .shown(12)]),
    ])

    private let funnel = FunnelChart(title: "Keeping Calm", stages: [
        FunnelChart.Stage(label: "Started", count: .shown(120)),
        FunnelChart.Stage(label: "Module 1 completed", count: .shown(80)),
        FunnelChart.Stage(label: "Module 2 completed", count: .suppressed),
        FunnelChart.Stage(label: "Completed", count: .shown(30)),
    ])

    private let beforeAfter = BeforeAfterChart(
        title: "PHQ-4 total", binLabels: ["0–2", "3–5", "6–8", "9–12"],
        before: [.suppressed, .shown(14), .shown(20), .suppressed], after: [.shown(15), .shown(17), .shown(12), .suppressed],
        meanChange: .shown(-2.13), interval: .shown(ConfidenceInterval(lower: -3.05, upper: -1.2)), better: .lower)

    private var all: [SVGChart] {
        [months.render(idPrefix: "months"), funnel.render(idPrefix: "funnel"), beforeAfter.render(idPrefix: "phq4")]
    }

    func testChartsAreAccessibleImagesWithoutStyleOrScript() throws {
        for chart in all {
            let svg = String(decoding: chart.svg, as: UTF8.self)
            XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            XCTAssertTrue(svg.contains("role=\"img\""))
            XCTAssertTrue(svg.contains("<title id="))
            XCTAssertTrue(svg.contains("<desc id="))
            XCTAssertFalse(svg.contains("style="), "a strict CSP blocks style attributes")
            XCTAssertFalse(svg.contains("<script"))
            XCTAssertFalse(svg.contains("<style"))
            XCTAssertFalse(svg.contains(" on"), "no event handler attributes")
            try assertWellFormed(chart.svg)
        }
    }

    func testTheSameChartIsTheSameBytes() {
        XCTAssertEqual(all.map(\.svg), all.map(\.svg))
    }

    func testSuppressedFiguresAreHatchedNotZero() {
        let svg = String(decoding: months.render(idPrefix: "m").svg, as: UTF8.self)
        // The legend swatch and the one suppressed bar.
        XCTAssertEqual(svg.components(separatedBy: "fill=\"url(#m-suppressed)\"").count - 1, 2)
        XCTAssertFalse(svg.contains("height=\"0\""), "no bar is drawn as zero")
    }

    func testSummaries() {
        XCTAssertEqual(months.summary, "Courses started and completed by month, 2026-01 to 2026-03. Started: highest 57 in 2026-02. "
                       + "Completed: highest 18 in 2026-01. 1 figure is suppressed to protect small numbers.")
        XCTAssertEqual(funnel.summary, "Keeping Calm: Started 120, then Module 1 completed 80, then Module 2 completed suppressed, "
                       + "then Completed 30. 25% of started reached completed.")
        XCTAssertEqual(beforeAfter.summary, "PHQ-4 total: scores before and after, in 4 bands. 3 band counts are suppressed to protect "
                       + "small numbers. Mean change \u{2212}2.1 (95% interval \u{2212}3.1 to \u{2212}1.2): an improvement; the interval does not include zero.")
    }

    func testASuppressedMeanChangeIsSaidSo() {
        var chart = beforeAfter
        chart.meanChange = .suppressed
        chart.interval = .suppressed
        XCTAssertTrue(chart.summary.hasSuffix("The mean change is suppressed: too few pairs."))
        XCTAssertTrue(String(decoding: chart.render(idPrefix: "x").svg, as: UTF8.self).contains("suppressed: too few pairs"))
    }

    func testTextIsEscaped() throws {
        let chart = FunnelChart(title: "A <b> & \"c\"", stages: [FunnelChart.Stage(label: "<x>", count: .shown(10))])
        let svg = String(decoding: chart.render(idPrefix: "e").svg, as: UTF8.self)
        XCTAssertTrue(svg.contains("<title id=\"e-title\">A &lt;b&gt; &amp; &quot;c&quot;</title>"))
        try assertWellFormed(chart.render(idPrefix: "e").svg)
    }

    private func assertWellFormed(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws {
        let parser = XMLParser(data: Data(bytes))
        XCTAssertTrue(parser.parse() && parser.parserError == nil, "well-formed XML: \(String(describing: parser.parserError))",
                      file: file, line: line)
    }
}
