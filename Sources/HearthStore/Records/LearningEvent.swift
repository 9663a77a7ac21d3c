/// An anonymised learning event as the store keeps it.
package struct LearningEvent: Sendable, Hashable {
    /// Client-generated UUID: a retry of the same event is recognised and not stored twice.
    package var id: String
    package var type: String
    package var course: String
    package var module: String?
    package var quiz: String?
    package var score: Double?
    /// ONS code of the local authority, when the person chose one.
    package var area: String?
    /// The raw participant id from the browser, only with consent; the store keeps only its keyed hash.
    package var participant: String?

    package init(id: String, type: String, course: String, module: String? = nil, quiz: String? = nil,
                score: Double? = nil, area: String? = nil, participant: String? = nil) {
        self.id = id
        self.type = type
        self.course = course
        self.module = module
        self.quiz = quiz
        self.score = score
        self.area = area
        self.participant = participant
    }
}
