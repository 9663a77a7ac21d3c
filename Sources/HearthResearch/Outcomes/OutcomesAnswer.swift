/// The `outcomes` answer of the research API (issue 12): each score's figures after disclosure control.
/// A score resting on fewer pairs than the threshold is suppressed whole; with enough pairs, its reliable-change
/// counts are a one-row table and get primary and secondary suppression like any other.
public struct OutcomesAnswer: Hashable, Sendable {
    public var course: String
    public var measure: String
    public var threshold: Int
    public var pairsExcludedGap: Disclosed<Int>
    public var scores: [Score]

    public init(course: String, measure: String, analysis: OutcomesAnalysis, threshold: DisclosureThreshold) {
        self.course = course
        self.measure = measure
        self.threshold = threshold.value
        pairsExcludedGap = threshold.disclose(analysis.pairsExcludedGap)
        scores = analysis.scores.map { Score($0, threshold: threshold) }
    }

    /// A mean and a sample SD.
    public struct MeanAndSD: Hashable, Sendable {
        public var mean: Disclosed<Double>
        public var sd: Disclosed<Double>
    }

    /// The change (after − before): mean, SD and 95% interval.
    public struct Change: Hashable, Sendable {
        public var mean: Disclosed<Double>
        public var sd: Disclosed<Double>
        public var ci95: Disclosed<ConfidenceInterval>
    }

    /// Reliable-change counts, each shown or suppressed.
    public struct ReliableChange: Hashable, Sendable {
        public var improved: Disclosed<Int>
        public var deteriorated: Disclosed<Int>
        public var noChange: Disclosed<Int>
    }

    /// One score's published figures.
    public struct Score: Hashable, Sendable {
        public var score: ScoreID
        public var better: Direction
        public var n: Disclosed<Int>
        public var before: MeanAndSD
        public var after: MeanAndSD
        public var change: Change
        public var dZ: Disclosed<Double>
        public var dAv: Disclosed<Double>
        /// nil when `reliable` is shown as nil (no reliability to test with).
        public var sdSource: SDSource?
        /// Shown nil when the measure gives no reliability for this score.
        public var reliable: Disclosed<ReliableChange>
        /// Whether the score rests on too few pairs, so that every figure above is suppressed.
        public var isSuppressed: Bool

        public init(_ outcome: ScoreOutcome, threshold: DisclosureThreshold) {
            let statistics = outcome.change
            let allowed = threshold.allows(statistics.count)
            score = outcome.score
            better = outcome.better
            isSuppressed = !allowed
            n = threshold.disclose(statistics.count)
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
