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

    /// A course's usage tables over every area the token sees (`areas`), shown only for `shown` when a request
    /// names one area: the figures are made once for the token's whole grid and then sliced.
    package func usage(of course: ResearchCatalog.Course, rows: UsageRows, months: [String], areas: [String]?, shown: [String]? = nil) -> CourseUsage {
        let whole = usage(of: course, rows: rows, months: months, areas: areas)
        return shown.map { whole.keepingAreas($0) } ?? whole
    }

    private func usage(of course: ResearchCatalog.Course, rows: UsageRows, months: [String], areas: [String]?) -> CourseUsage {
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

    /// The funnel for one area of several a token sees: a stage is shown only when the token's other areas together
    /// also reach the threshold there, since subtracting this area's count from the whole funnel's would otherwise give
    /// back a small one.
    package func funnel(of course: ResearchCatalog.Course, area rows: FunnelRows, whole: FunnelRows) -> Funnel {
        let narrow = funnel(of: course, rows: rows), all = funnel(of: course, rows: whole)
        func guarded(_ stages: [Funnel.Stage], _ totals: [Funnel.Stage], _ raw: [Int], _ rawWhole: [Int]) -> [Funnel.Stage] {
            zip(stages, zip(raw, rawWhole)).map { stage, counts in
                var stage = stage
                if !threshold.allows(counts.1 - counts.0) { stage.count = .suppressed }
                return stage
            }
        }
        var guardedFunnel = narrow
        guardedFunnel.anonymous = guarded(narrow.anonymous, all.anonymous, Self.anonymousCounts(course, rows), Self.anonymousCounts(course, whole))
        guardedFunnel.participants = guarded(narrow.participants, all.participants, Self.participantCounts(rows), Self.participantCounts(whole))
        return guardedFunnel
    }

    private static func anonymousCounts(_ course: ResearchCatalog.Course, _ rows: FunnelRows) -> [Int] {
        [rows.coursesStarted] + course.modules.flatMap { [rows.modulesStarted[$0.id] ?? 0, rows.modulesCompleted[$0.id] ?? 0] } + [rows.coursesCompleted]
    }

    private static func participantCounts(_ rows: FunnelRows) -> [Int] {
        [rows.participants, rows.answeredBefore, rows.participantsCompleted, rows.answeredAfter, rows.answeredFollowUp]
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
    /// Outcomes for one area of several a token sees: a score is shown only when the token's other areas together also
    /// have enough pairs, since the whole and this area's figures would otherwise give back the others' small group.
    package func outcomes(course: ResearchCatalog.Course, measure: Measure, area answers: [ParticipantAnswers], whole: [ParticipantAnswers],
                          minimumGapDays: Int) throws -> OutcomesAnswer {
        let (narrow, answer) = try outcomes(course: course, measure: measure, answers: answers, minimumGapDays: minimumGapDays)
        let (all, _) = try outcomes(course: course, measure: measure, answers: whole, minimumGapDays: minimumGapDays)
        var guarded = answer
        for index in guarded.scores.indices {
            let others = all.scores[index].change.count - narrow.scores[index].change.count
            if !threshold.allows(others) {
                guarded.scores[index] = OutcomesAnswer.Score(narrow.scores[index], threshold: threshold, forceSuppressed: true)
            }
        }
        if !threshold.allows(all.pairsExcludedGap - narrow.pairsExcludedGap) { guarded.pairsExcludedGap = .suppressed }
        return guarded
    }

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

extension ResearchFigures {
    /// The whole report a token's areas allow, optionally for one of them: every course's usage over `months`, its
    /// funnel, and the outcomes of each measure it asks both before and after — under the same protections as the
    /// endpoints. Reads the store (blocking), so run it off an event loop.
    package func report(store: any EventStore, areas: [String]?, area: String? = nil, months: [MonthSpan], made: String) throws -> ResearchReport {
        let counts = try store.waiting { store.usage(months: months, areas: areas, completion: $0) }
        let shown = area.map { [$0] }
        let usage = UsageSummary(threshold: threshold.value, from: months.first?.label ?? "", to: months.last?.label ?? "",
                                 areas: shown ?? columns(for: areas),
                                 courses: catalog.courses.map {
                                     self.usage(of: $0, rows: counts[$0.id] ?? UsageRows(), months: months.map(\.label), areas: areas, shown: shown)
                                 })
        var funnels: [Funnel] = []
        var outcomes: [OutcomeSection] = []
        for course in catalog.courses {
            let whole = try store.waiting { store.funnel(course: course.id, areas: areas, completion: $0) }
            if let shown {
                let narrow = try store.waiting { store.funnel(course: course.id, areas: shown, completion: $0) }
                funnels.append(funnel(of: course, area: narrow, whole: whole))
            } else {
                funnels.append(funnel(of: course, rows: whole))
            }
            for measureID in course.measuresBefore where course.measuresAfter.contains(measureID) {
                guard let measure = catalog.measures[measureID] else { continue }
                let all = try store.waiting { store.answers(course: course.id, measure: measureID, areas: areas, completion: $0) }
                let answers = shown.map { areas in all.filter { $0.before?.area.map(areas.contains) ?? false } } ?? all
                let answer = shown == nil
                    ? try self.outcomes(course: course, measure: measure, answers: all, minimumGapDays: course.afterDays).1
                    : try self.outcomes(course: course, measure: measure, area: answers, whole: all, minimumGapDays: course.afterDays)
                outcomes.append(OutcomeSection(answer: answer, measureTitle: "\(measure.title), \(course.title)",
                                               distributions: distributions(measure: measure, answers: answers, minimumGapDays: course.afterDays,
                                                                            hidden: answer.scores.filter(\.isSuppressed).map(\.score)),
                                               scoreTitles: Self.scoreTitles(measure)))
            }
        }
        return ResearchReport(title: "\(catalog.siteTitle): research report", areas: shown ?? areas ?? ["all"], threshold: threshold, made: made,
                              usage: usage, funnels: funnels, outcomes: outcomes)
    }

    /// Each score's before and after values, binned over the score's possible range, for the report's charts.
    /// A score whose figures are suppressed (`hidden`) gets no distribution either.
    private func distributions(measure: Measure, answers: [ParticipantAnswers], minimumGapDays: Int, hidden: [ScoreID]) -> [ScoreDistribution] {
        let scorer = MeasureScorer(measure: measure)
        var pairs: [ScoreID: [ScorePair]] = [:]
        for entry in answers {
            guard let before = entry.before, let after = entry.after,
                  after.hour / 24 - before.hour / 24 >= Int64(minimumGapDays),
                  let first = try? scorer.score(before.answers), let second = try? scorer.score(after.answers) else { continue }
            for (id, value) in first { if let later = second[id] { pairs[id, default: []].append(ScorePair(before: value, after: later)) } }
        }
        return scorer.scoreIDs.filter { !hidden.contains($0) }.map { id in
            let range = Self.range(of: id, in: measure)
            let width = range.upperBound - range.lowerBound
            return ScoreDistribution(score: id.name, pairs: pairs[id] ?? [], minimum: range.lowerBound, maximum: range.upperBound,
                                     bins: max(1, min(6, Int(width.rounded()) + 1)), threshold: threshold)
        }
    }

    /// The lowest and highest a score can be.
    private static func range(of score: ScoreID, in measure: Measure) -> ClosedRange<Double> {
        func itemRange(_ id: String) -> ClosedRange<Double> {
            let scale = measure.items.first { $0.id == id }?.scale ?? measure.scale
            return Double(scale.minimum)...Double(scale.maximum)
        }
        let members: [String]
        switch score {
        case .item(let id): return itemRange(id)
        case .subscale(let id): members = measure.subscales.first { $0.id == id }?.itemIDs ?? []
        case .total: members = measure.items.map(\.id)
        }
        let ranges = members.map(itemRange)
        if measure.scoring == .mean, let first = ranges.first { return first }
        return ranges.map(\.lowerBound).reduce(0, +)...ranges.map(\.upperBound).reduce(0, +)
    }

    private static func scoreTitles(_ measure: Measure) -> [String: String] {
        var titles: [String: String] = [:]
        for subscale in measure.subscales { titles[subscale.id] = subscale.title }
        if measure.scoring == .items { for item in measure.items { titles[item.id] = item.text } }
        return titles
    }
}
