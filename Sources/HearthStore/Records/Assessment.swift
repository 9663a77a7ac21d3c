/// An attempt at an assessed quiz as the store keeps it: the learner only as a keyed hash, the time
/// only to the hour, and no answers — just which questions were asked and the score.
package struct StoredAttempt: Sendable, Equatable {
    /// Random, made by the server when the attempt starts.
    package var id: String
    package var course: String
    package var quiz: String
    /// Attempts come in rounds: when a round's attempts are used up, a fresh round opens after the course's
    /// `retake-after-days`.
    package var round: Int
    /// The question ids asked, in the order shown.
    package var questions: [String]
    package var startedHour: Int64
    /// Set once the attempt is submitted and scored.
    package var score: Int?
    package var passed: Bool?

    package init(id: String, course: String, quiz: String, round: Int, questions: [String], startedHour: Int64,
                 score: Int? = nil, passed: Bool? = nil) {
        self.id = id
        self.course = course
        self.quiz = quiz
        self.round = round
        self.questions = questions
        self.startedHour = startedHour
        self.score = score
        self.passed = passed
    }

    package var isSubmitted: Bool { score != nil }
}

/// What a new attempt will ask: decided from the learner's earlier attempts, in the writer's transaction.
package struct PlannedAttempt: Sendable, Equatable {
    package var round: Int
    package var questions: [String]

    package init(round: Int, questions: [String]) {
        self.round = round
        self.questions = questions
    }
}

/// A submitted attempt's result, to record.
package struct AttemptScore: Sendable, Equatable {
    /// 0–100.
    package var score: Int
    package var passed: Bool

    package init(score: Int, passed: Bool) {
        self.score = score
        self.passed = passed
    }
}

/// A certificate as the store keeps it: the course and the day, under a hash of its code — no name,
/// no learner, nothing else.
package struct CertificateRecord: Sendable, Equatable {
    package var course: String
    /// Days since 1970-01-01 (UTC).
    package var issuedDay: Int64
    /// When it was withdrawn, if it was.
    package var withdrawnDay: Int64?

    package init(course: String, issuedDay: Int64, withdrawnDay: Int64? = nil) {
        self.course = course
        self.issuedDay = issuedDay
        self.withdrawnDay = withdrawnDay
    }
}
