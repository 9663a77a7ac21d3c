/// Counts for one course's usage figures, as the store reads them (before any disclosure control).
package struct UsageRows: Sendable, Equatable {
    /// month (`YYYY-MM`) → area (`none` when the event named none) → count.
    package var started: [String: [String: Int]] = [:]
    package var completed: [String: [String: Int]] = [:]
    /// module → area → count.
    package var modulesStarted: [String: [String: Int]] = [:]
    package var modulesCompleted: [String: [String: Int]] = [:]
    /// quiz → score (0–1, as sent) → completions with that score.
    package var quizScores: [String: [Double: Int]] = [:]

    package init() {}
}

/// Counts for one course's funnel.
package struct FunnelRows: Sendable, Equatable {
    package var coursesStarted = 0
    package var coursesCompleted = 0
    /// module → count.
    package var modulesStarted: [String: Int] = [:]
    package var modulesCompleted: [String: Int] = [:]
    /// Distinct research participants: with anything linked to the course, with a before answer, who completed it,
    /// with an after answer, with a follow-up answer.
    package var participants = 0
    package var answeredBefore = 0
    package var participantsCompleted = 0
    package var answeredAfter = 0
    package var answeredFollowUp = 0

    package init() {}
}

/// One participant's answers to one measure for one course, by occasion.
package struct ParticipantAnswers: Sendable, Equatable {
    /// One occasion's response.
    package struct Response: Sendable, Equatable {
        package var hour: Int64
        package var area: String?
        package var answers: [String: Int]
    }

    /// The keyed hash the store keeps.
    package var participant: String
    package var before: Response?
    package var after: Response?
    package var followUp: Response?
}

/// One stored response as a row-level export gives it.
package struct ResponseExportRow: Sendable, Equatable {
    package var participant: String?
    package var course: String?
    package var area: String?
    package var measure: String
    package var occasion: String
    package var hour: Int64
    package var answers: [String: Int]
}

/// One stored event as a row-level export gives it: never its arrival order.
package struct EventExportRow: Sendable, Equatable {
    package var id: String
    package var type: String
    package var course: String
    package var module: String?
    package var quiz: String?
    package var score: Double?
    package var area: String?
    package var participant: String?
    package var hour: Int64
}

/// A calendar month as the research queries count it: its label and its first and last hours (UTC).
package struct MonthSpan: Sendable, Equatable {
    /// `YYYY-MM`.
    package var label: String
    package var firstHour: Int64
    package var lastHour: Int64

    package init(label: String, firstHour: Int64, lastHour: Int64) {
        self.label = label
        self.firstHour = firstHour
        self.lastHour = lastHour
    }
}
