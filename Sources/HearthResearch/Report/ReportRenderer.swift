/// Writes a `ResearchReport` as HTML: the title and what the report is, then each course — its starts and
/// completions by month, its funnels, its modules by area, its completion and quiz pass rates, its outcomes — each
/// chart followed by its summary in words and the table behind it.
struct ReportRenderer {
    let report: ResearchReport
    /// The heading level of the report's title; sections go down from it.
    let topLevel: Int

    func write(into html: inout MarkupWriter) {
        html.open("article", [("class", "report"), ("aria-labelledby", "report-title")])
        html.newline()
        heading(0, id: "report-title", report.title, into: &html)
        writeIntroduction(into: &html)
        let courses = self.courses
        if courses.isEmpty {
            html.element("p", [], "There are no figures for these areas and months.")
            html.newline()
        }
        for (index, course) in courses.enumerated() {
            writeCourse(course.id, title: course.title, prefix: "report-c\(index + 1)", into: &html)
        }
        html.close("article")
        html.newline()
    }

    /// Every course with a figure, in the order of the summary, then of the funnels, then of the outcomes.
    private var courses: [(id: String, title: String)] {
        var courses: [(id: String, title: String)] = []
        func add(_ id: String, _ title: String) {
            if !courses.contains(where: { $0.id == id }) { courses.append((id, title)) }
        }
        for usage in report.usage.courses { add(usage.course, usage.title) }
        for funnel in report.funnels { add(funnel.course, funnel.title) }
        for section in report.outcomes { add(section.answer.course, section.answer.course) }
        return courses
    }

    /// Says why a figure reads "suppressed", with this report's threshold.
    var suppressedNote: String {
        "“Suppressed”: hidden because it counts fewer than \(report.threshold.value) people, or because with the totals it "
            + "would give away a hidden number."
    }

    // MARK: - Introduction

    private func writeIntroduction(into html: inout MarkupWriter) {
        let threshold = report.threshold.value
        html.element("p", [], "This report shows how many people started and finished each course, how far through it they "
            + "got, and, for people who agreed to take part in research, how their answers to questionnaires changed from "
            + "before the course to after it. It is made from anonymous counts and anonymised answers: nothing in it names "
            + "a person.")
        html.newline()
        html.element("p", [], "Numbers under \(threshold) are hidden and shown as “suppressed”, zeros included, because a "
            + "small number can identify the people behind it. Averages, percentages and other figures based on fewer than "
            + "\(threshold) people are suppressed too, and so are a few larger numbers that could be used with the totals "
            + "to work out a hidden one. A dash (“–”) marks a figure that cannot be calculated from these data. Every chart "
            + "is followed by a sentence saying what it shows and by the table of its figures.")
        html.newline()
        html.open("dl", [("class", "report-meta")])
        html.element("dt", [], "Made")
        html.open("dd")
        let day = ReportDate.day(report.made)
        html.element("time", day == report.made ? [] : [("datetime", report.made)], day)
        html.close("dd")
        if !report.usage.from.isEmpty {
            html.element("dt", [], "Months")
            html.element("dd", [], ReportDate.month(report.usage.from) + " to " + ReportDate.month(report.usage.to))
        }
        html.element("dt", [], "Areas")
        html.element("dd", [], report.areas.isEmpty || report.areas.contains("all") ? "All areas" : report.areas.joined(separator: ", "))
        html.element("dt", [], "Threshold")
        html.element("dd", [], "Numbers under \(threshold) are suppressed")
        html.close("dl")
        html.newline()
    }

    // MARK: - A course

    private func writeCourse(_ course: String, title: String, prefix: String, into html: inout MarkupWriter) {
        html.open("section", [("aria-labelledby", prefix)])
        html.newline()
        heading(1, id: prefix, title, into: &html)
        let usage = report.usage.courses.first { $0.course == course }
        if let usage { writeMonths(usage, prefix: prefix, into: &html) }
        for (index, funnel) in report.funnels.enumerated() where funnel.course == course {
            writeFunnel(funnel, prefix: "\(prefix)-f\(index + 1)", into: &html)
        }
        if let usage {
            writeModules(usage, prefix: prefix, into: &html)
            writeRates(usage, prefix: prefix, into: &html)
        }
        for (index, section) in report.outcomes.enumerated() where section.answer.course == course {
            writeOutcomes(section, prefix: "\(prefix)-o\(index + 1)", into: &html)
        }
        html.close("section")
        html.newline()
    }

    private func writeMonths(_ usage: CourseUsage, prefix: String, into html: inout MarkupWriter) {
        heading(2, "Starts and completions by month", into: &html)
        let months = usage.started.rows
        guard !months.isEmpty, !usage.started.columns.isEmpty else {
            html.element("p", [], "There are no months or areas to count in.")
            html.newline()
            return
        }
        let started = months.map { Self.rowTotal(usage.started, $0) }, completed = months.map { Self.rowTotal(usage.completed, $0) }
        let chart = BarChart(title: "\(usage.title): courses started and completed by month", seriesNames: ["Started", "Completed"],
                             groups: months.indices.map { BarChart.Group(label: ReportDate.month(months[$0], short: true),
                                                                         values: [started[$0], completed[$0]]) })
        writeChart(id: "\(prefix)-months", chart.render, into: &html)
        var rows = months.indices.map { ReportTable.Row(header: ReportDate.month(months[$0]), cells: [.count(started[$0]), .count(completed[$0])]) }
        rows.append(ReportTable.Row(header: "Total", cells: [.count(usage.started.table.grandTotal), .count(usage.completed.table.grandTotal)],
                                    isTotal: true))
        ReportTable(id: "\(prefix)-months-table", caption: "Courses started and completed by month", corner: "Month",
                    columns: ["Started", "Completed"], rows: rows).write(into: &html, suppressedNote: suppressedNote)
        guard usage.started.columns.count > 1 else { return }
        table(usage.started, id: "\(prefix)-started-areas", caption: "Courses started, by month and area", corner: "Month",
              rowLabel: { ReportDate.month($0) })?.write(into: &html, suppressedNote: suppressedNote)
        table(usage.completed, id: "\(prefix)-completed-areas", caption: "Courses completed, by month and area", corner: "Month",
              rowLabel: { ReportDate.month($0) })?.write(into: &html, suppressedNote: suppressedNote)
    }

    private func writeFunnel(_ funnel: Funnel, prefix: String, into html: inout MarkupWriter) {
        heading(2, "How far people got", into: &html)
        let parts = [("anonymous", "Everyone who used the course", "Count", funnel.anonymous,
                      "Anonymous counts from every visitor: the course started, each module started and completed, the course completed."),
                     ("participants", "Research participants", "Participants", funnel.participants,
                      "Only people who agreed to take part in research: how many answered the questionnaires before and after.")]
        for (key, name, column, stages, about) in parts where !stages.isEmpty {
            heading(3, name, into: &html)
            html.element("p", [], about)
            html.newline()
            let chart = FunnelChart(title: "\(funnel.title): \(name.lowercased())",
                                    stages: stages.map { FunnelChart.Stage(label: $0.label, count: $0.count) })
            writeChart(id: "\(prefix)-\(key)", chart.render, into: &html)
            ReportTable(id: "\(prefix)-\(key)-table", caption: "\(name): how many reached each stage", corner: "Stage", columns: [column],
                        rows: stages.map { ReportTable.Row(header: $0.label, cells: [.count($0.count)]) })
                .write(into: &html, suppressedNote: suppressedNote)
        }
    }

    private func writeModules(_ usage: CourseUsage, prefix: String, into html: inout MarkupWriter) {
        heading(2, "Modules by area", into: &html)
        let started = table(usage.modulesStarted, id: "\(prefix)-modules-started", caption: "Modules started, by area", corner: "Module")
        let completed = table(usage.modulesCompleted, id: "\(prefix)-modules-completed", caption: "Modules completed, by area",
                              corner: "Module")
        guard started != nil || completed != nil else {
            html.element("p", [], "There are no modules or areas to count in.")
            html.newline()
            return
        }
        started?.write(into: &html, suppressedNote: suppressedNote)
        completed?.write(into: &html, suppressedNote: suppressedNote)
    }

    private func writeRates(_ usage: CourseUsage, prefix: String, into html: inout MarkupWriter) {
        heading(2, "Completion and quiz pass rates", into: &html)
        let threshold = report.threshold.value
        let completion: String
        if usage.completionRate.isSuppressed {
            completion = "The completion rate (courses completed as a share of courses started) is suppressed: it rests on fewer "
                + "than \(threshold) people, or would give away a number under \(threshold)."
        } else if let rate = usage.completionRate.value {
            completion = "Courses completed as a share of courses started in these months: \(ReadableNumber.percent(rate))."
        } else {
            completion = "No one started this course in these months, so there is no completion rate."
        }
        html.element("p", [], completion)
        html.newline()
        guard !usage.quizzes.isEmpty else {
            html.element("p", [], "This course has no quiz with a pass mark.")
            html.newline()
            return
        }
        ReportTable(id: "\(prefix)-quizzes", caption: "Quiz pass rates", corner: "Quiz", columns: ["Completed", "Passed"],
                    rows: usage.quizzes.map { quiz in
                        ReportTable.Row(header: quiz.quiz, cells: [.count(quiz.completed),
                                                                  .percent(quiz.passRate, undefined: "no one completed the quiz")])
                    }).write(into: &html, suppressedNote: suppressedNote)
    }

    // MARK: - Outcomes

    private func writeOutcomes(_ section: OutcomeSection, prefix: String, into html: inout MarkupWriter) {
        let answer = section.answer
        heading(2, "Outcomes: \(section.measureTitle)", into: &html)
        let gap = answer.pairsExcludedGap.value.map(ReadableNumber.count)
            ?? "suppressed (fewer than \(report.threshold.value), perhaps none)"
        html.element("p", [], "Answers to \(section.measureTitle) from research participants who answered both before and after the "
            + "course; a change is after minus before. Pairs left out because the second answer came too soon after the first: \(gap).")
        html.newline()
        for (index, score) in answer.scores.enumerated() {
            let title = section.title(of: score.score)
            heading(3, title, into: &html)
            html.element("p", [("class", "report-finding")], ChangeInWords(score: score, threshold: report.threshold.value).sentence)
            html.newline()
            if let distribution = section.distributions.first(where: { $0.score == score.score.name }) {
                writeDistribution(distribution, score: score, title: "\(section.measureTitle), \(title)",
                                  prefix: "\(prefix)-s\(index + 1)", into: &html)
            }
        }
        guard !answer.scores.isEmpty else { return }
        heading(3, "All figures", into: &html)
        OutcomeFigures(section: section).table(id: "\(prefix)-figures").write(into: &html, suppressedNote: suppressedNote)
    }

    private func writeDistribution(_ distribution: ScoreDistribution, score: OutcomesAnswer.Score, title: String, prefix: String,
                                   into html: inout MarkupWriter) {
        let table = distribution.table
        guard let before = table.rows.firstIndex(of: "before"), let after = table.rows.firstIndex(of: "after"),
              table.table.cells.count == table.rows.count, table.table.rowTotals.count == table.rows.count else { return }
        let chart = BeforeAfterChart(title: "\(title): before and after", binLabels: distribution.bins,
                                     before: table.table.cells[before], after: table.table.cells[after],
                                     meanChange: score.change.mean, interval: score.change.ci95, better: score.better)
        writeChart(id: prefix, chart.render, into: &html)
        var rows = distribution.bins.indices.map {
            ReportTable.Row(header: distribution.bins[$0], cells: [.count(table.table.cells[before][$0]), .count(table.table.cells[after][$0])])
        }
        rows.append(ReportTable.Row(header: "Total", cells: [.count(table.table.rowTotals[before]), .count(table.table.rowTotals[after])],
                                    isTotal: true))
        ReportTable(id: "\(prefix)-table", caption: "\(title): people in each score band", corner: "Score band",
                    columns: ["Before", "After"], rows: rows).write(into: &html, suppressedNote: suppressedNote)
    }

    // MARK: - Parts

    /// A chart drawn wide and narrow (the styles show the one that fits the screen: scaled down to a phone, the wide
    /// one's text would be too small to read), then its summary as text for everyone.
    private func writeChart(id: String, _ render: (String, Double) -> SVGChart, into html: inout MarkupWriter) {
        let wide = render(id, 640), narrow = render("\(id)-narrow", 360)
        for (chart, kind) in [(wide, "wide"), (narrow, "narrow")] {
            html.open("div", [("class", "report-chart report-chart-\(kind)")])
            html.markup(chart.svg)
            html.close("div")
            html.newline()
        }
        html.element("p", [("class", "report-summary")], wide.summary)
        html.newline()
    }

    /// A labelled count table with its totals (a column and a row, when there is more than one of each to add up);
    /// nil when it has no cells.
    private func table(_ labelled: LabelledTable, id: String, caption: String, corner: String,
                       rowLabel: (String) -> String = { $0 }) -> ReportTable? {
        let published = labelled.table
        guard !labelled.rows.isEmpty, !labelled.columns.isEmpty, published.cells.count == labelled.rows.count else { return nil }
        let addColumns = labelled.columns.count > 1, addRows = labelled.rows.count > 1
        var rows = labelled.rows.indices.map { index in
            ReportTable.Row(header: rowLabel(labelled.rows[index]),
                            cells: published.cells[index].map { .count($0) } + (addColumns ? [.count(published.rowTotals[index])] : []))
        }
        if addRows {
            rows.append(ReportTable.Row(header: "Total", cells: published.columnTotals.map { .count($0) }
                                            + (addColumns ? [.count(published.grandTotal)] : []), isTotal: true))
        }
        return ReportTable(id: id, caption: caption, corner: corner,
                           columns: labelled.columns.map(Self.areaLabel) + (addColumns ? ["Total"] : []), rows: rows)
    }

    /// `none` stands for events that named no area.
    private static func areaLabel(_ area: String) -> String {
        area == "none" ? "No area" : area
    }

    /// A month's total from a months × areas table; suppressed if the month is missing, never a made-up zero.
    private static func rowTotal(_ labelled: LabelledTable, _ month: String) -> Disclosed<Int> {
        guard let index = labelled.rows.firstIndex(of: month), index < labelled.table.rowTotals.count else { return .suppressed }
        return labelled.table.rowTotals[index]
    }

    /// A heading `depth` levels below the title (h6 at the most), with an id when given. Its class says what it heads,
    /// so the styles need not know which level the page starts at.
    private func heading(_ depth: Int, id: String? = nil, _ text: String, into html: inout MarkupWriter) {
        let name = "h\(min(6, topLevel + depth))"
        let kind = ["report-title", "report-course", "report-part", "report-subpart"][min(depth, 3)]
        html.element(name, (id.map { [("id", $0)] } ?? []) + [("class", kind)], text)
        html.newline()
    }
}
