import Foundation
import HearthHTTP
import HearthJSON
import HearthStore

/// The quiz without JavaScript: the same routes take an HTML form and answer with a page. There is no storage in
/// such a browser and the site sets no cookies, so the learner id is made here on the first start and then travels
/// in each page's hidden fields.
extension AttemptsEndpoint {
    func startForm(course: String, quiz: String, _ request: HTTPRequest, pages: ServerPages) -> HTTPReply {
        guard let key = book.key(course: course, quiz: quiz), let assessed = book.courses[course] else {
            return .now(pages.problem(Self.noSuchQuiz(course: course, quiz: quiz)))
        }
        let learner: String
        do {
            let form = try FormBody(request)
            try form.allow({ $0 == "learner" }, what: "the start of an attempt")
            learner = try form.learner() ?? UUID().uuidString.lowercased()
        } catch {
            return .now(pages.problem(Self.apiError(error), course: course, quiz: quiz))
        }
        return .later { respond in
            begin(learner: learner, key: key, course: assessed) { result in
                switch result {
                case .success(let attempt):
                    respond(pages.response(.ok, ServerPage(template: "served-attempt", course: course, quiz: quiz, values: [
                        "learner": .string(learner),
                        "attempt": .string(attempt.id),
                        "round": .number(Double(attempt.round)),
                        "attempts": key.attempts.map { .number(Double($0)) } ?? .null,
                        "passMark": .number(Double(key.passMark)),
                        "questions": .array(attempt.questions.map { .object(["id": .string($0)]) }),
                    ])))
                case .failure(let error):
                    respond(Self.problemPage(error, course: course, quiz: quiz, learner: learner, pages: pages))
                }
            }
        }
    }

    func submitForm(course: String, quiz: String, attempt id: String, _ request: HTTPRequest, pages: ServerPages) -> HTTPReply {
        guard let key = book.key(course: course, quiz: quiz), let assessed = book.courses[course] else {
            return .now(pages.problem(Self.noSuchQuiz(course: course, quiz: quiz)))
        }
        let learner: String
        let answers: [String: Set<Int>]
        do {
            let form = try FormBody(request)
            try form.allow({ $0 == "learner" || $0.hasPrefix(Self.answerPrefix) }, what: "a submitted attempt")
            guard let sent = try form.learner() else {
                throw APIError(.badRequest, code: "missing_field", message: "'learner' is required: the page that asked the questions carries it",
                               field: "learner")
            }
            learner = sent
            // Each chosen option is a field `answer-{question}` whose value is the option's number from 0.
            var chosen: [(question: String, options: [Double?])] = []
            for field in form.fields where field.name.hasPrefix(Self.answerPrefix) {
                let question = String(field.name.dropFirst(Self.answerPrefix.count))
                let option = Int(field.value).map(Double.init)
                if let index = chosen.firstIndex(where: { $0.question == question }) {
                    chosen[index].options.append(option)
                } else {
                    chosen.append((question, [option]))
                }
            }
            answers = try Self.answers(chosen, key: key)
        } catch {
            return .now(pages.problem(Self.apiError(error), course: course, quiz: quiz))
        }
        return .later { respond in
            mark(id, learner: learner, answers: answers, key: key, course: assessed) { result in
                switch result {
                case .success(let outcome):
                    respond(pages.response(.ok, ServerPage(template: "served-result", course: course, quiz: quiz,
                                                           values: Self.values(outcome, key: key, learner: learner))))
                case .failure(let error):
                    respond(Self.problemPage(error, course: course, quiz: quiz, learner: learner, pages: pages))
                }
            }
        }
    }

    /// Form fields named `answer-{question id}` carry the chosen options.
    static let answerPrefix = "answer-"

    /// A scored attempt for the result page: which questions were right, the options chosen, whether to show hints,
    /// and the right options only when the JSON answer would show them too.
    private static func values(_ outcome: AttemptOutcome, key: AssessmentKey, learner: String) -> JSONObject {
        var values: JSONObject = [
            "learner": .string(learner),
            "score": .number(Double(outcome.score)),
            "passed": .bool(outcome.passed),
            "passMark": .number(Double(key.passMark)),
            "attemptsLeft": outcome.attemptsLeft.map { .number(Double($0)) } ?? .null,
            "canRetry": .bool(!outcome.passed && outcome.attemptsLeft != 0),
            "questions": .array(outcome.marked.map { mark in
                var item: JSONObject = ["id": .string(mark.question), "correct": .bool(mark.correct), "hints": .bool(!mark.correct),
                                        "chosen": .array(mark.chosen.map { .number(Double($0)) })]
                if outcome.reveal {
                    item.members.append((key: "answer", value: .array((key.question(mark.question)?.correct.sorted() ?? []).map { .number(Double($0)) })))
                }
                return .object(item)
            }),
        ]
        if let retake = outcome.retakeFrom {
            values.members.append((key: "retakeFrom", value: .string(retake.written)))
        }
        return values
    }

    /// A refusal as a page that keeps the learner id, so the learner can go on to the course's other quizzes.
    private static func problemPage(_ error: Error, course: String, quiz: String, learner: String, pages: ServerPages) -> HTTPResponse {
        var values: JSONObject = ["learner": .string(learner)]
        if let used = error as? RoundUsedUp {
            values.members.append((key: "retakeFrom", value: .string(CalendarDay(hour: used.opensHour).written)))
        }
        return pages.problem(apiError(error), course: course, quiz: quiz, values: values)
    }
}
