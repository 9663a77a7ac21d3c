import HearthContent
import HearthResearch
import HearthTestSupport
import XCTest

final class OutcomesAnswerTests: XCTestCase {
    private let lowerIsBetter: (ScoreID) -> Direction = { _ in .lower }

    /// PHQ-4 answers whose total is `total`, spread over the four items.
    private func phq4(_ total: Int) -> [String: Int] {
        let items = ["anxious", "worrying", "down", "interest"]
        var answers: [String: Int] = [:]
        for (index, item) in items.enumerated() { answers[item] = (total + 3 - index) / 4 }
        return answers
    }

    private func analysis(_ pairs: [ResponsePair], measure: Measure, minimumGapDays: Int = 14) throws -> OutcomesAnalysis {
        try OutcomesAnalysis(measure: measure, pairs: pairs, minimumGapDays: minimumGapDays, direction: lowerIsBetter,
                             reliability: { ReliabilityBasis.published(by: measure, for: $0) })
    }

    func testPairsWithAShortGapAreLeftOutAndCounted() throws {
        let measure = try MeasureFixtures.content("phq4")
        var pairs = (0..<12).map { ResponsePair(before: phq4(8), after: phq4($0 % 6), gapDays: 20) }
        pairs += (0..<3).map { _ in ResponsePair(before: phq4(8), after: phq4(0), gapDays: 13) }
        let result = try analysis(pairs, measure: measure)
        XCTAssertEqual(result.pairsExcludedGap, 3)
        XCTAssertEqual(result.scores.map(\.score), [.total, .subscale("anxiety"), .subscale("depression")])
        XCTAssertEqual(result.scores.map(\.change.count), [12, 12, 12])
        let answer = OutcomesAnswer(course: "c", measure: "phq4", analysis: result, threshold: .standard)
        XCTAssertEqual(answer.pairsExcludedGap, .suppressed, "3 is under the threshold")
        XCTAssertEqual(answer.threshold, 10)
    }

    func testReliableChangeBelongsToTheTotalOnly() throws {
        let measure = try MeasureFixtures.content("phq4")
        let pairs = (0..<20).map { ResponsePair(before: phq4(6 + $0 % 5), after: phq4(($0 * 7) % 9), gapDays: 30) }
        let result = try analysis(pairs, measure: measure)
        // PHQ-4 cites its alpha but no SD for the whole sample, so the sample's own before-SD is used.
        let before = pairs.map { Double($0.before.values.reduce(0, +)) }
        let mean = before.reduce(0, +) / Double(before.count)
        let sd = (before.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(before.count - 1)).squareRoot()
        XCTAssertEqual(measure.reliability, 0.84)
        XCTAssertNil(measure.standardDeviation)
        XCTAssertEqual(result.scores[0].reliableChange?.sdSource, .sample)
        XCTAssertEqual(result.scores[0].reliableChange?.standardDeviation ?? 0, sd, accuracy: 1e-12)
        XCTAssertNil(result.scores[1].reliable, "the measure's alpha and SD describe the total, not a subscale")
        let answer = OutcomesAnswer(course: "c", measure: "phq4", analysis: result, threshold: .standard)
        XCTAssertEqual(answer.scores[1].reliable, .shown(nil))
        XCTAssertNil(answer.scores[1].sdSource)
    }

    func testAScoreOnFewerPairsThanTheThresholdIsSuppressedWhole() throws {
        let measure = try MeasureFixtures.content("phq4")
        let pairs = (0..<9).map { ResponsePair(before: phq4(9), after: phq4($0), gapDays: 30) }
        let answer = OutcomesAnswer(course: "c", measure: "phq4", analysis: try analysis(pairs, measure: measure), threshold: .standard)
        let total = answer.scores[0]
        XCTAssertTrue(total.isSuppressed)
        XCTAssertEqual(total.n, .suppressed)
        XCTAssertEqual(total.before.mean, .suppressed)
        XCTAssertEqual(total.change.ci95, .suppressed)
        XCTAssertEqual(total.dZ, .suppressed)
        XCTAssertEqual(total.dAv, .suppressed)
        XCTAssertEqual(total.reliable, .suppressed)
        XCTAssertEqual(total.better, .lower)
    }

    func testPublishedFiguresAreTheAnalysisFigures() throws {
        let measure = try MeasureFixtures.content("phq4")
        var generator = SeededGenerator(seed: 7)
        let pairs = (0..<40).map { _ in
            ResponsePair(before: phq4(Int.random(in: 4...12, using: &generator)), after: phq4(Int.random(in: 0...10, using: &generator)), gapDays: 21)
        }
        let result = try analysis(pairs, measure: measure)
        let answer = OutcomesAnswer(course: "c", measure: "phq4", analysis: result, threshold: .standard)
        let total = answer.scores[0], change = result.scores[0].change
        XCTAssertFalse(total.isSuppressed)
        XCTAssertEqual(total.n, .shown(40))
        XCTAssertEqual(total.before.sd, .shown(change.before.standardDeviation))
        XCTAssertEqual(total.change.mean, .shown(change.change.mean))
        XCTAssertEqual(total.change.ci95, .shown(change.confidenceInterval95))
        XCTAssertEqual(total.dZ, .shown(change.effectSizeDZ))
        let counts = try XCTUnwrap(result.scores[0].reliable)
        XCTAssertEqual(counts.improved + counts.deteriorated + counts.noChange, 40)
    }

    /// The three reliable-change counts add up to n, which is published: one small count alone would be given
    /// back by subtraction, so a second one is hidden with it.
    func testASmallReliableChangeCountTakesAnotherWithIt() throws {
        let outcome = ScoreOutcome(score: .total, pairs: (0..<25).map { index in
            // 15 improve by 5, 7 do not change, 3 worsen by 5 (SD 2.8, r 0.85: |RC| = 5/1.53 > 1.96).
            ScorePair(before: 6, after: index < 15 ? 1 : index < 22 ? 6 : 11)
        }, better: .lower, basis: ReliabilityBasis(reliability: 0.85, publishedSD: 2.8))
        XCTAssertEqual(outcome.reliable, ReliableChangeCounts(improved: 15, deteriorated: 3, noChange: 7))
        let score = OutcomesAnswer.Score(outcome, threshold: .standard)
        let reliable = try XCTUnwrap(score.reliable.value)
        XCTAssertEqual(reliable.improved, .shown(15))
        XCTAssertEqual(reliable.deteriorated, .suppressed)
        XCTAssertEqual(reliable.noChange, .suppressed, "7 is under 10, and hides the 3 with it")
        XCTAssertEqual(score.n, .shown(25))
    }

    func testONS4ReportsEachItem() throws {
        let measure = try MeasureFixtures.content("ons4")
        let pairs = (0..<12).map { index in
            ResponsePair(before: ["satisfied": 4, "worthwhile": 5, "happy": 3, "anxious": 7],
                         after: ["satisfied": 6 + index % 3, "worthwhile": 6, "happy": 5, "anxious": 4], gapDays: 14)
        }
        let result = try OutcomesAnalysis(measure: measure, pairs: pairs, minimumGapDays: 14,
                                          direction: { $0 == .item("anxious") ? .lower : .higher },
                                          reliability: { ReliabilityBasis.published(by: measure, for: $0) })
        XCTAssertEqual(result.scores.map(\.score.name), ["satisfied", "worthwhile", "happy", "anxious"])
        XCTAssertEqual(result.scores.map(\.better), [.higher, .higher, .higher, .lower])
        XCTAssertEqual(result.scores[0].change.change.mean, 3)
        XCTAssertEqual(result.scores[3].change.change.mean, -3)
        XCTAssertTrue(result.scores.allSatisfy { $0.reliable == nil })
    }
}
