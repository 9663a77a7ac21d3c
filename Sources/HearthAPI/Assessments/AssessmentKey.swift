/// What the server needs to run one assessed quiz: its questions with the right options, the hints and
/// the teaching feedback — kept on the server, never in the built site.
package struct AssessmentKey: Sendable {
    /// One question: which options are right, and what to say about each.
    package struct Question: Sendable {
        package var id: String
        /// Indexes of the right options (for a multiple-choice question, all of them must be chosen).
        package var correct: Set<Int>
        package var optionCount: Int
        /// Hints as HTML, shown with a question answered wrongly.
        package var hints: [String]
        /// Per option, the feedback that teaches, as HTML.
        package var feedback: [String]

        package init(id: String, correct: Set<Int>, optionCount: Int, hints: [String], feedback: [String]) {
            self.id = id
            self.correct = correct
            self.optionCount = optionCount
            self.hints = hints
            self.feedback = feedback
        }
    }

    package var course: String
    package var quiz: String
    package var title: String
    /// 0–100: the score an attempt needs to pass.
    package var passMark: Int
    /// Attempts in a round; nil for as many as the learner likes.
    package var attempts: Int?
    /// Questions drawn from the pool per attempt; nil to ask every question, in order.
    package var draw: Int?
    /// The pool, in the author's order.
    package var questions: [Question]

    package init(course: String, quiz: String, title: String, passMark: Int, attempts: Int?, draw: Int?, questions: [Question]) {
        self.course = course
        self.quiz = quiz
        self.title = title
        self.passMark = passMark
        self.attempts = attempts
        self.draw = draw
        self.questions = questions
    }

    package func question(_ id: String) -> Question? { questions.first { $0.id == id } }
}
