import HearthContent

/// The paired outcomes of one measure on one course, score by score, before disclosure control: the figures an
/// analyst recomputes from the export. `OutcomesAnswer` is what may be published of them.
package struct OutcomesAnalysis: Hashable, Sendable {
    /// Pairs left out because their gap was shorter than the minimum.
    package var pairsExcludedGap: Int
    package var scores: [ScoreOutcome]

    /// Scores both answers of every pair whose gap is at least `minimumGapDays`; a score missing on either
    /// occasion (too many unanswered items) leaves that pair out of that score only.
    package init(measure: Measure, pairs: [ResponsePair], minimumGapDays: Int,
                direction: (ScoreID) -> Direction,
                reliability: (ScoreID) -> ReliabilityBasis) throws(ScoringError) {
        let scorer = MeasureScorer(measure: measure)
        var excluded = 0
        var scored: [ScoreID: [ScorePair]] = [:]
        for pair in pairs {
            guard pair.gapDays >= minimumGapDays else {
                excluded += 1
                continue
            }
            let before = try scorer.score(pair.before), after = try scorer.score(pair.after)
            for (id, beforeScore) in before {
                if let afterScore = after[id] { scored[id, default: []].append(ScorePair(before: beforeScore, after: afterScore)) }
            }
        }
        pairsExcludedGap = excluded
        scores = scorer.scoreIDs.map { id in
            ScoreOutcome(score: id, pairs: scored[id] ?? [], better: direction(id), basis: reliability(id))
        }
    }
}

/// One score's paired outcome: the before/after statistics and, when the measure gives a reliability, how many
/// changed reliably.
package struct ScoreOutcome: Hashable, Sendable {
    package var score: ScoreID
    package var better: Direction
    package var change: PairedChange
    /// nil when reliable change is undefined (no reliability, or no SD to use).
    package var reliableChange: ReliableChangeCriterion?
    package var reliable: ReliableChangeCounts?

    package init(score: ScoreID, pairs: [ScorePair], better: Direction, basis: ReliabilityBasis) {
        self.score = score
        self.better = better
        change = PairedChange(pairs: pairs)
        reliableChange = ReliableChangeCriterion(basis: basis, sampleBeforeSD: change.before.standardDeviation)
        reliable = reliableChange?.classify(pairs.map(\.change), better: better)
    }
}

extension ReliabilityBasis {
    /// What `measure` publishes for `score`: its reliability and SD describe the total, so subscales and items
    /// have none (their reliable change is then null rather than computed with the wrong figures).
    package static func published(by measure: Measure, for score: ScoreID) -> ReliabilityBasis {
        score == .total
            ? ReliabilityBasis(reliability: measure.reliability, publishedSD: measure.standardDeviation)
            : ReliabilityBasis(reliability: nil, publishedSD: nil)
    }
}
