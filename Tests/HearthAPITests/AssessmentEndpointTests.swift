import Foundation
import XCTest
import HearthHTTP
import HearthJSON
@testable import HearthAPI
@testable import HearthStore
import HearthTestSupport

/// A practitioner's assessed quiz and certificate through the API: the server draws, scores, limits attempts,
/// reveals answers only when it should, and issues a code that verifies — with nothing that says who holds it.
final class AssessmentEndpointTests: XCTestCase {
    private var store: SQLiteEventStore!
    private var router: APIRouter!
    private let clock = ManualClock(1_764_700_000)
    private let learner = "5a1f0c2e-3b4d-4e6f-8a9b-0c1d2e3f4a5b"

    private static func key(_ quiz: String) -> AssessmentKey {
        AssessmentKey(course: "staff", quiz: quiz, title: quiz, passMark: 80, attempts: 2, draw: 3, questions: (1...5).map { n in
            .init(id: "q\(n)", correct: [n % 3], optionCount: 3, hints: ["hint \(n)"], feedback: ["a\(n)", "b\(n)", "c\(n)"])
        })
    }

    override func setUpWithError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-assess-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("site"), withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        store = try SQLiteEventStore(path: folder.appendingPathComponent("db.sqlite").path)
        let course = AssessedCourse(id: "staff", title: "Relational practice", passMark: 80, certificate: true, retakeAfterDays: 7,
                                    quizzes: ["first": Self.key("first"), "second": Self.key("second")])
        let clock = self.clock
        router = APIRouter(manifest: ManifestIndex(), store: store, site: try StaticSite(folder: folder.appendingPathComponent("site").path),
                           assessments: AssessmentBook(courses: [course]), clock: { clock.now })
    }

    override func tearDown() {
        store.close()
    }

    private func send(_ method: String, _ path: String, _ json: String = "") -> (Int, JSONObject) {
        let request = HTTPRequest(method: method, path: path, headers: [("content-type", "application/json")], body: Array(json.utf8),
                                  client: ClientAddress(bytes: [10, 0, 0, 1]))
        let response = router.reply(to: request).waitForResponse()
        return (response.status.code, (try? JSONReader.read(response.body).object) ?? JSONObject())
    }

    private func start(_ quiz: String) -> (Int, JSONObject) {
        send("POST", "/api/v1/assessments/staff/\(quiz)/attempts", "{\"learner\":\"\(learner)\"}")
    }

    /// Answers every asked question right (or all wrong) and submits.
    private func submit(_ quiz: String, _ attempt: JSONObject, right: Bool) -> (Int, JSONObject) {
        let key = Self.key(quiz)
        let answers = (attempt["questions"]?.array ?? []).compactMap(\.string).map { id -> String in
            let correct = key.question(id)!.correct.first!
            return "\"\(id)\":[\(right ? correct : (correct + 1) % 3)]"
        }.joined(separator: ",")
        let id = attempt["attempt"]?.string ?? ""
        return send("POST", "/api/v1/assessments/staff/\(quiz)/attempts/\(id)", "{\"learner\":\"\(learner)\",\"answers\":{\(answers)}}")
    }

    func testAFailedAttemptTeachesWithoutGivingTheAnswersAway() throws {
        let (status, attempt) = start("first")
        XCTAssertEqual(status, 201)
        XCTAssertEqual(attempt["questions"]?.array?.count, 3, "the quiz's draw from its pool of five")
        let (scored, result) = submit("first", attempt, right: false)
        XCTAssertEqual(scored, 200)
        XCTAssertEqual(result["score"]?.number, 0)
        XCTAssertEqual(result["passed"]?.bool, false)
        XCTAssertEqual(result["attemptsLeft"]?.number, 1)
        for question in result["questions"]?.array ?? [] {
            let item = try XCTUnwrap(question.object)
            XCTAssertEqual(item["correct"]?.bool, false)
            XCTAssertNotNil(item["hints"], "a wrong answer gets its hints")
            XCTAssertEqual(item["feedback"]?.array?.count, 1, "and the feedback on the option chosen")
            XCTAssertNil(item["answer"], "but not the right option while attempts are left")
        }
        XCTAssertEqual(submit("first", attempt, right: true).0, 409, "an attempt is scored once")
    }

    func testAttemptsRunOutThenAFreshRoundOpensAfterTheRetakeDaysWithUnseenQuestions() throws {
        let first = start("first").1
        _ = submit("first", first, right: false)
        let second = start("first").1
        let (_, last) = submit("first", second, right: false)
        XCTAssertEqual(last["attemptsLeft"]?.number, 0)
        XCTAssertNotNil(last["retakeFrom"]?.string)
        XCTAssertNotNil(last["questions"]?.array?.first?.object?["answer"], "with the round used up, the right options are shown")
        let asked = Set(((first["questions"]?.array ?? []) + (second["questions"]?.array ?? [])).compactMap(\.string))
        XCTAssertEqual(asked.count, 5, "the second attempt preferred the two questions not yet asked")

        let (refused, body) = start("first")
        XCTAssertEqual(refused, 409)
        XCTAssertEqual(body["error"]?.object?["code"]?.string, "attempts_used")
        clock.now += 7 * 86_400 + 3600
        XCTAssertEqual(start("first").0, 201, "a fresh set of attempts after the course's retake-after-days")
    }

    func testACertificateNeedsEveryQuizPassedAndVerifiesWithoutNamingAnyone() throws {
        XCTAssertEqual(submit("first", start("first").1, right: true).1["passed"]?.bool, true)
        XCTAssertEqual(start("first").1["error"]?.object?["code"]?.string, "already_passed")
        let early = send("POST", "/api/v1/certificates", "{\"learner\":\"\(learner)\",\"course\":\"staff\"}")
        XCTAssertEqual(early.0, 409)
        XCTAssertTrue(early.1["error"]?.object?["message"]?.string?.contains("still to pass: second") ?? false, "\(early.1)")

        _ = submit("second", start("second").1, right: true)
        let (issued, certificate) = send("POST", "/api/v1/certificates", "{\"learner\":\"\(learner)\",\"course\":\"staff\"}")
        XCTAssertEqual(issued, 201)
        let code = try XCTUnwrap(certificate["code"]?.string)
        XCTAssertNotNil(code.range(of: #"^[0-9A-Z]{5}-[0-9A-Z]{5}$"#, options: .regularExpression))
        let verified = send("GET", "/api/v1/certificates/\(code.lowercased())")
        XCTAssertEqual(verified.0, 200)
        XCTAssertEqual(verified.1["status"]?.string, "valid")
        XCTAssertEqual(verified.1["title"]?.string, "Relational practice")
        XCTAssertEqual(send("GET", "/api/v1/certificates/00000-00000").0, 404)

        // The database holds a hash of the code, the course and the day: no name, no learner id beside it.
        XCTAssertEqual(try store.scalar("SELECT COUNT(*) FROM pragma_table_info('certificates')"), 4)
        XCTAssertEqual(try store.scalar("SELECT COUNT(*) FROM certificates WHERE code = ? OR code LIKE '%-%'", code), 0)
        XCTAssertEqual(try store.scalar("SELECT COUNT(*) FROM assessment_attempts WHERE learner = ?", learner), 0, "only a keyed hash")

        _ = try store.waiting { store.withdrawCertificate(code: CertificateCode(typed: code)!.characters, completion: $0) }
        XCTAssertEqual(send("GET", "/api/v1/certificates/\(code)").1["status"]?.string, "withdrawn")
    }

    func testLookupsPastTwentyAMinuteAreRefused() {
        for _ in 0..<20 { XCTAssertEqual(send("GET", "/api/v1/certificates/00000-00000").0, 404) }
        let (status, body) = send("GET", "/api/v1/certificates/00000-00000")
        XCTAssertEqual(status, 429)
        XCTAssertEqual(body["error"]?.object?["code"]?.string, "too_many_requests")
        clock.now += 61
        XCTAssertEqual(send("GET", "/api/v1/certificates/00000-00000").0, 404)
    }

    func testBadRequestsSayWhatAndWhere() {
        XCTAssertEqual(send("POST", "/api/v1/assessments/staff/nope/attempts", "{\"learner\":\"\(learner)\"}").0, 404)
        XCTAssertEqual(send("POST", "/api/v1/assessments/staff/first/attempts", "{\"learner\":\"sam\"}").1["error"]?.object?["field"]?.string,
                       "learner")
        let attempt = start("first").1
        let id = attempt["attempt"]?.string ?? ""
        let stray = send("POST", "/api/v1/assessments/staff/first/attempts/\(id)", "{\"learner\":\"\(learner)\",\"answers\":{\"q1\":[7]}}")
        XCTAssertEqual(stray.0, 422)
        XCTAssertEqual(stray.1["error"]?.object?["field"]?.string, "answers.q1")
        let other = send("POST", "/api/v1/assessments/staff/first/attempts/\(id)",
                         "{\"learner\":\"00000000-0000-4000-8000-000000000000\",\"answers\":{}}")
        XCTAssertEqual(other.0, 404, "another learner cannot submit this attempt")
    }
}
