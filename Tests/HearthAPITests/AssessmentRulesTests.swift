import Foundation
import XCTest
@testable import HearthAPI
import HearthHTTP
import HearthStore
import HearthTestSupport

/// The rules of assessed quizzes, as plain functions: drawing, scoring, attempt limits, codes and dates.
final class AssessmentRulesTests: XCTestCase {
    private let pool = (1...7).map { "q\($0)" }

    func testADrawNeverRepeatsAQuestionAndPrefersUnseenOnes() {
        var generator = SeededGenerator(seed: 11)
        for round in 0..<200 {
            let seen = Set(pool.shuffled(using: &generator).prefix(round % 7))
            let drawn = QuestionDraw.draw(from: pool, count: 5, seen: seen, using: &generator)
            XCTAssertEqual(drawn.count, 5)
            XCTAssertEqual(Set(drawn).count, 5, "no repeats within an attempt")
            let unseen = pool.filter { !seen.contains($0) }
            XCTAssertEqual(Set(drawn).intersection(unseen).count, min(5, unseen.count), "as many unseen as there are, up to the draw")
        }
        XCTAssertEqual(QuestionDraw.draw(from: pool, count: nil, seen: [], using: &generator), pool, "no draw: every question, in order")
    }

    func testTheSameSeedDrawsTheSameQuestions() {
        var first = SeededGenerator(seed: 99), second = SeededGenerator(seed: 99)
        XCTAssertEqual(QuestionDraw.draw(from: pool, count: 5, seen: ["q1"], using: &first),
                       QuestionDraw.draw(from: pool, count: 5, seen: ["q1"], using: &second))
    }

    private let key = AssessmentKey(course: "c", quiz: "quiz", title: "Quiz", passMark: 80, attempts: 3, draw: 4, questions: [
        .init(id: "single", correct: [1], optionCount: 3, hints: ["<em>Think</em>"], feedback: ["no", "yes", "no"]),
        .init(id: "multiple", correct: [0, 2], optionCount: 4, hints: [], feedback: ["", "", "", ""]),
        .init(id: "truefalse", correct: [1], optionCount: 2, hints: [], feedback: ["", ""]),
        .init(id: "scenario", correct: [0], optionCount: 3, hints: [], feedback: ["", "", ""]),
    ])

    func testScoringNeedsExactlyTheRightOptionsAndCountsAnUnansweredQuestionAsWrong() {
        let asked = ["single", "multiple", "truefalse", "scenario"]
        let all = AttemptScorer.score(asked: asked, answers: ["single": [1], "multiple": [0, 2], "truefalse": [1], "scenario": [0]], key: key)
        XCTAssertEqual(all.score, 100)
        let partial = AttemptScorer.score(asked: asked, answers: ["single": [1], "multiple": [0], "truefalse": [0]], key: key)
        XCTAssertEqual(partial.score, 25, "one of four: half a multiple-choice answer is wrong, and an unanswered one too")
        XCTAssertEqual(partial.marked.map(\.correct), [true, false, false, false])
        XCTAssertEqual(AttemptScorer.score(asked: asked, answers: ["multiple": [0, 1, 2]], key: key).score, 0, "an extra option is wrong")
        XCTAssertEqual(AttemptScorer.score(asked: ["single", "multiple", "truefalse"], answers: ["single": [1], "truefalse": [1]], key: key).score,
                       67, "two of three, to the nearest whole number")
    }

    private func attempt(_ round: Int, hour: Int64, passed: Bool? = nil) -> StoredAttempt {
        StoredAttempt(id: UUID().uuidString, course: "c", quiz: "quiz", round: round, questions: [], startedHour: hour,
                      score: passed.map { $0 ? 100 : 0 }, passed: passed)
    }

    func testAttemptsAreLimitedPerRoundAndAFreshRoundOpensAfterTheRetakeDays() {
        typealias Decision = AttemptPolicy.Decision
        XCTAssertEqual(AttemptPolicy.decide(earlier: [], limit: 3, retakeAfterDays: 7, nowHour: 100), Decision.start(round: 1, number: 1))
        let two = [attempt(1, hour: 100, passed: false), attempt(1, hour: 101)]
        XCTAssertEqual(AttemptPolicy.decide(earlier: two, limit: 3, retakeAfterDays: 7, nowHour: 102), .start(round: 1, number: 3),
                       "an attempt never submitted still counts")
        let three = two + [attempt(1, hour: 110, passed: false)]
        XCTAssertEqual(AttemptPolicy.decide(earlier: three, limit: 3, retakeAfterDays: 7, nowHour: 111), .usedUp(opensAtHour: 110 + 7 * 24))
        XCTAssertEqual(AttemptPolicy.decide(earlier: three, limit: 3, retakeAfterDays: 7, nowHour: 110 + 7 * 24), .start(round: 2, number: 1))
        XCTAssertEqual(AttemptPolicy.decide(earlier: three + [attempt(2, hour: 400, passed: true)], limit: 3, retakeAfterDays: 7, nowHour: 401),
                       .alreadyPassed)
        XCTAssertEqual(AttemptPolicy.decide(earlier: three, limit: nil, retakeAfterDays: 7, nowHour: 111), .start(round: 1, number: 4),
                       "no limit: no rounds")
    }

    func testACourseIsPassedWhenEveryAssessedQuizIsAndTheMeanReachesItsMark() {
        var second = key
        second.quiz = "other"
        let course = AssessedCourse(id: "c", title: "C", passMark: 85, certificate: true, retakeAfterDays: 7, quizzes: ["quiz": key, "other": second])
        func scored(_ quiz: String, _ score: Int) -> StoredAttempt {
            StoredAttempt(id: UUID().uuidString, course: "c", quiz: quiz, round: 1, questions: [], startedHour: 1, score: score, passed: score >= 80)
        }
        XCTAssertEqual(course.standing(of: [scored("quiz", 100)]).remaining, ["other"])
        XCTAssertFalse(course.standing(of: [scored("quiz", 80), scored("other", 80)]).passed, "both passed, but a mean of 80 is under 85")
        XCTAssertTrue(course.standing(of: [scored("quiz", 60), scored("quiz", 100), scored("other", 80)]).passed, "best scores count: 90")
    }

    func testCertificateCodesAreFiftyBitsOfCrockfordBase32() {
        var generator = SeededGenerator(seed: 5)
        var seen: Set<String> = []
        for _ in 0..<2000 {
            let code = CertificateCode.random(using: &generator)
            XCTAssertNotNil(code.printed.range(of: #"^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{5}-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{5}$"#, options: .regularExpression),
                            code.printed)
            XCTAssertEqual(CertificateCode(typed: code.printed), code)
            XCTAssertEqual(CertificateCode(typed: code.characters.lowercased()), code, "case does not matter")
            seen.insert(code.characters)
        }
        XCTAssertEqual(seen.count, 2000)
        XCTAssertEqual(CertificateCode(typed: "oiL23-45678")?.printed, "01123-45678", "O reads as 0, I and L as 1")
        XCTAssertEqual(CertificateCode(typed: " 7kq2m px9rd ")?.printed, "7KQ2M-PX9RD")
        for bad in ["7KQ2M-PX9R", "7KQ2M-PX9RDX", "7KQ2M-PX9RU", "7KQ2M_PX9RD", ""] { XCTAssertNil(CertificateCode(typed: bad), bad) }
    }

    func testCalendarDaysAgreeWithFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<2000 {
            // From 1600: before 1582 Foundation's Gregorian calendar switches to the Julian one.
            let days = Int64.random(in: -135_000...200_000, using: &generator)
            let date = Date(timeIntervalSince1970: Double(days) * 86_400)
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            let day = CalendarDay(daysSince1970: days)
            XCTAssertEqual([day.year, day.month, day.day], [parts.year!, parts.month!, parts.day!], "\(days)")
        }
        XCTAssertEqual(CalendarDay(hour: 495_672).iso, "2026-07-19")
        XCTAssertEqual(CalendarDay(daysSince1970: 20_790).written, "3 December 2026")
    }

    func testLookupsAreLimitedPerClientAndPerIPv6Network() {
        let clock = ManualClock(1000)
        let limiter = ClientRateLimiter(limit: 3, window: 60, clock: { clock.now })
        let one = ClientAddress(bytes: [127, 0, 0, 1])
        for _ in 0..<3 { XCTAssertNil(limiter.admit(one)) }
        XCTAssertEqual(limiter.admit(one), 60)
        XCTAssertNil(limiter.admit(ClientAddress(bytes: [127, 0, 0, 2])), "another client has its own count")
        let v6 = (0..<4).map { n in ClientAddress(bytes: [0x20, 1, 0x0d, 0xb8, 0, 0, 0, 1] + [0, 0, 0, 0, 0, 0, 0, UInt8(n)]) }
        for address in v6.prefix(3) { XCTAssertNil(limiter.admit(address)) }
        XCTAssertNotNil(limiter.admit(v6[3]), "addresses in one /64 share a count")
        clock.now += 61
        XCTAssertNil(limiter.admit(one), "a new window")
    }
}

/// A clock tests move by hand.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Double

    init(_ value: Double) { self.value = value }

    var now: Double {
        get { lock.lock(); defer { lock.unlock() }; return value }
        set { lock.lock(); value = newValue; lock.unlock() }
    }
}
