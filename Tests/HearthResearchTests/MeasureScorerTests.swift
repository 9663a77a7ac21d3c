import HearthContent
import HearthResearch
import XCTest

final class MeasureScorerTests: XCTestCase {
    func testPHQ4YieldsTheTotalAndBothSubscales() throws {
        let scorer = MeasureScorer(measure: try MeasureFixtures.content("phq4"))
        XCTAssertEqual(scorer.scoreIDs, [.total, .subscale("anxiety"), .subscale("depression")])
        let scores = try scorer.score(["anxious": 3, "worrying": 2, "down": 1, "interest": 0])
        XCTAssertEqual(scores, [.total: 6, .subscale("anxiety"): 5, .subscale("depression"): 1])
    }

    func testPHQ4AllowsNoMissingItem() throws {
        let scorer = MeasureScorer(measure: try MeasureFixtures.content("phq4"))
        let scores = try scorer.score(["anxious": 3, "worrying": 2, "down": 1])
        // missing-allowed="0": the total and the depression pair cannot be scored; anxiety is complete.
        XCTAssertEqual(scores, [.subscale("anxiety"): 5])
    }

    func testONS4ScoresEachItemAndNeverATotal() throws {
        let scorer = MeasureScorer(measure: try MeasureFixtures.content("ons4"))
        XCTAssertEqual(scorer.scoreIDs, [.item("satisfied"), .item("worthwhile"), .item("happy"), .item("anxious")])
        let scores = try scorer.score(["satisfied": 7, "worthwhile": 8, "anxious": 2])
        XCTAssertEqual(scores, [.item("satisfied"): 7, .item("worthwhile"): 8, .item("anxious"): 2])
        XCTAssertEqual(ScoreID.item("anxious").name, "anxious")
        XCTAssertEqual(ScoreID.total.name, "total")
    }

    func testCSI4UsesEachItemsOwnScale() throws {
        let scorer = MeasureScorer(measure: try MeasureFixtures.content("csi4"))
        XCTAssertEqual(try scorer.score(["happiness": 6, "warm": 5, "rewarding": 5, "satisfied": 5]), [.total: 21])
        XCTAssertThrowsError(try scorer.score(["happiness": 6, "warm": 6, "rewarding": 5, "satisfied": 5])) { error in
            XCTAssertEqual((error as? ScoringError)?.description,
                           "the answer 6 for the item 'warm' of the measure 'csi4' is not on its scale; the values are: 0, 1, 2, 3, 4, 5")
        }
    }

    func testReversedItemsAndMeanScoringWithAMissingItem() throws {
        let scorer = MeasureScorer(measure: try MeasureFixtures.fixture("moods"))
        // tense is reversed on 1–4: 1 + 4 − 1 = 4. rested has its own 0–2 scale.
        let full = try scorer.score(["calm": 3, "tense": 1, "rested": 2, "hopeful": 1])
        XCTAssertEqual(full, [.total: 2.5, .subscale("ease"): 3.5, .subscale("energy"): 1.5])
        // One unanswered item is allowed: the mean of the answered ones.
        let oneMissing = try scorer.score(["calm": 3, "tense": 1, "rested": 2])
        XCTAssertEqual(oneMissing, [.total: 3, .subscale("ease"): 3.5, .subscale("energy"): 2])
        // Two unanswered: the total and the energy pair are refused; ease is complete.
        let twoMissing = try scorer.score(["calm": 3, "tense": 1])
        XCTAssertEqual(twoMissing, [.subscale("ease"): 3.5])
    }

    func testASumWithAnAllowedMissingItemIsProRated() throws {
        let scorer = MeasureScorer(measure: try MeasureFixtures.fixture("tally"))
        // c is reversed on 0–2: 0 + 2 − 0 = 2.
        XCTAssertEqual(try scorer.score(["a": 2, "b": 1, "c": 0, "d": 1]), [.total: 6])
        // Three answered items scoring 2 + 1 + 2 = 5, pro-rated to four items: 5 × 4 / 3.
        XCTAssertEqual(try scorer.score(["a": 2, "b": 1, "c": 0]), [.total: 20.0 / 3])
        XCTAssertEqual(try scorer.score(["a": 2, "b": 1]), [:])
        XCTAssertEqual(try scorer.score([:]), [:])
    }

    func testAnUnknownItemIsAnError() throws {
        let scorer = MeasureScorer(measure: try MeasureFixtures.fixture("tally"))
        XCTAssertThrowsError(try scorer.score(["a": 1, "z": 1])) { error in
            XCTAssertEqual(error as? ScoringError, .unknownItem(measure: "tally", item: "z"))
            XCTAssertEqual("\(error)", "the answer for 'z' names no item of the measure 'tally'")
        }
    }
}
