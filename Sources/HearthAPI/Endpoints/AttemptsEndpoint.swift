import Foundation
import HearthHTTP
import HearthJSON
import HearthStore

/// `POST /assessments/{course}/{quiz}/attempts` starts an attempt at an assessed quiz: the server draws the
/// questions and enforces the attempt limit. `POST …/attempts/{attempt}` submits the chosen options: the server
/// scores them and says which were wrong, with hints and teaching feedback, and reveals the right options only
/// once the quiz is passed or the round's attempts are used up.
///
/// Both take JSON from the theme's script, or an HTML form from a browser without JavaScript, answered with a page
/// (`pages`): the learner id then travels in the pages' hidden fields, made by the server on the first start.
struct AttemptsEndpoint: Sendable {
    let book: AssessmentBook
    let store: any EventStore
    /// Seconds since 1970: the hour stamps attempts and decides when a fresh round opens.
    let clock: @Sendable () -> Double
    /// How forms are answered; nil answers JSON only (a form is then 415).
    var pages: ServerPages? = nil

    func start(course: String, quiz: String, _ request: HTTPRequest) -> HTTPReply {
        if let pages, FormBody.isForm(request) { return startForm(course: course, quiz: quiz, request, pages: pages) }
        guard let key = book.key(course: course, quiz: quiz), let assessed = book.courses[course] else {
            return .now(Self.noSuchQuiz(course: course, quiz: quiz).response)
        }
        let learner: String
        do {
            let body = try JSONBody(request)
            try body.allow(["learner"], what: "an attempt")
            learner = try body.uuid("learner", required: true)!
        } catch {
            return .now(Self.refusal(error))
        }
        return .later { respond in
            begin(learner: learner, key: key, course: assessed) { result in
                switch result {
                case .success(let attempt):
                    respond(JSONAnswer.response(.created, [
                        "attempt": .string(attempt.id),
                        "round": .number(Double(attempt.round)),
                        "attempts": key.attempts.map { .number(Double($0)) } ?? .null,
                        "passMark": .number(Double(key.passMark)),
                        "questions": .array(attempt.questions.map(JSONValue.string)),
                    ]))
                case .failure(let error):
                    respond(Self.refusal(error))
                }
            }
        }
    }

    /// Draws and records an attempt, or refuses: the quiz passed already, or the round's attempts used.
    func begin(learner: String, key: AssessmentKey, course: AssessedCourse, completion: @escaping StoreCompletion<StoredAttempt>) {
        let now = Int64(clock() / 3600)
        store.startAttempt(learner: learner, course: course.id, quiz: key.quiz, hour: now, plan: { earlier in
            switch AttemptPolicy.decide(earlier: earlier, limit: key.attempts, retakeAfterDays: course.retakeAfterDays, nowHour: now) {
            case .alreadyPassed:
                throw APIError(.conflict, code: "already_passed", message: "this quiz is passed already; nothing more to attempt")
            case .usedUp(let opens):
                throw RoundUsedUp(opensHour: opens, nowHour: now)
            case .start(let round, _):
                var generator = SystemRandomNumberGenerator()
                let seen = Set(earlier.flatMap(\.questions))
                return PlannedAttempt(round: round, questions: QuestionDraw.draw(from: key.questions.map(\.id), count: key.draw,
                                                                                 seen: seen, using: &generator))
            }
        }, completion: completion)
    }

    func submit(course: String, quiz: String, attempt id: String, _ request: HTTPRequest) -> HTTPReply {
        if let pages, FormBody.isForm(request) { return submitForm(course: course, quiz: quiz, attempt: id, request, pages: pages) }
        guard let key = book.key(course: course, quiz: quiz), let assessed = book.courses[course] else {
            return .now(Self.noSuchQuiz(course: course, quiz: quiz).response)
        }
        let learner: String
        let answers: [String: Set<Int>]
        do {
            let body = try JSONBody(request)
            try body.allow(["learner", "answers"], what: "a submitted attempt")
            learner = try body.uuid("learner", required: true)!
            answers = try Self.answers(body, key: key)
        } catch {
            return .now(Self.refusal(error))
        }
        return .later { respond in
            mark(id, learner: learner, answers: answers, key: key, course: assessed) { result in
                switch result {
                case .success(let outcome):
                    respond(Self.json(outcome, key: key))
                case .failure(let error):
                    respond(Self.refusal(error))
                }
            }
        }
    }

    /// Scores and records a submitted attempt, and works out what its learner may be told.
    func mark(_ id: String, learner: String, answers: [String: Set<Int>], key: AssessmentKey, course: AssessedCourse,
                      completion: @escaping StoreCompletion<AttemptOutcome>) {
        let now = Int64(clock() / 3600)
        let quiz = key.quiz
        store.submitAttempt(id: id.lowercased(), learner: learner, score: { attempt in
            guard let attempt, attempt.course == course.id, attempt.quiz == quiz else {
                throw APIError(.notFound, code: "not_found", message: "this learner has no attempt \(id) at this quiz")
            }
            guard !attempt.isSubmitted else {
                throw APIError(.conflict, code: "already_submitted", message: "this attempt was submitted already; start a new one")
            }
            if let stray = answers.keys.sorted().first(where: { !attempt.questions.contains($0) }) {
                throw APIError(.unprocessable, code: "unknown_id", message: "question '\(stray)' was not asked in this attempt", field: "answers.\(stray)")
            }
            let score = AttemptScorer.score(asked: attempt.questions, answers: answers, key: key).score
            return AttemptScore(score: score, passed: score >= key.passMark)
        }) { result in
            completion(result.flatMap { attempts in
                guard let attempt = attempts.first(where: { $0.id == id.lowercased() }) else {
                    return .failure(APIError(.notFound, code: "not_found", message: "no such attempt"))
                }
                return .success(AttemptOutcome(attempt, among: attempts, answers: answers, key: key, course: course, nowHour: now))
            })
        }
    }

    /// The chosen options: question id → option indexes.
    private static func answers(_ body: JSONBody, key: AssessmentKey) throws -> [String: Set<Int>] {
        guard let raw = body.value("answers")?.object else {
            throw APIError(.badRequest, code: "missing_field", message: "'answers' is required: an object of question id to a list of option numbers",
                           field: "answers")
        }
        return try answers(raw.members.map { question, value in
            guard let list = value.array else {
                throw APIError(.badRequest, code: "invalid_field", message: "each answer is a list of option numbers", field: "answers.\(question)")
            }
            return (question, list.map { $0.number })
        }, key: key)
    }

    /// Checks each question's chosen option numbers (nil for one that is not a number) against the quiz's key.
    static func answers(_ raw: [(question: String, options: [Double?])], key: AssessmentKey) throws -> [String: Set<Int>] {
        var answers: [String: Set<Int>] = [:]
        for (question, list) in raw {
            guard let known = key.question(question) else {
                throw APIError(.unprocessable, code: "unknown_id", message: "this quiz has no question '\(JSONBody.prefix(question, bytes: 100))'",
                               field: "answers.\(JSONBody.prefix(question, bytes: 100))")
            }
            guard list.count <= known.optionCount else {
                throw APIError(.badRequest, code: "invalid_field", message: "each answer is a list of option numbers", field: "answers.\(question)")
            }
            var chosen: Set<Int> = []
            for item in list {
                guard let number = item, let option = Int(exactly: number), option >= 0, option < known.optionCount else {
                    throw APIError(.unprocessable, code: "out_of_range",
                                   message: "options of '\(question)' are numbered 0 to \(known.optionCount - 1)", field: "answers.\(question)")
                }
                chosen.insert(option)
            }
            answers[question] = chosen
        }
        return answers
    }

    /// The JSON answer to a scored attempt: hints and teaching feedback as HTML, the right options only when revealed.
    private static func json(_ outcome: AttemptOutcome, key: AssessmentKey) -> HTTPResponse {
        var members: JSONObject = [
            "score": .number(Double(outcome.score)),
            "passed": .bool(outcome.passed),
            "passMark": .number(Double(key.passMark)),
            "attemptsLeft": outcome.attemptsLeft.map { .number(Double($0)) } ?? .null,
        ]
        if let retake = outcome.retakeFrom {
            members.members.append((key: "retakeFrom", value: .string(retake.iso)))
        }
        members.members.append((key: "questions", value: .array(outcome.marked.map { mark in
            let question = key.question(mark.question)
            var item: JSONObject = ["id": .string(mark.question), "correct": .bool(mark.correct)]
            if !mark.correct { item.members.append((key: "hints", value: .array((question?.hints ?? []).map(JSONValue.string)))) }
            item.members.append((key: "feedback", value: .array(mark.chosen.compactMap { option in
                guard let text = question?.feedback[safe: option], !text.isEmpty else { return nil }
                return .object(["option": .number(Double(option)), "html": .string(text)])
            })))
            if outcome.reveal { item.members.append((key: "answer", value: .array((question?.correct.sorted() ?? []).map { .number(Double($0)) }))) }
            return .object(item)
        })))
        return JSONAnswer.response(.ok, members)
    }

    static func noSuchQuiz(course: String, quiz: String) -> APIError {
        APIError(.notFound, code: "not_found", message: "there is no assessed quiz '\(JSONBody.prefix(quiz, bytes: 100))' in course '\(JSONBody.prefix(course, bytes: 100))'")
    }

    static func refusal(_ error: Error) -> HTTPResponse {
        apiError(error).response
    }

    /// Any refusal in the API's terms: its own, a used-up round, or the store's.
    static func apiError(_ error: Error) -> APIError {
        if let error = error as? APIError { return error }
        if let used = error as? RoundUsedUp { return used.apiError }
        return StoreReply.failure(error)
    }
}

/// Every attempt of the round is used and the quiz is not passed: a fresh round opens at `opensHour`.
struct RoundUsedUp: Error {
    var opensHour: Int64
    var nowHour: Int64

    var apiError: APIError {
        APIError(.conflict, code: "attempts_used", message: "every attempt in this round is used; a fresh set opens on \(CalendarDay(hour: opensHour).iso)",
                 headers: [("Retry-After", String(max(1, (opensHour - nowHour) * 3600)))])
    }
}

/// What a scored attempt tells its learner, whether as JSON or as a page.
struct AttemptOutcome: Sendable {
    var score: Int
    var passed: Bool
    /// Attempts left in the round (0 once passed); nil without a limit.
    var attemptsLeft: Int?
    /// When a fresh round opens, once this one is used up without a pass.
    var retakeFrom: CalendarDay?
    var marked: [AttemptScorer.Marked]
    /// Whether the right options may be shown: only once the quiz is passed or the round's attempts are used up.
    var reveal: Bool

    init(_ attempt: StoredAttempt, among attempts: [StoredAttempt], answers: [String: Set<Int>], key: AssessmentKey,
         course: AssessedCourse, nowHour: Int64) {
        passed = attempt.passed == true
        score = attempt.score ?? 0
        let inRound = attempts.filter { $0.round == attempt.round }
        let left = key.attempts.map { max(0, $0 - inRound.count) }
        attemptsLeft = passed ? 0 : left
        reveal = passed || left == 0
        if !passed, left == 0 {
            retakeFrom = CalendarDay(hour: (inRound.map(\.startedHour).max() ?? nowHour) + Int64(course.retakeAfterDays) * 24)
        }
        marked = AttemptScorer.score(asked: attempt.questions, answers: answers, key: key).marked
    }
}

extension Array {
    /// The element at `index`, or nil past either end.
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
