import HearthStore

/// A course's assessed quizzes and what passing it takes.
package struct AssessedCourse: Sendable {
    package var id: String
    package var title: String
    /// 0–100: the mean of the learner's best scores on the assessed quizzes must reach this (besides each quiz's own
    /// pass mark); nil when the course sets none.
    package var passMark: Int?
    /// Whether passing earns a certificate.
    package var certificate: Bool
    /// Days after the last attempt of a used-up round before a fresh round opens.
    package var retakeAfterDays: Int
    package var quizzes: [String: AssessmentKey]

    package init(id: String, title: String, passMark: Int?, certificate: Bool, retakeAfterDays: Int, quizzes: [String: AssessmentKey]) {
        self.id = id
        self.title = title
        self.passMark = passMark
        self.certificate = certificate
        self.retakeAfterDays = retakeAfterDays
        self.quizzes = quizzes
    }

    /// Whether the learner's attempts pass the course: every assessed quiz passed, and the mean of the best
    /// scores at or above the course's pass mark. The quizzes still to pass otherwise.
    package func standing(of attempts: [StoredAttempt]) -> CourseStanding {
        var best: [String: Int] = [:]
        var passed: Set<String> = []
        for attempt in attempts {
            guard let score = attempt.score else { continue }
            best[attempt.quiz] = max(best[attempt.quiz] ?? 0, score)
            if attempt.passed == true { passed.insert(attempt.quiz) }
        }
        let remaining = quizzes.keys.filter { !passed.contains($0) }.sorted()
        let mean = quizzes.isEmpty ? 0 : quizzes.keys.map { best[$0] ?? 0 }.reduce(0, +) / quizzes.count
        return CourseStanding(remaining: remaining, meanBest: mean, passed: remaining.isEmpty && mean >= (passMark ?? 0))
    }
}

/// Where a learner stands on a course.
package struct CourseStanding: Sendable, Equatable {
    /// Assessed quizzes not yet passed.
    package var remaining: [String]
    /// The mean of the best scores, 0–100 (rounded down).
    package var meanBest: Int
    package var passed: Bool
}
