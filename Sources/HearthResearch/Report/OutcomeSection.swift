/// One measure's outcomes on one course, as the report shows them: the published answer, the measure's title, the
/// titles of its scores and their before/after distributions.
package struct OutcomeSection: Hashable, Sendable {
    package var answer: OutcomesAnswer
    package var measureTitle: String
    /// Matched to the answer's scores by `ScoreDistribution.score` (the score's name); a score without one gets no chart.
    package var distributions: [ScoreDistribution]
    /// Score name → title (a subscale's or item's); a score without one is "Total" or its id.
    package var scoreTitles: [String: String]

    package init(answer: OutcomesAnswer, measureTitle: String, distributions: [ScoreDistribution], scoreTitles: [String: String] = [:]) {
        self.answer = answer
        self.measureTitle = measureTitle
        self.distributions = distributions
        self.scoreTitles = scoreTitles
    }

    /// What a score is called in the report.
    func title(of score: ScoreID) -> String {
        scoreTitles[score.name] ?? (score == .total ? "Total" : score.name)
    }
}
