/// Scores a submitted attempt against its key: a question counts when the options chosen are exactly the
/// right ones (all of them, for a multiple-choice question); an unanswered question counts as wrong.
package enum AttemptScorer {
    /// One question's outcome.
    package struct Marked: Sendable, Equatable {
        package var question: String
        package var correct: Bool
        package var chosen: [Int]
    }

    /// The score (0–100, rounded to the nearest whole number) and each question's outcome, in the order asked.
    package static func score(asked: [String], answers: [String: Set<Int>], key: AssessmentKey) -> (score: Int, marked: [Marked]) {
        let marked = asked.map { id -> Marked in
            let chosen = answers[id] ?? []
            let right = key.question(id)?.correct ?? []
            return Marked(question: id, correct: !chosen.isEmpty && chosen == right, chosen: chosen.sorted())
        }
        guard !marked.isEmpty else { return (0, []) }
        let correct = marked.filter(\.correct).count
        return ((correct * 200 + marked.count) / (2 * marked.count), marked)
    }
}
