import Foundation
import XCTest
import HearthContent
import HearthJSON
@testable import HearthSite

/// The pages `hearth serve` draws for forms sent without JavaScript: the theme's layout around the quiz's own words,
/// links from the site root (they are answered at the API's addresses), the learner id in hidden fields, and only
/// the marks the API chose to reveal.
final class ServedPagesTests: XCTestCase {
    private static let site: ContentSite = {
        let (site, diagnostics) = ContentLoader.load(folder: SiteBuildTests.repository.appendingPathComponent("Content").path)
        precondition(!diagnostics.hasErrors)
        return site
    }()

    private static let pages: ServedPages = {
        let theme = try! Theme.load(SiteBuildTests.repository.appendingPathComponent("Themes/default").path, fallback: nil)
        return try! ServedPages(site: site, theme: theme)
    }()

    private let learner = "5a1f0c2e-3b4d-4e6f-8a9b-0c1d2e3f4a5b"
    private let course = "relational-practice"
    private let quiz = "relational-practice-evidence"

    private func render(_ template: String, course: String? = "relational-practice", quiz: String? = "relational-practice-evidence",
                        _ values: JSONObject) throws -> String {
        String(decoding: try Self.pages.render(template: template, course: course, quiz: quiz, values: values), as: UTF8.self)
    }

    private func question(_ id: String) -> Question {
        Self.site.courses.first { $0.id == course }!.modules.flatMap(\.quizzes).first { $0.id == quiz }!.questions.first { $0.id == id }!
    }

    func testTheAttemptPageAsksTheDrawnQuestionsInOrderAndCarriesTheLearnerOn() throws {
        let html = try render("served-attempt", ["learner": .string(learner), "attempt": .string("a1b2"), "passMark": .number(80),
                                                 "attempts": .number(3), "questions": .array([.object(["id": .string("q3")]), .object(["id": .string("q1")])])])
        XCTAssertTrue(html.hasPrefix("<!doctype html>"))
        XCTAssertTrue(html.contains("<title>Why the parents&#39; relationship matters · Hearth: courses for families</title>"))
        XCTAssertTrue(html.contains("action=\"/api/v1/assessments/relational-practice/relational-practice-evidence/attempts/a1b2\""))
        XCTAssertTrue(html.contains("<input type=\"hidden\" name=\"learner\" value=\"\(learner)\">"))
        XCTAssertNotNil(html.range(of: #"href="/assets/hearth\.[0-9a-f]{12}\.css""#, options: .regularExpression), "assets from the site root")
        XCTAssertTrue(html.contains("class=\"quick-exit\""), "the course's quick exit")
        XCTAssertTrue(html.contains("Keep this page open until you finish"))
        let first = try XCTUnwrap(html.range(of: "<span class=\"question__number\">1.</span> Which best describes"))
        let second = try XCTUnwrap(html.range(of: "<span class=\"question__number\">2.</span> Which features make conflict"))
        XCTAssertLessThan(first.lowerBound, second.lowerBound)
        XCTAssertTrue(html.contains("name=\"answer-q3\" value=\"0\" required"), "options numbered from 0, a radio group required")
        XCTAssertTrue(html.contains("name=\"answer-q1\" value=\"3\">"), "a checkbox is not required")
        XCTAssertFalse(html.contains("Early Intervention Foundation&#39;s 2016 review?</legend>") && html.contains("It affects children"),
                       "no feedback before marking")
        for hint in question("q1").hints { XCTAssertFalse(html.contains(hint)) }
    }

    func testTheResultPageShowsOnlyWhatTheAPIRevealed() throws {
        let html = try render("served-result", [
            "learner": .string(learner), "score": .number(50), "passed": .bool(false), "passMark": .number(80), "attemptsLeft": .number(1),
            "canRetry": .bool(true),
            "questions": .array([
                .object(["id": .string("q3"), "correct": .bool(false), "hints": .bool(true), "chosen": .array([.number(1)])]),
                .object(["id": .string("q2"), "correct": .bool(true), "hints": .bool(false), "chosen": .array([.number(1)])]),
            ]),
        ])
        XCTAssertTrue(html.contains("Your score: 50%. Not passed yet. The pass mark is 80%. Attempts left: 1."))
        XCTAssertTrue(html.contains("The review did not say this."), "the teaching feedback on the option chosen")
        XCTAssertFalse(html.contains("It affects children&#39;s mental health"), "not the feedback on the right option, which was not chosen")
        XCTAssertFalse(html.contains("Effects are seen from babies"))
        XCTAssertTrue(html.contains("Right. It is frequent, intense, poorly resolved conflict"), "a right answer's feedback")
        XCTAssertFalse(html.contains("(The right answer)"), "no right options while attempts are left")
        XCTAssertFalse(question("q2").hints.isEmpty)
        XCTAssertFalse(html.contains("<p class=\"hint\">"), "the right answer's hints are not shown (and the wrong one has none)")
        XCTAssertTrue(html.contains("action=\"/api/v1/assessments/relational-practice/relational-practice-evidence/attempts\""), "try again")
        XCTAssertEqual(html.components(separatedBy: "value=\"\(learner)\"").count - 1, 1 + 9, "try again, and each of the course's other nine quizzes")
        XCTAssertFalse(html.contains("/api/v1/certificates"), "no certificate form before passing")

        let revealed = try render("served-result", [
            "learner": .string(learner), "score": .number(100), "passed": .bool(true), "passMark": .number(80), "attemptsLeft": .number(0),
            "canRetry": .bool(false),
            "questions": .array([.object(["id": .string("q1"), "correct": .bool(false), "hints": .bool(true), "chosen": .array([.number(0)]),
                                          "answer": .array([.number(0), .number(1), .number(2)])])]),
        ])
        XCTAssertEqual(revealed.components(separatedBy: "(The right answer)").count - 1, 3)
        XCTAssertTrue(revealed.contains("<strong>Hint:</strong> Think about how often, how intense, and how it ends."))
        XCTAssertTrue(revealed.contains("action=\"/api/v1/certificates\""), "passed: the certificate form")
        XCTAssertTrue(revealed.contains("<input type=\"hidden\" name=\"course\" value=\"relational-practice\">"))
    }

    func testTheCertificateVerificationAndProblemPages() throws {
        let certificate = try render("served-certificate", quiz: nil, ["code": .string("7KQ2M-PX9RD"), "courseTitle": .string("Relational practice for family hub staff"),
                                                                       "issued": .string("2026-12-03"), "issuedWritten": .string("3 December 2026"),
                                                                       "verifyAddress": .string("hub.example/verify/")])
        XCTAssertTrue(certificate.contains("data-kind=\"served-certificate\""), "the print styles key on the page's kind")
        XCTAssertTrue(certificate.contains("<strong data-field=\"code\">7KQ2M-PX9RD</strong>"))
        XCTAssertTrue(certificate.contains("<span data-field=\"issued\">3 December 2026</span>"))
        XCTAssertTrue(certificate.contains(">Relational practice for family hub staff</p>"))
        XCTAssertTrue(certificate.contains("class=\"certificate__line\""), "a line to write the name on")
        XCTAssertTrue(certificate.contains("<title>Your certificate · "))
        XCTAssertFalse(certificate.contains("name=\"learner\""))

        let valid = try render("served-verification", course: nil, quiz: nil, ["code": .string("7kq2m px9rd"), "outcome": .string("valid"), "isValid": .bool(true),
                                                                  "courseTitle": .string("Relational practice for family hub staff"),
                                                                  "issuedWritten": .string("3 December 2026")])
        XCTAssertTrue(valid.contains("<strong>Valid:</strong> Relational practice for family hub staff, issued 3 December 2026"))
        XCTAssertTrue(valid.contains("value=\"7kq2m px9rd\""), "the code typed stays in the box")
        XCTAssertTrue(valid.contains("action=\"/api/v1/verify\" "))
        XCTAssertFalse(valid.contains("class=\"quick-exit\""), "a manager's page, like the built verify page, has no quick exit")
        let missing = try render("served-verification", course: nil, quiz: nil, ["code": .string("x"), "outcome": .string("not-found"), "isNotFound": .bool(true)])
        XCTAssertTrue(missing.contains("We can&#39;t find that code"))

        let used = try render("served-problem", ["problem": .object(["code": .string("attempts_used"), "isAttemptsUsed": .bool(true), "message": .string("m")]),
                                                 "learner": .string(learner), "retakeFrom": .string("10 December 2026")])
        XCTAssertTrue(used.contains("A fresh set of attempts opens on 10 December 2026."))
        XCTAssertTrue(used.contains("href=\"/courses/relational-practice/why-relationships-matter/4.html\""), "read the module again")
        XCTAssertFalse(used.contains(">m</p>"), "the developer's message is not shown where the page has words of its own")
        let short = try render("served-problem", quiz: nil, ["problem": .object(["code": .string("not_passed"), "isNotPassed": .bool(true), "message": .string("m")]),
                                                             "learner": .string(learner), "remaining": .array([.string("relational-practice-self-care")])])
        XCTAssertTrue(short.contains(">Looking after yourself</a></li>"), "what is still to pass, by title")
    }

    func testTheVerifyAddressComesFromTheSiteOrAHostThatIsOnlyAName() {
        XCTAssertEqual(Self.pages.verifyAddress(host: "hub.example:8080"), "hub.example:8080/verify/")
        XCTAssertEqual(Self.pages.verifyAddress(host: "evil.example\"><script>"), "/verify/")
        XCTAssertEqual(Self.pages.verifyAddress(host: nil), "/verify/")
        XCTAssertEqual(ServedPages.rootPath(of: "https://example.org/hub"), "/hub/")
        XCTAssertEqual(ServedPages.rootPath(of: "https://example.org"), "/")
    }
}
