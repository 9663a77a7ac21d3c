import HearthHTTP
import HearthJSON
import HearthStore

/// `POST /assessments/{course}/{quiz}/attempts` starts an attempt at an assessed quiz: the server draws the
/// questions and enforces the attempt limit. `POST …/attempts/{attempt}` submits the chosen options: the server
/// scores them and says which were wrong, with hints and teaching feedback, and reveals the right options only
/// once the quiz is passed or the round's attempts are used up.
struct AttemptsEndpoint: Sendable {
    let book: AssessmentBook
    let store: any EventStore
    /// Seconds since 1970: the hour stamps attempts and decides when a fresh round opens.
    let clock: @Sendable () -> Double

    func start(course: String, quiz: String, _ request: HTTPRequest) -> HTTPReply {
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
        let now = Int64(clock() / 3600)
        let store = self.store
        return .later { respond in
            store.startAttempt(learner: learner, course: course, quiz: quiz, hour: now, plan: { earlier in
                switch AttemptPolicy.decide(earlier: earlier, limit: key.attempts, retakeAfterDays: assessed.retakeAfterDays, nowHour: now) {
                case .alreadyPassed:
                    throw APIError(.conflict, code: "already_passed", message: "this quiz is passed already; nothing more to attempt")
                case .usedUp(let opens):
                    throw APIError(.conflict, code: "attempts_used", message: "every attempt in this round is used; a fresh set opens on \(CalendarDay(hour: opens).iso)",
                                   headers: [("Retry-After", String(max(1, (opens - now) * 3600)))])
                case .start(let round, _):
                    var generator = SystemRandomNumberGenerator()
                    let seen = Set(earlier.flatMap(\.questions))
                    return PlannedAttempt(round: round, questions: QuestionDraw.draw(from: key.questions.map(\.id), count: key.draw,
                                                                                     seen: seen, using: &generator))
                }
            }) { result in
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

    func submit(course: String, quiz: String, attempt id: String, _ request: HTTPRequest) -> HTTPReply {
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
        let now = Int64(clock() / 3600)
        let store = self.store
        return .later { respond in
            store.submitAttempt(id: id.lowercased(), learner: learner, score: { attempt in
                guard let attempt, attempt.course == course, attempt.quiz == quiz else {
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
                switch result {
                case .success(let attempts):
                    guard let attempt = attempts.first(where: { $0.id == id.lowercased() }) else {
                        return respond(APIError(.notFound, code: "not_found", message: "no such attempt").response)
                    }
                    respond(Self.result(of: attempt, among: attempts, answers: answers, key: key, course: assessed, nowHour: now))
                case .failure(let error):
                    respond(Self.refusal(error))
                }
            }
        }
    }

    /// The chosen options: question id → option indexes.
    private static func answers(_ body: JSONBody, key: AssessmentKey) throws -> [String: Set<Int>] {
        guard let raw = body.value("answers")?.object else {
            throw APIError(.badRequest, code: "missing_field", message: "'answers' is required: an object of question id to a list of option numbers",
                           field: "answers")
        }
        var answers: [String: Set<Int>] = [:]
        for (question, value) in raw.members {
            guard let known = key.question(question) else {
                throw APIError(.unprocessable, code: "unknown_id", message: "this quiz has no question '\(JSONBody.prefix(question, bytes: 100))'",
                               field: "answers.\(JSONBody.prefix(question, bytes: 100))")
            }
            guard let list = value.array, list.count <= known.optionCount else {
                throw APIError(.badRequest, code: "invalid_field", message: "each answer is a list of option numbers", field: "answers.\(question)")
            }
            var chosen: Set<Int> = []
            for item in list {
                guard let number = item.number, let option = Int(exactly: number), option >= 0, option < known.optionCount else {
                    throw APIError(.unprocessable, code: "out_of_range",
                                   message: "options of '\(question)' are numbered 0 to \(known.optionCount - 1)", field: "answers.\(question)")
                }
                chosen.insert(option)
            }
            answers[question] = chosen
        }
        return answers
    }

    /// The answer to a scored attempt: right options only once the quiz is passed or the round is used up.
    private static func result(of attempt: StoredAttempt, among attempts: [StoredAttempt], answers: [String: Set<Int>],
                               key: AssessmentKey, course: AssessedCourse, nowHour: Int64) -> HTTPResponse {
        let passed = attempt.passed == true
        let usedInRound = attempts.filter { $0.round == attempt.round }.count
        let left = key.attempts.map { max(0, $0 - usedInRound) }
        let reveal = passed || left == 0
        let marked = AttemptScorer.score(asked: attempt.questions, answers: answers, key: key).marked
        var members: JSONObject = [
            "score": .number(Double(attempt.score ?? 0)),
            "passed": .bool(passed),
            "passMark": .number(Double(key.passMark)),
            "attemptsLeft": passed ? .number(0) : (left.map { .number(Double($0)) } ?? .null),
        ]
        if !passed, left == 0 {
            let opens = (attempts.filter { $0.round == attempt.round }.map(\.startedHour).max() ?? nowHour) + Int64(course.retakeAfterDays) * 24
            members.members.append((key: "retakeFrom", value: .string(CalendarDay(hour: opens).iso)))
        }
        members.members.append((key: "questions", value: .array(marked.map { mark in
            let question = key.question(mark.question)
            var item: JSONObject = ["id": .string(mark.question), "correct": .bool(mark.correct)]
            if !mark.correct { item.members.append((key: "hints", value: .array((question?.hints ?? []).map(JSONValue.string)))) }
            item.members.append((key: "feedback", value: .array(mark.chosen.compactMap { option in
                guard let text = question?.feedback[safe: option], !text.isEmpty else { return nil }
                return .object(["option": .number(Double(option)), "html": .string(text)])
            })))
            if reveal { item.members.append((key: "answer", value: .array((question?.correct.sorted() ?? []).map { .number(Double($0)) }))) }
            return .object(item)
        })))
        return JSONAnswer.response(.ok, members)
    }

    static func noSuchQuiz(course: String, quiz: String) -> APIError {
        APIError(.notFound, code: "not_found", message: "there is no assessed quiz '\(JSONBody.prefix(quiz, bytes: 100))' in course '\(JSONBody.prefix(course, bytes: 100))'")
    }

    static func refusal(_ error: Error) -> HTTPResponse {
        (error as? APIError)?.response ?? StoreReply.failure(error).response
    }
}

extension Array {
    /// The element at `index`, or nil past either end.
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
