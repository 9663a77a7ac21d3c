import Foundation
import HearthResearch
import XCTest

/// The research report, built from hand-made figures in which some cells are hidden. The hidden values are
/// planted large and distinctive (4,817, 99.9%, 8,766…) so that a search of the whole HTML, charts included, would
/// find them if any part of the report gave them away.
final class ResearchReportTests: XCTestCase {
    private static let months = ["2026-01", "2026-02", "2026-03"]
    private static let areas = ["E10000012", "E06000034"]
    private static let courseTitle = "Keeping <calm> & carrying on"

    /// Courses started: January's 3 in the first area is under the threshold, and the cheapest rectangle that
    /// protects it hides January's and February's other cells (4,817, 5,923, 6,151) with it.
    private static var usage: CourseUsage {
        var counts = CourseUsage.Counts()
        counts.started = ["2026-01": ["E10000012": 3, "E06000034": 4817], "2026-02": ["E10000012": 5923, "E06000034": 6151],
                          "2026-03": ["E10000012": 7283, "E06000034": 7919]]
        counts.completed = ["2026-01": ["E10000012": 1210, "E06000034": 1432], "2026-02": ["E06000034": 2980],
                            "2026-03": ["E10000012": 3120, "E06000034": 3544]]
        counts.modulesStarted = ["what-happens": ["E10000012": 6120, "E06000034": 5], "talking": ["E10000012": 4388, "E06000034": 3097]]
        counts.modulesCompleted = ["what-happens": ["E10000012": 5090], "talking": ["E10000012": 3970, "E06000034": 2880]]
        // 3,995 of 4,000 passed: the 5 who did not would be given away by a pass rate of 99.875%.
        counts.quizzes = ["check-in": (4000, 3995), "spot-the-signs": (250, 200)]
        return CourseUsage(course: "keeping-calm", title: courseTitle, months: months, areas: areas, modules: ["what-happens", "talking"],
                           quizzes: ["check-in", "spot-the-signs", "unused"], counts: counts, threshold: .standard)
    }

    private static var funnel: Funnel {
        Funnel(course: "keeping-calm", title: courseTitle,
               anonymous: [("course.started", "Started the course", 6200), ("module.what-happens.completed", "Completed What happens", 3100),
                           ("module.talking.completed", "Completed Talking", 7), ("course.completed", "Completed the course", 1500)],
               participants: [("consented", "Agreed to take part", 400), ("answered.before", "Answered before", 380),
                              ("completed", "Completed the course", 120), ("answered.after", "Answered after", 100),
                              ("answered.followup", "Answered the follow-up", 4)],
               threshold: .standard)
    }

    /// The total: 1,500 improved reliably (down 4), 4 got worse (up 4; suppressed) and 1,496 did not change reliably
    /// (by at most 1; hidden with the 4). Reliable change here needs more than 1.96 · √2 · 2.8 · √0.15 = 3.006 points.
    private static let totalPairs: [ScorePair] = (0..<1500).map { (index: Int) -> ScorePair in
        ScorePair(before: Double(5 + index % 8), after: Double(1 + index % 8))
    } + (0..<4).map { (index: Int) -> ScorePair in
        ScorePair(before: Double(2 + index), after: Double(6 + index))
    } + (0..<1496).map { (index: Int) -> ScorePair in
        ScorePair(before: Double(3 + index % 8), after: Double(3 + index % 8 + index % 3 - 1))
    }
    /// Six pairs, under the threshold: means of 8,766 before and 6,421 after, a change of −2,345, that must never show.
    private static let anxietyPairs = [8761.0, 8763, 8765, 8767, 8769, 8771].map { ScorePair(before: $0, after: $0 - 2345) }
    /// Forty pairs whose interval includes zero; no reliability for a subscale.
    private static let depressionPairs: [ScorePair] = (0..<40).map { (index: Int) -> ScorePair in
        ScorePair(before: Double(5 + index % 4), after: Double(4 + (index * 3) % 5))
    }

    private static func outcomes() throws -> OutcomeSection {
        let measure = try MeasureFixtures.content("phq4")
        let analysis = try OutcomesAnalysis(measure: measure, pairs: [], minimumGapDays: 14, direction: { _ in .lower },
                                            reliability: { _ in ReliabilityBasis(reliability: nil, publishedSD: nil) })
        var answer = OutcomesAnswer(course: "keeping-calm", measure: "phq4", analysis: analysis, threshold: .standard)
        let none = ReliabilityBasis(reliability: nil, publishedSD: nil)
        answer.scores = [
            ScoreOutcome(score: .total, pairs: totalPairs, better: .lower, basis: ReliabilityBasis(reliability: 0.85, publishedSD: 2.8)),
            ScoreOutcome(score: .subscale("anxiety"), pairs: anxietyPairs, better: .lower, basis: none),
            ScoreOutcome(score: .subscale("depression"), pairs: depressionPairs, better: .lower, basis: none),
        ].map { OutcomesAnswer.Score($0, threshold: .standard) }
        let distributions = [
            ScoreDistribution(score: "total", pairs: totalPairs, minimum: 0, maximum: 12, bins: 4, threshold: .standard),
            ScoreDistribution(score: "anxiety", pairs: anxietyPairs, minimum: 0, maximum: 10_000, bins: 4, threshold: .standard),
        ]
        return OutcomeSection(answer: answer, measureTitle: "PHQ-4", distributions: distributions,
                              scoreTitles: ["anxiety": "Anxiety", "depression": "Depression"])
    }

    private static func report() throws -> ResearchReport {
        ResearchReport(title: "Hearth research report", areas: areas, threshold: .standard, made: "2026-12-02",
                       usage: UsageSummary(threshold: 10, from: "2026-01", to: "2026-03", areas: areas, courses: [usage]),
                       funnels: [funnel], outcomes: [try outcomes()])
    }

    private func both() throws -> [(name: String, html: String)] {
        let report = try Self.report()
        return [("document", String(decoding: report.document(), as: UTF8.self)),
                ("fragment", String(decoding: report.fragment(), as: UTF8.self))]
    }

    // MARK: - Disclosure

    func testThePlantedValuesAreReallySuppressed() throws {
        // Without this the search below could pass because the figures were never hidden.
        let usage = Self.usage
        for (month, area) in [("2026-01", "E10000012"), ("2026-01", "E06000034"), ("2026-02", "E10000012"), ("2026-02", "E06000034")] {
            XCTAssertEqual(usage.started[month, area], .suppressed, "\(month) \(area)")
        }
        XCTAssertEqual(usage.quizzes[0].passRate, .suppressed)
        let answer = try Self.outcomes().answer
        XCTAssertEqual(answer.scores[0].reliable.value?.deteriorated, .suppressed)
        XCTAssertEqual(answer.scores[0].reliable.value?.noChange, .suppressed)
        XCTAssertEqual(answer.scores[0].reliable.value?.improved, .shown(1500))
        XCTAssertTrue(answer.scores[1].isSuppressed)
    }

    func testNoSuppressedValueAppearsAsANumber() throws {
        // Each hidden value as a person or a program would write it (the report writes 4,817; a chart might write 4817).
        let hidden = ["4817", "4,817", "5923", "5,923", "6151", "6,151",   // started, secondary suppression
                      "99.9", "99.88", "3995", "3,995",                      // the check-in quiz's pass rate and passes
                      "1496", "1,496",                                       // the total's "no reliable change", hidden with the 4
                      "8766", "8,766", "8765", "8,765", "6421", "6,421",     // the anxiety subscale's means, n = 6
                      "2345", "2,345"]                                       // its mean change
        for (name, html) in try both() {
            for value in hidden {
                XCTAssertFalse(html.contains(value), "\(name) gives away the suppressed \(value)")
            }
        }
    }

    func testSuppressedCellsSaySuppressed() throws {
        let suppressed = "<td class=\"report-number report-suppressed\">suppressed</td>"
        for (name, html) in try both() {
            // January by area: both cells hidden, the month's total shown.
            XCTAssertTrue(html.contains("<tr><th scope=\"row\">January 2026</th>\(suppressed)\(suppressed)"
                                        + "<td class=\"report-number\">4,820</td></tr>"), name)
            XCTAssertTrue(html.contains("<tr><th scope=\"row\">Completed Talking</th>\(suppressed)</tr>"), name)
            XCTAssertTrue(html.contains("<tr><th scope=\"row\">check-in</th><td class=\"report-number\">4,000</td>\(suppressed)</tr>"), name)
            // The anxiety subscale rests on six pairs: every figure in its column is suppressed, and the sentence says why.
            XCTAssertTrue(html.contains("Fewer than 10 people answered both before and after, so the figures for this score are suppressed."))
            XCTAssertTrue(html.contains("<tr><th scope=\"row\">Before: mean</th><td class=\"report-number\">7.5</td>\(suppressed)"
                                        + "<td class=\"report-number\">6.5</td></tr>"), name)
            // Undefined is not suppressed: a dash with words for a screen reader, and a note saying why.
            XCTAssertTrue(html.contains("<td class=\"report-number report-undefined\">–<span class=\"report-hidden\"> (not available)</span></td>"),
                          name)
            XCTAssertTrue(html.contains("the measure gives no reliability for this score, so reliable change cannot be tested"), name)
            XCTAssertTrue(html.contains("Numbers under 10 are hidden and shown as “suppressed”"), name)
        }
    }

    func testTheThresholdInTheWordsIsTheReportsOwn() throws {
        var report = try Self.report()
        report.threshold = try DisclosureThreshold(12)
        let html = String(decoding: report.document(), as: UTF8.self)
        XCTAssertTrue(html.contains("Numbers under 12 are hidden"))
        XCTAssertTrue(html.contains("fewer than 12 people"))
        XCTAssertFalse(html.contains("under 10"))
    }

    // MARK: - Structure

    func testEveryChartHasASummaryAndATable() throws {
        for (name, html) in try both() {
            let charts = html.components(separatedBy: "<div class=\"report-chart report-chart-wide\">").dropFirst()
            // Starts by month, the two funnels, the total's and the anxiety subscale's distributions.
            XCTAssertEqual(charts.count, 5, name)
            for chart in charts {
                // The wide drawing, then the narrow one for phones: each an image with a title and the summary as its
                // description.
                let lines = chart.split(separator: "\n", maxSplits: 4, omittingEmptySubsequences: false)
                XCTAssertTrue(lines[1].hasPrefix("<div class=\"report-chart report-chart-narrow\"><svg "), name)
                var descriptions: [String] = []
                for svg in lines[0...1] {
                    XCTAssertTrue(svg.contains("role=\"img\""), name)
                    XCTAssertTrue(svg.contains("<title id="), name)
                    descriptions.append(try XCTUnwrap(svg.components(separatedBy: "<desc id=\"").dropFirst().first?
                        .split(separator: ">", maxSplits: 1).last?.components(separatedBy: "</desc>").first))
                }
                XCTAssertEqual(descriptions[0], descriptions[1], name)
                XCTAssertEqual(String(lines[2]), "<p class=\"report-summary\">\(descriptions[0])</p>", "\(name): the summary follows the chart")
                XCTAssertTrue(lines[3].hasPrefix("<div class=\"report-table\" role=\"region\""), "\(name): the table follows the summary")
                XCTAssertTrue(lines[3].contains("<caption id="), name)
                XCTAssertTrue(lines[3].contains("<th scope=\"col\">"), name)
            }
        }
    }

    func testEveryTableHasACaptionAndScopedHeadings() throws {
        for (name, html) in try both() {
            let tables = html.components(separatedBy: "<table").dropFirst()
            XCTAssertEqual(tables.count, 11, name)
            for table in tables {
                let body = table.components(separatedBy: "</table>")[0]
                XCTAssertTrue(body.contains("<caption id="), name)
                XCTAssertFalse(body.contains("<th>"), "\(name): every heading cell has a scope")
                XCTAssertTrue(body.contains("<th scope=\"row\">"), name)
            }
        }
    }

    func testTheFragmentHasNoStyleAndNoPage() throws {
        let fragment = String(decoding: try Self.report().fragment(), as: UTF8.self)
        XCTAssertFalse(fragment.contains("style="), "the site's Content-Security-Policy refuses style attributes")
        XCTAssertFalse(fragment.contains("<style"))
        for tag in ["<html", "<head", "<body", "<main", "<script", "<!doctype"] { XCTAssertFalse(fragment.lowercased().contains(tag), tag) }
        XCTAssertTrue(fragment.hasPrefix("<article class=\"report\" aria-labelledby=\"report-title\">\n<h2 id=\"report-title\" class=\"report-title\">"))
        XCTAssertFalse(fragment.contains("<h1"), "the dashboard page has its own h1")
    }

    func testTheDocumentIsCompleteAndSelfContained() throws {
        let document = String(decoding: try Self.report().document(), as: UTF8.self)
        XCTAssertTrue(document.hasPrefix("<!doctype html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"))
        XCTAssertTrue(document.hasSuffix("</main>\n</body>\n</html>\n"))
        XCTAssertEqual(document.components(separatedBy: "<style>").count - 1, 1, "one inline stylesheet")
        XCTAssertFalse(document.contains("style="))
        XCTAssertFalse(document.contains("<script"))
        XCTAssertFalse(document.contains("<link"), "nothing fetched")
        XCTAssertFalse(document.contains("src="), "nothing fetched")
        XCTAssertFalse(document.contains("href=\"http"), "nothing fetched")
        XCTAssertTrue(document.contains("<h1 id=\"report-title\" class=\"report-title\">Hearth research report</h1>"))
        XCTAssertTrue(document.contains("<time datetime=\"2026-12-02\">2 December 2026</time>"))
        XCTAssertTrue(document.contains(ResearchReport.stylesheet), "the theme's file and the inline styles are the same rules")
    }

    func testIdsAreUnique() throws {
        for (name, html) in try both() {
            let ids = html.components(separatedBy: " id=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
            XCTAssertEqual(Set(ids).count, ids.count, "\(name): \(ids.count) ids")
        }
    }

    func testTheSameReportIsTheSameBytes() throws {
        let first = try Self.report(), second = try Self.report()
        XCTAssertEqual(first.document(), second.document())
        XCTAssertEqual(first.fragment(), second.fragment())
    }

    func testCourseTitlesAreEscaped() throws {
        for (name, html) in try both() {
            XCTAssertTrue(html.contains("Keeping &lt;calm&gt; &amp; carrying on"), name)
            XCTAssertFalse(html.contains("<calm>"), name)
            XCTAssertFalse(html.contains("& carrying"), name)
        }
    }

    // MARK: - Words and numbers

    func testNumbersAreWrittenForPeople() {
        XCTAssertEqual(ReadableNumber.count(0), "0")
        XCTAssertEqual(ReadableNumber.count(999), "999")
        XCTAssertEqual(ReadableNumber.count(1000), "1,000")
        XCTAssertEqual(ReadableNumber.count(1_234_567), "1,234,567")
        XCTAssertEqual(ReadableNumber.count(-4820), "\u{2212}4,820")
        XCTAssertEqual(ReadableNumber.decimal(6.5, places: 1), "6.5")
        XCTAssertEqual(ReadableNumber.decimal(10, places: 1), "10.0")
        XCTAssertEqual(ReadableNumber.decimal(-1.9947, places: 1), "\u{2212}2.0")
        XCTAssertEqual(ReadableNumber.decimal(-0.04, places: 1), "0.0", "no minus sign on a zero")
        XCTAssertEqual(ReadableNumber.decimal(12345.678, places: 2), "12,345.68")
        XCTAssertEqual(ReadableNumber.decimal(-1.2538, places: 2), "\u{2212}1.25")
        XCTAssertEqual(ReadableNumber.percent(80), "80.0%")
        XCTAssertEqual(ReadableNumber.decimal(.nan, places: 1), "–")
    }

    func testDatesAreWrittenForPeople() {
        XCTAssertEqual(ReportDate.month("2026-01"), "January 2026")
        XCTAssertEqual(ReportDate.month("2026-12", short: true), "Dec 2026")
        XCTAssertEqual(ReportDate.month("2026-13"), "2026-13")
        XCTAssertEqual(ReportDate.day("2026-12-02"), "2 December 2026")
        XCTAssertEqual(ReportDate.day("yesterday"), "yesterday")
    }

    /// The worked example of Docs/research.md (mean change −2.6, 95% interval −5.17 to −0.03), published under a
    /// threshold of 5.
    func testTheChangeInWords() throws {
        let pairs = [(8.0, 4.0), (6, 5), (9, 6), (5, 5), (7, 2)].map { ScorePair(before: $0.0, after: $0.1) }
        let five = try DisclosureThreshold(5)
        func words(_ pairs: [ScorePair], better: Direction) -> String {
            let score = OutcomesAnswer.Score(ScoreOutcome(score: .total, pairs: pairs, better: better,
                                                          basis: ReliabilityBasis(reliability: nil, publishedSD: nil)), threshold: five)
            return ChangeInWords(score: score, threshold: 5).sentence
        }
        XCTAssertEqual(words(pairs, better: .lower), "On average, scores went down by 2.6 points (95% CI 0.0 to 5.2); "
                       + "lower is better on this measure, so this is an improvement.")
        XCTAssertEqual(words(pairs, better: .higher), "On average, scores went down by 2.6 points (95% CI 0.0 to 5.2); "
                       + "higher is better on this measure, so this is a worsening.")
        let mixed = pairs.map { ScorePair(before: $0.after, after: $0.before) } + [ScorePair(before: 9, after: 1)]
        // Changes 4, 1, 3, 0, 5, −8: mean 0.833, SD 4.708, t₀.₉₇₅,₅ = 2.5706, so −4.108 to 5.774 (scipy).
        XCTAssertEqual(words(mixed, better: .lower), "On average, scores went up by 0.8 points (95% CI from a fall of 4.1 to a rise of 5.8); "
                       + "lower is better on this measure, but the interval includes no change, so these figures do not show a clear change.")
        XCTAssertEqual(words(Array(pairs.prefix(3)), better: .lower),
                       "Fewer than 5 people answered both before and after, so the figures for this score are suppressed.")
    }

    // MARK: - The sample for the browser check

    /// Writes the report, and the fragment in a page that takes its styles from a file (as the dashboard will), into
    /// the folder named by HEARTH_REPORT_SAMPLE (Tests/Browser/check_report.py sets it); without it, only builds them.
    func testWritesSampleReport() throws {
        let report = try Self.report()
        var page = Array("""
            <!doctype html>
            <html lang="en-GB">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Research dashboard</title>
            <link rel="stylesheet" href="report.css">
            </head>
            <body>
            <main>
            <h1>Research dashboard</h1>

            """.utf8)
        page += report.fragment() + Array("</main>\n</body>\n</html>\n".utf8)
        guard let folder = ProcessInfo.processInfo.environment["HEARTH_REPORT_SAMPLE"] else {
            XCTAssertFalse(report.document().isEmpty)
            return
        }
        let url = URL(fileURLWithPath: folder)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try Data(report.document()).write(to: url.appendingPathComponent("report.html"))
        try Data(page).write(to: url.appendingPathComponent("dashboard.html"))
        try Data(ResearchReport.stylesheet.utf8).write(to: url.appendingPathComponent("report.css"))
    }
}
