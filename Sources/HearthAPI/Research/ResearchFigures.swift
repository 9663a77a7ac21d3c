import HearthContent
import HearthResearch
import HearthStore

/// Turns what the store counted into the figures a researcher may see: the one place the API and
/// `hearth report` both make them, so the two never disagree.
package struct ResearchFigures: Sendable {
    private static func day(_ hour: Int64) -> Int64 { hour >= 0 ? hour / 24 : (hour - 23) / 24 }

    package let catalog: ResearchCatalog
    package let threshold: DisclosureThreshold

    package init(catalog: ResearchCatalog, threshold: DisclosureThreshold) {
        self.catalog = catalog
        self.threshold = threshold
    }

    /// The columns of the usage tables: the token's areas in the site's order, plus `none` for records that
    /// named no area when the token sees every area.
    package func columns(for areas: [String]?) -> [String] {
        guard let areas else { return catalog.areas.map(\.code) + ["none"] }
        return catalog.areas.map(\.code).filter(areas.contains)
    }

    package func usage(of course: ResearchCatalog.Course, rows: UsageRows, months: [String], areas: [String]?) -> CourseUsage {
        var counts = CourseUsage.Counts()
        counts.started = rows.started
        counts.completed = rows.completed
        counts.modulesStarted = rows.modulesStarted
        counts.modulesCompleted = rows.modulesCompleted
        for (quiz, passMark) in course.quizzes {
            let scores = rows.quizScores[quiz] ?? [:]
            // Scores are sent as 0–1; a pass is a score at or above the quiz's pass mark.
            let completed = scores.values.reduce(0, +)
            let passed = scores.filter { $0.key * 100 >= Double(passMark) - 1e-9 }.values.reduce(0, +)
            counts.quizzes[quiz] = (completed, passed)
        }
        return CourseUsage(course: course.id, title: course.title, months: months, areas: columns(for: areas),
                           modules: course.modules.map(\.id), quizzes: course.quizzes.map(\.id), counts: counts, threshold: threshold)
    }

    package func funnel(of course: ResearchCatalog.Course, rows: FunnelRows) -> Funnel {
        var anonymous: [(key: String, label: String, count: Int)] = [("course.started", "Started the course", rows.coursesStarted)]
        for module in course.modules {
            anonymous.append(("module.\(module.id).started", "Started “\(module.title)”", rows.modulesStarted[module.id] ?? 0))
            anonymous.append(("module.\(module.id).completed", "Finished “\(module.title)”", rows.modulesCompleted[module.id] ?? 0))
        }
        anonymous.append(("course.completed", "Finished the course", rows.coursesCompleted))
        let participants: [(key: String, label: String, count: Int)] = [
            ("consented", "Agreed to take part", rows.participants),
            ("answered.before", "Answered the before questions", rows.answeredBefore),
            ("completed", "Finished the course", rows.participantsCompleted),
            ("answered.after", "Answered the after questions", rows.answeredAfter),
            ("answered.follow-up", "Answered the follow-up questions", rows.answeredFollowUp),
        ]
        return Funnel(course: course.id, title: course.title, anonymous: anonymous, participants: participants, threshold: threshold)
    }

    /// Paired before/after outcomes: pairs whose gap is under `minimumGapDays` are left out and counted. The gap is
    /// counted in calendar days (UTC) between the two answers, as an analyst can count it from the export's `day`.
    package func outcomes(course: ResearchCatalog.Course, measure: Measure, answers: [ParticipantAnswers], minimumGapDays: Int) throws -> (OutcomesAnalysis, OutcomesAnswer) {
        let pairs = answers.compactMap { entry -> ResponsePair? in
            guard let before = entry.before, let after = entry.after else { return nil }
            return ResponsePair(before: before.answers, after: after.answers, gapDays: Int(Self.day(after.hour) - Self.day(before.hour)))
        }
        let analysis = try OutcomesAnalysis(measure: measure, pairs: pairs, minimumGapDays: minimumGapDays,
                                            direction: { measure.better(for: $0) },
                                            reliability: { ReliabilityBasis.published(by: measure, for: $0) })
        return (analysis, OutcomesAnswer(course: course.id, measure: measure.id, analysis: analysis, threshold: threshold))
    }
}
