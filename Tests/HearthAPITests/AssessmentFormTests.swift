import Foundation
import XCTest
import HearthHTTP
import HearthJSON
@testable import HearthAPI
@testable import HearthStore
import HearthTestSupport

/// An assessed quiz and its certificate without JavaScript: the same routes take HTML forms and answer with pages
/// (drawn here by a stand-in that writes the page it was asked for as JSON, so each test can read what the page
/// would show). The learner id is made by the server and travels in the pages' hidden fields.
final class AssessmentFormTests: XCTestCase {
    private var store: SQLiteEventStore!
    private var router: APIRouter!
    private let clock = ManualClock(1_764_700_000)

    private static func key(_ quiz: String) -> AssessmentKey {
        AssessmentKey(course: "staff", quiz: quiz, title: quiz, passMark: 80, attempts: 2, draw: 3, questions: (1...5).map { n in
            .init(id: "q\(n)", correct: [n % 3], optionCount: 3, hints: ["hint \(n)"], feedback: ["a\(n)", "b\(n)", "c\(n)"])
        })
    }

    /// A page as the stand-in renderer drew it.
    private struct Page {
        var status: Int
        var headers: [(name: String, value: String)]
        var template: String
        var course: String?
        var quiz: String?
        var values: JSONObject
    }

    override func setUpWithError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-forms-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("site"), withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        store = try SQLiteEventStore(path: folder.appendingPathComponent("db.sqlite").path)
        let course = AssessedCourse(id: "staff", title: "Relational practice", passMark: 80, certificate: true, retakeAfterDays: 7,
                                    quizzes: ["first": Self.key("first"), "second": Self.key("second")])
        let pages = ServerPages(render: { page in
            JSONWriter.bytes(of: .object(["template": .string(page.template), "course": page.course.map(JSONValue.string) ?? .null,
                                          "quiz": page.quiz.map(JSONValue.string) ?? .null, "values": .object(page.values)]), keyOrder: .declared)
        }, verifyAddress: { host in "http://\(host ?? "-")/verify/" })
        let clock = self.clock
        router = APIRouter(manifest: ManifestIndex(), store: store, site: try StaticSite(folder: folder.appendingPathComponent("site").path),
                           assessments: AssessmentBook(courses: [course]), pages: pages, clock: { clock.now })
    }

    override func tearDown() {
        store.close()
    }

    private func form(_ path: String, _ body: String, method: String = "POST", query: String = "") -> Page {
        let request = HTTPRequest(method: method, path: path, query: query,
                                  headers: [("content-type", "application/x-www-form-urlencoded"), ("host", "hub.example")],
                                  body: Array(body.utf8), client: ClientAddress(bytes: [10, 0, 0, 2]))
        let response = router.reply(to: request).waitForResponse()
        let drawn = (try? JSONReader.read(response.body).object) ?? JSONObject()
        return Page(status: response.status.code, headers: response.headers, template: drawn["template"]?.string ?? "(not a page)",
                    course: drawn["course"]?.string, quiz: drawn["quiz"]?.string, values: drawn["values"]?.object ?? JSONObject())
    }

    private func start(_ quiz: String, learner: String? = nil) -> Page {
        form("/api/v1/assessments/staff/\(quiz)/attempts", learner.map { "learner=\($0)" } ?? "")
    }

    /// Answers every asked question right (or wrong), as checked radio buttons would.
    private func submit(_ quiz: String, _ attempt: Page, right: Bool) -> Page {
        let learner = attempt.values["learner"]?.string ?? ""
        let fields = (attempt.values["questions"]?.array ?? []).compactMap { $0.object?["id"]?.string }.map { id -> String in
            let correct = Self.key(quiz).question(id)!.correct.first!
            return "answer-\(id)=\(right ? correct : (correct + 1) % 3)"
        }
        return form("/api/v1/assessments/staff/\(quiz)/attempts/\(attempt.values["attempt"]?.string ?? "")",
                    (["learner=\(learner)"] + fields).joined(separator: "&"))
    }

    func testAFormStartMakesALearnerIdAndAnswersWithThePageOfDrawnQuestions() throws {
        let page = start("first")
        XCTAssertEqual(page.status, 200)
        XCTAssertEqual(page.template, "served-attempt")
        XCTAssertEqual(page.course, "staff")
        XCTAssertEqual(page.quiz, "first")
        let learner = try XCTUnwrap(page.values["learner"]?.string)
        XCTAssertNotNil(learner.range(of: #"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"#, options: .regularExpression),
                        "a random (version 4) UUID: \(learner)")
        XCTAssertEqual(page.values["questions"]?.array?.count, 3)
        XCTAssertEqual(try store.scalar("SELECT COUNT(*) FROM assessment_attempts"), 1)
        XCTAssertEqual(try store.scalar("SELECT COUNT(*) FROM assessment_attempts WHERE learner = ?", learner), 0, "kept only as a keyed hash")
        XCTAssertNotEqual(start("first").values["learner"]?.string, learner, "another browser without an id gets its own")
        XCTAssertEqual(start("first", learner: learner.uppercased()).values["learner"]?.string, learner, "a learner id sent back is kept")
    }

    func testAFailedFormAttemptMarksWithoutTheAnswersThenTheUsedUpRoundRevealsThemAndNamesTheRetakeDay() throws {
        let first = start("first")
        let marked = submit("first", first, right: false)
        XCTAssertEqual(marked.status, 200)
        XCTAssertEqual(marked.template, "served-result")
        XCTAssertEqual(marked.values["score"]?.number, 0)
        XCTAssertEqual(marked.values["passed"]?.bool, false)
        XCTAssertEqual(marked.values["attemptsLeft"]?.number, 1)
        XCTAssertEqual(marked.values["canRetry"]?.bool, true)
        XCTAssertEqual(marked.values["learner"], first.values["learner"], "the result page carries the learner on")
        for question in marked.values["questions"]?.array ?? [] {
            let item = try XCTUnwrap(question.object)
            XCTAssertEqual(item["correct"]?.bool, false)
            XCTAssertEqual(item["hints"]?.bool, true, "a wrong answer shows its hints")
            XCTAssertEqual(item["chosen"]?.array?.count, 1)
            XCTAssertNil(item["answer"], "but not the right option while an attempt is left")
        }
        let again = start("first", learner: first.values["learner"]?.string)
        let last = submit("first", again, right: false)
        XCTAssertEqual(last.values["attemptsLeft"]?.number, 0)
        XCTAssertEqual(last.values["canRetry"]?.bool, false)
        // Started at hour 490,194 (2 December 2025, 18:00 UTC): a fresh set opens seven days on.
        XCTAssertEqual(last.values["retakeFrom"]?.string, "9 December 2025")
        XCTAssertNotNil(last.values["questions"]?.array?.first?.object?["answer"], "the round used up, the right options are shown")

        let refused = start("first", learner: first.values["learner"]?.string)
        XCTAssertEqual(refused.status, 409)
        XCTAssertEqual(refused.template, "served-problem")
        XCTAssertEqual(refused.values["problem"]?.object?["isAttemptsUsed"]?.bool, true)
        XCTAssertEqual(refused.values["retakeFrom"]?.string, "9 December 2025")
        XCTAssertEqual(refused.headers.first { $0.name == "Retry-After" }?.value, String(7 * 24 * 3600))
        XCTAssertEqual(refused.values["learner"], first.values["learner"], "so the course's other quizzes can still be started")
    }

    func testPassingEveryQuizByFormGivesACertificatePageThatVerifies() throws {
        let first = start("first")
        let learner = try XCTUnwrap(first.values["learner"]?.string)
        let passed = submit("first", first, right: true)
        XCTAssertEqual(passed.values["passed"]?.bool, true)
        XCTAssertEqual(passed.values["canRetry"]?.bool, false)
        XCTAssertNotNil(passed.values["questions"]?.array?.first?.object?["answer"], "passed: the right options may be shown")
        let again = start("first", learner: learner)
        XCTAssertEqual(again.status, 409)
        XCTAssertEqual(again.values["problem"]?.object?["isAlreadyPassed"]?.bool, true)

        let early = form("/api/v1/certificates", "learner=\(learner)&course=staff")
        XCTAssertEqual(early.status, 409)
        XCTAssertEqual(early.values["problem"]?.object?["isNotPassed"]?.bool, true)
        XCTAssertEqual(early.values["remaining"]?.array, [.string("second")], "the page can name what is still to pass")

        _ = submit("second", start("second", learner: learner), right: true)
        let certificate = form("/api/v1/certificates", "learner=\(learner)&course=staff")
        XCTAssertEqual(certificate.status, 201)
        XCTAssertEqual(certificate.template, "served-certificate")
        XCTAssertEqual(certificate.values["courseTitle"]?.string, "Relational practice")
        // The store dates a certificate by its own clock, to the day.
        let today = CalendarDay(daysSince1970: Int64(Date().timeIntervalSince1970 / 86_400)).written
        XCTAssertEqual(certificate.values["issuedWritten"]?.string, today)
        XCTAssertEqual(certificate.values["verifyAddress"]?.string, "http://hub.example/verify/")
        XCTAssertNil(certificate.values["learner"], "the certificate page carries no learner id")
        let code = try XCTUnwrap(certificate.values["code"]?.string)
        XCTAssertNotNil(code.range(of: #"^[0-9A-Z]{5}-[0-9A-Z]{5}$"#, options: .regularExpression))

        let valid = form("/api/v1/verify", "", method: "GET", query: "code=" + code.lowercased().replacingOccurrences(of: "-", with: "+"))
        XCTAssertEqual(valid.status, 200)
        XCTAssertEqual(valid.template, "served-verification")
        XCTAssertEqual(valid.values["isValid"]?.bool, true)
        XCTAssertEqual(valid.values["courseTitle"]?.string, "Relational practice")
        XCTAssertEqual(valid.values["issuedWritten"]?.string, today)

        _ = try store.waiting { store.withdrawCertificate(code: CertificateCode(typed: code)!.characters, completion: $0) }
        let withdrawn = form("/api/v1/verify", "", method: "GET", query: "code=\(code)")
        XCTAssertEqual(withdrawn.values["isWithdrawn"]?.bool, true)
        XCTAssertEqual(withdrawn.values["withdrawnWritten"]?.string, today)
    }

    func testTheVerifyPageSaysWhatItFoundAndCountsLookupsLikeTheAPI() {
        let empty = form("/api/v1/verify", "", method: "GET")
        XCTAssertEqual(empty.status, 200, "no code yet: just the form")
        XCTAssertEqual(empty.values["outcome"]?.string, "none")
        let unknown = form("/api/v1/verify", "", method: "GET", query: "code=7KQ2M-PX9RD")
        XCTAssertEqual(unknown.status, 404)
        XCTAssertEqual(unknown.values["isNotFound"]?.bool, true)
        XCTAssertEqual(unknown.values["code"]?.string, "7KQ2M-PX9RD", "the form shows what was typed")
        let invalid = form("/api/v1/verify", "", method: "GET", query: "code=%3Cb%3E")
        XCTAssertEqual(invalid.status, 400)
        XCTAssertEqual(invalid.values["isInvalid"]?.bool, true)
        for _ in 0..<18 { _ = form("/api/v1/verify", "", method: "GET", query: "code=7KQ2M-PX9RD") }
        let limited = form("/api/v1/verify", "", method: "GET", query: "code=7KQ2M-PX9RD")
        XCTAssertEqual(limited.status, 429, "twenty lookups a minute from one client, pages and JSON alike")
        XCTAssertEqual(limited.values["isTooMany"]?.bool, true)
        XCTAssertNotNil(limited.headers.first { $0.name == "Retry-After" })
    }

    func testBadFormsAreRefusedWithAPageThatSaysWhat() {
        let attempt = start("first")
        let path = "/api/v1/assessments/staff/first/attempts/\(attempt.values["attempt"]?.string ?? "")"
        let cases: [(String, String, Int, String)] = [
            (path, "answer-q1=0", 400, "missing_field"),
            (path, "learner=sam", 400, "invalid_learner"),
            (path, "learner=\(attempt.values["learner"]?.string ?? "")&answer-q1=%ZZ", 400, "malformed_form"),
            (path, "learner=\(attempt.values["learner"]?.string ?? "")&answer-q1=%C3%28", 400, "malformed_form"),
            (path, "learner=\(attempt.values["learner"]?.string ?? "")&name=Sam", 400, "unknown_field"),
            (path, "learner=\(attempt.values["learner"]?.string ?? "")&answer-nope=0", 422, "unknown_id"),
            (path, "learner=\(attempt.values["learner"]?.string ?? "")&answer-q1=7", 422, "out_of_range"),
            ("/api/v1/assessments/staff/nope/attempts", "", 404, "not_found"),
            ("/api/v1/certificates", "learner=\(attempt.values["learner"]?.string ?? "")&course=nope", 422, "no_certificate"),
        ]
        for (path, body, status, code) in cases {
            let page = form(path, body)
            XCTAssertEqual(page.status, status, body)
            XCTAssertEqual(page.template, "served-problem", body)
            XCTAssertEqual(page.values["problem"]?.object?["code"]?.string, code, body)
            XCTAssertEqual(page.values["problem"]?.object?[ServerPages.flag(code)]?.bool, true, body)
        }
        let other = form(path, "learner=00000000-0000-4000-8000-000000000000&answer-q1=0")
        XCTAssertEqual(other.status, 404, "another learner cannot submit this attempt")
    }

    func testWithoutPagesTheRoutesTakeJSONOnly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-forms-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let plain = APIRouter(manifest: ManifestIndex(), store: store, site: try StaticSite(folder: folder.path),
                              assessments: AssessmentBook(courses: [AssessedCourse(id: "staff", title: "T", passMark: nil, certificate: true,
                                                                                   retakeAfterDays: 7, quizzes: ["first": Self.key("first")])]))
        let request = HTTPRequest(method: "POST", path: "/api/v1/assessments/staff/first/attempts",
                                  headers: [("content-type", "application/x-www-form-urlencoded")], body: [])
        XCTAssertEqual(plain.reply(to: request).waitForResponse().status.code, 415)
        XCTAssertEqual(plain.reply(to: HTTPRequest(method: "GET", path: "/api/v1/verify", query: "code=x")).waitForResponse().status.code, 404)
    }

    func testFormBodiesDecodeAsBrowsersEncodeThem() throws {
        let form = try FormBody(bytes: Array("a=1+2&b=%C3%A9t%C3%A9&c&a=3&=&d=%2B".utf8))
        XCTAssertEqual(form.fields.map(\.name), ["a", "b", "c", "a", "", "d"])
        XCTAssertEqual(form.fields.map(\.value), ["1 2", "été", "", "3", "", "+"])
        XCTAssertEqual(form.value("a"), "1 2", "the first of a repeated name")
        XCTAssertThrowsError(try FormBody(bytes: Array("a=%4".utf8)))
        XCTAssertThrowsError(try FormBody(bytes: Array(repeating: "x=1&", count: 1001).joined().utf8.map { $0 }))
        XCTAssertTrue(FormBody.isForm(HTTPRequest(method: "POST", path: "/", headers: [("content-type", "Application/X-WWW-Form-Urlencoded; charset=UTF-8")])))
        XCTAssertFalse(FormBody.isForm(HTTPRequest(method: "POST", path: "/", headers: [("content-type", "application/json")])))
    }
}
