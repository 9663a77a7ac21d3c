import HearthResearch
import XCTest

/// The five-pair example worked by hand in Docs/research.md, and the edge cases.
final class PairedChangeTests: XCTestCase {
    private let worked = zip([8.0, 6, 9, 5, 7], [4.0, 5, 6, 5, 2]).map { ScorePair(before: $0, after: $1) }

    func testTheWorkedExample() throws {
        let change = PairedChange(pairs: worked)
        XCTAssertEqual(change.count, 5)
        XCTAssertEqual(try XCTUnwrap(change.before.mean), 7, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(change.before.standardDeviation), 2.5.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(change.after.mean), 4.4, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(change.after.standardDeviation), 2.3.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(change.change.mean), -2.6, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(change.change.standardDeviation), 4.3.squareRoot(), accuracy: 1e-12)
        let interval = try XCTUnwrap(change.confidenceInterval95)
        // t(0.975, 4) = 2.7764451051977934 (scipy); half width = t · √4.3 / √5.
        XCTAssertEqual(interval.lower, -5.174769267929077, accuracy: 1e-12)
        XCTAssertEqual(interval.upper, -0.025230732070923523, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(change.effectSizeDZ), -2.6 / 4.3.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(change.effectSizeDAv), -2.6 / ((2.5.squareRoot() + 2.3.squareRoot()) / 2), accuracy: 1e-12)
    }

    func testTheWorkedExamplesReliableChange() throws {
        // PHQ-4: r = 0.85, published SD 2.8, lower is better. SE = 2.8·√0.15 ≈ 1.0844; √(2·SE²) ≈ 1.5336.
        let criterion = try XCTUnwrap(ReliableChangeCriterion(basis: ReliabilityBasis(reliability: 0.85, publishedSD: 2.8),
                                                              sampleBeforeSD: 2.5.squareRoot()))
        XCTAssertEqual(criterion.sdSource, .measure)
        XCTAssertEqual(criterion.standardError, 1.0844353369380766, accuracy: 1e-12)
        // Changes −4, −1, −3, 0, −5 give RC −2.61, −0.65, −1.956, 0, −3.26: −3 falls just short of 1.96.
        XCTAssertEqual(criterion.index(-3), -1.9561519910898792, accuracy: 1e-12)
        XCTAssertEqual(criterion.classify(worked.map(\.change), better: .lower),
                       ReliableChangeCounts(improved: 2, deteriorated: 0, noChange: 3))
        // The same changes on a score where higher is better are deteriorations.
        XCTAssertEqual(criterion.classify(worked.map(\.change), better: .higher),
                       ReliableChangeCounts(improved: 0, deteriorated: 2, noChange: 3))
    }

    func testWithoutAPublishedSDTheSamplesBeforeSDIsUsed() throws {
        let criterion = try XCTUnwrap(ReliableChangeCriterion(basis: ReliabilityBasis(reliability: 0.9, publishedSD: nil),
                                                              sampleBeforeSD: 2))
        XCTAssertEqual(criterion.sdSource, .sample)
        XCTAssertEqual(criterion.standardError, 2 * 0.1.squareRoot(), accuracy: 1e-15)
    }

    func testReliableChangeIsUndefinedWithoutAReliabilityOrAnSD() {
        XCTAssertNil(ReliableChangeCriterion(basis: ReliabilityBasis(reliability: nil, publishedSD: 2.8), sampleBeforeSD: 1))
        XCTAssertNil(ReliableChangeCriterion(basis: ReliabilityBasis(reliability: 0.8, publishedSD: nil), sampleBeforeSD: nil))
        XCTAssertNil(ReliableChangeCriterion(basis: ReliabilityBasis(reliability: 0.8, publishedSD: nil), sampleBeforeSD: 0))
        XCTAssertNil(ReliableChangeCriterion(basis: ReliabilityBasis(reliability: 1, publishedSD: 2), sampleBeforeSD: 1))
    }

    func testNoPairsAndOnePair() {
        let none = PairedChange(pairs: [])
        XCTAssertEqual(none.count, 0)
        XCTAssertNil(none.change.mean)
        XCTAssertNil(none.confidenceInterval95)
        let one = PairedChange(pairs: [ScorePair(before: 3, after: 5)])
        XCTAssertEqual(one.change.mean, 2)
        XCTAssertNil(one.change.standardDeviation)
        XCTAssertNil(one.confidenceInterval95)
        XCTAssertNil(one.effectSizeDZ)
        XCTAssertNil(one.effectSizeDAv)
    }

    func testZeroSDsGiveNoEffectSizeRatherThanInfinity() throws {
        // Everyone improves by exactly 2, and everyone started at the same score.
        let same = PairedChange(pairs: [ScorePair(before: 4, after: 6), ScorePair(before: 4, after: 6), ScorePair(before: 4, after: 6)])
        XCTAssertEqual(same.change.standardDeviation, 0)
        XCTAssertNil(same.effectSizeDZ)
        let interval = try XCTUnwrap(same.confidenceInterval95)
        XCTAssertEqual(interval, ConfidenceInterval(lower: 2, upper: 2))
        XCTAssertNil(same.effectSizeDAv, "before and after SDs are both zero")
        XCTAssertNil(ReliableChangeCriterion(basis: ReliabilityBasis(reliability: 0.8, publishedSD: nil),
                                             sampleBeforeSD: same.before.standardDeviation))
    }

    func testTheVarianceKeepsItsDigitsFarFromZero() throws {
        // A one-pass Σx² − n·x̄² loses every digit here; two passes keep them.
        let summary = SampleSummary([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16])
        XCTAssertEqual(try XCTUnwrap(summary.standardDeviation), 30.0.squareRoot(), accuracy: 1e-9)
    }
}
