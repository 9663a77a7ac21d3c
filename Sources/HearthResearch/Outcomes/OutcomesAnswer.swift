/// The `outcomes` answer of the research API (issue 12): each score's figures after disclosure control.
/// A score resting on fewer pairs than the threshold is suppressed whole; with enough pairs, its reliable-change
/// counts are a one-row table and get primary and secondary suppression like any other.
package struct OutcomesAnswer: Hashable, Sendable {
    package var course: String
    package var measure: String
    package var threshold: Int
    package var pairsExcludedGap: Disclosed<Int>
    package var scores: [Score]

    package init(course: String, measure: String, analysis: OutcomesAnalysis, threshold: DisclosureThreshold) {
        self.course = course
        self.measure = measure
        self.threshold = threshold.value
        pairsExcludedGap = threshold.disclose(analysis.pairsExcludedGap)
        scores = analysis.scores.map { Score($0, threshold: threshold) }
    }

    /// A mean and a sample SD.
    package struct MeanAndSD: Hashable, Sendable {
        package var mean: Disclosed<Double>
        package var sd: Disclosed<Double>
    }

    /// The change (after − before): mean, SD and 95% interval.
    package struct Change: Hashable, Sendable {
        package var mean: Disclosed<Double>
        package var sd: Disclosed<Double>
        package var ci95: Disclosed<ConfidenceInterval>
    }

    /// Reliable-change counts, each shown or suppressed.
    package struct ReliableChange: Hashable, Sendable {
        package var improved: Disclosed<Int>
        package var deteriorated: Disclosed<Int>
        package var noChange: Disclosed<Int>
    }

    /// One score's published figures.
    package struct Score: Hashable, Sendable {
        package var score: ScoreID
        package var better: Direction
        package var n: Disclosed<Int>
        package var before: MeanAndSD
        package var after: MeanAndSD
        package var change: Change
        package var dZ: Disclosed<Double>
        package var dAv: Disclosed<Double>
        /// nil when `reliable` is shown as nil (no reliability to test with).
        package var sdSource: SDSource?
        /// Shown nil when the measure gives no reliability for this score.
        package var reliable: Disclosed<ReliableChange>
        /// Whether the score rests on too few pairs, so that every figure above is suppressed.
        package var isSuppressed: Bool

        /// `forceSuppressed` hides the score whatever its n (a narrower view whose complement would be small).
        package init(_ outcome: ScoreOutcome, threshold: DisclosureThreshold, forceSuppressed: Bool = false) {
            let statistics = outcome.change
            let allowed = threshold.allows(statistics.count) && !forceSuppressed
            score = outcome.score
            better = outcome.better
            isSuppressed = !allowed
            n = allowed ? threshold.disclose(statistics.count) : .suppressed
            before = MeanAndSD(mean: .shown(statistics.before.mean, if: allowed),
                               sd: .shown(statistics.before.standardDeviation, if: allowed))
            after = MeanAndSD(mean: .shown(statistics.after.mean, if: allowed),
                              sd: .shown(statistics.after.standardDeviation, if: allowed))
            change = Change(mean: .shown(statistics.change.mean, if: allowed),
                            sd: .shown(statistics.change.standardDeviation, if: allowed),
                            ci95: .shown(statistics.confidenceInterval95, if: allowed))
            dZ = .shown(statistics.effectSizeDZ, if: allowed)
            dAv = .shown(statistics.effectSizeDAv, if: allowed)
            sdSource = outcome.reliableChange?.sdSource
            guard allowed else {
                reliable = .suppressed
                return
            }
            guard let counts = outcome.reliable else {
                reliable = .shown(nil)
                return
            }
            let table = CountTable(rows: [[counts.improved, counts.deteriorated, counts.noChange]]).disclosed(under: threshold)
            reliable = .shown(ReliableChange(improved: table.cells[0][0], deteriorated: table.cells[0][1], noChange: table.cells[0][2]))
        }
    }
}
